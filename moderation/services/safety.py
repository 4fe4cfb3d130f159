"""Private mutes and blocks between members. Nobody is told: the muted or blocked member
sees nothing change on their side, and nothing is logged in any group. The open sockets of
the members concerned hear of it (never their screens), so that a live chat follows at once."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.consumers import member_channel_group
from entraide.errors import Conflict, DomainError
from entraide.realtime import publish_on_commit

from .. import permissions
from ..models import MemberBlock, MemberMute


def _check(actor, member, *, self_message) -> None:
    # Oneself is a mistake to explain, not someone to keep secret.
    if member is not None and member.pk == actor.pk:
        raise DomainError(self_message)
    permissions.check_mute_or_block(actor, member)


def _silences_changed(*members) -> None:
    for member in members:
        publish_on_commit(member_channel_group(member.pk), {"type": "silences.changed"})


@transaction.atomic
def member_mute(*, actor, member, now=None) -> MemberMute:
    """`actor` no longer sees `member`'s posts and chat messages."""
    _check(actor, member, self_message=_("Vous ne pouvez pas vous mettre vous-même en sourdine."))
    try:
        with transaction.atomic():
            mute = MemberMute.objects.create(user=actor, muted=member, created_at=now or timezone.now())
    except IntegrityError:
        raise Conflict(_("%(name)s est déjà en sourdine pour vous.") % {"name": member.display_name}) from None
    _silences_changed(actor)
    return mute


@transaction.atomic
def member_unmute(*, actor, member) -> None:
    deleted, _rows = MemberMute.objects.filter(user=actor, muted=member).delete()
    if not deleted:
        raise Conflict(_("Ce membre n'est pas en sourdine pour vous."))
    _silences_changed(actor)


@transaction.atomic
def member_block(*, actor, member, now=None) -> MemberBlock:
    """`member` can no longer write to `actor` privately nor mention them."""
    _check(actor, member, self_message=_("Vous ne pouvez pas vous bloquer vous-même."))
    try:
        with transaction.atomic():
            block = MemberBlock.objects.create(user=actor, blocked=member, created_at=now or timezone.now())
    except IntegrityError:
        raise Conflict(_("Vous avez déjà bloqué %(name)s.") % {"name": member.display_name}) from None
    # Both sides: the one who blocks folds the other's messages, the one blocked no longer gets theirs.
    _silences_changed(actor, member)
    return block


@transaction.atomic
def member_unblock(*, actor, member) -> None:
    deleted, _rows = MemberBlock.objects.filter(user=actor, blocked=member).delete()
    if not deleted:
        raise Conflict(_("Ce membre n'est pas bloqué."))
    _silences_changed(actor, member)
