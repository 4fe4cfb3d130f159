from django.conf import settings
from django.urls import reverse
from django.utils import translation

# Answers with no words in any language and nothing of the member: reading the member (the
# session and their row, two queries) for their language would change nothing in them.
WORDLESS_URL_NAMES = ("robots_txt", "healthz")


class PreferredLanguageMiddleware:
    """A signed-in member's chosen language wins over the browser's, unless a
    language was picked with the switcher in this browser (the cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.wordless_paths = None

    def __call__(self, request):
        if self.wordless_paths is None:
            # Reversed at the first request, once the script prefix of the deployment is set.
            self.wordless_paths = frozenset(reverse(name) for name in WORDLESS_URL_NAMES)
        # The cookie first: when the switcher chose, the member need not be read for this.
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES or request.path in self.wordless_paths:
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)
