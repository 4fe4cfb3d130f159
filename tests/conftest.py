import os
import uuid

import html5lib
import pytest
import pytest_asyncio


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. The middleware activates a member's language
    for the thread of the request, and nothing deactivates it afterwards (each request sets
    its own): without this, a test run after a request by an Italian-speaking member would
    get Italian messages from the services."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _own_channel_layer():
    """Each test gets a channel layer of its own. Every async test runs in an event loop of its
    own, and channels_redis keeps one receive lock per layer, bound to the loop that last waited
    on it: a socket a test left open would hand the next test a lock from a closed loop."""
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest_asyncio.fixture
async def sockets_gone_at_the_end(monkeypatch):
    """Every socket a test opened goes away at the test's end, as a browser's does once the
    server closed it or the page is left: the consumer ends inside the test's event loop.
    Left running, it was cancelled with the loop, every task at once, and a channel-layer
    receive cancelled that way once hung a whole run in the loop's teardown."""
    from channels.testing import WebsocketCommunicator

    opened = []
    connect = WebsocketCommunicator.connect

    async def connect_and_remember(self, *args, **kwargs):
        opened.append(self)
        return await connect(self, *args, **kwargs)

    monkeypatch.setattr(WebsocketCommunicator, "connect", connect_and_remember)
    yield
    for communicator in opened:
        if not communicator.future.done():
            await communicator.disconnect(timeout=3)


@pytest.fixture
def member(db):
    from tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def assert_valid_html(response) -> None:
    """Parse the page with a strict HTML5 parser: any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(response.content.decode())


# --- Suites that need outside services -------------------------------------------------
# `services`: needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL); skipped without them,
# failed instead when ENTRAIDE_REQUIRE_SERVICES=1 (CI). `browser`: needs Debian's Chromium;
# skipped without it, failed instead when ENTRAIDE_REQUIRE_BROWSER=1.
CHROMIUM_PATH = "/usr/bin/chromium"


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _missing_services() -> str:
    from django.conf import settings

    missing = []
    if settings.DATABASE_VENDOR != "postgresql":
        missing.append("PostgreSQL (set DATABASE_URL=postgres://...)")
    if not settings.REDIS_URL:
        missing.append("Redis (set REDIS_URL=redis://...)")
    return " and ".join(missing)


def _missing_browser() -> str:
    if os.access(CHROMIUM_PATH, os.X_OK):
        return ""
    return f"Debian's Chromium ({CHROMIUM_PATH}; apt-get install chromium chromium-driver)"


REQUIRED_SUITES = {"services": "ENTRAIDE_REQUIRE_SERVICES", "browser": "ENTRAIDE_REQUIRE_BROWSER"}
_passed_by_marker = dict.fromkeys(REQUIRED_SUITES, 0)


def pytest_runtest_logreport(report):
    # Runs in the xdist controller too, with the workers' reports.
    if report.when == "call" and report.passed:
        for marker in REQUIRED_SUITES:
            if marker in report.keywords:
                _passed_by_marker[marker] += 1


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """A required suite that ran no test fails the run, whatever else passed."""
    if hasattr(session.config, "workerinput"):
        return
    for marker, flag in REQUIRED_SUITES.items():
        if _env_flag(flag) and not _passed_by_marker[marker] and session.exitstatus == pytest.ExitCode.OK:
            reporter = session.config.pluginmanager.get_plugin("terminalreporter")
            if reporter:
                reporter.ensure_newline()
                reporter.write_line(f"{flag}=1 but no test marked '{marker}' passed: failing the run.", red=True)
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture: a suite whose service is missing skips, or fails where required."""
    for marker, missing in (("services", _missing_services), ("browser", _missing_browser)):
        flag = REQUIRED_SUITES[marker]
        if item.get_closest_marker(marker) is None:
            continue
        absent = missing()
        if not absent:
            continue
        if _env_flag(flag):
            pytest.fail(f"{flag}=1 but this test needs {absent}.", pytrace=False)
        pytest.skip(f"needs {absent}; run `make test-{marker}` where it is available")


@pytest.fixture(autouse=True)
def _own_redis_cache_keys(request):
    """On Redis the cache outlives a test (allauth's rate limits count there): give each
    test its own key prefix so tests and xdist workers never see each other's counts."""
    from django.conf import settings

    cache = settings.CACHES["default"]
    if "redis" not in cache["BACKEND"].lower():
        # The in-process cache lives as long as the test process: start each test empty.
        from django.core.cache import caches

        caches["default"].clear()
        yield
        return
    django_settings = request.getfixturevalue("settings")
    django_settings.CACHES = {"default": {**cache, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}
    yield


@pytest.fixture
def no_flood_limits(monkeypatch):
    """For tests that write or report many times in a row; flood control is tested on its own."""
    from moderation.limits import LIMITS, Limit

    for action in list(LIMITS):
        monkeypatch.setitem(LIMITS, action, Limit(per_minute=10**6, per_hour=10**6,
                                                  new_per_minute=10**6, new_per_hour=10**6))
