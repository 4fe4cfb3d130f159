"""What the programme tells its members through notifications: an offer to a supporter, a
supporter who accepted, a pairing begun or ended, a request passed to the coordinators, a call
scheduled. Each is worded when read, and never with a word of the request: its theme and words
are health data, and a notification is mailed. Registered from PeersConfig.ready().

A notification is told once per member and thing (notifications.services): what a member was
told of an offer or a pairing goes when that news is stale (an offer answered, a pairing
ended), and a pairing's end replaces the news of its start."""

from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide import registry
from notifications.kinds import NotificationKind
from notifications.models import EmailFrequency
from notifications.services import notification_send, notifications_withdraw

from .models import (
    CoordinatorTerm,
    OfferStatus,
    Pairing,
    PairingCall,
    PairingOffer,
    PairingRequest,
    ProgrammeProposal,
    ProgrammeProposalStatus,
    RequestStatus,
    Supporter,
)

OFFER = "peer_offer"
OFFER_ACCEPTED = "peer_offer_accepted"
PAIRING_STARTED = "peer_pairing_started"
PAIRING_ENDED = "peer_pairing_ended"
REQUEST_PASSED = "peer_request_passed"
CALL_SCHEDULED = "peer_call_scheduled"


def _in_pairing(member, path=""):
    return Q(**{f"{path}request__requester": member}) | Q(**{f"{path}supporter__member": member})


def current_coordinators(language, now=None):
    now = now or timezone.now()
    return CoordinatorTerm.objects.current(now).filter(programme__language=language)


# --- Subjects: what the member may still read, by id, in one query each ---------------------------

def offers_to_answer(ids, member) -> dict[int, PairingOffer]:
    """The supporter's own offers while they still wait for an answer."""
    rows = PairingOffer.objects.filter(pk__in=ids, supporter__member=member, status=OfferStatus.PENDING,
                                       request__status=RequestStatus.OPEN)
    return {row.pk: row for row in rows}


def offers_accepted(ids, member) -> dict[int, PairingOffer]:
    """The requester's offers a supporter accepted (and, once confirmed, still their request's)."""
    rows = PairingOffer.objects.filter(pk__in=ids, request__requester=member,
                                       status__in=[OfferStatus.ACCEPTED, OfferStatus.CONFIRMED])
    return {row.pk: row for row in rows}


def pairings_started(ids, member) -> dict[int, Pairing]:
    rows = Pairing.objects.filter(pk__in=ids, supporter__member=member, ended_at__isnull=True)
    return {row.pk: row for row in rows}


def pairings_ended(ids, member) -> dict[int, Pairing]:
    """Ended pairings the member was in, ended by the other side."""
    rows = (Pairing.objects.filter(_in_pairing(member), pk__in=ids, ended_at__isnull=False)
            .exclude(ended_by=member))
    return {row.pk: row for row in rows}


def requests_passed(ids, member) -> dict[int, PairingRequest]:
    """While with the coordinators: the requester's own, and those of the programme the member
    coordinates now (`for_requester` tells the two apart)."""
    coordinates = Exists(current_coordinators(OuterRef("language")).filter(member=member))
    rows = (PairingRequest.objects.filter(pk__in=ids, status=RequestStatus.PASSED)
            .filter(Q(requester=member) | coordinates)
            .annotate(for_requester=ExpressionWrapper(Q(requester=member), output_field=BooleanField())))
    return {row.pk: row for row in rows}


def calls_to_come(ids, member) -> dict[int, PairingCall]:
    """Calls not cancelled, of a pairing the member is in and that goes on."""
    rows = (PairingCall.objects.filter(_in_pairing(member, "pairing__"), pk__in=ids, cancelled_at__isnull=True,
                                       pairing__ended_at__isnull=True))
    return {row.pk: row for row in rows}


# --- Words and links ---------------------------------------------------------------------------------

def _request_passed_text(request) -> str:
    if request.for_requester:
        return _("Personne n'a encore pu accepter votre demande de jumelage : elle est confiée à la coordination. "
                 "D'autres soutiens existent en attendant.")
    return _("Une demande de jumelage attend la coordination.")


def _request_passed_url(request) -> str:
    if request.for_requester:
        return reverse("peer_request", kwargs={"pk": request.pk})
    return reverse("peer_coordination")


def _call_text(call) -> str:
    """In the reader's zone (the page's, or the one a mail is rendered in), which it names."""
    local = timezone.localtime(call.starts_at)
    when = f"{formats.date_format(local, 'l j F Y, H:i')} ({timezone.get_current_timezone_name()})"
    return _("Un appel de votre jumelage est prévu le %(when)s.") % {"when": when}


def _pairing_url(pairing) -> str:
    return reverse("peer_pairing", kwargs={"pk": pairing.pk})


KINDS = {
    OFFER: NotificationKind(
        label=gettext_lazy("Demande de jumelage proposée"), model=PairingOffer, subjects=offers_to_answer,
        text=lambda offer: _("Une demande de jumelage vous est proposée."),
        url=lambda offer: reverse("peer_offer", kwargs={"pk": offer.pk}), default=EmailFrequency.IMMEDIATE,
    ),
    OFFER_ACCEPTED: NotificationKind(
        label=gettext_lazy("Demande de jumelage acceptée"), model=PairingOffer, subjects=offers_accepted,
        text=lambda offer: _("Un·e pair aidant·e a accepté votre demande de jumelage : confirmez pour commencer."),
        url=lambda offer: reverse("peer_request", kwargs={"pk": offer.request_id}), default=EmailFrequency.IMMEDIATE,
    ),
    PAIRING_STARTED: NotificationKind(
        label=gettext_lazy("Jumelage commencé"), model=Pairing, subjects=pairings_started,
        text=lambda pairing: _("Votre jumelage commence : la personne qui l'a demandé a confirmé."),
        url=_pairing_url, default=EmailFrequency.IMMEDIATE,
    ),
    PAIRING_ENDED: NotificationKind(
        label=gettext_lazy("Jumelage terminé"), model=Pairing, subjects=pairings_ended,
        text=lambda pairing: _("L'autre personne a mis fin à votre jumelage."), url=_pairing_url,
    ),
    REQUEST_PASSED: NotificationKind(
        label=gettext_lazy("Demande de jumelage confiée à la coordination"), model=PairingRequest,
        subjects=requests_passed, text=_request_passed_text, url=_request_passed_url,
        default=EmailFrequency.IMMEDIATE,
    ),
    CALL_SCHEDULED: NotificationKind(
        label=gettext_lazy("Appel de jumelage prévu"), model=PairingCall, subjects=calls_to_come, text=_call_text,
        url=lambda call: _pairing_url(call.pairing), default=EmailFrequency.IMMEDIATE,
    ),
}


def register() -> None:
    for key, kind in KINDS.items():
        registry.notification_kinds.register(key, kind)


# --- Telling, after commit ---------------------------------------------------------------------------

def _requester_and_supporter(pairing) -> tuple[int, int]:
    return pairing.request.requester_id, pairing.supporter.member_id


def offer_made(offer) -> list:
    offer = PairingOffer.objects.select_related("supporter").get(pk=offer.pk)
    return notification_send(kind=OFFER, subject=offer, recipient_ids=[offer.supporter.member_id])


@transaction.atomic
def offer_accepted(offer) -> list:
    """The supporter answered: their offer is no news any more; the requester is told."""
    offer = PairingOffer.objects.select_related("request", "supporter").get(pk=offer.pk)
    notifications_withdraw(subjects=offer, recipient=offer.supporter.member_id)
    return notification_send(kind=OFFER_ACCEPTED, subject=offer, recipient_ids=[offer.request.requester_id])


def offers_settled(offers) -> int:
    """Offers declined, closed or withdrawn: what anyone was told of them goes (a queryset)."""
    return notifications_withdraw(subjects=offers)


@transaction.atomic
def request_withdrawn(request) -> int:
    """Nothing told of a withdrawn request or its offers is news any more, to anyone."""
    return offers_settled(PairingOffer.objects.filter(request=request)) + notifications_withdraw(subjects=request)


def pairing_started(pairing) -> list:
    pairing = Pairing.objects.select_related("supporter").get(pk=pairing.pk)
    return notification_send(kind=PAIRING_STARTED, subject=pairing, recipient_ids=[pairing.supporter.member_id])


@transaction.atomic
def pairing_ended(pairing) -> list:
    """The other side is told; the news of the start and of calls to come goes for both."""
    pairing = Pairing.objects.select_related("request", "supporter").get(pk=pairing.pk)
    notifications_withdraw(subjects=pairing)
    notifications_withdraw(subjects=PairingCall.objects.filter(pairing=pairing))
    others = [member_id for member_id in _requester_and_supporter(pairing) if member_id != pairing.ended_by_id]
    return notification_send(kind=PAIRING_ENDED, subject=pairing, recipient_ids=others)


@transaction.atomic
def requests_passed_on(request_ids, now=None) -> list:
    """Each requester, and their programme's coordinators of the moment. The offers that were
    still waiting were closed: what their supporters were told of them goes."""
    if not request_ids:
        return []
    offers_settled(PairingOffer.objects.filter(request__in=request_ids, status=OfferStatus.CLOSED))
    told = []
    for request in PairingRequest.objects.filter(pk__in=request_ids, status=RequestStatus.PASSED):
        coordinators = current_coordinators(request.language, now).values_list("member_id", flat=True)
        told += notification_send(kind=REQUEST_PASSED, subject=request,
                                  recipient_ids=[request.requester_id, *coordinators], now=now)
    return told


def call_scheduled(call) -> list:
    call = PairingCall.objects.select_related("pairing__request", "pairing__supporter").get(pk=call.pk)
    others = [member_id for member_id in _requester_and_supporter(call.pairing) if member_id != call.proposed_by_id]
    return notification_send(kind=CALL_SCHEDULED, subject=call, recipient_ids=others)


def call_cancelled(call) -> int:
    return notifications_withdraw(subjects=PairingCall.objects.filter(pk=call.pk))


# --- The listening line ------------------------------------------------------------------------------

from .models import LineConversation, LineStatus  # noqa: E402

LINE_PASSED = "peer_line_passed"


def line_conversations_passed(ids, member) -> dict:
    """Conversations passed to the member and still with them. Never a word of it is told: a
    conversation of the line is health data."""
    rows = LineConversation.objects.filter(pk__in=ids, passed_to=member, status=LineStatus.PASSED)
    return {row.pk: row for row in rows}


KINDS[LINE_PASSED] = NotificationKind(
    label=gettext_lazy("Conversation d'écoute confiée"), model=LineConversation, subjects=line_conversations_passed,
    text=lambda conversation: _("Une conversation de la ligne d'écoute vous est confiée."),
    url=lambda conversation: reverse("peer_line_conversation", kwargs={"pk": conversation.pk}),
    default=EmailFrequency.IMMEDIATE,
)


def line_passed(conversation) -> list:
    """The coordinator it was passed to is told, after commit."""
    return notification_send(kind=LINE_PASSED, subject=conversation, recipient_ids=[conversation.passed_to_id])


# --- Group starters ------------------------------------------------------------------------------

from .models import StarterRequest, StarterRequestStatus  # noqa: E402

STARTER_TAKEN = "peer_starter_taken"


def starter_requests_taken(ids, member) -> dict:
    """The member's own requests a volunteer took, while the group is still accompanied."""
    rows = (StarterRequest.objects.filter(pk__in=ids, requester=member, status=StarterRequestStatus.TAKEN,
                                          assignment__ended_at__isnull=True).select_related("group"))
    return {row.pk: row for row in rows}


KINDS[STARTER_TAKEN] = NotificationKind(
    label=gettext_lazy("Accompagnant·e de lancement trouvé·e"), model=StarterRequest, subjects=starter_requests_taken,
    text=lambda request: _("Un·e accompagnant·e de lancement a accepté la demande de votre groupe et le rejoint."),
    url=lambda request: reverse("peer_starter_group", kwargs={"slug": request.group.slug}),
    place=lambda request: request.group.name, default=EmailFrequency.IMMEDIATE,
)


def starter_request_taken(request) -> list:
    """The member who asked is told, after commit."""
    if request.requester_id is None:
        return []
    return notification_send(kind=STARTER_TAKEN, subject=request, recipient_ids=[request.requester_id])


# --- The programme's consent decisions -------------------------------------------------------------

PROGRAMME_PROPOSAL = "peer_programme_proposal"


def proposals_in_consultation(ids, member) -> dict:
    """Open proposals of a programme the member takes part in deciding."""
    now = timezone.now()
    terms = CoordinatorTerm.objects.current(now).filter(member=member)
    confirmed = Supporter.objects.filter(member=member, confirmed_at__isnull=False)
    rows = (ProgrammeProposal.objects.filter(pk__in=ids, status=ProgrammeProposalStatus.OPEN)
            .filter(Q(programme__in=terms.values("programme"))
                    | Q(programme__language__in=confirmed.values("languages__language")))
            .select_related("programme"))
    return {row.pk: row for row in rows}


def _proposal_text(proposal) -> str:
    return _("Une proposition est en consultation dans le programme %(language)s : %(kind)s.") % {
        "language": proposal.programme.get_language_display(), "kind": proposal.get_kind_display()}


def _proposal_url(proposal) -> str:
    return reverse("peer_programme", kwargs={"language": proposal.programme.language}) + f"#proposal-{proposal.pk}"


KINDS[PROGRAMME_PROPOSAL] = NotificationKind(
    label=gettext_lazy("Proposition du programme en consultation"), model=ProgrammeProposal, subjects=proposals_in_consultation,
    text=_proposal_text, url=_proposal_url,
)


def proposal_opened(proposal) -> list:
    """Everyone who takes part in the decision but the proposer, after commit. The volunteer being
    confirmed is not told: they are not among those who decide, and an objection is not theirs to
    read as a verdict."""
    from .selectors.coordinators import participants

    # A paused supporter still takes part, but nothing is asked of them while they rest; a
    # coordinator in their term is told all the same.
    coordinating = Exists(current_coordinators(proposal.programme.language).filter(member=OuterRef("pk")))
    deciders = (participants(proposal.programme).exclude(pk=proposal.proposer_id)
                .exclude(Q(peer_supporter__paused=True) & ~coordinating))
    recipients = list(deciders.values_list("pk", flat=True))
    if proposal.supporter_id:
        recipients = [pk for pk in recipients if pk != proposal.supporter.member_id]
    return notification_send(kind=PROGRAMME_PROPOSAL, subject=proposal, recipient_ids=recipients)
