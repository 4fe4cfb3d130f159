"""What a group's moderators do in its forum: lock, pin, slow mode, hide a post, and reveal who
wrote an anonymous post. Each action is written to the moderation log every member can read."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.errors import Conflict, DomainError
from entraide.standing import read_standing
from moderation.models import REASON_MAX_LENGTH, LogAction, RoleKind
from moderation.permissions import check_moderate
from moderation.services.log import log_entry_write

from .. import permissions
from ..models import SLOW_MODE_MAX_SECONDS, Post, Thread
from ..reporting import post_facts, thread_facts
from .touch import threads_touch


def _clean_reason(reason, *, required=False) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise DomainError(_("Dites en quelques mots pourquoi : la raison est inscrite au journal de modération."))
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(_("La raison ne peut pas dépasser %(max)s caractères.") % {"max": REASON_MAX_LENGTH})
    return reason


def _moderate(*, actor, thread, field, value, action, already, reason):
    check_moderate(read_standing(actor, thread.group))
    reason = _clean_reason(reason)
    if getattr(thread, field) == value:
        raise Conflict(already)
    Thread.objects.filter(pk=thread.pk).update(**{field: value})
    threads_touch(thread_ids=[thread.pk])
    setattr(thread, field, value)
    log_entry_write(actor=actor, group=thread.group, action=action, role=RoleKind.MODERATOR, target_kind="thread",
                    target_facts=thread_facts(thread), reason=reason)
    return thread


@transaction.atomic
def thread_lock(*, actor, thread, reason="") -> Thread:
    return _moderate(actor=actor, thread=thread, field="is_locked", value=True,
                     action=LogAction.THREAD_LOCKED, already=_("Ce sujet est déjà verrouillé."), reason=reason)


@transaction.atomic
def thread_unlock(*, actor, thread, reason="") -> Thread:
    return _moderate(actor=actor, thread=thread, field="is_locked", value=False,
                     action=LogAction.THREAD_UNLOCKED, already=_("Ce sujet n'est pas verrouillé."), reason=reason)


@transaction.atomic
def thread_pin(*, actor, thread, reason="") -> Thread:
    return _moderate(actor=actor, thread=thread, field="is_pinned", value=True,
                     action=LogAction.THREAD_PINNED, already=_("Ce sujet est déjà épinglé."), reason=reason)


@transaction.atomic
def thread_unpin(*, actor, thread, reason="") -> Thread:
    return _moderate(actor=actor, thread=thread, field="is_pinned", value=False,
                     action=LogAction.THREAD_UNPINNED, already=_("Ce sujet n'est pas épinglé."), reason=reason)


def slow_mode_label(seconds: int) -> str:
    if not seconds:
        return _("mode lent désactivé")
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("un message par heure", "un message toutes les %(count)s heures", hours) % {"count": hours}
    if seconds % 60 == 0:
        minutes = seconds // 60
        return ngettext("un message par minute", "un message toutes les %(count)s minutes", minutes) % {"count": minutes}
    return ngettext("un message par seconde", "un message toutes les %(count)s secondes", seconds) % {"count": seconds}


@transaction.atomic
def slow_mode_set(*, actor, thread, seconds, reason="") -> Thread:
    """Each member may post once per `seconds` in the thread; 0 turns slow mode off."""
    check_moderate(read_standing(actor, thread.group))
    try:
        seconds = int(seconds)
    except (TypeError, ValueError):
        seconds = -1
    if not 0 <= seconds <= SLOW_MODE_MAX_SECONDS:
        raise DomainError(_("Choisissez un délai entre 0 (pas de mode lent) et 24 heures."))
    reason = _clean_reason(reason)
    if thread.slow_mode_seconds == seconds:
        raise Conflict(_("Ce sujet a déjà ce réglage."))
    Thread.objects.filter(pk=thread.pk).update(slow_mode_seconds=seconds)
    threads_touch(thread_ids=[thread.pk])
    thread.slow_mode_seconds = seconds
    log_entry_write(actor=actor, group=thread.group, action=LogAction.SLOW_MODE_SET, role=RoleKind.MODERATOR,
                    target_kind="slow_mode", target_facts=thread_facts(thread, seconds=seconds), reason=reason)
    return thread


@transaction.atomic
def post_reveal_author(*, actor, post, reason):
    """Who wrote an anonymous post, for a moderator who says why; the group sees that it happened
    (the log names the post and the moderator, never the author)."""
    permissions.check_reveal_author(read_standing(actor, post.group), post)
    reason = _clean_reason(reason, required=True)
    log_entry_write(actor=actor, group=post.group, action=LogAction.AUTHOR_REVEALED, role=RoleKind.MODERATOR,
                    target_kind="post", target_facts=post_facts(post), reason=reason)
    return post.author


@transaction.atomic
def post_hidden_set(post: Post, hidden: bool) -> None:
    """The forum's side of hiding (True) or restoring (False) a post: the post's reportable kind.
    moderation.services.content calls it once it has checked the moderator, and writes the log."""
    post.hidden_at = timezone.now() if hidden else None
    Post.objects.filter(pk=post.pk).update(hidden_at=post.hidden_at)
    threads_touch(thread_ids=[post.thread_id])
