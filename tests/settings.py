import os

# The suite runs with production-like settings: DEBUG off, a throw-away key,
# SQLite unless DATABASE_URL says otherwise.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-that-is-long-enough-for-django-checks-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ENTRAIDE_PLAIN_STATIC", "1")

from entraide.settings import *  # noqa: E402,F401,F403
