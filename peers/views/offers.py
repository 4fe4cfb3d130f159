"""A request offered to a supporter: they read its theme, language, format and words, nothing
else, and accept or decline. Only the supporter it is offered to finds it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from entraide.errors import DomainError

from ..models import OfferStatus
from ..selectors import requests as selectors
from ..services import pairings as services


def _offer_page(request, offer, *, status=200, refusal=""):
    return render(request, "peers/offer_detail.html", {
        "offer": offer, "pairing_request": offer.request, "refusal": refusal,
        "answerable": offer.status == OfferStatus.PENDING and not refusal,
    }, status=status)


@login_required
@require_GET
def offer_detail(request, pk):
    return _offer_page(request, selectors.offer_for(request.user, pk))


@login_required
@require_POST
def offer_accept(request, pk):
    offer = selectors.offer_for(request.user, pk)
    try:
        services.offer_accept(actor=request.user, offer=offer)
    except DomainError as error:
        return _offer_page(request, offer, status=error.status, refusal=error.message)
    messages.success(request, _("Merci. La personne est prévenue ; le jumelage commence quand elle confirme."))
    return redirect("peer_supporter")


@login_required
@require_POST
def offer_decline(request, pk):
    offer = selectors.offer_for(request.user, pk)
    try:
        services.offer_decline(actor=request.user, offer=offer)
    except DomainError as error:
        return _offer_page(request, offer, status=error.status, refusal=error.message)
    messages.success(request, _("C'est noté. La demande est proposée à quelqu'un d'autre, sans que la personne le sache."))
    return redirect("peer_supporter")
