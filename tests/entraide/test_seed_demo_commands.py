from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from entraide.management.commands.seed_demo import DEMO_GROUPS, DEMO_MEMBERS, DEMO_PASSWORD
from entraide.models import (
    Group,
    GroupKind,
    GroupLanguage,
    JoinPolicy,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Theme,
    User,
    Visibility,
)

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO())
    return out.getvalue()


def table_snapshot() -> dict:
    return {
        "users": sorted(User.objects.values_list("pk", "email", "pseudonym", "password")),
        "emails": sorted(EmailAddress.objects.values_list("pk", "email", "verified", "primary")),
        "groups": sorted(Group.objects.values_list("pk", "slug", "name", "member_count", "charter_version")),
        "languages": sorted(GroupLanguage.objects.values_list("pk", "group_id", "code")),
        "memberships": sorted(Membership.objects.values_list("pk", "group_id", "user_id")),
        "requests": sorted(JoinRequest.objects.values_list("pk", "group_id", "user_id", "status")),
    }


def test_seed_demo_creates_members_with_verified_addresses_and_the_demo_password():
    seed()

    assert User.objects.count() == len(DEMO_MEMBERS)
    for email, pseudonym, language, _staff in DEMO_MEMBERS:
        member = User.objects.get(email=email)
        assert member.pseudonym == pseudonym
        assert member.preferred_language == language
        assert member.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.filter(user=member, email=email, verified=True, primary=True).exists()


def test_seed_demo_prints_every_demo_login_and_the_password():
    output = seed()

    assert DEMO_PASSWORD in output
    for email, pseudonym, _language, _staff in DEMO_MEMBERS:
        assert f"{email}  {pseudonym}" in output


def test_seed_demo_creates_groups_of_every_kind_the_directory_shows():
    seed()

    assert Group.objects.count() == len(DEMO_GROUPS)
    assert Group.objects.filter(kind=GroupKind.PROFESSIONAL).exists()
    assert Group.objects.filter(visibility=Visibility.UNLISTED).exists()
    assert Group.objects.filter(join_policy=JoinPolicy.REQUEST).exists()
    assert Group.objects.values("region").distinct().count() >= 5
    assert set(GroupLanguage.objects.values_list("code", flat=True)) == {"fr", "de", "it", "en"}
    assert Theme.objects.filter(groups__isnull=False).values("sector").distinct().count() >= 4


def test_seed_demo_groups_are_built_by_the_services_with_members_counted():
    seed()

    for group in Group.objects.all():
        assert group.search_text, group.slug
        assert group.charter_html, group.slug
        assert group.member_count == group.memberships.count()
        assert group.memberships.filter(user=group.created_by).exists()
    alcohol = Group.objects.get(slug="sortir-de-l-alcool")
    assert JoinRequest.objects.filter(group=alcohol, status=JoinRequestStatus.PENDING).count() == 1


def test_seed_demo_twice_changes_nothing_and_prints_the_same_logins():
    first_output = seed()
    first = table_snapshot()

    second_output = seed()

    assert table_snapshot() == first
    assert second_output == first_output


def test_seed_demo_leaves_a_demo_member_who_changed_things_alone():
    seed()
    member = User.objects.get(pseudonym="Lune")
    group = Group.objects.get(slug="epilepsie-entre-nous")
    Membership.objects.filter(group=group, user=User.objects.get(pseudonym="Colibri")).delete()
    member.set_password("a password only Lune knows")
    member.save()

    seed()

    member.refresh_from_db()
    assert member.check_password("a password only Lune knows")
    assert Membership.objects.filter(group=group, user__pseudonym="Colibri").exists()


def test_seed_demo_groups_have_the_default_charter_in_their_own_language():
    from entraide.services.groups import default_charter

    seed()

    for spec in DEMO_GROUPS:
        group = Group.objects.get(slug=spec["slug"])
        assert group.charter == default_charter(spec["languages"][0]), group.slug
    assert "Vertraulichkeit" in Group.objects.get(slug="leben-mit-ms").charter_html


def test_seed_demo_puts_a_charter_seeded_in_french_in_the_groups_language_and_leaves_a_changed_one():
    from entraide.services.groups import default_charter

    seed()
    Group.objects.filter(slug__in=["leben-mit-ms", "genitori-insieme"]).update(charter=default_charter("fr"))
    Group.objects.filter(slug="long-covid-peer-circle").update(charter="- We listen.")

    seed()

    assert Group.objects.get(slug="leben-mit-ms").charter == default_charter("de")
    assert Group.objects.get(slug="genitori-insieme").charter == default_charter("it")
    assert Group.objects.get(slug="long-covid-peer-circle").charter == "- We listen."


def staff_standing(member) -> tuple:
    member.refresh_from_db()
    return member.is_staff, member.is_superuser, sorted(member.user_permissions.values_list("pk", flat=True))


def test_the_demo_staff_account_is_a_curator_with_exactly_the_curators_permissions_and_not_a_superuser():
    seed()
    centre = User.objects.get(pseudonym="Centre")
    codenames = set(centre.user_permissions.values_list("content_type__app_label", "codename"))
    assert staff_standing(centre)[:2] == (True, False)
    assert codenames == {
        (app, f"{action}_{model}")
        for app, model in [("entraide", "sector"), ("entraide", "theme"), ("entraide", "region"),
                           ("moderation", "crisisline")]
        for action in ("add", "change", "delete", "view")
    }
    assert centre.get_all_permissions() == {f"{app}.{codename}" for app, codename in codenames}
    assert not User.objects.filter(is_superuser=True).exists()


def test_seed_demo_demotes_a_demo_staff_account_seeded_as_a_superuser_and_then_changes_nothing():
    seed()
    centre = User.objects.get(pseudonym="Centre")
    User.objects.filter(pk=centre.pk).update(is_superuser=True)
    centre.user_permissions.clear()

    seed()
    demoted = staff_standing(centre)
    first = table_snapshot()
    seed()

    assert demoted[:2] == (True, False) and len(demoted[2]) == 16
    assert staff_standing(centre) == demoted
    assert table_snapshot() == first
