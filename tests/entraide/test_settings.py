"""Settings come only from the environment: each case runs in a fresh interpreter. Then, on the
production services, what they chose answers: PostgreSQL, and Redis as channel layer and cache."""

import json
import os
import secrets
import string
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# Variables the settings read; each test starts with none of them set.
SETTINGS_VARIABLES = {
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "REDIS_PREFIX", "EMAIL_URL",
    "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "ENTRAIDE_PLAIN_STATIC", "ACCOUNT_EMAIL_VERIFICATION",
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "TASKS_BACKEND",
    "RELEASE", "DATABASE_CONN_MAX_AGE", "DATABASE_POOL_MIN_SIZE", "DATABASE_POOL_MAX_SIZE", "DATABASE_RANDOM_PAGE_COST",
}

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "channel_layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "channel_hosts": settings.CHANNEL_LAYERS["default"].get("CONFIG", {}).get("hosts"),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "database_engine": settings.DATABASES["default"]["ENGINE"],
    "database_name": str(settings.DATABASES["default"]["NAME"]),
    "database_options": settings.DATABASES["default"].get("OPTIONS", {}),
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "session_engine": settings.SESSION_ENGINE,
    "release": settings.RELEASE,
    "email_backend": settings.EMAIL_BACKEND,
    "email_verification": settings.ACCOUNT_EMAIL_VERIFICATION,
    "allowed_hosts": settings.ALLOWED_HOSTS,
}))
"""


def run_python(tmp_path, code: str = "", *, args=(), **variables) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env["ENTRAIDE_VAR_DIR"] = str(tmp_path / "var")
    env.update(variables)
    command = [sys.executable, *(["-c", code] if code else []), *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def settings_seen_with(tmp_path, **variables) -> dict:
    code = "import django, os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'entraide.settings'\ndjango.setup()\n"
    result = run_python(tmp_path, code + PRINT_SETTINGS, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_variables(tmp_path) -> dict:
    alphabet = string.ascii_letters + string.digits + string.punctuation.replace("'", "").replace('"', "")
    return {
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
        "ALLOWED_HOSTS": "entraide.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
    }


def test_settings_refuse_to_load_without_secret_key_when_debug_is_off(tmp_path):
    result = run_python(tmp_path, "import entraide.settings")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_settings_load_without_secret_key_in_debug(tmp_path):
    result = run_python(tmp_path, "import entraide.settings", DEBUG="1")

    assert result.returncode == 0, result.stderr


def test_deploy_check_is_clean_with_production_variables(tmp_path):
    result = run_python(
        tmp_path,
        args=["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **production_variables(tmp_path),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_fails_when_debug_is_on_in_production(tmp_path):
    result = run_python(
        tmp_path,
        args=["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="1",
        **production_variables(tmp_path),
    )

    assert result.returncode != 0
    assert "security.W018" in result.stderr


def test_embedded_default_is_sqlite_in_wal_mode_with_in_memory_layer_and_console_mail(tmp_path):
    seen = settings_seen_with(tmp_path, DEBUG="1")

    assert seen["database_engine"] == "django.db.backends.sqlite3"
    assert seen["database_name"] == str(tmp_path / "var" / "entraide.sqlite3")
    assert "journal_mode=WAL" in seen["database_options"]["init_command"]
    assert seen["database_options"]["transaction_mode"] == "IMMEDIATE"
    assert seen["channel_layer"] == "channels.layers.InMemoryChannelLayer"
    assert seen["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert seen["email_backend"] == "django.core.mail.backends.console.EmailBackend"
    assert seen["email_verification"] == "optional"


def test_redis_url_switches_channel_layer_cache_and_sessions_to_redis(tmp_path):
    seen = settings_seen_with(tmp_path, DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3")

    assert seen["channel_layer"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    assert seen["channel_hosts"] == ["redis://127.0.0.1:6379/3"]
    assert seen["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert seen["cache_location"] == "redis://127.0.0.1:6379/3"
    assert seen["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_sessions_stay_in_the_database_without_redis(tmp_path):
    seen = settings_seen_with(tmp_path, DEBUG="1")

    assert seen["session_engine"] == "django.contrib.sessions.backends.db"


def test_database_url_switches_to_postgresql(tmp_path):
    seen = settings_seen_with(tmp_path, DEBUG="1", DATABASE_URL="postgres://entraide@db.internal:5432/entraide")

    assert seen["database_engine"] == "django.db.backends.postgresql"
    assert seen["database_name"] == "entraide"
    assert "init_command" not in seen["database_options"]
    assert seen["database_options"]["options"] == "-c random_page_cost=1.1"


def test_postgresql_connections_come_from_psycopgs_pool_and_are_not_kept_per_thread(tmp_path):
    seen = settings_seen_with(tmp_path, DEBUG="1", DATABASE_URL="postgres://entraide@db.internal:5432/entraide")

    assert seen["database_options"]["pool"] == {"min_size": 1, "max_size": 10}
    assert seen["conn_max_age"] == 0


def test_the_pool_size_is_set_from_the_environment(tmp_path):
    seen = settings_seen_with(tmp_path, DEBUG="1", DATABASE_URL="postgres://entraide@db.internal:5432/entraide",
                              DATABASE_POOL_MIN_SIZE="2", DATABASE_POOL_MAX_SIZE="4")

    assert seen["database_options"]["pool"] == {"min_size": 2, "max_size": 4}


def test_without_the_pool_connections_may_be_kept_per_thread(tmp_path):
    seen = settings_seen_with(tmp_path, DEBUG="1", DATABASE_URL="postgres://entraide@db.internal:5432/entraide",
                              DATABASE_POOL_MAX_SIZE="0", DATABASE_CONN_MAX_AGE="60")

    assert "pool" not in seen["database_options"]
    assert seen["conn_max_age"] == 60


def test_a_pool_with_connections_kept_per_thread_is_refused(tmp_path):
    result = run_python(tmp_path, "import entraide.settings", DEBUG="1",
                        DATABASE_URL="postgres://entraide@db.internal:5432/entraide", DATABASE_CONN_MAX_AGE="60")

    assert result.returncode != 0
    assert "DATABASE_CONN_MAX_AGE" in result.stderr


def test_sqlite_connections_may_be_kept_between_requests(tmp_path):
    assert settings_seen_with(tmp_path, DEBUG="1")["conn_max_age"] == 0
    assert settings_seen_with(tmp_path, DEBUG="1", DATABASE_CONN_MAX_AGE="60")["conn_max_age"] == 60


def test_the_release_is_the_installed_version_unless_the_deployment_names_it(tmp_path):
    from importlib.metadata import version

    assert settings_seen_with(tmp_path, DEBUG="1")["release"] == version("entraide")
    assert settings_seen_with(tmp_path, DEBUG="1", RELEASE="2026-05-01.3f9c2e1")["release"] == "2026-05-01.3f9c2e1"


def test_the_cost_of_a_random_page_can_be_set_for_spinning_disks(tmp_path):
    seen = settings_seen_with(tmp_path, DEBUG="1", DATABASE_URL="postgres://entraide@db.internal:5432/entraide",
                              DATABASE_RANDOM_PAGE_COST="4")

    assert seen["database_options"]["options"] == "-c random_page_cost=4.0"


def test_production_requires_verified_email_and_lists_only_the_given_hosts(tmp_path):
    seen = settings_seen_with(tmp_path, **production_variables(tmp_path))

    assert seen["email_verification"] == "mandatory"
    assert seen["allowed_hosts"] == ["entraide.example.org"]


@pytest.mark.parametrize(
    ("email_url", "backend"),
    [
        ("console://", "django.core.mail.backends.console.EmailBackend"),
        ("file:///tmp/mail", "django.core.mail.backends.filebased.EmailBackend"),
        ("smtp://user:secret@mail.example.org:587", "django.core.mail.backends.smtp.EmailBackend"),
    ],
)
def test_email_url_chooses_the_mail_backend(tmp_path, email_url, backend):
    seen = settings_seen_with(tmp_path, DEBUG="1", EMAIL_URL=email_url)

    assert seen["email_backend"] == backend


def test_an_email_url_with_an_unknown_scheme_is_refused(tmp_path):
    result = run_python(tmp_path, "import entraide.settings", DEBUG="1", EMAIL_URL="carrier-pigeon://loft")

    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr


# --- On the production services ----------------------------------------------------------------
# Checks that only mean something on the production services, PostgreSQL and Redis: run by
# `make test-services` (CI); skipped, with the reason, where they are not configured.

@pytest.mark.services
def test_the_suite_runs_on_postgresql(db):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert cursor.fetchone()[0]


@pytest.mark.services
def test_the_channel_layer_is_redis_and_delivers_a_group_message(db):
    layer = get_channel_layer()
    assert type(layer).__module__ == "channels_redis.pubsub"
    group = f"health-{uuid.uuid4().hex}"

    async def deliver():
        channel = await layer.new_channel()
        await layer.group_add(group, channel)
        await layer.group_send(group, {"type": "group.ping", "text": "Épilepsie"})
        return await layer.receive(channel)

    assert async_to_sync(deliver)() == {"type": "group.ping", "text": "Épilepsie"}


@pytest.mark.services
def test_the_cache_is_redis_and_stores_outside_the_process(db):
    key = f"probe-{uuid.uuid4().hex}"
    cache.set(key, "stored", timeout=30)

    client = redis.Redis.from_url(settings.REDIS_URL)
    assert any(key in stored.decode() for stored in client.scan_iter(match=f"*{key}*"))
    assert cache.get(key) == "stored"
