import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entraide import registry
from entraide.models import JoinPolicy
from entraide.selectors import export
from entraide.selectors.export import user_export
from entraide.services.accounts import profile_update
from entraide.services.contact import contact_message_send, contact_wish_register
from entraide.services.groups import join_request_create
from tests.factories import UserFactory, join, make_group, region, theme


@pytest.fixture
def garden_notes():
    """A section a later app would add, for one test."""
    registry.export_sections.register("garden_notes", lambda user: [{"author": user.pseudonym}])
    yield
    registry.export_sections.unregister("garden_notes")


def test_the_account_section_holds_pseudonym_addresses_language_time_zone_and_dates(member):
    profile_update(actor=member, member=member, preferred_language="de", time_zone="Europe/Berlin")

    account = user_export(member)["account"]

    assert account["pseudonym"] == member.pseudonym
    assert account["email_addresses"] == [{"email": member.email, "primary": True, "verified": True}]
    assert account["preferred_language"] == "de"
    assert account["time_zone"] == "Europe/Berlin"
    assert account["date_joined"] == member.date_joined.isoformat()
    assert account["two_factor_authentication"] == []


def test_the_export_holds_groups_created_memberships_and_join_requests(member):
    created = make_group(member, name="Deuil <em>ensemble</em>", description="Nous parlons du deuil.")
    joined = make_group(UserFactory(), name="Parents")
    join(joined, member)
    on_request = make_group(UserFactory(), name="Sur demande", join_policy=JoinPolicy.REQUEST)
    join_request_create(actor=member, group=on_request, message="Puis-je venir ?", charter_version_accepted=1)

    data = user_export(member)

    assert [m["group"]["slug"] for m in data["memberships"]] == [created.slug, joined.slug]
    [group] = data["groups_created"]
    assert group["name"] == "Deuil <em>ensemble</em>"
    assert group["description"] == "Nous parlons du deuil."
    assert group["charter"] == created.charter
    assert group["themes"] == ["epilepsy"] and group["languages"] == ["fr"]
    [request] = data["join_requests"]
    assert request["group"]["slug"] == on_request.slug
    assert (request["message"], request["status"]) == ("Puis-je venir ?", "pending")


def test_the_export_holds_contact_wishes_and_only_the_messages_the_member_wrote(member):
    other = UserFactory()
    contact_wish_register(actor=other, theme=theme(), region=region())
    wish = contact_wish_register(actor=member, theme=theme(), region=region())
    contact_message_send(actor=member, circle=wish.circle, body="Mon message.")
    contact_message_send(actor=other, circle=wish.circle, body="Le message de l'autre.")

    data = user_export(member)

    assert data["contact_wishes"] == [
        {"theme": "epilepsy", "region": "online", "created_at": wish.created_at.isoformat(), "in_contact": True}
    ]
    assert [message["body"] for message in data["contact_messages"]] == ["Mon message."]
    assert "Le message de l'autre." not in json.dumps(data)


def test_the_export_is_plain_json(member):
    make_group(member)

    assert json.loads(json.dumps(user_export(member)))["export"]["format_version"] == 1


def test_the_number_of_queries_does_not_grow_with_the_amount_of_data(member):
    def queries_for_export():
        with CaptureQueriesContext(connection) as captured:
            user_export(member)
        return len(captured)

    make_group(member, name="Un")
    few = queries_for_export()
    for name in ("Deux", "Trois", "Quatre"):
        make_group(member, name=name, themes=("epilepsy", "grief"), languages=("fr", "de"))
        join(make_group(UserFactory(), name=f"Autre {name}"), member)

    assert queries_for_export() == few


def test_a_later_app_adds_its_own_section_after_the_others(member, garden_notes):
    data = user_export(member)

    assert data["garden_notes"] == [{"author": member.pseudonym}]
    assert list(data)[-1] == "garden_notes"


def test_the_export_opens_with_its_own_description_then_the_account():
    assert list(registry.export_sections)[:2] == ["export", "account"]


def test_no_section_can_take_a_name_already_registered_not_even_the_same_function_again():
    before = list(registry.export_sections)
    for name, section in (("account", export.account_section), ("account", lambda user: {}),
                          ("export", lambda user: {})):
        with pytest.raises(registry.AlreadyRegistered):
            registry.export_sections.register(name, section)
    assert list(registry.export_sections) == before
