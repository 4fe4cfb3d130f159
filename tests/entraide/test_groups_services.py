import pytest

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.models import Group, JoinPolicy, JoinRequestStatus, Membership
from entraide.services import groups as services
from tests.factories import UserFactory, join, make_group, region, theme

pytestmark = pytest.mark.django_db


def test_the_creator_becomes_the_first_member_with_the_default_charter():
    group = make_group()
    assert list(group.memberships.values_list("user", flat=True)) == [group.created_by_id]
    assert group.member_count == 1
    assert "« je »" in group.charter


@pytest.mark.parametrize("languages, agreement", [
    (("de",), "Vertraulichkeit"),
    (("it",), "Riservatezza"),
    (("en", "fr"), "Confidentiality"),
    (("fr", "en"), "Confidentialité"),
])
def test_a_new_group_gets_the_default_charter_in_its_first_language(languages, agreement):
    group = make_group(languages=languages)
    assert group.charter.startswith(f"- {agreement}")
    assert agreement in group.charter_html


def test_the_default_charter_left_as_offered_in_another_language_is_written_in_the_groups_language():
    offered = services.default_charter("fr").replace("\n", "\r\n")
    group = make_group(languages=("de",), charter=offered)
    assert group.charter == services.default_charter("de")


def test_a_charter_of_its_own_is_kept_whatever_the_groups_language():
    group = make_group(languages=("de",), charter="- Wir hören einander zu.")
    assert group.charter == "- Wir hören einander zu."


def test_the_french_default_charter_of_a_german_group_is_put_in_german_without_a_new_version():
    group = make_group(languages=("de",), charter="- Provisoire.")
    Group.objects.filter(pk=group.pk).update(charter=services.default_charter("fr"))
    assert services.charter_default_translate(group=group, language="de") is True
    group.refresh_from_db()
    assert group.charter == services.default_charter("de")
    assert "Vertraulichkeit" in group.charter_html
    assert group.charter_version == 1
    assert services.charter_default_translate(group=group, language="de") is False


def test_a_charter_the_group_wrote_is_never_translated():
    group = make_group(languages=("de",), charter="- Wir hören einander zu.")
    assert services.charter_default_translate(group=group, language="de") is False
    group.refresh_from_db()
    assert group.charter == "- Wir hören einander zu."


def test_a_member_whose_email_is_not_verified_cannot_create_a_group():
    with pytest.raises(NotAllowed):
        make_group(UserFactory(verified=False))


def test_search_text_folds_accents_and_holds_theme_names_in_every_language():
    group = make_group(name="Épilepsie Genève", themes=("grief",))
    assert "epilepsie geneve" in group.search_text
    for name in ("deuil", "trauer", "lutto", "grief"):
        assert name in group.search_text


def test_a_slug_clash_is_refused_and_the_first_group_is_untouched():
    first = make_group(name="Deuil", slug="deuil")
    with pytest.raises(Conflict):
        make_group(name="Autre deuil", slug="deuil")
    first.refresh_from_db()
    assert first.name == "Deuil"


def test_an_empty_name_is_refused():
    with pytest.raises(DomainError):
        make_group(name="   ")


def test_joining_twice_is_refused():
    group = make_group()
    member = join(group)
    with pytest.raises(Conflict):
        services.group_join(actor=member, group=group, charter_version_accepted=group.charter_version)
    assert Membership.objects.filter(group=group, user=member).count() == 1


def test_joining_without_the_current_charter_is_refused():
    group = make_group()
    with pytest.raises(DomainError):
        services.group_join(actor=UserFactory(), group=group, charter_version_accepted=group.charter_version + 1)


def test_leaving_keeps_the_count_right_and_leaving_twice_is_refused():
    group = make_group()
    member = join(group)
    services.group_leave(actor=member, group=group)
    group.refresh_from_db()
    assert group.member_count == 1
    with pytest.raises(Conflict):
        services.group_leave(actor=member, group=group)


def test_a_join_request_is_decided_by_the_creator_only():
    group = make_group(join_policy=JoinPolicy.REQUEST)
    asker = UserFactory()
    with pytest.raises(DomainError):
        services.group_join(actor=asker, group=group, charter_version_accepted=1)
    request = services.join_request_create(actor=asker, group=group, message="Bonjour", charter_version_accepted=1)
    with pytest.raises(Conflict):
        services.join_request_create(actor=asker, group=group, charter_version_accepted=1)
    other_member = join_directly(group)
    with pytest.raises(NotAllowed):
        services.join_request_decide(actor=other_member, join_request=request, accept=True)
    services.join_request_decide(actor=group.created_by, join_request=request, accept=True)
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.ACCEPTED
    assert group.memberships.filter(user=asker).exists()
    with pytest.raises(Conflict):
        services.join_request_decide(actor=group.created_by, join_request=request, accept=False)


def join_directly(group):
    """A member added through an accepted request (the group asks for requests)."""
    user = UserFactory()
    request = services.join_request_create(actor=user, group=group, charter_version_accepted=group.charter_version)
    services.join_request_decide(actor=group.created_by, join_request=request, accept=True)
    return user


def test_a_plain_member_cannot_edit_and_the_charter_is_not_edited_directly():
    group = make_group()
    outsider = join(group)
    with pytest.raises(NotAllowed):
        services.group_update(actor=outsider, group=group, name="Pris")
    with pytest.raises(DomainError):
        services.group_update(actor=group.created_by, group=group, charter="- Nouvelle règle")
    group.refresh_from_db()
    assert group.charter_version == 1
    assert group.name == "Épilepsie entre nous"


def test_an_update_that_fails_changes_nothing():
    group = make_group(languages=("fr", "de"))
    with pytest.raises(DomainError):
        services.group_update(actor=group.created_by, group=group, description="Nouvelle", languages=[])
    group.refresh_from_db()
    assert group.description.startswith("Un groupe")
    assert sorted(group.language_rows.values_list("code", flat=True)) == ["de", "fr"]


def test_renaming_a_theme_refreshes_the_search_text():
    group = make_group(themes=("grief",))
    grief = theme("grief")
    grief.name_fr = "Deuil périnatal"
    grief.save()
    services.refresh_search_text(type(group).objects.filter(themes=grief))
    group.refresh_from_db()
    assert "perinatal" in group.search_text


def test_region_is_required_to_exist():
    assert region("ge").name_fr == "Genève"
