"""The invited speaker of a session, followed through by the group's speaker coordination:
invited, then confirmed, then thanked once the session has taken place."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.errors import Conflict, DomainError
from entraide.standing import read_standing

from ..permissions import check_coordinate_speaker
from ..models import Occurrence, SpeakerInvitation, SpeakerStatus

NAME_NEEDED = _("Indiquez le nom de l'intervenant·e.")
NAME_TOO_LONG = _("Le nom tient en 120 caractères au plus.")
TOPIC_TOO_LONG = _("Le sujet tient en 200 caractères au plus.")
ALREADY_INVITED = _("Un·e intervenant·e est déjà invité·e pour cette séance.")
NOT_INVITED = _("Personne n'est encore invité·e pour cette séance.")
NEXT_STEP_ONLY = _("L'invitation avance d'une étape à la fois : invité·e, puis a confirmé, puis remercié·e.")
THANK_AFTER = _("On remercie l'intervenant·e une fois la séance commencée.")
INVITE_BEFORE = _("La séance a commencé : il est trop tard pour inviter quelqu'un.")
NEXT_STATUS = {SpeakerStatus.INVITED: SpeakerStatus.CONFIRMED, SpeakerStatus.CONFIRMED: SpeakerStatus.THANKED}


def _locked(occurrence) -> Occurrence:
    return Occurrence.objects.select_for_update().select_related("series__group").get(pk=occurrence.pk)


@transaction.atomic
def speaker_invite(*, actor, occurrence, speaker_name, topic="", now=None) -> SpeakerInvitation:
    occurrence = _locked(occurrence)
    check_coordinate_speaker(read_standing(actor, occurrence.series.group), occurrence)
    if occurrence.starts_at <= (now or timezone.now()):
        raise DomainError(INVITE_BEFORE)
    speaker_name, topic = " ".join((speaker_name or "").split()), " ".join((topic or "").split())
    if not speaker_name:
        raise DomainError(NAME_NEEDED)
    if len(speaker_name) > 120:
        raise DomainError(NAME_TOO_LONG)
    if len(topic) > 200:
        raise DomainError(TOPIC_TOO_LONG)
    if SpeakerInvitation.objects.filter(occurrence=occurrence).exists():
        raise Conflict(ALREADY_INVITED)
    return SpeakerInvitation.objects.create(occurrence=occurrence, speaker_name=speaker_name, topic=topic,
                                            coordinator=actor)


@transaction.atomic
def speaker_status_advance(*, actor, occurrence, status, now=None) -> SpeakerInvitation:
    """invited → confirmed → thanked, one step at a time; thanked once the session began."""
    occurrence = _locked(occurrence)
    check_coordinate_speaker(read_standing(actor, occurrence.series.group), occurrence)
    invitation = SpeakerInvitation.objects.select_for_update().filter(occurrence=occurrence).first()
    if invitation is None:
        raise DomainError(NOT_INVITED)
    if NEXT_STATUS.get(invitation.status) != status:
        raise Conflict(NEXT_STEP_ONLY)
    if status == SpeakerStatus.THANKED and occurrence.starts_at > (now or timezone.now()):
        raise DomainError(THANK_AFTER)
    invitation.status = status
    invitation.coordinator = actor
    invitation.save(update_fields=["status", "coordinator", "updated_at"])
    return invitation
