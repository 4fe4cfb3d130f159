"""The guides for facilitators, one page per guide and language: written whole in each language
(a guide reads better as a text than as sentences from a catalogue)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

GUIDES = {
    "video-group": _("Animer un groupe en visio"),
    "hybrid-group": _("Animer un groupe hybride : une salle et un écran à la fois"),
}
LANGUAGES = ("fr", "de", "it", "en")


@require_GET
def guide(request, guide):
    if guide not in GUIDES:
        raise Http404()
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    if language not in LANGUAGES:
        language = "fr"
    context = {"title": GUIDES[guide], "body": f"meetings/guides/{guide}.{language}.html", "guides": GUIDES}
    return render(request, "meetings/guide.html", context)
