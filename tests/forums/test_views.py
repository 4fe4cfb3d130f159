import pytest
from django.urls import reverse
from django.utils.html import escape

from entraide.permissions import MEMBERS_ONLY

from forums.models import ContentWarningPreference, Reaction, ReactionKind, WarningChoice
from forums.services.moderation import slow_mode_set, thread_lock, thread_pin
from forums.services.posts import post_create
from forums.services.settings import cw_preference_set, forum_settings_update
from forums.permissions import AUTHORS_EDIT, THREAD_LOCKED
from moderation.models import LogAction, ModerationLogEntry
from moderation.permissions import MODERATORS_ONLY, MUTED
from moderation.services.content import content_hide
from moderation.services.safety import member_mute
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join

from .builders import a_thread, forum, muted, replies

pytestmark = pytest.mark.django_db


def as_(client, user):
    client.force_login(user)
    return client


def threads_url(group):
    return reverse("forum_threads", args=[group.slug])


def thread_url(thread):
    return reverse("forum_thread", args=[thread.group.slug, thread.pk])


def post_url(post, name="forum_post"):
    return reverse(name, args=[post.group.slug, post.thread_id, post.number])


def said(message) -> str:
    """A refusal's message as a page shows it."""
    return str(escape(str(message)))


def page(response) -> str:
    assert_valid_html(response)
    return response.content.decode()


# --- Thread list -------------------------------------------------------------------------------

def test_the_thread_list_shows_pinned_threads_first_then_by_last_activity_with_unread_marks(client):
    group, moderator, member = forum()
    old = a_thread(group, member, title="Le plus ancien")
    pinned = a_thread(group, member, title="Épinglé par la modération")
    recent = a_thread(group, moderator, title="Le plus récent")
    thread_pin(actor=moderator, thread=pinned)
    post_create(actor=moderator, thread=old, body="Je relance ce sujet")
    html = page(as_(client, member).get(threads_url(group)))
    assert html.index("Épinglé par la modération") < html.index("Le plus ancien") < html.index(recent.title)
    assert "1 non lu" in html
    assert reverse("forum_post", args=[group.slug, old.pk, 2]) in html


def test_a_member_starts_a_thread_from_the_form(client):
    group, _moderator, member = forum()
    response = as_(client, member).get(reverse("forum_thread_create", args=[group.slug]))
    page(response)
    response = client.post(reverse("forum_thread_create", args=[group.slug]), {
        "title": "Premier sujet", "body": "Bonjour **à tous**", "content_warnings": ["medical"],
    })
    thread = group.forum_threads.get()
    assert response.status_code == 302 and response["Location"] == thread_url(thread)
    assert "<strong>à tous</strong>" in page(client.get(thread_url(thread)))


@pytest.mark.parametrize("body, message", [("", "vide"), ("é" * 100_000, "100000")])
def test_an_empty_or_huge_thread_is_refused_and_the_text_comes_back(client, body, message):
    group, _moderator, member = forum()
    response = as_(client, member).post(reverse("forum_thread_create", args=[group.slug]),
                                        {"title": "Mon titre", "body": body})
    html = page(response)
    assert response.status_code == 400
    assert message in html.replace("\u202f", "").replace(" ", "")
    assert "Mon titre" in html and body in html
    assert not group.forum_threads.exists()


# --- Thread page -------------------------------------------------------------------------------

def test_the_thread_page_shows_posts_in_order_with_permalinks_and_pages_of_twenty(client, unlimited_posting):
    group, moderator, member = forum()
    thread = a_thread(group, member)
    replies(thread, [moderator, member], 24)
    html = page(as_(client, member).get(thread_url(thread)))
    assert html.index('id="post-1"') < html.index('id="post-2"') < html.index('id="post-20"')
    assert 'id="post-21"' not in html and "Page 1 sur 2" in html
    assert 'id="post-25"' in page(client.get(thread_url(thread) + "?page=2"))
    response = client.get(reverse("forum_post", args=[group.slug, thread.pk, 22]))
    assert response["Location"] == thread_url(thread) + "?page=2#post-22"
    assert client.get(reverse("forum_post", args=[group.slug, thread.pk, 99])).status_code == 404


def test_reading_a_thread_marks_it_read(client):
    group, moderator, member = forum()
    thread = a_thread(group, moderator)
    post_create(actor=moderator, thread=thread, body="Suite")
    as_(client, member).get(thread_url(thread))
    assert "non lu" not in page(client.get(threads_url(group)))


def test_a_reply_quotes_a_post_from_the_quote_link(client):
    group, moderator, member = forum()
    thread = a_thread(group, moderator, body="Ligne un\n\nLigne deux")
    html = page(as_(client, member).get(thread_url(thread) + "?quote=1"))
    assert "&gt; Ligne un\n&gt;\n&gt; Ligne deux" in html
    assert 'name="quote_of" value="1"' in html
    response = client.post(reverse("forum_thread_reply", args=[group.slug, thread.pk]),
                           {"body": "> Ligne un\n\nMoi aussi", "quote_of": "1"})
    assert response["Location"] == thread_url(thread) + "?page=1#post-2"
    reply = thread.posts.get(number=2)
    assert reply.quote_of.number == 1
    assert "en réponse au message n° 1" in page(client.get(thread_url(thread)))


@pytest.mark.parametrize("body", ["", "   ", "x" * 100_000])
def test_an_empty_or_huge_reply_is_refused_with_a_400_and_the_text_is_kept(client, body):
    group, moderator, member = forum()
    thread = a_thread(group, moderator)
    response = as_(client, member).post(reverse("forum_thread_reply", args=[group.slug, thread.pk]), {"body": body})
    html = page(response)
    assert response.status_code == 400
    assert ("vide" in html) or ("100" in html and body in html)
    assert thread.posts.count() == 1


def test_replying_in_a_locked_thread_is_refused_with_a_clear_message(client):
    group, moderator, member = forum()
    thread = a_thread(group, moderator)
    thread_lock(actor=moderator, thread=thread)
    html = page(as_(client, member).get(thread_url(thread)))
    assert said(THREAD_LOCKED) in html and 'name="body"' not in html
    response = client.post(reverse("forum_thread_reply", args=[group.slug, thread.pk]), {"body": "Encore moi"})
    assert response.status_code == 403
    assert said(THREAD_LOCKED) in page(response) and thread.posts.count() == 1
    html = page(as_(client, moderator).get(thread_url(thread)))
    assert 'name="body"' in html and "vous pouvez encore y écrire" in html


def test_replying_faster_than_slow_mode_allows_gives_a_429_and_keeps_the_text(client):
    group, moderator, member = forum()
    thread = a_thread(group, member)
    slow_mode_set(actor=moderator, thread=thread, seconds=900)
    response = as_(client, member).post(reverse("forum_thread_reply", args=[group.slug, thread.pk]),
                                        {"body": "Une pensée qui ne doit pas se perdre"})
    html = page(response)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "mode lent" in html and "Une pensée qui ne doit pas se perdre" in html


def test_replying_faster_than_the_flood_limit_gives_a_429_and_keeps_the_text(client):
    group, moderator, member = forum()
    thread = a_thread(group, moderator)
    for index in range(2):
        as_(client, member).post(reverse("forum_thread_reply", args=[group.slug, thread.pk]), {"body": f"Réponse {index}"})
    response = client.post(reverse("forum_thread_reply", args=[group.slug, thread.pk]), {"body": "Troisième réponse"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Troisième réponse" in page(response) and thread.posts.count() == 3


def test_a_muted_member_gets_the_mute_message_and_cannot_reply(client):
    group, moderator, member = forum()
    thread = a_thread(group, moderator)
    muted(group, moderator, member)
    html = page(as_(client, member).get(thread_url(thread)))
    assert said(MUTED) in html and 'name="body"' not in html
    response = client.post(reverse("forum_thread_reply", args=[group.slug, thread.pk]), {"body": "Bonjour"})
    assert response.status_code == 403 and said(MUTED) in page(response) and thread.posts.count() == 1
    assert said(MUTED) in page(client.get(reverse("forum_thread_create", args=[group.slug])))


def test_a_visitor_of_a_public_forum_is_told_of_a_lock_but_not_asked_to_join(client):
    group, moderator, member = forum()
    forum_settings_update(actor=moderator, group=group, readable_by_anyone=True)
    thread = a_thread(group, member)
    html = page(client.get(thread_url(thread)))
    assert said(MEMBERS_ONLY) not in html and said(THREAD_LOCKED) not in html
    thread_lock(actor=moderator, thread=thread)
    assert said(THREAD_LOCKED) in page(client.get(thread_url(thread)))


@pytest.mark.parametrize("body", ["@", "@@x", "@<script>alert(1)</script>", "@ personne", "a@b.ch"])
def test_malformed_mentions_are_posted_as_text(client, body):
    group, moderator, member = forum()
    thread = a_thread(group, moderator)
    response = as_(client, member).post(reverse("forum_thread_reply", args=[group.slug, thread.pk]), {"body": body})
    assert response.status_code == 302
    post = thread.posts.get(number=2)
    assert post.body == body and not post.mentions.exists()
    assert "<script>" not in page(client.get(thread_url(thread)))


def test_crisis_words_bring_the_crisis_prompt_after_posting(client):
    group, moderator, member = forum()
    thread = a_thread(group, moderator)
    as_(client, member).post(reverse("forum_thread_reply", args=[group.slug, thread.pk]),
                             {"body": "Je n'en peux plus, j'ai envie de mourir."})
    html = page(client.get(thread_url(thread)))
    assert "crisis-prompt" in html
    assert "crisis-prompt" not in page(client.get(thread_url(thread)))


def test_calm_words_bring_no_crisis_prompt(client):
    group, moderator, member = forum()
    thread = a_thread(group, moderator)
    as_(client, member).post(reverse("forum_thread_reply", args=[group.slug, thread.pk]), {"body": "Belle journée !"})
    assert "crisis-prompt" not in page(client.get(thread_url(thread)))


# --- Content warnings --------------------------------------------------------------------------

def test_a_post_with_a_warning_is_folded_shown_or_left_out_as_each_member_prefers(client):
    group, moderator, member = forum()
    thread = a_thread(group, moderator, body="Le récit de mon hospitalisation", content_warnings=["medical"])
    html = page(as_(client, member).get(thread_url(thread)))
    assert "<details>" in html and "Avertissement : Détails médicaux. Afficher le message" in html
    cw_preference_set(actor=member, warning="medical", choice=WarningChoice.SHOW)
    html = page(client.get(thread_url(thread)))
    assert "Afficher le message" not in html and "Le récit de mon hospitalisation" in html
    cw_preference_set(actor=member, warning="medical", choice=WarningChoice.HIDE)
    html = page(client.get(thread_url(thread)))
    assert "Le récit de mon hospitalisation" not in html
    assert "Message masqué selon vos préférences (thème : Détails médicaux)." in html


def test_the_other_warning_shows_its_word(client):
    group, moderator, member = forum()
    thread = a_thread(group, moderator, other_warning="accident de voiture")
    assert "Avertissement : accident de voiture." in page(as_(client, member).get(thread_url(thread)))


def test_the_preferences_page_saves_one_choice_per_warning(client):
    member = UserFactory()
    page(as_(client, member).get(reverse("forum_warning_preferences")))
    data = {warning: "ask" for warning in ("suicide_self_harm", "abuse_violence", "eating", "substances",
                                          "death_grief", "medical", "other")}
    data["eating"] = "hide"
    assert client.post(reverse("forum_warning_preferences"), data).status_code == 302
    assert ContentWarningPreference.objects.get(member=member, warning="eating").choice == "hide"
    data["eating"] = "sometimes"
    response = client.post(reverse("forum_warning_preferences"), data)
    assert response.status_code == 400 and "Choisissez une option" in page(response)


# --- Anonymity, muting, moderation -------------------------------------------------------------

def test_an_anonymous_post_shows_a_member_of_the_group_to_everyone_even_moderators(client):
    group, moderator, member = forum()
    member.pseudonym = "Discrete"
    member.save()
    thread = a_thread(group, member, title="Sans nom", is_anonymous=True)
    for reader in (moderator, join(group)):
        html = page(as_(client, reader).get(thread_url(thread)))
        assert "un membre du groupe" in html and "Discrete" not in html
        assert "Discrete" not in page(client.get(threads_url(group)))
    assert "vous, sans votre pseudonyme" in page(as_(client, member).get(thread_url(thread)))


def test_a_moderator_reveals_an_anonymous_author_with_a_reason_and_the_log_says_so(client):
    group, moderator, member = forum()
    post = a_thread(group, member, is_anonymous=True).posts.get()
    url = post_url(post, "forum_post_reveal")
    assert as_(client, join(group)).get(url).status_code == 403
    page(as_(client, moderator).get(url))
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "pourquoi" in page(response)
    html = page(client.post(url, {"reason": "Propos inquiétants"}))
    assert member.pseudonym in html
    assert ModerationLogEntry.objects.filter(action=LogAction.AUTHOR_REVEALED, reason="Propos inquiétants").exists()


def test_posts_of_a_muted_member_are_hidden_for_the_member_who_muted_them(client):
    group, moderator, member = forum()
    thread = a_thread(group, moderator, body="Un texte que je ne veux plus lire")
    member_mute(actor=member, member=moderator)
    html = page(as_(client, member).get(thread_url(thread)))
    assert "Un texte que je ne veux plus lire" not in html and "mise en sourdine" in html
    assert "Un texte que je ne veux plus lire" in page(as_(client, join(group)).get(thread_url(thread)))


def test_moderators_get_their_tools_and_actions_reach_the_log(client):
    group, moderator, member = forum()
    thread = a_thread(group, member)
    assert "Outils de modération" not in page(as_(client, member).get(thread_url(thread)))
    html = page(as_(client, moderator).get(thread_url(thread)))
    assert "Outils de modération" in html and "Masquer ce message" in html
    url = reverse("forum_thread_moderate", args=[group.slug, thread.pk])
    assert client.post(url, {"action": "lock", "reason": "Pause"}).status_code == 302
    assert client.post(url, {"action": "slow_mode", "slow_mode_seconds": "300"}).status_code == 302
    response = client.post(url, {"action": "lock"})
    assert response.status_code == 409 and "déjà verrouillé" in page(response)
    assert client.post(url, {"action": "explode"}).status_code == 400
    refused = as_(client, member).post(url, {"action": "unlock"})
    assert refused.status_code == 403 and said(MODERATORS_ONLY) in refused.content.decode()
    assert list(ModerationLogEntry.objects.filter(group=group, action__in=[LogAction.THREAD_LOCKED, LogAction.SLOW_MODE_SET])
                .values_list("action", flat=True).order_by("pk")) == [LogAction.THREAD_LOCKED, LogAction.SLOW_MODE_SET]


def test_a_hidden_post_shows_as_hidden_to_members_and_stays_readable_by_moderators(client):
    group, moderator, member = forum()
    post = a_thread(group, member, body="Propos hors charte").posts.get()
    content_hide(actor=moderator, target=post, reason="Charte")
    html = page(as_(client, join(group)).get(thread_url(post.thread)))
    assert "Message masqué par la modération." in html and "Propos hors charte" not in html
    assert "Propos hors charte" in page(as_(client, moderator).get(thread_url(post.thread)))


def test_members_report_others_posts_through_the_moderation_module(client):
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    report_url = reverse("group_report", args=[group.slug, "post", post.pk])
    assert report_url in page(as_(client, moderator).get(thread_url(post.thread)))
    assert report_url not in page(as_(client, member).get(thread_url(post.thread)))


# --- Edits, history, deletion ------------------------------------------------------------------

def test_the_author_edits_and_members_read_the_history(client):
    group, moderator, member = forum()
    post = a_thread(group, member, body="Premier jet").posts.get()
    page(as_(client, member).get(post_url(post, "forum_post_edit")))
    response = client.post(post_url(post, "forum_post_edit"), {"body": "Second jet"})
    assert response.status_code == 302
    html = page(as_(client, join(group)).get(post_url(post, "forum_post_history")))
    assert "Premier jet" in html and "Second jet" in html


def test_editing_someone_elses_post_is_forbidden_and_changes_nothing(client):
    group, moderator, member = forum()
    post = a_thread(group, member, body="Mon texte").posts.get()
    refused = as_(client, moderator).get(post_url(post, "forum_post_edit"))
    assert refused.status_code == 403 and said(AUTHORS_EDIT) in refused.content.decode()
    assert client.post(post_url(post, "forum_post_edit"), {"body": "Réécrit"}).status_code == 403
    post.refresh_from_db()
    assert post.body == "Mon texte"


def test_an_edit_to_nothing_is_refused_and_the_form_keeps_the_text(client):
    group, _moderator, member = forum()
    post = a_thread(group, member, body="Mon texte").posts.get()
    response = as_(client, member).post(post_url(post, "forum_post_edit"), {"body": "x" * 100_000})
    assert response.status_code == 400 and "x" * 100_000 in page(response)
    post.refresh_from_db()
    assert post.body == "Mon texte"


def test_the_author_deletes_after_confirming_and_the_post_shows_as_deleted(client):
    group, moderator, member = forum()
    post = a_thread(group, member, body="Je regrette").posts.get()
    assert as_(client, moderator).get(post_url(post, "forum_post_delete")).status_code == 403
    page(as_(client, member).get(post_url(post, "forum_post_delete")))
    assert client.post(post_url(post, "forum_post_delete")).status_code == 302
    html = page(as_(client, moderator).get(thread_url(post.thread)))
    assert "Message supprimé par son auteur·e." in html and "Je regrette" not in html


# --- Reactions ---------------------------------------------------------------------------------

def test_reactions_show_as_counts_and_who_reacted_on_request(client):
    group, moderator, member = forum()
    post = a_thread(group, member).posts.get()
    url = post_url(post, "forum_post_react")
    assert as_(client, moderator).post(url, {"kind": ReactionKind.ME_TOO}).status_code == 302
    html = page(client.get(thread_url(post.thread)))
    assert "Moi aussi · 1" in html and 'aria-pressed="true"' in html
    assert "Qui a réagi ?" in html and f"Moi aussi : {moderator.pseudonym}" in html
    response = client.post(url, {"kind": ReactionKind.ME_TOO})
    assert response.status_code == 409 and "déjà réagi" in page(response)
    assert client.post(url, {"kind": "downvote"}).status_code == 400
    assert client.post(url, {"kind": ReactionKind.ME_TOO, "remove": "1"}).status_code == 302
    assert not Reaction.objects.exists()


# --- Settings and the group page ---------------------------------------------------------------

def test_a_public_forum_is_read_by_anyone_but_written_by_members_only(client):
    group, moderator, member = forum()
    thread = a_thread(group, member, body="Lisible par tous")
    response = client.get(reverse("forum_settings", args=[group.slug]))
    assert response.status_code == 302
    html = page(as_(client, moderator).get(reverse("forum_settings", args=[group.slug])))
    assert "moteurs de recherche" in html
    assert client.post(reverse("forum_settings", args=[group.slug]), {"readable_by_anyone": "on"}).status_code == 302
    client.logout()
    assert "Lisible par tous" in page(client.get(thread_url(thread)))
    assert "lisible par tout le monde" in page(client.get(threads_url(group)))
    outsider_client = as_(client, UserFactory())
    assert outsider_client.post(reverse("forum_thread_reply", args=[group.slug, thread.pk]),
                                {"body": "Intrus"}).status_code == 403


def test_the_group_page_links_to_the_forum_for_those_who_may_read_it(client):
    group, moderator, member = forum()
    link = threads_url(group)
    assert link in page(as_(client, member).get(group.get_absolute_url()))
    assert link not in page(as_(client, UserFactory()).get(group.get_absolute_url()))
    forum_settings_update(actor=moderator, group=group, readable_by_anyone=True)
    assert link in page(client.get(group.get_absolute_url()))
