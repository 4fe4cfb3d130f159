"""Calendars: a listed group's public feed, a member's secret feed, and the page where a member
finds their webcal:// link and resets it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from entraide.views.access import access_group

from .. import calendar
from ..models import CalendarFeed
from ..services import calendars as calendar_services

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _check_listed(standing) -> None:
    if not standing.group.is_listed:
        raise Http404()


@require_GET
def group_calendar(request, slug):
    """Anyone may subscribe to a listed group's meetings; an unlisted group has no public feed."""
    standing = access_group(request, slug, check=_check_listed)
    response = _ics(calendar.group_calendar(standing.group), f"{standing.group.slug}.ics")
    response["Cache-Control"] = "public, max-age=900"
    return response


@require_GET
def member_calendar(request, token):
    """The secret address is the only key: no session, so calendar applications can read it."""
    feed = (CalendarFeed.objects.filter(token=token, member__is_active=True, member__deleted_at__isnull=True)
            .select_related("member").first())
    if feed is None:
        raise Http404()
    response = _ics(calendar.member_calendar(feed.member), "entraide.ics")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar_subscribe(request):
    if request.method == "POST":
        calendar_services.calendar_feed_reset(actor=request.user)
        messages.success(request, _("Votre adresse d'agenda est renouvelée : l'ancienne ne fonctionne plus."))
        return redirect("meeting_calendar")
    feed = calendar_services.calendar_feed_for(actor=request.user)
    https_url = request.build_absolute_uri(reverse("meeting_member_calendar", kwargs={"token": feed.token}))
    webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return render(request, "meetings/calendar.html", {"https_url": https_url, "webcal_url": webcal_url})
