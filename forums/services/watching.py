"""What members watch in a forum, and who hears of a new post: the members it mentions, the
author it answers, and those who watch its thread or its forum.

The fan-out runs after commit (forums.services.posts calls it through transaction.on_commit),
so a post rolled back never notifies, and it reads the post afresh: a post hidden or deleted
in between notifies nobody. Telling is the notifications app's: this only chooses who."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict
from entraide.models import User
from entraide.permissions import check_member
from entraide.standing import read_standing
from moderation.models import MemberBlock, MemberMute
from notifications.services import notification_send, notifications_withdraw

from ..models import Mention, Post, Subscription

REPLY, MENTION, THREAD_POST, FORUM_THREAD = "reply", "mention", "thread_post", "forum_thread"
# When one post concerns a member in several ways, they hear of it once, in the most telling way.
PRECEDENCE = [MENTION, REPLY, THREAD_POST, FORUM_THREAD]


# --- Who hears of a post ------------------------------------------------------------------------

def _candidates(post: Post) -> dict[int, str]:
    kinds: dict[int, str] = {}

    def offer(member_ids, kind):
        for member_id in member_ids:
            current = kinds.get(member_id)
            if current is None or PRECEDENCE.index(kind) < PRECEDENCE.index(current):
                kinds[member_id] = kind

    offer(Mention.objects.filter(post=post).values_list("member_id", flat=True), MENTION)
    if post.number > 1:
        offer([post.thread.author_id], REPLY)
        if post.quote_of_id and post.quote_of and not post.quote_of.is_deleted:
            offer([post.quote_of.author_id], REPLY)
        offer(Subscription.objects.filter(thread=post.thread_id).values_list("member_id", flat=True), THREAD_POST)
    else:
        offer(Subscription.objects.filter(group=post.group_id).values_list("member_id", flat=True), FORUM_THREAD)
    kinds.pop(post.author_id, None)
    return kinds


def _reachable(member_ids, *, group_id, author_id) -> set[int]:
    """Active members of the group who neither muted nor blocked the author. Muting wins even
    over an anonymous post: the member asked not to hear from that person, and the post still
    shows in the thread, so nothing about its author is told."""
    return set(
        User.objects.filter(pk__in=member_ids, is_active=True, deleted_at__isnull=True, memberships__group=group_id)
        .exclude(pk__in=MemberMute.objects.filter(muted=author_id).values("user"))
        .exclude(pk__in=MemberBlock.objects.filter(blocked=author_id).values("user"))
        .values_list("pk", flat=True)
    )


@transaction.atomic
def notifications_for_post(post, *, now=None) -> int:
    """Tell the members concerned about a new post. Returns how many notifications were created."""
    post = Post.objects.select_related("thread", "quote_of").filter(pk=getattr(post, "pk", post)).first()
    if post is None or post.is_hidden or post.is_deleted:
        return 0
    kinds = _candidates(post)
    recipients = _reachable(list(kinds), group_id=post.group_id, author_id=post.author_id)
    return sum(
        len(notification_send(kind=kind, subject=post, recipient_ids=[pk for pk in recipients if kinds[pk] == kind],
                              now=now))
        for kind in PRECEDENCE
    )


# --- Watching -----------------------------------------------------------------------------------

@transaction.atomic
def subscription_watch_thread(*, actor, thread, now=None) -> Subscription:
    check_member(read_standing(actor, thread.group))
    try:
        with transaction.atomic():
            return Subscription.objects.create(member=actor, thread=thread, created_at=now or timezone.now())
    except IntegrityError:
        raise Conflict(_("Vous suivez déjà ce sujet.")) from None


@transaction.atomic
def subscription_watch_forum(*, actor, group, now=None) -> Subscription:
    check_member(read_standing(actor, group))
    try:
        with transaction.atomic():
            return Subscription.objects.create(member=actor, group=group, created_at=now or timezone.now())
    except IntegrityError:
        raise Conflict(_("Vous suivez déjà ce forum.")) from None


def subscription_stop(*, actor, thread=None, group=None) -> None:
    """Stop watching; allowed after leaving the group too."""
    deleted, _rows = Subscription.objects.filter(member=actor, thread=thread, group=group).delete()
    if not deleted:
        raise Conflict(_("Vous ne suiviez pas ce sujet.") if thread is not None
                       else _("Vous ne suiviez pas ce forum."))


def watching_end(member, group) -> None:
    """Leaving a group, or being removed from it, ends watching its forum and its threads; the
    notifications about its posts go too: they point at what the member may no longer read.
    Called inside the transaction that ends the membership (entraide's register_membership_end)."""
    Subscription.objects.filter(Q(group=group) | Q(thread__group=group), member=member).delete()
    notifications_withdraw(subjects=Post.objects.filter(group=group), recipient=member)
