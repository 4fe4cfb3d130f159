"""A member volunteers as a peer supporter; they pause and resume at any time, and paused,
nothing is offered to them."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError

from ..models import MAX_PAIRINGS_AT_ONCE, Format, Supporter, SupporterLanguage, WeeklySlot


def check_volunteer(*, actor, themes, languages, formats, slots, max_pairings) -> None:
    if not actor.is_authenticated:
        raise DomainError(_("Connectez-vous pour proposer votre soutien."), status=403)
    if Supporter.objects.filter(member=actor).exists():
        raise Conflict(_("Vous êtes déjà inscrit·e comme pair aidant·e."))
    if not themes:
        raise DomainError(_("Choisissez au moins un thème."))
    if not languages or not set(languages) <= set(dict(settings.LANGUAGES)):
        raise DomainError(_("Choisissez au moins une langue proposée."))
    if not formats or not set(formats) <= set(Format.values):
        raise DomainError(_("Choisissez au moins une manière d'échanger proposée."))
    if any(not 0 <= weekday <= 6 or ends_at <= starts_at for weekday, starts_at, ends_at in slots):
        raise DomainError(_("Chaque disponibilité tient dans un jour de la semaine et finit après son début."))
    if not 1 <= max_pairings <= MAX_PAIRINGS_AT_ONCE:
        raise DomainError(_("Entre 1 et %(max)s jumelages à la fois.") % {"max": MAX_PAIRINGS_AT_ONCE})


@transaction.atomic
def supporter_volunteer(*, actor, themes, languages, formats, slots=(), max_pairings=1) -> Supporter:
    """`slots` are (weekday, starts_at, ends_at) in the member's own time zone. The volunteer is
    not matched before their path ends with a confirmation."""
    check_volunteer(actor=actor, themes=themes, languages=languages, formats=formats, slots=slots,
                    max_pairings=max_pairings)
    supporter = Supporter.objects.create(
        member=actor, max_pairings=max_pairings, **{f"offers_{name}": name in formats for name in Format.values},
    )
    supporter.themes.set(themes)
    SupporterLanguage.objects.bulk_create(SupporterLanguage(supporter=supporter, language=code)
                                          for code in dict.fromkeys(languages))
    WeeklySlot.objects.bulk_create(WeeklySlot(supporter=supporter, weekday=weekday, starts_at=starts_at, ends_at=ends_at)
                                   for weekday, starts_at, ends_at in slots)
    return supporter


def _set_paused(actor, paused: bool) -> Supporter:
    supporter = Supporter.objects.select_for_update().filter(member=actor).first()
    if supporter is None:
        raise Conflict(_("Vous n'êtes pas inscrit·e comme pair aidant·e."))
    if supporter.paused != paused:
        supporter.paused = paused
        supporter.save(update_fields=["paused"])
    return supporter


@transaction.atomic
def supporter_pause(*, actor) -> Supporter:
    return _set_paused(actor, True)


@transaction.atomic
def supporter_resume(*, actor) -> Supporter:
    return _set_paused(actor, False)
