"""Every route of the programme, asked by each person around a request: the requester, the
supporter it is offered to before they accept, the supporter who accepted, another supporter,
a coordinator, staff, a member outside it and a visitor. Each marker must reach only those the
issue names: nothing before both accept, nothing outside the pairing. GETs first, then a POST to
each route, with every id of the programme and ids out of range."""

import re
from datetime import timedelta

import pytest
from django.urls import URLPattern, get_resolver
from django.utils import timezone

from moderation.models import Report
from peers.models import CoordinatorTerm, LineConversation, PairingOffer, Programme, ProgrammeProposal
from peers.services.calls import call_schedule
from peers.services.duty import duty_slot_take
from peers.services.handover import handover_note_write
from peers.services.line import line_answer, line_knock, line_message_send, line_report
from peers.services.pairings import offer_accept, request_open, requests_pass_due
from tests.factories import UserFactory, theme

from .builders import make_supporter
from .pairing_builders import make_pairing, open_request

pytestmark = pytest.mark.django_db

OFFERED_WORDS = "Zq7OfferedWords"
PAIRED_WORDS = "Zq7PairedWords"
REQUESTER = "Zq7Requester"
SUPPORTER_BEFORE = "Zq7SupporterBefore"
SUPPORTER_AFTER = "Zq7SupporterAfter"
PASSED_WORDS = "Zq7PassedWords"
LINE_WORDS = "Zq7LineWords"
HANDOVER_NOTE = "Zq7HandoverNote"
REPORT_NOTE = "Zq7ReportNote"
MARKERS = (OFFERED_WORDS, PAIRED_WORDS, PASSED_WORDS, LINE_WORDS, HANDOVER_NOTE, REQUESTER, SUPPORTER_BEFORE,
           SUPPORTER_AFTER, REPORT_NOTE)

# Who may read each marker, on the programme's pages.
MAY_SEE = {
    # The requester also called the listening line, answered by the supporter they are paired with.
    "requester": {OFFERED_WORDS, PAIRED_WORDS, PASSED_WORDS, LINE_WORDS, REQUESTER, SUPPORTER_AFTER},
    # Offered a request: its words, never who wrote them.
    "supporter_before": {OFFERED_WORDS, SUPPORTER_BEFORE},
    # Both accepted: the pairing's words and the requester's pseudonym, nothing of the other request.
    "supporter_after": {PAIRED_WORDS, LINE_WORDS, HANDOVER_NOTE, REQUESTER, SUPPORTER_AFTER},
    # A request passed to the programme reaches its coordinators, with who asked; so does a
    # report about a conversation of its line, with its note (moderation's scope pages).
    "coordinator": {PASSED_WORDS, REQUESTER, REPORT_NOTE},
    "other_supporter": set(), "staff": set(), "outsider": set(), "anonymous": set(),
}
# The programme's own pages show its participants (its coordinators and confirmed supporters, here
# of the Italian programme) who is being confirmed: deciding on a volunteer means knowing them.
PROGRAMME_PARTICIPANTS = {"coordinator", "other_supporter", "supporter_before"}
OUT_OF_RANGE = ("0", str(2**63), str(10**30))


def may_see(role, marker, name) -> bool:
    if marker in MAY_SEE[role]:
        return True
    return marker == SUPPORTER_BEFORE and name.startswith("peer_programme") and role in PROGRAMME_PARTICIPANTS


def _peer_routes():
    """The programme's routes, and moderation's pages for scopes, where its reports are read."""
    for entry in get_resolver().url_patterns:
        patterns = getattr(entry, "url_patterns", [entry])
        prefix = str(getattr(entry, "pattern", "")) if hasattr(entry, "url_patterns") else ""
        for pattern in patterns:
            if isinstance(pattern, URLPattern) and (pattern.name or "").startswith(("peer_", "scope_")):
                yield pattern.name, prefix + str(pattern.pattern)


def _world():
    requester = UserFactory(pseudonym=REQUESTER, date_joined=timezone.now() - timedelta(days=3))
    # Asked two days ago for a theme nobody offers: passed to the Italian programme's coordinators.
    passed = request_open(actor=requester, theme=theme("grief"), language="it", format="written", words=PASSED_WORDS,
                          now=timezone.now() - timedelta(hours=49))
    requests_pass_due()
    supporter_before = make_supporter(UserFactory(pseudonym=SUPPORTER_BEFORE), languages=("it",))
    supporter_after = make_supporter(UserFactory(pseudonym=SUPPORTER_AFTER))
    pairing = make_pairing(requester, supporter_after)
    pairing.request.words = PAIRED_WORDS
    pairing.request.save(update_fields=["words"])
    offered = open_request(requester, language="it", words=OFFERED_WORDS)
    call = call_schedule(actor=requester, pairing=pairing, starts_at=timezone.now() + timedelta(days=1))
    other = make_supporter(UserFactory(pseudonym="Autre"), languages=("it",))
    coordinator = UserFactory(pseudonym="Coordination")
    CoordinatorTerm.objects.create(member=coordinator, programme=Programme.objects.get(language="it"),
                                   starts_at=timezone.now() - timedelta(days=1),
                                   ends_at=timezone.now() + timedelta(days=90))
    accounts = {
        "requester": requester, "supporter_before": supporter_before.member, "supporter_after": supporter_after.member,
        "other_supporter": other.member, "coordinator": coordinator,
        "staff": UserFactory(pseudonym="Equipe", is_staff=True, is_superuser=True),
        "outsider": UserFactory(pseudonym="Dehors"), "anonymous": None,
    }
    proposal = ProgrammeProposal.objects.create(
        programme=Programme.objects.get(language="it"), kind="change_guidelines", proposer=other.member,
        guidelines_text="Lignes", guidelines_version=0, created_at=timezone.now(),
        decides_at=timezone.now() + timedelta(hours=48))
    # The requester calls the line; the supporter they are paired with is on duty and answers,
    # then leaves a note for whoever comes next (on duty in French: only they, here).
    now = timezone.now()
    duty = duty_slot_take(actor=supporter_after.member, language="fr", starts_at=now, ends_at=now + timedelta(hours=2))
    conversation = line_knock(actor=requester, language="fr")
    line_answer(actor=supporter_after.member)
    line_message_send(actor=requester, conversation=conversation, body=LINE_WORDS, client_id="walk-1")
    handover_note_write(actor=supporter_after.member, language="fr", body=HANDOVER_NOTE)
    # Someone outside the world calls the Italian line and reports the conversation, with a note.
    listener = make_supporter(UserFactory(pseudonym="Ascolto"), languages=("it",))
    duty_slot_take(actor=listener.member, language="it", starts_at=now, ends_at=now + timedelta(hours=2))
    reported = line_knock(actor=UserFactory(pseudonym="Chiamata"), language="it")
    line_answer(actor=listener.member)
    line_report(actor=reported.caller, conversation=reported, category="harassment", note=REPORT_NOTE)
    ids = [str(pk) for pk in {conversation.pk, reported.pk, Report.objects.get().pk, duty.pk, passed.pk, proposal.pk, supporter_before.pk, pairing.request.pk, offered.pk, pairing.pk, call.pk,
                              PairingOffer.objects.get(request=offered).pk, pairing.request.offers.get().pk}]
    return accounts, ids


def _urls(pattern, ids):
    names = re.findall(r"<(?:\w+:)?(\w+)>", pattern)
    if not names:
        return ["/" + pattern]
    if names == ["language"]:
        return ["/" + re.sub(r"<(?:\w+:)?language>", value, pattern) for value in ("it", "fr", "xx")]
    if names[:2] == ["scope", "key"]:  # moderation's pages for a scope
        places = [("peers", "it"), ("peers", "fr"), ("peers", "xx"), ("nowhere", "it")]
        values = list(ids) + list(OUT_OF_RANGE) if names[2:] == ["pk"] else [None]
        return [f"/{pattern}".replace("<slug:scope>", scope).replace("<slug:key>", key).replace("<id:pk>", str(value))
                for scope, key in places for value in values]
    if names == ["slug"]:  # a group's starter page: no group in this world, so a 404
        return ["/" + re.sub(r"<(?:\w+:)?slug>", "no-such-group", pattern)]
    assert names == ["pk"], f"teach the walk {pattern}"
    return ["/" + re.sub(r"<(?:\w+:)?pk>", value, pattern) for value in list(ids) + list(OUT_OF_RANGE)]


@pytest.mark.parametrize("role", list(MAY_SEE))
def test_no_programme_route_fails_or_shows_more_than_the_role_may_read(role, client, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    client.raise_request_exception = False
    accounts, ids = _world()
    if accounts[role] is not None:
        client.force_login(accounts[role])
    routes = list(_peer_routes())
    assert len(routes) >= 10
    asked = [(name, url) for name, pattern in routes for url in _urls(pattern, ids)]
    problems = []
    for method in ("get", "post"):
        for name, url in asked:
            response = getattr(client, method)(url)
            if response.status_code >= 500:
                problems.append(f"{method} {url}: {response.status_code}")
            body = response.content.decode(errors="replace") + response.get("Location", "")
            problems.extend(f"{method} {url}: shows {marker}" for marker in MARKERS
                            if marker in body and not may_see(role, marker, name))
    assert not problems, "\n".join(problems[:60])


def test_the_supporter_before_accepting_reads_the_words_but_not_who_wrote_them(client):
    accounts, _ids = _world()
    offer = PairingOffer.objects.get(request__words=OFFERED_WORDS)
    client.force_login(accounts["supporter_before"])
    html = client.get(f"/peers/offers/{offer.pk}/").content.decode()
    assert OFFERED_WORDS in html and REQUESTER not in html
    offer_accept(actor=accounts["supporter_before"], offer=offer)
    html = client.get(f"/peers/offers/{offer.pk}/").content.decode()
    assert REQUESTER not in html


def test_the_walk_reaches_what_it_guards(client):
    """The markers are on the pages the walk asks, for those who may read them: a walk that
    never met them would prove nothing."""
    accounts, _ids = _world()
    conversation = LineConversation.objects.get(language="fr")
    client.force_login(accounts["requester"])
    assert LINE_WORDS in client.get(f"/peers/line/conversations/{conversation.pk}/").content.decode()
    client.force_login(accounts["supporter_after"])
    assert HANDOVER_NOTE in client.get("/peers/line/duty/").content.decode()
    client.force_login(accounts["coordinator"])
    assert PASSED_WORDS in client.get("/peers/coordination/").content.decode()
    assert REPORT_NOTE in client.get("/moderation/peers/it/").content.decode()
