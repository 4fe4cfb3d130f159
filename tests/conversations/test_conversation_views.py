import pytest
from django.urls import reverse

from conversations.models import Conversation, PrivateMessage
from conversations.services import conversation_start
from moderation.services.safety import member_block, member_mute
from tests.conftest import assert_valid_html
from tests.queries import SESSION_QUERIES
from tests.factories import UserFactory
from tests.notifications.builders import committed, group_of, seasoned

pytestmark = pytest.mark.django_db



@pytest.fixture
def pair():
    anna, bruno = seasoned(pseudonym="Anna"), seasoned(pseudonym="Bruno")
    group_of(anna, bruno)
    return anna, bruno


def page(response) -> str:
    assert_valid_html(response)
    return response.content.decode()


def new_url(member):
    return reverse("conversation_new", args=[member.pk])


def test_a_member_starts_a_conversation_and_both_read_it(pair, client, django_capture_on_commit_callbacks):
    anna, bruno = pair
    client.force_login(anna)
    assert "Écrire à Bruno" in page(client.get(new_url(bruno)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(new_url(bruno), {"body": "Bonjour *Bruno*"})
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and response["Location"].startswith(conversation.get_absolute_url())
    client.force_login(bruno)
    html = page(client.get(conversation.get_absolute_url()))
    assert "Conversation avec Anna" in html and "<em>Bruno</em>" in html
    assert PrivateMessage.objects.get().read_at is not None
    response = client.post(conversation.get_absolute_url(), {"body": "Merci Anna"})
    assert response.status_code == 302
    assert "Anna" in page(client.get(reverse("conversation_list")))


def test_writing_again_to_someone_opens_the_existing_conversation(pair, client, django_capture_on_commit_callbacks):
    anna, bruno = pair
    message = committed(django_capture_on_commit_callbacks,
                        lambda: conversation_start(actor=anna, other=bruno, body="Bonjour"))
    client.force_login(bruno)
    response = client.get(new_url(anna))
    assert response.status_code == 302 and response["Location"] == message.conversation.get_absolute_url()


def test_third_parties_get_a_404(pair, client, django_capture_on_commit_callbacks):
    anna, bruno = pair
    message = committed(django_capture_on_commit_callbacks,
                        lambda: conversation_start(actor=anna, other=bruno, body="Entre nous"))
    client.force_login(seasoned())
    url = message.conversation.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "Je m'invite"}).status_code == 404
    assert PrivateMessage.objects.count() == 1


def test_signed_out_visitors_are_sent_to_sign_in(client):
    assert client.get(reverse("conversation_list")).status_code == 302


@pytest.mark.parametrize("body, status, error", [
    ("", 400, "Votre message est vide"),
    ("é" * 20_001, 400, "20001 caractères"),
])
def test_a_refused_message_comes_back_in_the_form(pair, client, body, status, error):
    anna, bruno = pair
    client.force_login(anna)
    response = client.post(new_url(bruno), {"body": body})
    html = page(response)
    assert response.status_code == status and error in html
    assert body in html  # nothing lost
    assert not PrivateMessage.objects.exists()


def test_a_new_account_sees_why_it_cannot_write_yet(pair, client):
    anna, _bruno = pair
    newcomer = UserFactory()
    group_of(anna, newcomer, name="Deux")
    client.force_login(newcomer)
    response = client.get(new_url(anna))
    assert response.status_code == 403
    assert "un jour après la création de votre compte" in page(response)
    response = client.post(new_url(anna), {"body": "Bonjour"})
    assert response.status_code == 403 and "Bonjour" in page(response)


def test_a_blocked_member_is_told_only_that_the_person_takes_no_private_messages(pair, client):
    anna, bruno = pair
    member_block(actor=anna, member=bruno)
    client.force_login(bruno)
    response = client.get(new_url(anna))
    html = page(response)
    assert response.status_code == 403
    assert "Cette personne ne reçoit pas de messages privés." in html and "bloqu" not in html


def test_members_who_share_no_group_and_oneself_are_refused(pair, client):
    anna, _bruno = pair
    stranger = seasoned()
    client.force_login(anna)
    assert client.post(new_url(stranger), {"body": "Bonjour"}).status_code == 403
    response = client.post(new_url(anna), {"body": "Bonjour"})
    assert response.status_code == 400 and "vous écrire à vous-même" in page(response)
    assert client.get(reverse("conversation_new", args=[10**6])).status_code == 404


def test_a_muted_members_messages_are_not_shown(pair, client, django_capture_on_commit_callbacks):
    anna, bruno = pair
    message = committed(django_capture_on_commit_callbacks,
                        lambda: conversation_start(actor=anna, other=bruno, body="Un message d'Anna"))
    member_mute(actor=bruno, member=anna)
    client.force_login(bruno)
    html = page(client.get(message.conversation.get_absolute_url()))
    assert "Un message d" not in html
    assert "ses messages ne s'affichent pas" in html
    assert "En sourdine" in page(client.get(reverse("conversation_list")))


@pytest.mark.parametrize("count", [1, 6])
def test_the_conversation_list_takes_the_same_queries_whatever_its_length(count, client, django_assert_num_queries,
                                                                          django_capture_on_commit_callbacks):
    me = seasoned()
    others = [seasoned() for _ in range(count)]
    group_of(me, *others)
    for other in others:
        committed(django_capture_on_commit_callbacks, lambda other=other: conversation_start(actor=other, other=me,
                                                                                             body="Bonjour"))
    client.force_login(me)
    # Session, member, mutes, paginator count, the page, the header's unread count.
    with django_assert_num_queries(SESSION_QUERIES + 5):
        html = page(client.get(reverse("conversation_list")))
    assert html.count("1 non lu<") == count


@pytest.mark.parametrize("count", [1, 8])
def test_a_conversation_page_takes_the_same_queries_whatever_its_length(pair, count, client,
                                                                        django_assert_num_queries,
                                                                        django_capture_on_commit_callbacks):
    anna, bruno = pair
    for index in range(count):
        message = committed(django_capture_on_commit_callbacks,
                            lambda index=index: conversation_start(actor=anna, other=bruno, body=f"Message {index}"))
    client.force_login(bruno)
    # Session, member, conversation, mutes, paginator count, the page, the messages read, their
    # notification read and the unread count lowered by one, the header's count.
    with django_assert_num_queries(SESSION_QUERIES + 9):
        response = client.get(message.conversation.get_absolute_url())
    html = page(response)
    assert html.count('class="user-text"') == count
    assert "badge-notice" not in html.split("</header>")[0]
