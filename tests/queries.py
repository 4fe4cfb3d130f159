"""Query counts that depend on the deployment rather than on the page."""

from django.conf import settings

# With Redis the session is read from the cache (cached_db), not from the database.
SESSION_QUERIES = 0 if settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db" else 1
