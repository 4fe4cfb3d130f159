"""What the rules refuse, with a message written for the member.

Views turn a DomainError into a page with that message and the status given here (400 by
default, 409 when it clashes with what is stored). A refusal that a view does not catch is
answered by Django itself: NotAllowed is a PermissionDenied (the 403 page shows its message),
NotFound an Http404 (used where the existence of the thing is itself private)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400

    def __init__(self, message, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class Conflict(DomainError):
    status = 409


class NotAllowed(DomainError, PermissionDenied):
    status = 403


class NotFound(DomainError, Http404):
    """Said the same way whether the thing is missing or private: its existence is the secret."""

    status = 404

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("Cette page n'existe pas."), **kwargs)


def allows(check):
    """`can_<verb>` for templates and pages, from `check_<verb>`: the check alone decides."""

    def can(*args, **kwargs) -> bool:
        try:
            check(*args, **kwargs)
        except DomainError:
            return False
        return True

    can.__name__ = can.__qualname__ = check.__name__.replace("check_", "can_", 1)
    can.__doc__ = check.__doc__
    can.check = check
    return can


def refusal(check, *args, **kwargs) -> str:
    """What the member reads when `check` refuses, "" when it allows: what a page shows in
    place of a form it does not offer."""
    try:
        check(*args, **kwargs)
    except DomainError as error:
        return str(error.message)
    return ""
