from django.conf import settings
from django.utils import translation

from .time_zones import reading_zone


class PreferredLanguageMiddleware:
    """A signed-in member's chosen language wins over the browser's, unless a
    language was picked with the switcher in this browser (the cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The cookie first: when the switcher chose, the member need not be read for this.
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class MemberTimeZoneMiddleware:
    """Pages are rendered in the signed-in member's own time zone (visitors: the site's), so
    that every `date` and `time` filter shows their hour. Sync-only, like the one above."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with reading_zone(getattr(request, "user", None)):
            return self.get_response(request)
