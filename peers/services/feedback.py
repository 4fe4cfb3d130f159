"""Feedback on a pairing, from either side, for the coordinators only."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError

from ..models import Pairing
from ..models.feedback import FEEDBACK_MAX_LENGTH, PairingFeedback
from ..permissions import check_in_pairing


def check_give_feedback(actor, pairing, body) -> None:
    check_in_pairing(actor, pairing)
    if not body:
        raise DomainError(_("Le mot est vide : écrivez quelques mots, ou laissez ce champ vide."))
    if len(body) > FEEDBACK_MAX_LENGTH:
        raise DomainError(_("Ce mot compte %(length)s caractères ; la limite est de %(limit)s.")
                          % {"length": len(body), "limit": FEEDBACK_MAX_LENGTH})
    if PairingFeedback.objects.filter(pairing=pairing, author=actor).exists():
        raise Conflict(_("Vous avez déjà laissé un mot sur ce jumelage à la coordination."))


@transaction.atomic
def pairing_feedback_give(*, actor, pairing, body, now=None) -> PairingFeedback:
    body = (body or "").strip()
    # Locked so that a form posted twice writes one feedback, not an integrity error.
    pairing = Pairing.objects.select_for_update().select_related("request", "supporter").get(pk=pairing.pk)
    check_give_feedback(actor, pairing, body)
    return PairingFeedback.objects.create(pairing=pairing, author=actor, body=body, created_at=now or timezone.now())
