"""The form fields that carry ids: a value the database cannot store is the field's own error,
checked before any query, and a page posting one answers 400 with that message."""

import pytest
from django import forms

from entraide import ids
from entraide.forms.fields import IdChoiceField, IdField
from entraide.models import Group, Membership
from tests.factories import UserFactory, make_group

OUT_OF_RANGE = ["0", "-1", str(2**63), str(10**30), "1" * 5000, "abc"]
NOTHING_HERE = "Cette valeur ne correspond à rien ici : rechargez la page et réessayez."


class MemberForm(forms.Form):
    member = IdField(error_messages={"invalid": "Choisissez un membre du groupe."})
    hidden = IdField(required=False)
    number = IdField(required=False, maximum=ids.NUMBER_MAX)


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_an_id_out_of_range_reads_as_the_fields_own_message(value):
    form = MemberForm({"member": value, "hidden": value, "number": value})
    assert not form.is_valid()
    assert form.errors["member"] == ["Choisissez un membre du groupe."]
    assert form.errors["hidden"] == [NOTHING_HERE]
    assert form.errors["number"] == [NOTHING_HERE]


def test_the_largest_storable_values_are_accepted_and_one_more_is_not():
    form = MemberForm({"member": str(ids.ID_MAX), "number": str(ids.NUMBER_MAX)})
    assert form.is_valid()
    assert form.cleaned_data == {"member": ids.ID_MAX, "hidden": None, "number": ids.NUMBER_MAX}
    assert MemberForm({"member": "1", "number": str(ids.NUMBER_MAX + 1)}).errors["number"] == [NOTHING_HERE]


class GroupChoiceForm(forms.Form):
    group = IdChoiceField(queryset=Group.objects.all(), error_messages={"invalid_choice": "Choisissez un groupe."})


@pytest.mark.django_db
def test_a_choice_out_of_range_is_refused_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        form = GroupChoiceForm({"group": str(10**30)})
        assert form.errors["group"] == ["Choisissez un groupe."]
    with django_assert_num_queries(1):
        assert GroupChoiceForm({"group": str(ids.ID_MAX)}).errors["group"] == ["Choisissez un groupe."]
    group = make_group()
    form = GroupChoiceForm({"group": str(group.pk)})
    assert form.is_valid() and form.cleaned_data["group"] == group


@pytest.mark.django_db
@pytest.mark.parametrize("version", [str(2**31), str(10**30), "0"])
def test_joining_with_a_forged_charter_version_answers_400_and_joins_nobody(client, version):
    group = make_group()
    client.force_login(UserFactory())
    response = client.post(f"/groups/{group.slug}/join/", {"accept_charter": "on", "charter_version": version})
    assert response.status_code == 400
    assert "rechargez la page" in response.content.decode()
    assert Membership.objects.filter(group=group).count() == 1
