"""The thread list, starting a thread, the thread page and replying to it: order, pages,
quotes, refusals that keep the text, warnings, anonymity, mutes, the moderators' tools, and
hostile text that stays text."""

import html5lib
import pytest
from django.urls import reverse

from entraide.permissions import MEMBERS_ONLY
from forums.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Post, WarningChoice
from forums.permissions import THREAD_LOCKED
from forums.services.moderation import slow_mode_set, thread_lock, thread_pin
from forums.services.posts import post_create, post_edit, thread_create
from forums.services.settings import cw_preference_set, forum_settings_update
from moderation.models import LogAction, ModerationLogEntry
from moderation.permissions import MODERATORS_ONLY, MUTED
from moderation.services.content import content_hide
from moderation.services.safety import member_mute
from tests.entraide.test_text import executable_parts
from tests.factories import join
from tests.xss_payloads import xss_payloads

from .builders import a_thread, forum, muted, replies
from .pages import as_, page, said, thread_url, threads_url

pytestmark = pytest.mark.django_db


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


# --- Hostile text ------------------------------------------------------------------------------
# Every payload of shared/data/xss-payloads.txt, written as a thread title, a post and an edit,
# ends up with nothing that could run in a browser.

# Tags that run or load something; the pages have none but the site's own script.
ACTIVE_TAGS = {"script", "iframe", "frame", "object", "embed", "svg", "math", "img", "style", "base", "link",
               "form", "input", "video", "audio", "source"}


def payloads() -> list[str]:
    return [line for line in xss_payloads() if line.strip() and len(line) <= BODY_MAX_LENGTH]


def page_dangers(html: str, *, expected: dict) -> list[str]:
    """What in a whole page could run: event handlers, script URLs, active tags beyond the
    ones the page itself brings (`expected`: tag -> how many)."""
    found, counts = [], {}
    for element in html5lib.parse(html, namespaceHTMLElements=False).iter():
        if not isinstance(element.tag, str):
            continue
        counts[element.tag] = counts.get(element.tag, 0) + 1
        for name, value in element.attrib.items():
            if name.lower().startswith("on") or name.lower() in {"style", "srcdoc", "formaction"}:
                found.append(f"attribute {name}")
            if name in {"href", "src", "action"} and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"{name} {value}")
    found.extend(f"tag {tag}" for tag in ACTIVE_TAGS if counts.get(tag, 0) > expected.get(tag, 0))
    return found


def page_tags(html):
    counts = {}
    for element in html5lib.parse(html, namespaceHTMLElements=False).iter():
        if isinstance(element.tag, str) and element.tag in ACTIVE_TAGS:
            counts[element.tag] = counts.get(element.tag, 0) + 1
    return counts


CHUNKS = 8


def test_the_payload_list_is_there_in_full():
    assert len(payloads()) > 6000


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_no_payload_survives_as_a_title_a_post_or_an_edit(client, unlimited_posting, monkeypatch, chunk):
    """In slices, so that parallel test runs share the work."""
    group, _moderator, member = forum()
    client.force_login(member)
    empty_forum_tags = page_tags(client.get(reverse("forum_threads", args=[group.slug])).content.decode())
    mine = payloads()[chunk::CHUNKS]
    for payload in mine:
        thread_create(actor=member, group=group, title=payload[:TITLE_MAX_LENGTH], body=payload)
    for post in Post.objects.filter(group=group).select_related("thread"):
        post_edit(actor=member, post=post, body=f"{post.body}\n\n{post.body[::-1]}")

    survivors = {}
    for post in Post.objects.filter(group=group).prefetch_related("revisions"):
        for html in (post.body_html, *(revision.body_html for revision in post.revisions.all())):
            if parts := executable_parts(html):
                survivors[post.pk] = parts
    assert survivors == {}
    assert Post.objects.filter(group=group, revisions__isnull=False).count() == len(mine)

    # Every title of the slice on one page of the thread list: each stays the text of its link.
    monkeypatch.setattr("forums.selectors.THREADS_PER_PAGE", len(mine) + 1)
    html = client.get(reverse("forum_threads", args=[group.slug])).content.decode()
    assert page_dangers(html, expected=empty_forum_tags) == []
    document = html5lib.parse(html, namespaceHTMLElements=False)
    shown = [heading.find("a") for heading in document.iter("h2")]
    assert all(link is not None and len(link) == 0 for link in shown), "a title became markup"
    assert sorted(link.text or "" for link in shown) == sorted(group.forum_threads.values_list("title", flat=True))

    thread = group.forum_threads.order_by("pk").first()
    html = client.get(reverse("forum_thread", args=[group.slug, thread.pk])).content.decode()
    # The thread page brings its own forms (reply, reactions); the post's HTML was checked above.
    assert page_dangers(html, expected={**empty_forum_tags, "form": len(html), "input": len(html)}) == []
    document = html5lib.parse(html, namespaceHTMLElements=False)
    assert [element.text for element in document.iter("h1")] == [thread.title]
