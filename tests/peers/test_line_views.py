"""The listening line's pages: the front page (crisis lines first, on duty or not, the next
hours), a visitor's guest entry up to the limit per address, the knock, a conversation with
its place in the queue in words, the supporter's duty page, hand-over notes, and every
refusal answered on the page with its message and a 4xx."""

from datetime import timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from entraide.models import User
from moderation.models import Report
from notifications.models import Notification
from peers.middleware import GUEST_SESSION_KEY
from peers.models import DutySlot, HandoverNote, LineConversation, LineGuest, LineMessage, LineStatus
from peers.services.duty import duty_slot_take
from peers.services.guests import GUEST_OPENS_PER_HOUR
from peers.services.line import line_answer
from peers.views.line import queue_words
from tests.conftest import assert_valid_html
from tests.factories import UserFactory
from tests.queries import SESSION_QUERIES

from .builders import make_supporter
from .line_builders import coordinator, knocked, on_duty, talking

pytestmark = pytest.mark.django_db

CRISIS_HEADING = "En danger ou à bout, maintenant ?"


def page(response, status=200) -> str:
    assert response.status_code == status, response.content.decode()[:800]
    assert_valid_html(response)
    return unescape(response.content.decode())


def local_form_time(moment, zone="Europe/Zurich") -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")


# --- The front page ---------------------------------------------------------------------------

def test_with_no_one_on_duty_the_front_page_shows_the_crisis_lines_first_and_the_next_hours(client):
    supporter = make_supporter()
    later = timezone.now() + timedelta(days=1)
    duty_slot_take(actor=supporter.member, language="fr", starts_at=later, ends_at=later + timedelta(hours=2))
    html = page(client.get(reverse("peer_line")))
    assert html.index(CRISIS_HEADING) < html.index("Personne n'est de permanence")
    assert "Prochaines heures de permanence" in html
    assert supporter.member.pseudonym not in html
    assert reverse("peer_line_guest") not in html and reverse("peer_line_knock") not in html


def test_with_someone_on_duty_a_visitor_is_offered_the_guest_form_and_a_member_the_knock(client):
    on_duty()
    html = page(client.get(reverse("peer_line")))
    assert html.index(CRISIS_HEADING) < html.index("Une personne est de permanence")
    assert reverse("peer_line_guest") in html
    client.force_login(UserFactory())
    html = page(client.get(reverse("peer_line")))
    assert reverse("peer_line_knock") in html and reverse("peer_line_guest") not in html


def test_the_front_page_reads_a_pinned_number_of_queries(client, django_assert_num_queries):
    on_duty()
    client.get(reverse("peer_line"))
    # The crisis lines (2), who is on duty, the next hours, how many wait.
    with django_assert_num_queries(5):
        page(client.get(reverse("peer_line")))
    member = UserFactory()
    client.force_login(member)
    client.get(reverse("peer_line"))
    # And the session, the member, their live conversation, the unread count.
    with django_assert_num_queries(SESSION_QUERIES + 8):
        page(client.get(reverse("peer_line")))


# --- Guests -----------------------------------------------------------------------------------

def test_a_visitor_enters_as_a_guest_knocks_and_is_in_the_queue(client):
    on_duty()
    response = client.post(reverse("peer_line_guest"), {"pseudonym": "Hibou"})
    assert response.status_code == 302 and response["Location"] == reverse("peer_line")
    guest = User.objects.get(pseudonym="Hibou")
    assert LineGuest.objects.filter(user=guest).exists() and guest.email.endswith("@invalid")
    assert client.session[GUEST_SESSION_KEY] == 0
    assert reverse("peer_line_knock") in page(client.get(reverse("peer_line")))
    response = client.post(reverse("peer_line_knock"))
    conversation = LineConversation.objects.get(caller=guest)
    assert response["Location"] == reverse("peer_line_conversation", args=[conversation.pk])
    assert client.session[GUEST_SESSION_KEY] == conversation.pk
    html = page(client.get(response["Location"]))
    assert "Vous êtes la première personne dans la file." in html


def test_a_guest_who_ends_the_conversation_is_signed_out_and_the_account_is_gone(client):
    on_duty()
    client.post(reverse("peer_line_guest"), {"pseudonym": "Hibou"})
    client.post(reverse("peer_line_knock"))
    conversation = LineConversation.objects.get()
    response = client.post(reverse("peer_line_end", args=[conversation.pk]))
    assert response["Location"] == reverse("peer_line")
    assert not User.objects.filter(pseudonym="Hibou").exists()
    assert "Entrer comme invité·e" in page(client.get(reverse("peer_line")))


def test_beyond_a_few_guest_accounts_per_address_and_hour_the_page_answers_429(client):
    on_duty()
    for number in range(GUEST_OPENS_PER_HOUR):
        client.post(reverse("peer_line_guest"), {"pseudonym": f"Invite{number}"})
        client.logout()
    response = client.post(reverse("peer_line_guest"), {"pseudonym": "Encoreun"})
    html = page(response, 429)
    assert "réessayez un peu plus tard" in html and int(response["Retry-After"]) > 0
    assert html.index(CRISIS_HEADING) < html.index("réessayez un peu plus tard")
    assert not User.objects.filter(pseudonym="Encoreun").exists()


def test_a_guest_pseudonym_that_cannot_be_taken_is_said_on_the_page(client):
    on_duty()
    UserFactory(pseudonym="Pris")
    assert "Ce pseudonyme est déjà pris" in page(client.post(reverse("peer_line_guest"), {"pseudonym": "Pris"}), 400)
    assert "Choisissez un pseudonyme" in page(client.post(reverse("peer_line_guest"), {"pseudonym": ""}), 400)


def test_a_signed_in_member_cannot_open_a_guest_account(client):
    client.force_login(UserFactory())
    assert "déjà connecté·e" in page(client.post(reverse("peer_line_guest"), {"pseudonym": "Hibou"}), 409)
    assert not LineGuest.objects.exists()


# --- Knocking and the conversation ------------------------------------------------------------

def test_knocking_twice_is_a_409_with_the_way_back_to_the_conversation(client):
    member = UserFactory()
    client.force_login(member)
    client.post(reverse("peer_line_knock"))
    html = page(client.post(reverse("peer_line_knock")), 409)
    assert "déjà en lien avec la ligne d'écoute" in html
    assert reverse("peer_line_conversation", args=[LineConversation.objects.get().pk]) in html


@pytest.mark.parametrize(("position", "words"), [
    (1, "Vous êtes la première personne dans la file."),
    (2, "Une personne attend avant vous."),
    (3, "Deux personnes attendent avant vous."),
    (12, "Onze personnes attendent avant vous."),
    (40, "39 personnes attendent avant vous."),
])
def test_a_place_in_the_queue_is_said_in_words(position, words):
    assert queue_words(position) == words


def test_the_third_caller_reads_that_two_people_wait_before_them(client):
    knocked(), knocked()
    third = UserFactory()
    client.force_login(third)
    client.post(reverse("peer_line_knock"))
    conversation = LineConversation.objects.get(caller=third)
    assert "Deux personnes attendent avant vous." in page(client.get(
        reverse("peer_line_conversation", args=[conversation.pk])))


def test_the_conversation_page_reads_a_pinned_number_of_queries(client, django_assert_num_queries):
    conversation, caller, supporter = talking()
    client.force_login(caller)
    client.get(reverse("peer_line_conversation", args=[conversation.pk]))
    # The session, the member, the conversation with its people, the messages, the crisis
    # lines (2), whether the member has a report about it waiting, the unread count.
    with django_assert_num_queries(SESSION_QUERIES + 7):
        page(client.get(reverse("peer_line_conversation", args=[conversation.pk])))


def test_caller_and_supporter_write_without_javascript_and_the_same_form_twice_stores_one(client):
    conversation, caller, supporter = talking()
    client.force_login(caller)
    url = reverse("peer_line_send", args=[conversation.pk])
    for _time in range(2):
        response = client.post(url, {"body": "Bonsoir, merci d'être là", "client_id": "form-1"})
        assert response.status_code == 302
    assert LineMessage.objects.count() == 1
    client.force_login(supporter)
    html = page(client.get(reverse("peer_line_conversation", args=[conversation.pk])))
    assert "Bonsoir, merci d'être là" in html
    assert "Vous êtes la première personne" not in html
    assert "Votre message est vide" in page(client.post(url, {"body": "   ", "client_id": "form-2"}), 400)
    html = page(client.post(url, {"body": "a" * 2001, "client_id": "form-3"}), 400)
    assert "la limite est de 2000" in html and "a" * 2001 in html
    assert LineMessage.objects.count() == 1


def test_a_conversation_is_a_404_for_anyone_else_and_for_ids_no_database_stores(client):
    conversation, _caller, _supporter = talking()
    client.force_login(UserFactory())
    assert client.get(reverse("peer_line_conversation", args=[conversation.pk])).status_code == 404
    assert client.post(reverse("peer_line_end", args=[conversation.pk])).status_code == 404
    assert client.get(f"/peers/line/conversations/{10**30}/").status_code == 404


def test_the_supporter_passes_the_conversation_and_the_coordinator_is_told(client, django_capture_on_commit_callbacks):
    conversation, _caller, supporter = talking()
    chosen = coordinator()
    client.force_login(supporter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("peer_line_pass", args=[conversation.pk]))
    assert response["Location"] == reverse("peer_line_duty")
    notification = Notification.objects.get(recipient=chosen)
    assert notification.kind == "peer_line_passed"
    client.force_login(chosen)
    html = page(client.get(reverse("notification_list")))
    assert reverse("notification_open", args=[notification.pk]) in html
    assert "Une conversation de la ligne d'écoute vous est confiée." in html
    html = page(client.get(reverse("peer_line_conversation", args=[conversation.pk])))
    assert "La conversation est confiée à la coordination." in html and 'id="line-form"' in html
    assert reverse("peer_line_conversation", args=[conversation.pk]) in page(client.get(reverse("peer_line_duty")))


def test_passing_with_no_coordinator_reachable_is_a_409_on_the_page(client):
    conversation, _caller, supporter = talking()
    client.force_login(supporter)
    assert "Aucune personne de la coordination" in page(client.post(reverse("peer_line_pass", args=[conversation.pk])), 409)


def test_the_caller_reports_the_conversation_once(client):
    conversation, caller, _supporter = talking()
    client.force_login(caller)
    url = reverse("peer_line_report", args=[conversation.pk])
    assert client.post(url, {"category": "harassment", "note": "Il m'a insulté."}).status_code == 302
    report = Report.objects.get()
    assert (report.scope, report.scope_key, report.group_id) == ("peers", conversation.language, None)
    assert report.target_author == _supporter and report.note == "Il m'a insulté."
    assert "la coordination l'examine" in page(client.post(url, {"category": "harassment"}), 409)
    assert Report.objects.count() == 1


def test_a_report_without_a_category_or_with_an_overlong_note_is_refused_and_nothing_is_kept(client):
    conversation, caller, _supporter = talking()
    client.force_login(caller)
    url = reverse("peer_line_report", args=[conversation.pk])
    assert "Choisissez ce qui vous inquiète" in page(client.post(url, {"note": "Sans catégorie"}), 400)
    assert "trop longue" in page(client.post(url, {"category": "other", "note": "x" * 2001}), 400)
    conversation.refresh_from_db()
    assert not Report.objects.exists() and not conversation.reported


# --- Duty -------------------------------------------------------------------------------------

def test_a_supporter_takes_a_slot_in_their_own_time_zone_and_leaves_it(client):
    supporter = make_supporter(time_zone="America/New_York")
    client.force_login(supporter.member)
    starts = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    response = client.post(reverse("peer_line_duty"), {
        "language": "fr", "starts_at": local_form_time(starts, "America/New_York"), "minutes": "120"})
    assert response.status_code == 302
    slot = DutySlot.objects.get()
    assert (slot.starts_at, slot.ends_at) == (starts, starts + timedelta(hours=2))
    assert reverse("peer_line_duty_leave", args=[slot.pk]) in page(client.get(reverse("peer_line_duty")))
    assert client.post(reverse("peer_line_duty_leave", args=[slot.pk])).status_code == 302
    assert not DutySlot.objects.exists()


def test_a_slot_in_the_past_or_overlapping_another_is_refused_on_the_page(client):
    supporter = make_supporter()
    client.force_login(supporter.member)
    past = timezone.now() - timedelta(days=1)
    html = page(client.post(reverse("peer_line_duty"), {
        "language": "fr", "starts_at": local_form_time(past), "minutes": "60"}), 400)
    assert "commence dans le passé" in html
    starts = timezone.now() + timedelta(days=1)
    client.post(reverse("peer_line_duty"), {"language": "fr", "starts_at": local_form_time(starts), "minutes": "120"})
    html = page(client.post(reverse("peer_line_duty"), {
        "language": "fr", "starts_at": local_form_time(starts + timedelta(hours=1)), "minutes": "60"}), 409)
    assert "déjà une permanence à ce moment-là" in html
    assert DutySlot.objects.count() == 1
    assert "Indiquez une date et une heure" in page(client.post(reverse("peer_line_duty"), {
        "language": "fr", "starts_at": "demain", "minutes": "60"}), 400)


def test_a_member_who_is_no_supporter_cannot_take_a_slot(client):
    client.force_login(UserFactory())
    assert "Proposer mon soutien" in page(client.get(reverse("peer_line_duty")))
    html = page(client.post(reverse("peer_line_duty"), {
        "language": "fr", "starts_at": local_form_time(timezone.now() + timedelta(days=1)), "minutes": "60"}), 403)
    assert "pairs aidant·es confirmé·es" in html


def test_the_supporter_on_duty_takes_the_next_caller_and_with_no_one_waiting_is_told_so(client):
    supporter = on_duty()
    client.force_login(supporter)
    response = client.post(reverse("peer_line_answer"))
    assert response["Location"] == reverse("peer_line_duty")
    assert "Personne n'attend en ce moment." in page(client.get(response["Location"]))
    waiting = knocked()
    response = client.post(reverse("peer_line_answer"))
    assert response["Location"] == reverse("peer_line_conversation", args=[waiting.pk])
    waiting.refresh_from_db()
    assert waiting.status == LineStatus.OPEN and waiting.supporter == supporter


def test_taking_the_next_caller_off_duty_is_a_403_on_the_page(client):
    client.force_login(make_supporter().member)
    assert "pas de permanence en ce moment" in page(client.post(reverse("peer_line_answer")), 403)


# --- Hand-over notes --------------------------------------------------------------------------

def note(client, body, language="fr"):
    return client.post(reverse("peer_line_note"), {"language": language, "body": body})


def test_the_supporter_ends_the_conversation_and_leaves_a_note_the_next_shift_reads(client):
    conversation, _caller, supporter = talking()
    client.force_login(supporter)
    response = client.post(reverse("peer_line_end", args=[conversation.pk]))
    assert response["Location"] == reverse("peer_line_duty")
    assert note(client, "Soirée calme, deux appels sur la solitude.").status_code == 302
    next_shift = on_duty()
    client.force_login(next_shift)
    assert "Soirée calme, deux appels sur la solitude." in page(client.get(reverse("peer_line_duty")))


def test_an_overlong_note_or_one_with_a_phone_number_or_crisis_words_is_refused_on_the_page(client):
    client.force_login(on_duty())
    assert "2000 caractères au plus" in page(note(client, "a" * 2001), 400)
    assert "numéro de téléphone" in page(note(client, "Rappeler le 079 123 45 67 demain"), 400)
    assert "situation de crise" in page(note(client, "Une personne avait envie de mourir ce soir."), 400)
    assert "La note est vide" in page(note(client, "   "), 400)
    assert not HandoverNote.objects.exists()


def test_a_note_off_duty_is_a_403(client):
    client.force_login(make_supporter().member)
    assert "Les notes de relève s'écrivent pendant une permanence" in page(note(client, "Calme"), 403)


def test_a_guest_caller_is_answered_and_both_write(client):
    supporter = on_duty()
    client.post(reverse("peer_line_guest"), {"pseudonym": "Hibou"})
    client.post(reverse("peer_line_knock"))
    line_answer(actor=supporter)
    conversation = LineConversation.objects.get()
    html = page(client.get(reverse("peer_line_conversation", args=[conversation.pk])))
    assert f"En conversation avec {supporter.display_name}." in html
