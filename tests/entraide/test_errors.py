"""`can_<verb>` is derived from `check_<verb>`: the check alone decides, and a refusal of any
kind (not allowed, not found, a conflict with what is stored) is a no."""

import pytest

from entraide.errors import Conflict, DomainError, NotAllowed, NotFound, allows


def check_open_door(user, *, door):
    """Doors open, unless they are locked, missing or already open."""
    refusals = {"locked": NotAllowed, "missing": NotFound, "open": Conflict, "shut": DomainError}
    if door in refusals:
        raise refusals[door]("Pas par ici.")


can_open_door = allows(check_open_door)


def test_a_can_is_true_exactly_when_its_check_passes():
    assert can_open_door(None, door="ajar") is True


@pytest.mark.parametrize("door", ["locked", "missing", "open", "shut"])
def test_a_can_is_false_whatever_the_kind_of_refusal_a_conflict_included(door):
    with pytest.raises(DomainError):
        check_open_door(None, door=door)
    assert can_open_door(None, door=door) is False


def test_a_fault_in_a_check_is_not_a_refusal_and_is_not_swallowed():
    with pytest.raises(TypeError):
        can_open_door(None)  # the check is called with what it needs, or it fails loudly


def test_a_can_is_named_after_its_check_and_keeps_it_at_hand():
    assert can_open_door.__name__ == "can_open_door"
    assert can_open_door.__doc__ == check_open_door.__doc__
    assert can_open_door.check is check_open_door


def test_a_refusal_carries_its_message_and_its_status():
    assert (NotAllowed("Non.").message, NotAllowed("Non.").status) == ("Non.", 403)
    assert (Conflict("Déjà fait.").status, DomainError("Pas ainsi.").status) == (409, 400)
    assert NotFound().status == 404 and str(NotFound().message) == "Cette page n'existe pas."
