"""Reactions that fit peer support. There is no way to react against a post."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError
from entraide.standing import read_standing

from .. import permissions
from ..models import Reaction, ReactionKind
from .touch import threads_touch


def _check(actor, post, kind) -> None:
    permissions.check_react(read_standing(actor, post.group), post)
    if kind not in ReactionKind.values:
        raise DomainError(_("Cette réaction n'existe pas."))


def reaction_add(*, actor, post, kind, now=None) -> Reaction:
    _check(actor, post, kind)
    already = Conflict(_("Vous avez déjà réagi ainsi à ce message."))
    if Reaction.objects.filter(post=post, member=actor, kind=kind).exists():
        raise already
    try:
        with transaction.atomic():
            reaction = Reaction.objects.create(post=post, member=actor, kind=kind, created_at=now or timezone.now())
            threads_touch(thread_ids=[post.thread_id])
            return reaction
    except IntegrityError as error:
        raise already from error


@transaction.atomic
def reaction_remove(*, actor, post, kind) -> None:
    _check(actor, post, kind)
    deleted, _rows = Reaction.objects.filter(post=post, member=actor, kind=kind).delete()
    if not deleted:
        raise Conflict(_("Vous n'aviez pas réagi ainsi à ce message."))
    threads_touch(thread_ids=[post.thread_id])
