"""Hiding and restoring content, whatever app it belongs to, through the reportable registry."""

from django.db import transaction
from django.utils import timezone

from entraide.errors import DomainError
from entraide.standing import read_standing
from notifications.services import notifications_withdraw

from .. import permissions
from ..models import LogAction, RoleKind
from .checks import NOT_HIDEABLE, clean_reason, reportable_of
from .log import log_entry_write


def content_visibility_set(target, hidden: bool) -> None:
    """Hide or restore without checks: for decisions and appeals that already checked."""
    reportable = reportable_of(target)
    if not reportable.hideable:
        raise DomainError(NOT_HIDEABLE)
    _set_hidden(reportable, target, hidden)


def _set_hidden(reportable, target, hidden: bool) -> None:
    """Hidden content is no longer announced: what was told of it goes from the notifications."""
    reportable.set_hidden(target, hidden)
    if hidden:
        notifications_withdraw(subjects=target)


def _content_set(*, actor, target, reason, hidden: bool, now=None):
    now = now or timezone.now()
    reportable = reportable_of(target)
    group = reportable.group_of(target)
    if group is None:  # what belongs to a moderation scope is reported, never hidden
        raise DomainError(NOT_HIDEABLE)
    permissions.check_moderate(read_standing(actor, group))
    if not reportable.hideable:
        raise DomainError(NOT_HIDEABLE)
    reason = clean_reason(reason)
    _set_hidden(reportable, target, hidden)
    log_entry_write(actor=actor, group=group, action=LogAction.CONTENT_HIDDEN if hidden else LogAction.CONTENT_RESTORED,
                    role=RoleKind.MODERATOR, target_kind=reportable.kind, target_facts=reportable.facts(target),
                    reason=reason, now=now)
    return target


@transaction.atomic
def content_hide(*, actor, target, reason, now=None):
    return _content_set(actor=actor, target=target, reason=reason, hidden=True, now=now)


@transaction.atomic
def content_restore(*, actor, target, reason, now=None):
    return _content_set(actor=actor, target=target, reason=reason, hidden=False, now=now)
