"""Who runs a programme now, and who takes part in its decisions.

Taking part: its current coordinators, and its confirmed supporters offering its language. A
paused supporter still takes part: pausing stops offers, not belonging to the programme."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ..models import CoordinatorTerm, Supporter


def current_terms(programme, now=None):
    now = now or timezone.now()
    return CoordinatorTerm.objects.current(now).filter(programme=programme)


def current_coordinators(programme, now=None):
    """The members holding a term of the programme at `now`."""
    terms = current_terms(programme, now).filter(member=OuterRef("pk"))
    return get_user_model().objects.filter(Exists(terms), is_active=True).order_by("pk")


def is_coordinator(member, programme, now=None) -> bool:
    if not getattr(member, "is_authenticated", False):
        return False
    return current_terms(programme, now).filter(member=member).exists()


def is_confirmed_supporter_of(member, programme) -> bool:
    return Supporter.objects.filter(member=member, confirmed_at__isnull=False,
                                    languages__language=programme.language).exists()


def takes_part(member, programme, now=None) -> bool:
    """Coordinators and confirmed supporters offering the programme's language, paused or not."""
    if not getattr(member, "is_authenticated", False):
        return False
    return is_coordinator(member, programme, now) or is_confirmed_supporter_of(member, programme)


def participants(programme, now=None):
    now = now or timezone.now()
    confirmed = Supporter.objects.filter(member=OuterRef("pk"), confirmed_at__isnull=False,
                                         languages__language=programme.language)
    terms = current_terms(programme, now).filter(member=OuterRef("pk"))
    return get_user_model().objects.filter(Q(Exists(terms)) | Q(Exists(confirmed)), is_active=True).order_by("pk")


def programme_coordinated_for(member, supporter, now=None):
    """A programme `member` coordinates now whose language `supporter` offers, or None: what
    lets a coordinator check a volunteer in and propose their confirmation."""
    from ..models import Programme

    if not getattr(member, "is_authenticated", False):
        return None
    now = now or timezone.now()
    return (Programme.objects.filter(language__in=supporter.languages.values("language"),
                                     terms__member=member, terms__starts_at__lte=now, terms__ends_at__gt=now)
            .order_by("language").first())
