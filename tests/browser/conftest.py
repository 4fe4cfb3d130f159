"""Browser tests: a real Entraide (Daphne and the task worker, via `manage.py serve_demo`) on a
temporary SQLite file, driven by Playwright in Debian's Chromium, with an axe-core check of
every page a test visits and no tolerance for Content-Security-Policy violations, script
errors or requests to third parties.

Every test here is marked `browser`: `make test` leaves them out, `make test-browser` runs them.
"""

import email
import email.policy
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import axe_playwright_python
import pytest

from tests.conftest import CHROMIUM_PATH

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
# The server starts clean from these; anything the test run itself set is dropped.
SERVER_VARIABLES_DROPPED = {
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DJANGO_SETTINGS_MODULE",
    "SECURE_SSL_REDIRECT", "ENTRAIDE_PLAIN_STATIC", "ACCOUNT_EMAIL_VERIFICATION", "TASKS_BACKEND", "SITE_URL",
}
STARTUP_SECONDS = 60
# Every page the browser tests load, as the server sent it: (address, HTML), in order. The
# Nu Html Checker reads them all at the end of the run (test_html_validity.py).
VISITED_HTML: list[tuple[str, str]] = []


# --- The server ---------------------------------------------------------------------------


@dataclass
class DemoServer:
    base_url: str
    mail_dir: Path
    log_path: Path

    def url(self, path: str) -> str:
        return self.base_url + path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(workdir: Path, base_url: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in SERVER_VARIABLES_DROPPED}
    env.update(
        DJANGO_SETTINGS_MODULE="entraide.settings",
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{workdir / 'entraide.sqlite3'}",
        EMAIL_URL=f"file://{workdir / 'mail'}",
        ACCOUNT_EMAIL_VERIFICATION="mandatory",
        ENTRAIDE_VAR_DIR=str(workdir / "var"),
        ENTRAIDE_FAST_PASSWORDS="1",
        SITE_URL=base_url,
        PYTHONUNBUFFERED="1",
    )
    return env


def wait_until_healthy(server: DemoServer, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The server stopped while starting (status {process.returncode}):\n{server.log()}")
        try:
            with urllib.request.urlopen(server.url("/healthz"), timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"The server did not answer /healthz within {STARTUP_SECONDS}s:\n{server.log()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """Migrate a fresh SQLite file, start `serve_demo` on a free port, wait for /healthz."""
    workdir = tmp_path_factory.mktemp("entraide-browser")
    (workdir / "mail").mkdir()
    port = free_port()
    server = DemoServer(base_url=f"http://127.0.0.1:{port}", mail_dir=workdir / "mail", log_path=workdir / "server.log")
    env = server_environment(workdir, server.base_url)
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    with serving(server, env):
        yield server


@contextmanager
def serving(server: DemoServer, env: dict):
    """`serve_demo` on the server's port, answering /healthz, until the block ends."""
    port = server.base_url.rsplit(":", 1)[1]
    with server.log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "serve_demo", "--host", "127.0.0.1", "--port", port],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        wait_until_healthy(server, process)
        yield process
    finally:
        stop(process)


@pytest.fixture
def start_shifted_clock_server(demo_server):
    """Start, when the test calls it, a second `serve_demo` on the demo server's database whose
    clock (in Daphne, the task worker and the clock alike: tests/browser/shifted_clock_settings.py)
    runs `seconds` ahead. Cookies belong to a host whatever its port, so a browser signed in on
    the demo server is signed in there too. Stopped at the end of the test."""
    with ExitStack() as running:

        def start(*, seconds: float) -> DemoServer:
            workdir = demo_server.mail_dir.parent
            server = DemoServer(base_url=f"http://127.0.0.1:{free_port()}", mail_dir=demo_server.mail_dir,
                                log_path=workdir / f"server-ahead-{seconds:g}s.log")
            env = server_environment(workdir, server.base_url)
            env.update(DJANGO_SETTINGS_MODULE="tests.browser.shifted_clock_settings",
                       ENTRAIDE_TEST_CLOCK_SHIFT_SECONDS=str(seconds))
            running.enter_context(serving(server, env))
            return server

        yield start


# --- Mail captured by the file backend ----------------------------------------------------


MESSAGE_SEPARATOR = re.compile(rb"\n-{79}\n")


def sent_mails(mail_dir: Path) -> list[email.message.EmailMessage]:
    """Every message the file backend wrote, oldest file first."""
    messages = []
    for path in sorted(mail_dir.glob("*.log"), key=lambda path: path.stat().st_mtime):
        for chunk in MESSAGE_SEPARATOR.split(path.read_bytes()):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.lstrip(), policy=email.policy.default))
    return messages


def mail_text(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part else ""


def wait_for_mail_to(mail_dir: Path, address: str, *, timeout: float = 15) -> email.message.EmailMessage:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in reversed(sent_mails(mail_dir)):
            if address.lower() in str(message["To"]).lower():
                return message
        time.sleep(0.2)
    pytest.fail(f"No mail reached {address} within {timeout}s.")


def confirmation_link(mail_dir: Path, address: str) -> str:
    text = mail_text(wait_for_mail_to(mail_dir, address))
    match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", text)
    assert match, f"No confirmation link in the mail to {address}:\n{text}"
    return match.group(0)


# --- Accessibility and CSP checks ---------------------------------------------------------


AXE_SOURCE_PATH = Path(axe_playwright_python.__file__).parent / "axe.min.js"


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:10]:
            lines.append(f"    at {' '.join(node['target'])}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Run axe-core in the page (injected with evaluate, which the page's CSP does not govern)
    and fail on any serious or critical WCAG 2.1 A/AA violation."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE_PATH.read_text())
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    blocking = [violation for violation in results["violations"] if violation["impact"] in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(f"Accessibility violations on {page.url}:\n{format_violations(blocking)}", pytrace=False)


@dataclass
class CheckedPage:
    """A Playwright page whose every navigation is checked with axe; CSP violations, script
    errors and requests to other hosts fail the test. Navigate only through goto, follow and
    submit."""

    page: object
    server: DemoServer
    problems: list[str] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on("load", lambda page: self.loaded.append(page.url))
        self.page.on("request", self._on_request)

    def _on_console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"CSP violation on {self.page.url}: {message.text}")

    def _on_request(self, request) -> None:
        # No request may leave for a third party (DESIGN.md): no CDN, fonts, analytics.
        if not request.url.startswith((self.server.base_url + "/", "data:", "blob:", "about:")):
            self.problems.append(f"request to a third party from {self.page.url}: {request.url}")

    def check(self, response=None) -> None:
        self.page.wait_for_load_state("load")
        self.assert_no_problems()
        assert_accessible(self.page)
        self.checked.append(self.page.url)
        if response is not None and "text/html" in response.headers.get("content-type", ""):
            VISITED_HTML.append((response.url, response.text()))

    def goto(self, path: str, *, status: int = 200):
        url = path if path.startswith("http") else self.server.url(path)
        response = self.page.goto(url)
        assert response is not None and response.status == status, (
            f"{url} answered {response.status if response else 'nothing'}, expected {status}"
        )
        self.check(response)
        return response

    def follow(self, locator) -> None:
        """Click a link (or anything that navigates) and check the page it leads to."""
        with self.page.expect_navigation() as navigation:
            locator.click()
        self.check(navigation.value)

    def submit(self, button) -> None:
        """Press a form's submit button and check the page the form leads to."""
        with self.page.expect_navigation() as navigation:
            button.click()
        self.check(navigation.value)

    def assert_no_problems(self) -> None:
        if self.problems:
            pytest.fail("\n".join(self.problems), pytrace=False)

    def assert_every_page_checked(self) -> None:
        unchecked = [url for url in self.loaded if url not in self.checked]
        assert not unchecked, f"Pages loaded without an accessibility check: {unchecked}"


def pytest_collection_modifyitems(config, items):
    """The HTML check reads the pages every other browser test loaded: it runs last."""
    last = [item for item in items if item.path.name == "test_html_validity.py"]
    items[:] = [item for item in items if item not in last] + last


# --- Playwright -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_checked_page(chromium, demo_server):
    """Open a fresh browser context (no cookies) with the given viewport; checked on close."""
    opened = []

    def open_page(*, width: int = 1280, height: int = 900, locale: str = "fr-CH") -> CheckedPage:
        context = chromium.new_context(viewport={"width": width, "height": height}, locale=locale)
        context.set_default_timeout(15_000)
        checked = CheckedPage(page=context.new_page(), server=demo_server)
        opened.append((context, checked))
        return checked

    yield open_page
    for context, checked in opened:
        try:
            checked.assert_no_problems()
            checked.assert_every_page_checked()
        finally:
            context.close()


@pytest.fixture
def checked_page(open_checked_page) -> CheckedPage:
    return open_checked_page()


# --- State built on the server's database, faster than through the pages -------------------


RESULT_MARKER = "ENTRAIDE-SHELL-RESULT:"


def server_shell(server: DemoServer, code: str, *, timeout: float = 120):
    """Run Python in `manage.py shell` against the server's database, with the server's
    environment, and return the JSON value the code leaves in `result`. For setting up what a
    test is not about (members, a group, role holders) through the services; what a test is
    about is done in the browser."""
    env = server_environment(server.mail_dir.parent, server.base_url)
    # Each shell is a new process whose factories would count from 0 again, making the same
    # e-mails and pseudonyms as the shell before it on the same database: they start past
    # every member stored.
    start = ("from entraide.models import User as _User\nfrom tests.factories import UserFactory as _Users\n"
             "_Users.reset_sequence((_User.objects.order_by('-pk').values_list('pk', flat=True).first() or 0) + 1)\n")
    command = f"{start}{code}\nimport json as _json\nprint({RESULT_MARKER!r} + _json.dumps(result))"
    shell = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", command],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )
    assert shell.returncode == 0, f"The setup code failed:\n{shell.stdout}\n{shell.stderr}"
    lines = [line for line in shell.stdout.splitlines() if line.startswith(RESULT_MARKER)]
    assert lines, f"The setup code left no result:\n{shell.stdout}\n{shell.stderr}"
    return json.loads(lines[-1][len(RESULT_MARKER):])


def log_in(checked: CheckedPage, *, email: str, password: str) -> None:
    """Sign in through the login page."""
    page = checked.page
    checked.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    checked.submit(page.locator("main form:has(input[name=password]) button[type=submit]"))
    assert page.get_by_role("button", name="Se déconnecter").is_visible(), f"{email} could not sign in"
