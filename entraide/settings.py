"""Settings, read only from the environment (see docs/configuration.md)."""

import importlib.metadata
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ENTRAIDE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-" + "x" * 20

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "entraide.admin_site.CuratedAdminConfig",  # the admin holds what staff curate only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "entraide",
    "moderation",
    "forums",
    "notifications",
    "conversations",
    "meetings",
    "chat",
    "peers",
    "centres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Sync-only and innermost on purpose: under ASGI, Django then runs the whole chain in one
    # thread, instead of hopping between threads for every async-capable middleware below it.
    "entraide.middleware.PreferredLanguageMiddleware",
    "entraide.middleware.MemberTimeZoneMiddleware",
    # Keeps a listening-line guest account on the line (sync-only too, hence innermost).
    "peers.middleware.LineGuestMiddleware",
]

ROOT_URLCONF = "entraide.urls"
WSGI_APPLICATION = "entraide.wsgi.application"
ASGI_APPLICATION = "entraide.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "entraide.context_processors.site",
            ],
        },
    }
]

# Database: SQLite by default (embedded), PostgreSQL through DATABASE_URL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'entraide.sqlite3'}"))
}
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "0"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Daphne and the task worker write to one file: WAL, a busy timeout, and
    # IMMEDIATE transactions so that writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Solid-state storage: with PostgreSQL's default cost of a random page (4, for spinning
    # disks) the planner scans every group for a directory search rather than use the trigram
    # index, five times slower. 1.1 is the usual value for SSDs.
    random_page_cost = float(os.environ.get("DATABASE_RANDOM_PAGE_COST", "1.1"))
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c random_page_cost={random_page_cost}"
    # Server-side binding: a query asked five times on a connection is prepared, and PostgreSQL
    # keeps its plan for the connection's life (the pool keeps connections open). A group's page
    # and a chat message ask the standing's query, which takes 0.2-0.5 ms to plan and 0.05 ms to
    # run (docs/performance.md). Restart the servers after migrating: a plan kept over a column
    # whose type changed is refused until its connection closes.
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)
    # psycopg's pool, one per process: a request borrows an open connection instead of opening
    # one (several milliseconds), under gunicorn and under Daphne, whose every request and
    # consumer runs in a thread of its own. Django hands the connection back to the pool at the
    # end of each request, and refuses to keep connections per thread as well (CONN_MAX_AGE).
    pool_max_size = int(os.environ.get("DATABASE_POOL_MAX_SIZE", "10"))
    if pool_max_size:
        if DATABASES["default"]["CONN_MAX_AGE"]:
            raise ImproperlyConfigured(
                "DATABASE_CONN_MAX_AGE must be 0 (or unset) with the connection pool; "
                "set DATABASE_POOL_MAX_SIZE=0 to keep connections per thread instead."
            )
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": min(int(os.environ.get("DATABASE_POOL_MIN_SIZE", "1")), pool_max_size),
            "max_size": pool_max_size,
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASE_VENDOR = "postgresql" if "postgresql" in DATABASES["default"]["ENGINE"] else "sqlite"

# Redis: channel layer and cache when REDIS_URL is set; in-memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # Redis's publish and subscribe: a group send is one PUBLISH, which each server process
            # subscribed to the group receives once and hands to its sockets in memory. The list
            # layer (channels_redis.core) instead stores one copy per socket and each process pops
            # them one round trip at a time: a message to a room of 500 reached its last socket
            # 0.3-0.8 s later. What the channel does not keep (an event for a process that is not
            # subscribed, a process that restarts) the chat gets back by resuming (docs/realtime.md).
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": os.environ.get("REDIS_PREFIX", "entraide"),
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("REDIS_PREFIX", "entraide"),
        }
    }
    # Sessions read from the cache, written through to the database: a page costs no session query.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_USER_MODEL = "entraide.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if env_bool("ENTRAIDE_FAST_PASSWORDS"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Accounts (django-allauth): e-mail login, pseudonym as the username field.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "pseudonym"
ACCOUNT_USERNAME_MIN_LENGTH = 2
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "optional" if DEBUG else "mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
ACCOUNT_FORMS = {"signup": "entraide.forms.accounts.SignupForm"}
ACCOUNT_ADAPTER = "entraide.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Entraide] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Entraide"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# E-mail: printed to the console unless EMAIL_URL says otherwise.
EMAIL_URL = os.environ.get("EMAIL_URL", "console://")
if EMAIL_URL.startswith("console:"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif EMAIL_URL.startswith("file://"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = EMAIL_URL.removeprefix("file://")
elif EMAIL_URL.startswith("locmem:"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
elif EMAIL_URL.startswith(("smtp://", "smtps://", "submission://")):
    from urllib.parse import unquote, urlsplit

    _mail = urlsplit(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or (465 if _mail.scheme == "smtps" else 587)
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_SSL = _mail.scheme == "smtps"
    EMAIL_USE_TLS = _mail.scheme == "submission"
else:
    raise ImproperlyConfigured(f"EMAIL_URL scheme not understood: {EMAIL_URL.split(':')[0]}")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Entraide <entraide@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Languages: French first.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("de", "Deutsch"), ("it", "Italiano"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "entraide_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Zurich")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or env_bool("ENTRAIDE_PLAIN_STATIC")
        # Hashed names, with the ES module imports between scripts rewritten as well.
        else "entraide.static_storage.ModuleAwareManifestStorage"
    },
}

# Security headers. No request leaves for a third party (DESIGN.md).
JITSI_BASE_URL = os.environ.get("JITSI_BASE_URL", "https://meet.jit.si").rstrip("/")
JITSI_APP_ID = os.environ.get("JITSI_APP_ID", "")
JITSI_APP_SECRET = os.environ.get("JITSI_APP_SECRET", "")
# The token's aud and sub claims: what the Jitsi's token authentication expects (for a
# self-hosted Prosody, its app_id audience and the XMPP domain; JaaS: "jitsi" and the tenant).
JITSI_TOKEN_AUDIENCE = os.environ.get("JITSI_TOKEN_AUDIENCE", "jitsi")
JITSI_TOKEN_SUBJECT = os.environ.get("JITSI_TOKEN_SUBJECT", "")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
DIRECTORY_PAGE_SIZE = 20
SITE_NAME = "Entraide"
# This deployment's code, templates and translations, set once per deployment (the commit,
# say): part of the key of what is kept in the shared cache and of the thread pages' ETags,
# so nothing rendered by another release is served. The installed package's version otherwise.
RELEASE = os.environ.get("RELEASE", "").strip()
if not RELEASE:
    try:
        RELEASE = importlib.metadata.version("entraide")
    except importlib.metadata.PackageNotFoundError:
        raise ImproperlyConfigured(
            "Set RELEASE, or install Entraide (pip install -e .) so that its version is known."
        ) from None
# Absolute links in e-mails (no request to take the host from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"daphne": {"level": "WARNING"}, "django.channels.server": {"level": "WARNING"}},
}
