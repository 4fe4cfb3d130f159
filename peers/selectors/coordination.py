"""What the coordinators of a programme read: requests passed to them, volunteers on their way
to confirmation, the feedback pairings left. Only for the programmes they coordinate now."""

from django.db.models import Count
from django.utils import timezone

from moderation.models import PENDING_STATUSES, Report

from ..models import CoordinatorTerm, PairingFeedback, PairingRequest, Programme, RequestStatus, Supporter


def programmes_coordinated(member, now=None) -> list[Programme]:
    if not getattr(member, "is_authenticated", False):
        return []
    now = now or timezone.now()
    return list(Programme.objects.filter(terms__member=member, terms__starts_at__lte=now, terms__ends_at__gt=now)
                .distinct().order_by("language"))


def reports_waiting(programmes) -> list[tuple[Programme, int]]:
    """Each programme with how many reports wait for its coordinators (peers.reporting), in
    one query."""
    counts = dict(Report.objects.filter(group=None, scope="peers", status__in=PENDING_STATUSES,
                                        scope_key__in=[programme.language for programme in programmes])
                  .values_list("scope_key").annotate(count=Count("pk")).order_by())
    return [(programme, counts.get(programme.language, 0)) for programme in programmes]


def passed_requests(programmes) -> list[PairingRequest]:
    languages = [programme.language for programme in programmes]
    return list(PairingRequest.objects.filter(status=RequestStatus.PASSED, language__in=languages)
                .select_related("theme", "requester").order_by("passed_at", "pk"))


def volunteers_on_the_path(programmes) -> list[Supporter]:
    """Volunteers offering one of the languages, not yet confirmed, oldest first."""
    languages = [programme.language for programme in programmes]
    return list(Supporter.objects.filter(confirmed_at__isnull=True, languages__language__in=languages)
                .distinct().select_related("member").prefetch_related("languages", "confirmation_proposals")
                .order_by("created_at", "pk"))


def feedback_received(programmes, *, limit=50) -> list[PairingFeedback]:
    """The words left on pairings in the programmes' languages, newest first. Who wrote them is
    told only as a side (the person supported or the supporter), never by name."""
    languages = [programme.language for programme in programmes]
    return list(PairingFeedback.objects.filter(pairing__request__language__in=languages)
                .select_related("pairing__request__theme", "pairing__request")[:limit])


def coordinates_request(member, request, now=None) -> bool:
    """A current coordinator of the programme a passed request belongs to."""
    if request.status != RequestStatus.PASSED or not getattr(member, "is_authenticated", False):
        return False
    now = now or timezone.now()
    return Programme.objects.filter(language=request.language, terms__member=member, terms__starts_at__lte=now,
                                    terms__ends_at__gt=now).exists()


def coordination_may_write(user, other) -> bool:
    """A coordinator may write privately, and be answered, by a member whose request was passed
    to their programme (while it stays with them) and by a supporter or volunteer offering its
    language: the check-in is arranged this way. Two queries at most."""
    return _coordinates(user, other) or _coordinates(other, user)


def _coordinates(coordinator, member) -> bool:
    languages = CoordinatorTerm.objects.current().filter(member=coordinator).values("programme__language")
    return (PairingRequest.objects.filter(status=RequestStatus.PASSED, requester=member, language__in=languages).exists()
            or Supporter.objects.filter(member=member, languages__language__in=languages).exists())
