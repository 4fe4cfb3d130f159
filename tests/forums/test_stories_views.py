"""Story pages: the offer form, my stories, the moderators' list, the public pages."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from forums.services.stories import story_approve, story_offer
from forums.models import Story, StorySignature, StoryStatus
from forums.permissions import ALREADY_WITHDRAWN
from moderation.models import RoleKind
from moderation.permissions import MODERATORS_ONLY
from tests.conftest import assert_valid_html
from tests.factories import UserFactory
from tests.moderation.builders import give_role

from .builders import a_thread, forum

pytestmark = pytest.mark.django_db

CONSENT = "J'accepte que ce texte soit publié sur la page publique, sous mon pseudonyme ou anonymement"


def as_(client, user):
    client.force_login(user)
    return client


def offered(group, author, **fields):
    fields.setdefault("title", "Ce qui m'a aidé")
    fields.setdefault("body", "Parler au « je » m'a aidé.")
    fields.setdefault("signature", StorySignature.PSEUDONYM)
    return story_offer(actor=author, group=group, consent=True, **fields)


def published(group, moderator, author, **fields):
    story = offered(group, author, **fields)
    return story_approve(actor=moderator, story=story)


def form_data(group, **fields):
    data = {"group": group.pk, "title": "Un an après", "body": "Le groupe m'a aidé.", "signature": "pseudonym",
            "consent": "on"}
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


# --- Offer -------------------------------------------------------------------------------------

def test_the_offer_form_asks_for_explicit_consent_and_the_signature(client):
    group, _moderator, member = forum()
    response = as_(client, member).get(reverse("story_offer"))
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert CONSENT.replace("'", "&#x27;") in html
    assert "Sous mon pseudonyme" in html and "Anonymement" in html and "<legend>" in html


def test_offering_a_text_stores_it_pending_and_shows_it_in_my_stories(client):
    group, _moderator, member = forum()
    response = as_(client, member).post(reverse("story_offer"), form_data(group))
    assert response.status_code == 302 and response["Location"] == reverse("my_stories")
    story = Story.objects.get()
    assert story.status == StoryStatus.PENDING and story.author == member
    response = client.get(reverse("my_stories"))
    assert_valid_html(response)
    assert "En attente de relecture" in response.content.decode()


def test_without_the_consent_box_the_form_comes_back_with_the_text_and_a_message(client):
    group, _moderator, member = forum()
    response = as_(client, member).post(reverse("story_offer"), form_data(group, consent=None))
    assert response.status_code == 400
    assert_valid_html(response)
    html = response.content.decode()
    assert "accord explicite" in html and "Le groupe m&#x27;a aidé." in html
    assert not Story.objects.exists()


def test_a_group_i_do_not_belong_to_is_refused_by_the_form(client):
    _group, _moderator, member = forum()
    other, _other_moderator, _other_member = forum()
    response = as_(client, member).post(reverse("story_offer"), form_data(other))
    assert response.status_code == 400 and not Story.objects.exists()


def test_offering_one_of_my_posts_prefills_the_form(client):
    group, _moderator, member = forum()
    post = a_thread(group, member, title="Mon chemin", body="Mon vécu du deuil", is_anonymous=True).posts.get()
    response = as_(client, member).get(reverse("story_offer") + f"?post={post.pk}")
    assert_valid_html(response)
    html = response.content.decode()
    assert "Mon vécu du deuil" in html and 'value="anonymous" required id="id_signature_1" checked' in html
    response = client.post(reverse("story_offer"), form_data(group, post=post.pk, signature="anonymous"))
    assert response.status_code == 302
    assert Story.objects.get().source_post == post


def test_a_forged_post_id_answers_404(client):
    group, moderator, member = forum()
    someone_elses = a_thread(group, moderator).posts.get()
    as_(client, member)
    assert client.get(reverse("story_offer") + f"?post={someone_elses.pk}").status_code == 404
    assert client.get(reverse("story_offer") + "?post=999999").status_code == 404
    assert client.get(reverse("story_offer") + "?post=abc").status_code == 404
    assert client.post(reverse("story_offer"), form_data(group, post=someone_elses.pk)).status_code == 404
    assert not Story.objects.exists()


def test_a_100000_character_story_is_refused_with_its_text_kept(client):
    group, _moderator, member = forum()
    response = as_(client, member).post(reverse("story_offer"), form_data(group, body="x" * 100_000))
    assert response.status_code == 400 and not Story.objects.exists()


def test_visitors_are_asked_to_sign_in_to_offer(client):
    response = client.get(reverse("story_offer"))
    assert response.status_code == 302 and "login" in response["Location"]


# --- Moderators --------------------------------------------------------------------------------

def test_moderators_see_pending_stories_and_approve_one(client):
    group, moderator, member = forum()
    story = offered(group, member)
    response = as_(client, moderator).get(reverse("group_stories", args=[group.slug]))
    assert response.status_code == 200
    assert_valid_html(response)
    assert "Ce qui m&#x27;a aidé" in response.content.decode()
    response = client.post(reverse("story_decide", args=[group.slug, story.pk]), {"action": "approve"})
    assert response.status_code == 302
    assert Story.objects.get().status == StoryStatus.APPROVED


def test_declining_without_a_reason_is_refused_with_a_message(client):
    group, moderator, member = forum()
    story = offered(group, member)
    response = as_(client, moderator).post(reverse("story_decide", args=[group.slug, story.pk]),
                                           {"action": "decline", "reason": ""})
    assert response.status_code == 400
    assert_valid_html(response)
    assert "pourquoi" in response.content.decode()
    assert Story.objects.get().status == StoryStatus.PENDING


def test_the_pending_page_hides_the_author_of_an_anonymous_story(client):
    group, moderator, member = forum()
    offered(group, member, signature=StorySignature.ANONYMOUS)
    html = as_(client, moderator).get(reverse("group_stories", args=[group.slug])).content.decode()
    assert "À publier anonymement" in html and member.pseudonym not in html


def test_a_moderator_cannot_approve_their_own_story_from_the_page(client):
    group, moderator, member = forum()
    story = offered(group, moderator)
    as_(client, moderator)
    html = client.get(reverse("group_stories", args=[group.slug])).content.decode()
    assert "un·e autre modérateur·rice le relira" in html
    response = client.post(reverse("story_decide", args=[group.slug, story.pk]), {"action": "approve"})
    assert response.status_code == 403
    assert Story.objects.get().status == StoryStatus.PENDING
    second = give_role(group, member, RoleKind.MODERATOR)
    as_(client, second).post(reverse("story_decide", args=[group.slug, story.pk]), {"action": "approve"})
    assert Story.objects.get().status == StoryStatus.APPROVED


def test_members_without_the_role_get_403_and_outsiders_of_an_unlisted_group_404(client):
    group, _moderator, member = forum()
    unlisted, unlisted_moderator, _ = forum(unlisted=True)
    story = offered(unlisted, unlisted_moderator)
    refused = as_(client, member).get(reverse("group_stories", args=[group.slug]))
    assert refused.status_code == 403 and str(escape(str(MODERATORS_ONLY))) in refused.content.decode()
    assert client.get(reverse("group_stories", args=[unlisted.slug])).status_code == 404
    assert client.post(reverse("story_decide", args=[unlisted.slug, story.pk]),
                       {"action": "approve"}).status_code == 404


def test_a_forged_story_id_or_action_is_refused(client):
    group, moderator, member = forum()
    other, other_moderator, other_member = forum()
    elsewhere = offered(other, other_member)
    as_(client, moderator)
    assert client.post(reverse("story_decide", args=[group.slug, elsewhere.pk]),
                       {"action": "approve"}).status_code == 404
    assert client.post(reverse("story_decide", args=[group.slug, 999999]), {"action": "approve"}).status_code == 404
    mine = offered(group, member)
    assert client.post(reverse("story_decide", args=[group.slug, mine.pk]), {"action": "publish!"}).status_code == 400
    assert set(Story.objects.values_list("status", flat=True)) == {StoryStatus.PENDING}


def test_deciding_twice_answers_409(client):
    group, moderator, member = forum()
    story = published(group, moderator, member)
    response = as_(client, moderator).post(reverse("story_decide", args=[group.slug, story.pk]),
                                           {"action": "decline", "reason": "Non"})
    assert response.status_code == 409


# --- Public pages and withdrawal ---------------------------------------------------------------

def test_only_approved_stories_are_public(client):
    group, moderator, member = forum()
    public = published(group, moderator, member, title="Publié")
    waiting = offered(group, member, title="En attente")
    response = client.get(reverse("stories"))
    assert_valid_html(response)
    html = response.content.decode()
    assert "Publié" in html and "En attente" not in html
    assert client.get(reverse("story_detail", args=[public.pk])).status_code == 200
    assert client.get(reverse("story_detail", args=[waiting.pk])).status_code == 404
    assert client.get(reverse("story_detail", args=[999999])).status_code == 404


def test_a_story_page_shows_the_pseudonym_or_anonymously(client):
    group, moderator, member = forum()
    named = published(group, moderator, member, title="Signé")
    anonymous = published(group, moderator, member, title="Anonyme", signature=StorySignature.ANONYMOUS)
    response = client.get(reverse("story_detail", args=[named.pk]))
    assert_valid_html(response)
    assert f"Par {member.pseudonym}" in response.content.decode()
    html = client.get(reverse("story_detail", args=[anonymous.pk])).content.decode()
    assert "anonymement" in html and member.pseudonym not in html


def test_withdrawing_removes_the_story_from_the_public_pages_at_once(client):
    group, moderator, member = forum()
    story = published(group, moderator, member, title="Bientôt retiré")
    as_(client, member)
    response = client.get(reverse("story_withdraw", args=[story.pk]))
    assert_valid_html(response)
    assert client.post(reverse("story_withdraw", args=[story.pk])).status_code == 302
    response = client.get(reverse("story_withdraw", args=[story.pk]), follow=True)
    assert str(escape(str(ALREADY_WITHDRAWN))) in response.content.decode()
    client.logout()
    assert client.get(reverse("story_detail", args=[story.pk])).status_code == 404
    assert "Bientôt retiré" not in client.get(reverse("stories")).content.decode()


def test_someone_elses_story_cannot_be_withdrawn(client):
    group, moderator, member = forum()
    story = published(group, moderator, member)
    assert as_(client, UserFactory()).post(reverse("story_withdraw", args=[story.pk])).status_code == 404
    assert as_(client, moderator).post(reverse("story_withdraw", args=[story.pk])).status_code == 404
    assert Story.objects.get().status == StoryStatus.APPROVED


def test_the_public_list_takes_the_same_number_of_queries_for_few_and_many_stories(client,
                                                                                   django_assert_num_queries):
    group, moderator, member = forum()
    published(group, moderator, member)
    # the count and the page (with authors)
    with django_assert_num_queries(2):
        from forums.selectors import public_stories

        public_stories(1)
    for index in range(25):
        story = Story.objects.create(author=member, group=group, title=f"Récit {index}", body="Texte",
                                     body_html="<p>Texte</p>", signature="pseudonym",
                                     consented_at=Story.objects.first().consented_at)
        story_approve(actor=moderator, story=story)
    with django_assert_num_queries(2):
        page = public_stories(2)
    assert len(page.object_list) == 6
