"""The floor of bench/bench_thread.py: Django answering two bytes with no middleware at all.

The project's settings with no app, no middleware and one URL, served by the same gunicorn
worker as the real site: what is left is what any Django page costs on that server."""

from django.http import HttpResponse
from django.urls import path

from entraide.settings import *  # noqa: F403

INSTALLED_APPS = []
MIDDLEWARE = []
ROOT_URLCONF = "bench.floor_settings"


def two_bytes(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("", two_bytes)]
