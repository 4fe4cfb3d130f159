import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..selectors.home import home_context
from ..services.accounts import LANGUAGE_CODES, profile_update

# How long the probe waits for its own message before it calls the channel layer unavailable.
HEALTHZ_SECONDS = 5


@require_GET
def home(request):
    return render(request, "entraide/home.html", home_context(request.user))


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:
        return False


def _channel_layer_ok() -> bool:
    layer = get_channel_layer()
    if layer is None:
        return False

    async def roundtrip():
        # A channel of the layer's making: with Redis's publish and subscribe, only a name
        # already subscribed hears what is sent to it, and new_channel() subscribes it.
        channel = await layer.new_channel("healthz.")
        await layer.send(channel, {"type": "health.ping"})
        message = await asyncio.wait_for(layer.receive(channel), HEALTHZ_SECONDS)
        return message.get("type") == "health.ping"

    try:
        # In an event loop of its own, closed at the end, which takes the probe's subscription
        # with it: in the server's loop every probe would leave one behind.
        with ThreadPoolExecutor(max_workers=1) as probe:
            return probe.submit(asyncio.run, roundtrip()).result()
    except Exception:
        return False


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database_ok(), "channel_layer": _channel_layer_ok()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "unavailable" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


@require_POST
def language_switch(request):
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in LANGUAGE_CODES:
        return response
    if request.user.is_authenticated:
        profile_update(actor=request.user, member=request.user, preferred_language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
    return response


def _error(request, template: str, status: int, message: str = ""):
    if request.path.startswith("/healthz") or "application/json" in request.headers.get("Accept", ""):
        return HttpResponse(json.dumps({"error": status, "message": message}), status=status, content_type="application/json")
    return render(request, template, {"message": message}, status=status)


def bad_request(request, exception=None):
    return _error(request, "errors/400.html", 400)


def _refusal(exception) -> str:
    """The member's message a refusal carries (entraide.errors); Django's own carry none."""
    return str(getattr(exception, "message", ""))


def forbidden(request, exception=None):
    return _error(request, "errors/403.html", 403, _refusal(exception))


def not_found(request, exception=None):
    # Always the same page: a missing thing and a private one must look alike.
    return _error(request, "errors/404.html", 404)


def server_error(request):
    return render(request, "errors/500.html", status=500)


ROBOTS_TXT = """User-agent: *
Disallow: /accounts/
Disallow: /profile/
Disallow: /contact/
Disallow: /forums/
"""


@require_GET
def robots_txt(request):
    """Members' spaces are not for search engines; the directory and the stories are."""
    return HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")
