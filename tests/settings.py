import hashlib
import os
from pathlib import Path

# The suite runs with production-like settings: DEBUG off, a throw-away key,
# SQLite unless DATABASE_URL says otherwise.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-that-is-long-enough-for-django-checks-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ENTRAIDE_PLAIN_STATIC", "1")
# Parallel workers, and two checkouts' runs, share one Redis: each keeps its cache keys and
# channel-layer groups under a prefix of its own, or one worker's "member.1" group would reach
# another worker's member 1.
_CHECKOUT = hashlib.md5(str(Path(__file__).resolve().parent.parent).encode()).hexdigest()[:8]
os.environ.setdefault("REDIS_PREFIX", f"entraide-test-{_CHECKOUT}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}")

from entraide.settings import *  # noqa: E402,F401,F403

# A test left waiting on a lock that a forgotten transaction holds would wait for ever, and
# with it the whole run: on PostgreSQL it fails after two minutes instead, naming the statement.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["OPTIONS"]["options"] += " -c lock_timeout=120s"  # noqa: F405
