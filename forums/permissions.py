"""Who may do what in a group's forum. The one place views, templates and services ask.

Each rule is a `check_<verb>(standing, obj=None)` that raises NotAllowed with the member's
message (a Conflict when it is already done, moderation.limits.SlowDown for slow mode, with
its Retry-After); `can_<verb>`, for pages and templates, is derived from it. The standing is
the member's in the group (entraide.standing): read once per request by pages, afresh by
services.

Reading: the group's members; anyone when the group chose a forum readable by all, and only
if the group is listed (an unlisted group's forum is never public). Writing: members who are
not muted (moderation.permissions.check_write_in_group). Moderating: the group's moderators
during their term (moderation.permissions.check_moderate), who may also still reply in a
locked thread and are not held by slow mode."""

import math

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from entraide.errors import Conflict, NotAllowed, allows
from entraide.permissions import check_edit_group, check_member, check_signed_in
from entraide.standing import Standing
from moderation.limits import SlowDown
from moderation.permissions import can_moderate, check_moderate, check_write_in_group

from .models import ForumSettings, StoryStatus

THREAD_LOCKED = _("Ce sujet est verrouillé : on ne peut plus y répondre.")
SLOW_MODE = _("Ce sujet est en mode lent : vous pourrez y écrire à nouveau dans %(wait)s.")
DELETED = _("Ce message a été supprimé par son auteur·e.")
HIDDEN = _("Ce message est masqué par la modération.")
ALREADY_DELETED = _("Ce message est déjà supprimé.")
AUTHORS_EDIT = _("Seul·e l'auteur·e d'un message peut le modifier.")
AUTHORS_DELETE = _("Seul·e l'auteur·e d'un message peut le supprimer.")
NOT_ANONYMOUS = _("Ce message n'est pas anonyme.")
OWN_POST_REACTION = _("On ne réagit pas à ses propres messages.")
OWN_POST_REPORT = _("On ne signale pas ses propres messages : vous pouvez les modifier ou les supprimer.")
OWN_VISIBLE_POSTS = _("Vous ne pouvez proposer que vos propres messages, tant qu'ils sont visibles.")
STORY_DECIDED = _("Ce témoignage a déjà reçu une réponse, ou son auteur·e l'a retiré.")
OWN_STORY = _("Vous ne pouvez pas relire votre propre témoignage : un·e autre modérateur·rice du groupe s'en charge.")
AUTHORS_WITHDRAW = _("Seul·e l'auteur·e d'un témoignage peut le retirer.")
ALREADY_WITHDRAWN = _("Ce témoignage est déjà retiré.")


def _is_author(standing: Standing, authored) -> bool:
    return standing.user_id is not None and authored.author_id == standing.user_id


def _check_visible(post) -> None:
    if post.is_deleted:
        raise NotAllowed(DELETED)
    if post.is_hidden:
        raise NotAllowed(HIDDEN)


# --- Reading and writing ---------------------------------------------------------------------

def forum_is_public(group) -> bool:
    if not group.is_listed:
        return False
    try:
        return group.forum_settings.readable_by_anyone
    except ForumSettings.DoesNotExist:
        return False


def check_read_forum(standing: Standing) -> None:
    if not forum_is_public(standing.group):
        check_member(standing)


def check_post(standing: Standing) -> None:
    """Start a thread; reply (check_reply adds the thread's lock), offer a story."""
    check_write_in_group(standing)


def check_reply(standing: Standing, thread) -> None:
    """The lock is told first, to anyone: it is what the thread page says instead of a form."""
    if thread.is_locked and not can_moderate(standing):
        raise NotAllowed(THREAD_LOCKED)
    check_post(standing)


def _wait_text(seconds: int) -> str:
    if seconds < 90:
        return ngettext("%(count)s seconde", "%(count)s secondes", seconds) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}


def check_slow_mode(standing: Standing, thread, *, last_posted_at, now) -> None:
    """One post per `thread.slow_mode_seconds` in the thread; moderators are not held."""
    if not thread.slow_mode_seconds or last_posted_at is None or can_moderate(standing):
        return
    remaining = thread.slow_mode_seconds - int((now - last_posted_at).total_seconds())
    if remaining > 0:
        raise SlowDown(SLOW_MODE % {"wait": _wait_text(remaining)}, retry_after=remaining)


# --- A post ------------------------------------------------------------------------------------

def check_edit_post(standing: Standing, post) -> None:
    """Its author, while it is visible and they may write in the group."""
    if not _is_author(standing, post):
        raise NotAllowed(AUTHORS_EDIT)
    _check_visible(post)
    check_post(standing)


def check_delete_post(standing: Standing, post) -> None:
    """Its author, while a member (muted or not: taking one's words back is always possible)."""
    if post.is_deleted:
        raise NotAllowed(ALREADY_DELETED)
    if not _is_author(standing, post):
        raise NotAllowed(AUTHORS_DELETE)
    check_member(standing)


def check_view_history(standing: Standing, post) -> None:
    check_member(standing)
    _check_visible(post)


def check_react(standing: Standing, post) -> None:
    """Members react to the others' visible posts; there is nothing to react against."""
    check_member(standing)
    if _is_author(standing, post):
        raise NotAllowed(OWN_POST_REACTION)
    _check_visible(post)


def check_report_post(standing: Standing, post) -> None:
    """Any member, muted or not, about someone else's visible post."""
    check_member(standing)
    if _is_author(standing, post):
        raise NotAllowed(OWN_POST_REPORT)
    _check_visible(post)


def check_reveal_author(standing: Standing, post) -> None:
    check_moderate(standing)
    if post.is_deleted:
        raise NotAllowed(DELETED)
    if not post.is_anonymous:
        raise NotAllowed(NOT_ANONYMOUS)


def check_hide_post(standing: Standing, post) -> None:
    """Hide or restore it (moderation.services.content does it, and asks its own check)."""
    check_moderate(standing)
    if post.is_deleted:
        raise NotAllowed(DELETED)


# --- The forum's settings and a member's own -------------------------------------------------

def check_update_forum_settings(standing: Standing) -> None:
    """Opening the forum to everyone is a change to the group: its role holders decide."""
    check_edit_group(standing)


can_read_forum = allows(check_read_forum)
can_post = allows(check_post)
can_reply = allows(check_reply)
can_edit_post = allows(check_edit_post)
can_delete_post = allows(check_delete_post)
can_view_history = allows(check_view_history)
can_react = allows(check_react)
can_report_post = allows(check_report_post)
can_reveal_author = allows(check_reveal_author)
can_hide_post = allows(check_hide_post)
can_update_forum_settings = allows(check_update_forum_settings)
# Members-only: seeing who reacted, watching the forum or a thread (entraide.permissions.check_member).
can_see_reactors = can_watch = allows(check_member)


# --- Stories -----------------------------------------------------------------------------------
# Offering one: a member who may write in the group. Approving or declining: the group's
# moderators (moderation.permissions.check_moderate), never on their own story.

def check_offer_story(standing: Standing) -> None:
    check_post(standing)


def check_offer_post(standing: Standing, post) -> None:
    """A story started from a post: the author's own, while it is visible."""
    if not _is_author(standing, post) or post.is_deleted or post.is_hidden:
        raise NotAllowed(OWN_VISIBLE_POSTS)
    check_offer_story(standing)


def check_decide_story(standing: Standing, story) -> None:
    if story.status != StoryStatus.PENDING:
        raise Conflict(STORY_DECIDED)
    if _is_author(standing, story):
        raise NotAllowed(OWN_STORY)
    check_moderate(standing)


def check_withdraw_story(user, story) -> None:
    """Its author, at any time, whatever the group thinks of it: no standing needed."""
    check_signed_in(user)
    if story.author_id != user.pk:
        raise NotAllowed(AUTHORS_WITHDRAW)
    if story.status == StoryStatus.WITHDRAWN:
        raise Conflict(ALREADY_WITHDRAWN)


can_offer_story = allows(check_offer_story)
can_offer_post = allows(check_offer_post)
can_review_stories = allows(check_moderate)
can_decide_story = allows(check_decide_story)
can_withdraw_story = allows(check_withdraw_story)
