import pytest

from entraide.models import Group, JoinPolicy, Visibility
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join, make_group
from tests.queries import SESSION_QUERIES

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def group_data(**overrides):
    data = {
        "name": "Deuil Lausanne", "slug": "", "description": "Nous parlons du deuil.",
        "themes": ["grief"], "kind": "self_managed", "audience": "both", "languages": ["fr"],
        "format": "online", "region": "online", "rhythm": "monthly", "rhythm_note": "",
        "visibility": "listed", "join_policy": "open", "charter": "",
    }
    data.update(overrides)
    return data


def test_the_creation_form_is_valid_html_and_prefills_the_theme(member_client):
    response = member_client.get("/groups/new/?theme=grief")
    assert response.status_code == 200
    assert_valid_html(response)
    assert b'value="grief" id="theme-grief" checked' in response.content


def test_the_creation_form_offers_the_default_charter_in_the_readers_language(client):
    client.force_login(UserFactory(preferred_language="de"))
    page = client.get("/groups/new/").content.decode()
    assert 'value="de" id="id_languages_1" checked' in page
    assert "Vertraulichkeit: Was in der Gruppe gesagt wird" in page
    assert "Confidentialité" not in page


def test_the_default_charter_sent_back_as_offered_follows_the_language_chosen(member_client):
    from entraide.services.groups import default_charter

    offered = default_charter("fr").replace("\n", "\r\n")
    member_client.post("/groups/new/", group_data(languages=["it"], charter=offered))
    assert Group.objects.get(name="Deuil Lausanne").charter == default_charter("it")


def test_a_visitor_is_sent_to_log_in_before_creating_a_group(client, db):
    response = client.get("/groups/new/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_unverified_member_is_told_to_confirm_the_email_first(client):
    client.force_login(UserFactory(verified=False))
    response = client.get("/groups/new/")
    assert response.status_code == 403
    assert "Confirmez" in response.content.decode()


def test_creating_a_group_leads_to_its_page(member_client):
    response = member_client.post("/groups/new/", group_data())
    assert response.status_code == 302
    group = Group.objects.get(slug="deuil-lausanne")
    assert response["Location"] == group.get_absolute_url()


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_an_empty_or_overlong_name_gets_a_message_and_nothing_is_stored(member_client, name):
    response = member_client.post("/groups/new/", group_data(name=name))
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not Group.objects.exists()


def test_unknown_theme_or_region_gets_a_message_not_a_500(member_client):
    response = member_client.post("/groups/new/", group_data(themes=["nope"], region="atlantis"))
    assert response.status_code == 400
    assert not Group.objects.exists()


def test_a_slug_clash_gets_a_clear_message_and_keeps_the_existing_group(member_client):
    existing = make_group(name="Deuil", slug="deuil-lausanne")
    response = member_client.post("/groups/new/", group_data(slug="deuil-lausanne"))
    assert response.status_code == 409
    assert "déjà prise" in response.content.decode()
    existing.refresh_from_db()
    assert existing.name == "Deuil"
    assert Group.objects.count() == 1


def test_html_and_script_in_every_text_field_are_shown_as_text(member_client):
    response = member_client.post(
        "/groups/new/",
        group_data(name=SCRIPT, description=SCRIPT, rhythm_note=SCRIPT, charter=SCRIPT, slug="safe"),
    )
    assert response.status_code == 302
    page = member_client.get("/groups/safe/").content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_the_group_page_shows_members_only_to_members(client, member):
    group = make_group()
    joined = join(group)
    page = client.get(group.get_absolute_url()).content.decode()
    assert joined.pseudonym not in page
    client.force_login(member)
    assert joined.pseudonym not in client.get(group.get_absolute_url()).content.decode()
    client.force_login(joined)
    response = client.get(group.get_absolute_url())
    assert_valid_html(response)
    assert joined.pseudonym in response.content.decode()
    assert client.get(f"/groups/{group.slug}/members/").status_code == 200
    client.force_login(member)
    assert client.get(f"/groups/{group.slug}/members/").status_code == 403


def test_joining_needs_the_charter_accepted(member_client):
    group = make_group()
    response = member_client.post(f"/groups/{group.slug}/join/", {"charter_version": 1})
    assert response.status_code == 400
    assert "charte" in response.content.decode()
    assert group.memberships.count() == 1


def test_joining_then_joining_twice(member_client, member):
    group = make_group()
    accepted = {"accept_charter": "on", "charter_version": group.charter_version}
    assert member_client.post(f"/groups/{group.slug}/join/", accepted).status_code == 302
    response = member_client.post(f"/groups/{group.slug}/join/", accepted)
    assert response.status_code == 409
    assert group.memberships.filter(user=member).count() == 1


def test_leaving_asks_for_confirmation_then_leaves(member_client, member):
    group = make_group()
    join(group, member)
    confirmation = member_client.get(f"/groups/{group.slug}/leave/")
    assert confirmation.status_code == 200
    assert_valid_html(confirmation)
    assert member_client.post(f"/groups/{group.slug}/leave/").status_code == 302
    assert not group.memberships.filter(user=member).exists()


def test_leaving_a_group_one_is_not_in_gets_a_clear_message(member_client):
    group = make_group()
    response = member_client.post(f"/groups/{group.slug}/leave/")
    assert response.status_code == 409
    assert "pas membre" in response.content.decode()
    assert group.memberships.count() == 1


def test_an_unlisted_group_is_reached_by_members_and_by_its_link_only(client, member):
    group = make_group(visibility=Visibility.UNLISTED)
    assert client.get(group.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(group.get_absolute_url()).status_code == 404
    invite = client.get(f"/groups/invite/{group.invite_token}/")
    assert invite.status_code == 200
    assert_valid_html(invite)
    assert client.get("/groups/invite/not-the-token/").status_code == 404
    # Joining from the link works; without it the group stays hidden.
    accepted = {"accept_charter": "on", "charter_version": 1}
    assert client.post(f"/groups/{group.slug}/join/", accepted).status_code == 404
    assert client.post(f"/groups/{group.slug}/join/", {**accepted, "invite": group.invite_token}).status_code == 302
    assert client.get(group.get_absolute_url()).status_code == 200


def test_a_group_on_request_gets_a_request_that_the_creator_accepts(client, member):
    group = make_group(join_policy=JoinPolicy.REQUEST)
    client.force_login(member)
    response = client.post(
        f"/groups/{group.slug}/join/", {"accept_charter": "on", "charter_version": 1, "message": "Bonjour"}
    )
    assert response.status_code == 302
    request = group.join_requests.get()
    assert client.get(f"/groups/{group.slug}/requests/").status_code == 403
    assert client.post(f"/groups/{group.slug}/requests/{request.pk}/", {"decision": "accept"}).status_code == 403
    client.force_login(group.created_by)
    page = client.get(f"/groups/{group.slug}/requests/")
    assert_valid_html(page)
    assert member.pseudonym in page.content.decode()
    assert client.post(f"/groups/{group.slug}/requests/{request.pk}/", {"decision": "maybe"}).status_code == 302
    assert client.post(f"/groups/{group.slug}/requests/{request.pk}/", {"decision": "accept"}).status_code == 302
    assert group.memberships.filter(user=member).exists()
    again = client.post(f"/groups/{group.slug}/requests/{request.pk}/", {"decision": "decline"})
    assert again.status_code == 409


def test_a_refused_decision_shows_nothing_of_the_pending_requests(client):
    group = make_group(join_policy=JoinPolicy.REQUEST)
    asking, other = UserFactory(pseudonym="Demandeuse"), UserFactory()
    client.force_login(asking)
    client.post(f"/groups/{group.slug}/join/",
                {"accept_charter": "on", "charter_version": 1, "message": "Mon fils est malade"})
    request = group.join_requests.get()
    client.force_login(other)

    response = client.post(f"/groups/{group.slug}/requests/{request.pk}/", {"decision": "accept"})

    assert response.status_code == 403
    assert "Mon fils est malade" not in response.content.decode()
    assert "Demandeuse" not in response.content.decode()
    request.refresh_from_db()
    assert request.status == "pending"


def test_only_the_creator_edits_and_a_bad_edit_keeps_what_was_stored(client):
    group = make_group()
    other = join(group)
    client.force_login(other)
    assert client.get(f"/groups/{group.slug}/edit/").status_code == 403
    client.force_login(group.created_by)
    edit = client.get(f"/groups/{group.slug}/edit/")
    assert edit.status_code == 200
    assert_valid_html(edit)
    response = client.post(f"/groups/{group.slug}/edit/", group_data(name="", slug=group.slug))
    assert response.status_code == 400
    group.refresh_from_db()
    assert group.name == "Épilepsie entre nous"


def test_the_group_page_takes_the_same_queries_with_few_or_many_members(client, django_assert_num_queries):
    group = make_group()
    for _ in range(3):
        join(group)
    client.force_login(group.created_by)
    # Two of them ask what other apps add (registry.group_page_extras): the centre that
    # accompanies the group, the starter who does.
    with django_assert_num_queries(SESSION_QUERIES + 13) as few:
        client.get(group.get_absolute_url())
    for _ in range(30):
        join(group)
    client.force_login(group.created_by)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(group.get_absolute_url())


def test_an_unknown_group_is_a_404(client, db):
    assert client.get("/groups/no-such-group/").status_code == 404


def test_a_visitor_refused_a_members_only_page_is_offered_to_log_in(client, db):
    group = make_group()  # its forum is for members only
    refused = client.get(f"/groups/{group.slug}/forum/")
    assert refused.status_code == 403
    assert f"/accounts/login/?next=/groups/{group.slug}/forum/" in refused.content.decode()
    assert_valid_html(refused)


def test_a_pending_request_can_be_withdrawn_and_withdrawing_twice_says_why(client, member):
    group = make_group(join_policy=JoinPolicy.REQUEST)
    client.force_login(member)
    client.post(f"/groups/{group.slug}/join/", {"accept_charter": "on", "charter_version": 1})
    page = client.get(group.get_absolute_url())
    assert "Retirer ma demande" in page.content.decode()
    assert_valid_html(page)
    assert client.post(f"/groups/{group.slug}/request/withdraw/").status_code == 302
    assert not group.join_requests.filter(status="pending").exists()
    again = client.post(f"/groups/{group.slug}/request/withdraw/")
    assert again.status_code == 409
    assert "pas de demande en attente" in again.content.decode()
    assert group.join_requests.count() == 1
