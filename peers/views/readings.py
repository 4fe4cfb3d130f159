"""The readings on a volunteer's path, in their language, each marked read when done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from entraide.errors import DomainError

from ..readings import READINGS
from ..selectors.requests import supporter_of
from ..services.path import reading_mark_done


def _page(request, *, status=200, notice=""):
    supporter = supporter_of(request.user)
    done = set(supporter.readings_done) if supporter else set()
    return render(request, "peers/readings.html", {
        "supporter": supporter, "readings": [(reading, reading.code in done) for reading in READINGS],
        "notice": notice,
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def readings(request):
    if request.method == "GET":
        return _page(request)
    try:
        reading_mark_done(actor=request.user, code=request.POST.get("code", ""))
    except DomainError as error:
        return _page(request, status=error.status, notice=error.message)
    messages.success(request, _("C'est noté. Merci d'avoir pris ce temps."))
    return redirect(f"{request.path}#reading-{request.POST['code']}")
