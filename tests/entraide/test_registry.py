"""Every extension point behaves the same way: keys in the order they came, and a key
registered twice is an error, seen at start-up rather than silently overwritten."""

import pytest

from entraide import registry
from entraide.registry import AlreadyRegistered, NotRegistered, Registry


def test_entries_come_back_in_the_order_they_were_registered():
    garden = Registry("garden")
    garden.register("roses", 1)
    garden.register("tulips", 2)

    assert list(garden) == ["roses", "tulips"]
    assert garden.items() == [("roses", 1), ("tulips", 2)]
    assert garden.values() == [1, 2]
    assert (len(garden), "roses" in garden, "daisies" in garden) == (2, True, False)


def test_registering_a_key_twice_is_an_error_even_with_the_same_value_and_keeps_the_first():
    garden = Registry("garden")
    garden.register("roses", 1)

    for value in (1, 2):
        with pytest.raises(AlreadyRegistered, match="garden: 'roses'"):
            garden.register("roses", value)

    assert garden.get("roses") == 1


def test_an_unknown_key_is_not_registered_unless_a_default_is_given():
    garden = Registry("garden")

    with pytest.raises(NotRegistered):
        garden.get("daisies")
    with pytest.raises(KeyError):
        garden.unregister("daisies")
    assert garden.get("daisies", None) is None


def test_a_key_unregistered_can_be_registered_again():
    garden = Registry("garden")
    garden.register("roses", 1)
    garden.unregister("roses")

    garden.register("roses", 2)

    assert garden.get("roses") == 2


def test_the_apps_registered_their_extensions_when_they_were_ready():
    assert {"member", "group", "post"} <= set(registry.reportable_kinds)
    assert {"person", "thread", "slow_mode", "story"} <= set(registry.subject_kinds)
    assert {"export", "account", "roles", "forum_posts"} <= set(registry.export_sections)
    assert {"mutes_and_blocks", "forum_choices"} <= set(registry.account_cleanups)
    assert "forum_threads" in registry.name_changes
    assert "forum_threads" in registry.demo_data
    assert "founding_roles" in registry.group_created
    assert {"role_terms", "forum_watching"} <= set(registry.membership_ended)
    assert {"decide_join_requests", "edit_group"} <= set(registry.group_policies)
    assert "roles_mutes_removals" in registry.standing_facts


def test_each_reportable_kind_is_registered_under_its_own_kind_and_is_no_plain_subject_too():
    for kind, reportable in registry.reportable_kinds.items():
        assert reportable.kind == kind
        assert kind not in registry.subject_kinds
