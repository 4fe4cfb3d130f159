"""Forum search on SQLite (the default test database): the index the post services keep,
word forms, visibility, access, bad input and a fixed number of queries. Then on PostgreSQL:
its full-text search, in the configuration of each group's language, marked `services` (run
with DATABASE_URL pointing to PostgreSQL, make test-services; skipped otherwise)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entraide.standing import read_standing
from entraide.models import Visibility
from forums.models import PostSearchEntry
from forums.search import RESULTS_PER_PAGE, SearchQueryText, forum_search, member_forums_search
from forums.services.posts import post_delete, post_edit
from forums.services.settings import cw_preference_set, forum_settings_update
from moderation.services.content import content_hide
from moderation.services.safety import member_mute
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group

from .builders import a_thread, forum, replies

pytestmark = pytest.mark.django_db


def query(text):
    return SearchQueryText.from_params({"q": text})


def found(group, user, text):
    results = forum_search(read_standing(user, group), query(text), 1)
    return [post.body for post in results.page.object_list] if results.page else []


def search_url(group, **params):
    from urllib.parse import urlencode

    return reverse("forum_search", args=[group.slug]) + ("?" + urlencode(params) if params else "")


# --- The index --------------------------------------------------------------------------------

def test_writing_a_post_indexes_its_folded_stemmed_words_and_the_first_post_its_thread_title():
    group, _moderator, member = forum()
    thread = a_thread(group, member, title="Nos Deuils", body="Les journées sont longues.")
    entry = PostSearchEntry.objects.get(post=thread.posts.get())
    assert entry.language == "fr"
    assert " deuil " in entry.search_text and " journ " in entry.search_text


def test_editing_a_post_replaces_its_indexed_words():
    group, _moderator, member = forum()
    post = a_thread(group, member, body="Je parle de fatigue.").posts.get()
    post_edit(actor=member, post=post, body="Je parle de sommeil.")
    assert found(group, member, "sommeil") == ["Je parle de sommeil."]
    assert found(group, member, "fatigue") == []


def test_a_post_deleted_by_its_author_leaves_the_index_at_once():
    group, _moderator, member = forum()
    post = a_thread(group, member, body="Mon deuil, mon chemin.").posts.get()
    post_delete(actor=member, post=post)
    assert not PostSearchEntry.objects.filter(post=post).exists()
    assert found(group, member, "deuil") == []


def test_a_german_group_indexes_in_german():
    group = make_group(name="Trauergruppe", languages=("de",))
    author = group.created_by
    a_thread(group, author, title="Austausch", body="Wir trauern gemeinsam.")
    assert found(group, author, "Trauer") == ["Wir trauern gemeinsam."]


@pytest.mark.parametrize("text", ["malattia", "Malattie", "bambino", "bambine"])
def test_an_italian_query_finds_the_other_forms_of_its_words(text):
    group = make_group(name="Malattie rare", languages=("it",))
    author = group.created_by
    a_thread(group, author, title="Famiglie", body="Le malattie dei nostri bambini.")
    assert found(group, author, text) == ["Le malattie dei nostri bambini."]


@pytest.mark.parametrize("text", ["grieve group", "grieved", "Groups", "cry", "cries"])
def test_an_english_query_finds_the_other_forms_of_its_words(text):
    group = make_group(name="Loss and grief", languages=("en",))
    author = group.created_by
    a_thread(group, author, title="Grieving groups", body="We cried together for years.")
    assert found(group, author, text) == ["We cried together for years."]


# --- Matching ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["deuil", "DEUILS", "Deuil", "déuil", "deu"])
def test_search_ignores_case_accents_and_plural_and_finds_word_beginnings(text):
    group, _moderator, member = forum()
    a_thread(group, member, body="Après mes deuils, le groupe m'a aidé.")
    assert found(group, member, text) == ["Après mes deuils, le groupe m'a aidé."]


def test_every_word_of_the_query_must_be_found():
    group, _moderator, member = forum()
    a_thread(group, member, body="Épilepsie et travail.")
    a_thread(group, member, title="Autre", body="Épilepsie et sommeil.")
    assert found(group, member, "epilepsie sommeil") == ["Épilepsie et sommeil."]


def test_a_word_inside_another_word_is_not_a_match():
    group, _moderator, member = forum()
    a_thread(group, member, body="Un endeuillé parle.")
    assert found(group, member, "deuil") == []


def test_hidden_and_deleted_posts_never_appear(unlimited_posting):
    group, moderator, member = forum()
    thread = a_thread(group, member, body="Premier message sur le deuil.")
    hidden, deleted = replies(thread, [member], 2, body="Encore le deuil")
    content_hide(actor=moderator, target=hidden, reason="Propos blessants")
    post_delete(actor=member, post=deleted)
    assert found(group, member, "deuil") == ["Premier message sur le deuil."]


def test_a_group_search_never_returns_another_groups_posts():
    group, _moderator, member = forum()
    other, _other_moderator, _other_member = forum()
    join(other, member)
    a_thread(other, member, body="Le deuil ailleurs.")
    assert found(group, member, "deuil") == []


def test_searching_all_my_forums_covers_only_groups_i_belong_to():
    group, _moderator, member = forum()
    german = make_group(name="Trauer zusammen", languages=("de",))
    join(german, member)
    outside, outsider_moderator, _outsider = forum()
    a_thread(group, member, body="Mon deuil.")
    a_thread(german, member, body="Unsere Trauer.")
    a_thread(outside, outsider_moderator, body="Un deuil que je ne dois pas voir.")
    results = member_forums_search(member, query("deuil"), 1)
    assert [post.body for post in results.page.object_list] == ["Mon deuil."]
    results = member_forums_search(member, query("trauern"), 1)
    assert [post.body for post in results.page.object_list] == ["Unsere Trauer."]


# --- Bad input --------------------------------------------------------------------------------

def test_an_empty_query_searches_nothing_and_says_nothing_wrong():
    parsed = query("   ")
    assert parsed.q == "" and parsed.errors == []
    group, _moderator, member = forum()
    assert forum_search(read_standing(member, group), parsed, 1).searched is False


def test_a_query_of_punctuation_only_says_it_holds_no_word():
    parsed = query("%%% ___ !!!")
    assert parsed.words == [] and parsed.errors


def test_a_10000_character_query_is_cut_with_a_message():
    parsed = query("deuil " * 2000)
    assert len(parsed.q) <= 200 and len(parsed.q.split()) <= 8
    assert "trop longue" in parsed.errors[0]


def test_control_characters_and_undecodable_bytes_are_dropped():
    assert query("deu\x00il\ufffd").q == "deu il"


# --- Pages ------------------------------------------------------------------------------------

def test_the_search_page_lists_matches_with_marks_and_links_to_each_post(client, unlimited_posting):
    group, _moderator, member = forum()
    thread = a_thread(group, member, title="Traverser le deuil", body="Bonjour.")
    replies(thread, [group.created_by], 1, body="Mes deuils m'ont appris")
    client.force_login(member)
    response = client.get(search_url(group, q="DEUIL"))
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert "2 messages trouvés" in html
    assert "<mark>deuils</mark>" in html
    assert reverse("forum_post", args=[group.slug, thread.pk, 2]) in html


def test_anonymous_posts_show_un_membre_du_groupe_in_results(client):
    group, _moderator, member = forum()
    a_thread(group, member, body="Mon deuil secret.", is_anonymous=True)
    reader = join(group)
    client.force_login(reader)
    html = client.get(search_url(group, q="deuil")).content.decode()
    assert "un membre du groupe" in html
    assert member.pseudonym not in html


def test_a_post_whose_warning_the_reader_hides_shows_no_excerpt(client):
    group, _moderator, member = forum()
    a_thread(group, member, body="Le deuil de ma mère.", content_warnings=["death_grief"])
    reader = join(group)
    cw_preference_set(actor=reader, warning="death_grief", choice="hide")
    client.force_login(reader)
    response = client.get(search_url(group, q="deuil"))
    assert_valid_html(response)
    html = response.content.decode()
    assert "Message masqué selon vos préférences" in html and "ma mère" not in html


def test_a_post_by_a_member_i_muted_shows_no_excerpt(client):
    group, _moderator, member = forum()
    a_thread(group, member, body="Mon deuil à moi.")
    reader = join(group)
    member_mute(actor=reader, member=member)
    client.force_login(reader)
    html = client.get(search_url(group, q="deuil")).content.decode()
    assert "mise en sourdine" in html and "à moi" not in html


def test_the_empty_and_the_overlong_query_pages_answer_200_with_a_message(client):
    group, _moderator, member = forum()
    client.force_login(member)
    response = client.get(search_url(group, q=""))
    assert response.status_code == 200
    assert_valid_html(response)
    response = client.get(search_url(group, q="x" * 10_000))
    assert response.status_code == 200
    assert_valid_html(response)
    assert "trop longue" in response.content.decode()


def test_a_page_number_out_of_range_or_not_a_number_shows_a_valid_page(client):
    group, _moderator, member = forum()
    a_thread(group, member, body="deuil")
    client.force_login(member)
    for page in ("999", "abc", "-1"):
        assert client.get(search_url(group, q="deuil", page=page)).status_code == 200


def test_a_non_member_gets_404_on_an_unlisted_groups_search_and_403_on_a_listed_private_one(client):
    unlisted, _moderator, member = forum(unlisted=True)
    listed, _listed_moderator, _listed_member = forum()
    a_thread(unlisted, member, body="deuil")
    client.force_login(UserFactory())
    assert client.get(search_url(unlisted, q="deuil")).status_code == 404
    assert client.get(search_url(listed, q="deuil")).status_code == 403
    client.logout()
    assert client.get(search_url(unlisted, q="deuil")).status_code == 404


def test_anyone_searches_a_forum_readable_by_anyone(client):
    group, moderator, member = forum()
    forum_settings_update(actor=moderator, group=group, readable_by_anyone=True)
    a_thread(group, member, body="Mon deuil.")
    response = client.get(search_url(group, q="deuil"))
    assert response.status_code == 200 and "<mark>deuil.</mark>" in response.content.decode()


def test_searching_all_my_forums_needs_signing_in(client):
    response = client.get(reverse("forums_search") + "?q=deuil")
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_all_forums_page_names_each_results_group(client):
    group, _moderator, member = forum()
    a_thread(group, member, body="Mon deuil.")
    client.force_login(member)
    response = client.get(reverse("forums_search") + "?q=deuil")
    assert_valid_html(response)
    assert group.name in response.content.decode()


def _queries(client, url) -> int:
    client.get(url)  # the layout may cache what it shows on every page (unread counts)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_search_pages_take_the_same_number_of_queries_for_few_and_many_results(client, unlimited_posting):
    group, moderator, member = forum()
    thread = a_thread(group, member, body="deuil 0", content_warnings=["death_grief"])
    client.force_login(member)
    few_group = _queries(client, search_url(group, q="deuil"))
    few_all = _queries(client, reverse("forums_search") + "?q=deuil")
    replies(thread, [member, moderator], RESULTS_PER_PAGE + 15, body="Encore un deuil")
    assert _queries(client, search_url(group, q="deuil")) == few_group
    assert _queries(client, search_url(group, q="deuil", page=2)) == few_group
    assert _queries(client, reverse("forums_search") + "?q=deuil") == few_all


def test_the_search_selectors_take_a_fixed_number_of_queries_whatever_the_number_of_results(
        django_assert_num_queries, unlimited_posting):
    group, moderator, member = forum()
    thread = a_thread(group, member, body="deuil", content_warnings=["death_grief"])
    replies(thread, [member, moderator], RESULTS_PER_PAGE + 5, body="Encore un deuil")
    standing = read_standing(member, group)
    # the count, the page (thread, group and author joined), the reader's warning preferences, and
    # (read from the standing on first use) whom they muted or blocked
    with django_assert_num_queries(4):
        results = forum_search(standing, query("deuil"), 1)
    assert len(results.page.object_list) == RESULTS_PER_PAGE
    with django_assert_num_queries(3):
        member_forums_search(member, query("deuil"), 2)


def test_a_listed_group_with_a_public_forum_but_unlisted_later_hides_its_search(client):
    group, moderator, member = forum()
    forum_settings_update(actor=moderator, group=group, readable_by_anyone=True)
    group.visibility = Visibility.UNLISTED
    group.save(update_fields=["visibility"])
    assert client.get(search_url(group, q="deuil")).status_code == 404


# --- On PostgreSQL ----------------------------------------------------------------------------

@pytest.mark.services
def test_the_index_stores_a_tsvector_in_the_groups_language_configuration():
    assert connection.vendor == "postgresql"
    group, _moderator, member = forum()
    post = a_thread(group, member, body="Mes deuils").posts.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM forums_postsearchentry WHERE post_id = %s", [post.pk])
        vector = cursor.fetchone()[0]
    # french stems "deuils" to "deuil" (and drops the stop word "mes")
    assert "'deuil'" in vector and "mes" not in vector


@pytest.mark.services
@pytest.mark.parametrize("text", ["deuil", "DEUILS", "déuil", "deu"])
def test_french_search_ignores_case_accents_plural_and_finds_word_beginnings(text):
    group, _moderator, member = forum()
    a_thread(group, member, body="Après mes deuils, l'Épilepsie.")
    assert found(group, member, text) == ["Après mes deuils, l'Épilepsie."]


@pytest.mark.services
def test_accents_are_ignored_on_both_sides():
    group, _moderator, member = forum()
    a_thread(group, member, body="Vivre avec l'épilepsie")
    assert found(group, member, "EPILEPSIE") == ["Vivre avec l'épilepsie"]


@pytest.mark.services
def test_german_search_uses_the_german_configuration():
    group = make_group(name="Trauergruppe", languages=("de",))
    author = group.created_by
    a_thread(group, author, title="Austausch", body="Wir trauern gemeinsam.")
    assert PostSearchEntry.objects.get(post__group=group).language == "de"
    assert found(group, author, "Trauer") == ["Wir trauern gemeinsam."]


@pytest.mark.services
def test_every_word_must_be_found_and_deleted_posts_leave_the_index():
    group, _moderator, member = forum()
    kept = a_thread(group, member, body="Épilepsie et sommeil.")
    gone = a_thread(group, member, title="Autre", body="Épilepsie et travail.")
    post_delete(actor=member, post=gone.posts.get())
    assert found(group, member, "epilepsie") == ["Épilepsie et sommeil."]
    assert found(group, member, "epilepsie travail") == []
    assert kept.posts.get().search_entry.vector is not None


@pytest.mark.services
def test_one_search_spans_groups_in_different_languages():
    group, _moderator, member = forum()
    german = make_group(name="Trauer zusammen", languages=("de",))
    join(german, member)
    a_thread(group, member, body="Mon deuil.")
    a_thread(german, member, body="Unsere Trauer.")
    results = member_forums_search(member, SearchQueryText.from_params({"q": "trauern"}), 1)
    assert [post.body for post in results.page.object_list] == ["Unsere Trauer."]


@pytest.mark.services
def test_query_syntax_characters_cannot_break_the_tsquery():
    group, _moderator, member = forum()
    a_thread(group, member, body="deuil")
    assert found(group, member, "deuil & | ! ( ) : * '") == ["deuil"]
    for text in ("'; DROP TABLE", "\\", "a:*b", "!!"):
        assert found(group, member, text) == []
