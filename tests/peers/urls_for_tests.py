"""The platform's routes, and a placeholder for each page name the programme's notifications
link to that no page answers yet: the links are written before every page exists."""

from django.http import HttpResponse
from django.urls import get_resolver, path

from entraide.urls import urlpatterns as platform_urlpatterns


def placeholder(request, **kwargs):
    return HttpResponse("")


PLACEHOLDERS = [
    path("peer-pages/offers/<int:pk>/", placeholder, name="peer_offer"),
    path("peer-pages/requests/<int:pk>/", placeholder, name="peer_request"),
    path("peer-pages/pairings/<int:pk>/", placeholder, name="peer_pairing"),
    path("peer-pages/coordination/", placeholder, name="peer_coordination"),
]

_named = get_resolver("entraide.urls").reverse_dict
urlpatterns = [*platform_urlpatterns, *(pattern for pattern in PLACEHOLDERS if pattern.name not in _named)]
