"""A short welcome from an occurrence's welcome contact to a newcomer coming to it, sent as a
private message: the conversations' own service, with its rules (a member who blocked the
sender, or whose account is too new, takes no private messages) and its words.

A welcome is recorded on the newcomer's answer (Rsvp.welcomed_at), so each newcomer is welcomed
once for an occurrence: a second send, by the same welcome contact or the next one, is refused
and writes nothing."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conversations.services import conversation_start
from entraide.errors import Conflict, DomainError
from entraide.standing import read_standing

from .. import permissions
from ..models import Occurrence, Rsvp
from ..selectors.welcome import is_coming, newcomer_ids

WELCOME_MAX_LENGTH = 1000
WELCOME_TOO_LONG = _("Un mot d'accueil tient en %(limit)s caractères au plus : gardez le reste pour la rencontre.")
ALREADY_WELCOMED = _("%(name)s a déjà reçu un mot d'accueil pour cette rencontre : "
                     "un second message n'est pas envoyé.")


@transaction.atomic
def welcome_send(*, actor, occurrence: Occurrence, member, body, now=None):
    """Write `body` to `member` in their conversation with the actor (started if need be), once
    per occurrence and newcomer; returns the private message."""
    now = now or timezone.now()
    occurrence = Occurrence.objects.select_related("series__group").get(pk=occurrence.pk)
    permissions.check_welcome(read_standing(actor, occurrence.series.group), occurrence,
                              is_coming=is_coming(occurrence, member),
                              is_new=member.pk in newcomer_ids(occurrence, [member.pk], now=now), now=now)
    if len((body or "").strip()) > WELCOME_MAX_LENGTH:
        raise DomainError(WELCOME_TOO_LONG % {"limit": WELCOME_MAX_LENGTH})
    # Claimed before the message is written: of two sends at once, the second finds it taken.
    # A refusal of the conversation's rules below undoes the claim with the rest.
    claimed = (Rsvp.objects.filter(occurrence=occurrence, member=member, welcomed_at__isnull=True)
               .update(welcomed_at=now, welcomed_by=actor))
    if not claimed:
        raise Conflict(ALREADY_WELCOMED % {"name": member.display_name})
    return conversation_start(actor=actor, other=member, body=body, now=now)
