"""Forums 0007: posts indexed with the old hand-written stemmers are stemmed again with the
Snowball ones, so that a query stemmed the new way still meets them. Run at its own schema."""

import pytest

from entraide.standing import read_standing
from forums.search import SearchQueryText, forum_search
from forums.search_text import indexed_text
from forums.services.posts import post_create
from tests.migration_steps import Steps

from .builders import a_thread, forum

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("forums", "0006_notifications_and_conversations_leave")]
AFTER = [("forums", "0007_search_text_stemmed_by_snowball")]


@pytest.fixture
def steps():
    steps = Steps()
    yield steps
    steps.to_latest()


def test_posts_indexed_before_are_found_by_the_stems_of_today(steps):
    group, moderator, member = forum()
    thread = a_thread(group, member, title="Le sommeil", body="Les nuits sont longues.")
    post = post_create(actor=moderator, thread=thread, body="Nous avons pleuré ensemble.")

    old = steps.to(BEFORE)
    # What the old stemmer left: whole folded words.
    old.get_model("forums", "PostSearchEntry").objects.filter(post_id=post.pk).update(
        search_text=" nous avons pleure ensemble ")
    steps.to(AFTER)

    from forums.models import PostSearchEntry

    assert PostSearchEntry.objects.get(post_id=post.pk).search_text == indexed_text(post.body, "fr")
    first = PostSearchEntry.objects.get(post_id=thread.posts.get(number=1).pk)
    assert first.search_text == indexed_text("Le sommeil\nLes nuits sont longues.", "fr")
    results = forum_search(read_standing(member, group), SearchQueryText(q="pleurer"), 1)
    assert [found.pk for found in results.page.object_list] == [post.pk]
