"""Who may do what on the listening line. A conversation exists, for anyone but its caller,
its supporter and the coordinator it was passed to, only as a 404: its existence is health
data. A reported conversation is also open to the programme's current coordinators, who look
into reports."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError, NotFound, allows
from moderation.selectors.reports import pending_reports_by

from ..models import CoordinatorTerm, DutySlot, LineConversation, LineStatus, Supporter
from ..models.line import DUTY_MAX_LENGTH, LIVE_STATUSES

# A slot may start this much before "now": a form sent at 18:00 arrives a little after.
DUTY_START_GRACE = timedelta(minutes=5)
# A supporter may write a hand-over note up to this long after their shift ended.
NOTE_WINDOW = timedelta(hours=6)


def check_language(language) -> None:
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Choisissez une langue proposée."))


def is_coordinator(user, language, now=None) -> bool:
    return CoordinatorTerm.objects.current(now).filter(member=user, programme__language=language).exists()


def on_duty_slot(user, *, language=None, now=None) -> DutySlot | None:
    now = now or timezone.now()
    slots = DutySlot.objects.filter(supporter__member=user, starts_at__lte=now, ends_at__gt=now)
    if language:
        slots = slots.filter(language=language)
    return slots.first()


# --- Duty -------------------------------------------------------------------------------------

def check_take_duty(actor, *, language, starts_at, ends_at, now=None) -> Supporter:
    """Returns the actor's supporter profile. The overlap is checked by the service, under a lock."""
    now = now or timezone.now()
    if not actor.is_authenticated:
        raise DomainError(_("Connectez-vous pour prendre une permanence."), status=403)
    check_language(language)
    supporter = Supporter.objects.filter(member=actor).first()
    if supporter is None or supporter.confirmed_at is None:
        raise DomainError(_("Les permanences d'écoute sont tenues par des pairs aidant·es confirmé·es."), status=403)
    if supporter.paused:
        raise DomainError(_("Votre soutien est en pause : reprenez-le avant de prendre une permanence."))
    if not supporter.languages.filter(language=language).exists():
        raise DomainError(_("Vous ne proposez pas votre soutien dans cette langue."))
    if ends_at <= starts_at:
        raise DomainError(_("Une permanence finit après son début."))
    if starts_at < now - DUTY_START_GRACE:
        raise DomainError(_("Cette permanence commence dans le passé : choisissez une heure à venir."))
    if ends_at - starts_at > DUTY_MAX_LENGTH:
        raise DomainError(_("Une permanence dure %(hours)s heures au plus.")
                          % {"hours": int(DUTY_MAX_LENGTH.total_seconds() // 3600)})
    return supporter


def check_leave_duty(actor, slot, now=None) -> None:
    now = now or timezone.now()
    if slot.supporter.member_id != actor.pk:
        raise NotFound()
    if slot.ends_at <= now:
        raise Conflict(_("Cette permanence est déjà finie."))


# --- Conversations ----------------------------------------------------------------------------

def check_knock(actor, *, language) -> None:
    if not actor.is_authenticated:
        raise DomainError(_("Connectez-vous, ou entrez comme invité·e, pour joindre la ligne d'écoute."), status=403)
    check_language(language)
    if LineConversation.objects.filter(caller=actor, status__in=LIVE_STATUSES).exists():
        raise Conflict(_("Vous êtes déjà en lien avec la ligne d'écoute : revenez à votre conversation."))


def check_answer(actor, *, now=None) -> DutySlot:
    """Returns the slot the supporter is on now."""
    slot = on_duty_slot(actor, now=now) if actor.is_authenticated else None
    if slot is None:
        raise DomainError(_("Vous n'êtes pas de permanence en ce moment."), status=403)
    if LineConversation.objects.filter(supporter=actor, status=LineStatus.OPEN).exists():
        raise Conflict(_("Terminez ou confiez votre conversation en cours avant de prendre l'appel suivant."))
    return slot


def role_in(user, conversation) -> str | None:
    """"caller", "supporter" or "coordinator" (passed to them), or None."""
    if not user.is_authenticated:
        return None
    if conversation.caller_id == user.pk:
        return "caller"
    if conversation.supporter_id == user.pk:
        return "supporter"
    if conversation.passed_to_id == user.pk:
        return "coordinator"
    return None


def check_read_conversation(actor, conversation) -> str:
    """The actor's role in it; a reported conversation is open to current coordinators too."""
    role = role_in(actor, conversation)
    if role is None and conversation.reported and actor.is_authenticated \
            and is_coordinator(actor, conversation.language):
        role = "coordinator"
    if role is None:
        raise NotFound()
    return role


def check_write(actor, conversation) -> None:
    if role_in(actor, conversation) is None:
        raise NotFound()
    if conversation.status == LineStatus.QUEUED:
        raise Conflict(_("Personne n'a encore répondu : votre message pourra partir dès qu'une personne sera là."))
    if conversation.status == LineStatus.ENDED:
        raise Conflict(_("Cette conversation est terminée."))


def check_pass(actor, conversation) -> None:
    if role_in(actor, conversation) is None:
        raise NotFound()
    if conversation.supporter_id != actor.pk:
        raise DomainError(_("Seule la personne qui écoute peut confier la conversation à la coordination."),
                          status=403)
    if conversation.status != LineStatus.OPEN:
        raise Conflict(_("Cette conversation n'est plus en cours."))


def check_end(actor, conversation) -> None:
    if role_in(actor, conversation) is None:
        raise NotFound()
    if conversation.status == LineStatus.ENDED:
        raise Conflict(_("Cette conversation est déjà terminée."))


def check_report(actor, conversation) -> None:
    """Either of its two people, once each while the coordinators have not decided."""
    role = role_in(actor, conversation)
    if role not in ("caller", "supporter"):
        raise NotFound()
    if pending_reports_by(actor, conversation).exists():
        raise Conflict(_("Vous avez signalé cette conversation : la coordination l'examine."))


# --- Hand-over notes --------------------------------------------------------------------------

def check_write_note(actor, *, language, now=None) -> None:
    now = now or timezone.now()
    if not actor.is_authenticated:
        raise DomainError(_("Connectez-vous pour laisser une note de relève."), status=403)
    check_language(language)
    recent = DutySlot.objects.filter(supporter__member=actor, language=language, starts_at__lte=now,
                                     ends_at__gt=now - NOTE_WINDOW)
    if not recent.exists():
        raise DomainError(_("Les notes de relève s'écrivent pendant une permanence dans cette langue "
                            "ou dans les heures qui suivent."), status=403)


def check_read_notes(actor, *, language, now=None) -> None:
    if not actor.is_authenticated:
        raise NotFound()
    check_language(language)
    if on_duty_slot(actor, language=language, now=now) is None and not is_coordinator(actor, language, now):
        raise DomainError(_("Les notes de relève sont pour les pairs aidant·es de permanence et la coordination."),
                          status=403)


can_knock = allows(check_knock)
can_answer = allows(check_answer)
can_write_line = allows(check_write)
can_pass = allows(check_pass)
can_end_line = allows(check_end)
can_report_line = allows(check_report)
can_write_note = allows(check_write_note)
can_read_notes = allows(check_read_notes)
