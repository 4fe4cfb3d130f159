"""The chat page: members only, the latest messages in a live log, and the form that sends
without JavaScript (post, redirect, get), which keeps what the member typed when it is refused
and stores a message once however often the same form is posted."""

import re
from html import unescape

import pytest
from django.urls import reverse

from chat.models import BODY_MAX_LENGTH, ChatMessage
from chat.services import chat_slow_mode_set
from entraide.permissions import MEMBERS_ONLY
from moderation.limits import LIMITS, Limit
from moderation.services.content import content_hide
from moderation.services.safety import member_block, member_mute
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group
from tests.moderation.builders import removed_from
from tests.queries import SESSION_QUERIES

from .builders import chat_group, muted_in_chat, said

pytestmark = pytest.mark.django_db

CLIENT_ID = re.compile(r'<input type="hidden" name="client_id" value="([A-Za-z0-9_-]+)">')


def room(group) -> str:
    return reverse("chat_room", kwargs={"slug": group.slug})


def client_id_of(response) -> str:
    return CLIENT_ID.search(response.content.decode()).group(1)


def shown_seqs(response) -> list[int]:
    return [int(seq) for seq in re.findall(r'data-seq="(\d+)"', response.content.decode())]


@pytest.fixture
def scene(client):
    group, moderator, member = chat_group()
    client.force_login(member)
    return group, moderator, member


def test_a_member_reads_the_latest_50_messages_oldest_first_in_a_live_log_with_a_link_to_older_ones(
    scene, client, no_flood_limits
):
    group, moderator, member = scene
    messages = [said(group, (member, moderator)[index % 2], f"Message numéro {index}") for index in range(55)]
    response = client.get(room(group))
    assert response.status_code == 200
    assert shown_seqs(response) == [message.seq for message in messages[5:]]
    page = response.content.decode()
    assert 'role="log" aria-live="polite"' in page
    assert f'?before={messages[5].seq}"' in page
    assert f'data-last-seq="{messages[-1].seq}"' in page
    assert f'data-socket-path="/ws/groups/{group.slug}/chat/"' in page
    assert "Message numéro 54" in page and "Message numéro 4<" not in page
    assert_valid_html(response)


def test_the_page_costs_the_same_queries_with_a_few_messages_or_many(scene, client, django_assert_num_queries,
                                                                       no_flood_limits):
    group, moderator, member = scene
    for index in range(3):
        said(group, moderator, f"Peu {index}")
    # The member, the group with their standing, their mutes and blocks, the messages, the
    # room's state, the member's own presence choice (for its form) and their unread notifications.
    with django_assert_num_queries(SESSION_QUERIES + 7):
        assert client.get(room(group)).status_code == 200
    for index in range(60):
        said(group, member, f"Beaucoup {index}")
    with django_assert_num_queries(SESSION_QUERIES + 7):
        assert client.get(room(group)).status_code == 200


def test_a_chat_without_messages_invites_the_member_to_begin(scene, client):
    group, _moderator, _member = scene
    response = client.get(room(group))
    assert "Personne n'a encore écrit ici." in response.content.decode()
    assert shown_seqs(response) == []
    assert_valid_html(response)


def test_a_hidden_message_is_not_on_the_page(scene, client):
    group, moderator, member = scene
    kept, hidden = said(group, member, "Je reste."), said(group, member, "Je disparais.")
    content_hide(actor=moderator, target=hidden, reason="Hors charte.")
    response = client.get(room(group))
    assert shown_seqs(response) == [kept.seq]
    assert "Je disparais." not in response.content.decode()


def test_the_page_folds_whom_the_member_muted_and_leaves_out_who_blocked_them(scene, client):
    group, moderator, member = scene
    blocker = join(group)
    muted_one = said(group, moderator, "Je suis en sourdine.")
    said(group, blocker, "Je bloque.")
    mine = said(group, member, "Le mien.")
    member_mute(actor=member, member=moderator)
    member_block(actor=blocker, member=member)
    response = client.get(room(group))
    page = unescape(response.content.decode())
    assert shown_seqs(response) == [muted_one.seq, mine.seq]
    assert "Je suis en sourdine." not in page and "Je bloque." not in page
    # Once in the folded message, once for the live client's own folded ones.
    assert page.count("Message d'une personne que vous avez mise en sourdine ou bloquée.") == 2
    assert_valid_html(response)


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    group, _moderator, _member = chat_group()
    response = client.get(room(group))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_someone_outside_a_listed_group_gets_the_403_page_saying_it_is_for_members(client):
    group, _moderator, _member = chat_group()
    client.force_login(UserFactory())
    response = client.get(room(group))
    assert response.status_code == 403
    assert str(MEMBERS_ONLY) in unescape(response.content.decode())
    assert client.post(room(group), {"body": "Bonjour", "client_id": "abc"}).status_code == 403
    assert not ChatMessage.objects.exists()


def test_someone_outside_an_unlisted_group_is_told_nothing_exists(client):
    group, _moderator, _member = chat_group(visibility="unlisted")
    client.force_login(UserFactory())
    assert client.get(room(group)).status_code == 404


def test_a_removed_member_gets_the_403_page_and_cannot_post(client):
    group, _moderator, member = chat_group()
    removed_from(group, member)
    client.force_login(member)
    assert client.get(room(group)).status_code == 403
    assert client.post(room(group), {"body": "Encore moi", "client_id": "abc"}).status_code == 403
    assert not ChatMessage.objects.exists()


def test_a_group_that_does_not_exist_is_a_404(member_client):
    assert member_client.get(reverse("chat_room", kwargs={"slug": "no-such-group"})).status_code == 404


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_refused_with_405(scene, client, method):
    group, _moderator, _member = scene
    assert getattr(client, method)(room(group)).status_code == 405


def test_a_message_sent_without_javascript_is_stored_and_the_member_comes_back_to_the_page(scene, client):
    group, _moderator, member = scene
    form = client.get(room(group))
    response = client.post(room(group), {"body": "Bonsoir, **je suis là**.", "client_id": client_id_of(form)})
    assert response.status_code == 302 and response["Location"] == room(group)
    message = ChatMessage.objects.get()
    assert (message.author, message.body, message.client_id) == (member, "Bonsoir, **je suis là**.", client_id_of(form))
    page = client.get(room(group)).content.decode()
    assert "Votre message est envoyé." in page
    assert "<strong>je suis là</strong>" in page


def test_each_page_carries_a_new_client_id(scene, client):
    group, _moderator, _member = scene
    first, second = client_id_of(client.get(room(group))), client_id_of(client.get(room(group)))
    assert first != second
    assert 16 <= len(first) <= 64


def test_the_same_form_posted_twice_stores_one_message(scene, client):
    group, _moderator, _member = scene
    data = {"body": "Un seul, même envoyé deux fois.", "client_id": client_id_of(client.get(room(group)))}
    assert client.post(room(group), data).status_code == 302
    assert client.post(room(group), data).status_code == 302
    assert ChatMessage.objects.count() == 1
    assert "Ce message était déjà envoyé" in client.get(room(group)).content.decode()


def _refused(client, group, body, *, status, says, client_id="kept-client-id"):
    response = client.post(room(group), {"body": body, "client_id": client_id})
    assert response.status_code == status
    page = response.content.decode()
    assert says in page
    assert client_id_of(response) == client_id
    assert not ChatMessage.objects.filter(client_id=client_id).exists()
    return response, page


def test_an_empty_message_is_refused_at_the_field(scene, client):
    group, _moderator, _member = scene
    _response, page = _refused(client, group, "   \n ", status=400, says="Votre message est vide")
    assert 'aria-invalid="true"' in page


def test_a_message_too_long_is_refused_and_comes_back_whole(scene, client):
    group, _moderator, _member = scene
    body = "é" * (BODY_MAX_LENGTH + 1)
    _response, page = _refused(client, group, body, status=400, says=f"compte {BODY_MAX_LENGTH + 1} caractères")
    assert body in page


def test_a_muted_member_is_told_why_and_keeps_their_text(scene, client):
    group, moderator, member = scene
    muted_in_chat(group, moderator, member)
    page = client.get(room(group)).content.decode()
    assert 'id="chat-form"' not in page
    _response, page = _refused(client, group, "Je voulais dire…", status=403, says="Vous ne pouvez pas écrire dans ce groupe pour le moment.")
    assert "Je voulais dire…" in page


def test_a_member_writing_too_fast_is_asked_to_wait_with_their_text_kept(scene, client, monkeypatch):
    group, _moderator, member = scene
    monkeypatch.setitem(LIMITS, "message", Limit(per_minute=1, per_hour=10, new_per_minute=1, new_per_hour=10))
    said(group, member, "Le premier passe.")
    response, page = _refused(client, group, "Le second attend.", status=429, says="Vous écrivez très vite")
    assert "Le second attend." in page
    assert int(response["Retry-After"]) > 0


def test_slow_mode_holds_a_member_with_their_text_kept(scene, client):
    group, moderator, member = scene
    chat_slow_mode_set(actor=moderator, group=group, seconds=120)
    said(group, member, "Un premier message.")
    page = client.get(room(group)).content.decode()
    assert "Mode lent : un message toutes les 120 secondes au plus." in page
    response, page = _refused(client, group, "Un second trop tôt.", status=429, says="mode lent")
    assert "Un second trop tôt." in page
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize("client_id", ["", "pas d'espaces", "x" * 65])
def test_a_form_with_a_broken_client_id_keeps_the_text_and_gets_a_new_one(scene, client, client_id):
    group, _moderator, _member = scene
    response = client.post(room(group), {"body": "Mon texte.", "client_id": client_id})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ce formulaire a expiré" in page and "Mon texte." in page
    assert client_id_of(response) != client_id
    assert not ChatMessage.objects.exists()


def test_words_that_suggest_a_crisis_bring_the_crisis_resources_once(scene, client):
    group, _moderator, _member = scene
    data = {"body": "Je n'en peux plus, j'ai envie de mourir.", "client_id": client_id_of(client.get(room(group)))}
    client.post(room(group), data)
    assert 'class="crisis-prompt"' in client.get(room(group)).content.decode()
    assert 'class="crisis-prompt"' not in client.get(room(group)).content.decode()


def test_ordinary_words_bring_no_crisis_prompt(scene, client):
    group, _moderator, _member = scene
    client.post(room(group), {"body": "Belle soirée à vous.", "client_id": "ordinary"})
    assert 'class="crisis-prompt"' not in client.get(room(group)).content.decode()


def test_the_group_page_links_its_members_to_the_chat(scene, client):
    group, _moderator, _member = scene
    page = client.get(group.get_absolute_url()).content.decode()
    assert f'href="{room(group)}"' in page and "Discussion en direct" in page


def test_someone_outside_the_group_sees_no_link_to_the_chat(client):
    group = make_group()
    client.force_login(UserFactory())
    assert f'href="{room(group)}"' not in client.get(group.get_absolute_url()).content.decode()


def hide_address(group, message) -> str:
    return reverse("group_content_hide", kwargs={"slug": group.slug, "kind": "chat_message", "object_id": message.pk})


def test_a_moderator_has_a_form_to_hide_each_message_and_the_template_for_live_ones(scene, client):
    group, moderator, member = scene
    message = said(group, member, "Des propos hors charte.")
    client.force_login(moderator)
    response = client.get(room(group))
    page = response.content.decode()
    assert f'action="{hide_address(group, message)}"' in page
    assert f'<label for="chat-hide-reason-{message.seq}">' in page
    template = page.split('<template id="chat-message-template">', 1)[1].split("</template>", 1)[0]
    prefix = hide_address(group, message)[:-len(f"{message.pk}/hide/")]
    assert f'action="{prefix}"' in template and 'name="reason"' in template
    assert_valid_html(response)


def test_a_member_has_no_form_to_hide_messages_even_in_the_template(scene, client):
    group, _moderator, member = scene
    said(group, member, "Bonsoir.")
    page = client.get(room(group)).content.decode()
    assert "/hide/" not in page and "chat-hide" not in page


def test_a_message_hidden_from_the_chat_page_is_gone_from_it_and_the_moderator_is_told(scene, client):
    group, moderator, member = scene
    kept, hidden = said(group, member, "Je reste."), said(group, member, "Je disparais.")
    client.force_login(moderator)
    response = client.post(hide_address(group, hidden), {"reason": "Hors charte."})
    # The moderation route comes back to the history page that showed the message.
    assert response.status_code == 302
    assert response["Location"] == reverse("chat_history", kwargs={"slug": group.slug}) + f"?before={hidden.seq + 1}"
    hidden.refresh_from_db()
    assert hidden.hidden_at is not None
    # The form posted again (a double click) leaves it hidden.
    assert client.post(hide_address(group, hidden), {"reason": "Hors charte."}).status_code == 302
    client.force_login(member)
    assert shown_seqs(client.get(room(group))) == [kept.seq]


def test_a_member_posting_the_hide_form_is_refused_and_the_message_stays(scene, client):
    group, _moderator, member = scene
    message = said(group, member, "Je reste.")
    assert client.post(hide_address(group, message), {"reason": "Je veux le cacher."}).status_code == 403
    message.refresh_from_db()
    assert message.hidden_at is None
