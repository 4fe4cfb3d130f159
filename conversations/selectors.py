"""The reads of private conversations, each with a fixed number of queries.

A muted member's messages are not shown to the member who muted them, nor counted as unread."""

from django.core.paginator import Paginator
from django.db.models import Count, Q

from entraide.errors import NotFound
from entraide.models import User
from entraide.selectors.export import iso
from moderation.selectors import muted_author_ids

from . import permissions
from .models import Conversation, PrivateMessage

CONVERSATIONS_PER_PAGE = 30
MESSAGES_PER_PAGE = 50


def _of(user):
    return Q(first_member=user) | Q(second_member=user)


def conversation_list(user, page_number) -> dict:
    muted = muted_author_ids(user)
    conversations = (
        Conversation.objects.filter(_of(user))
        .select_related("first_member", "second_member")
        .annotate(unread=Count("messages", filter=Q(messages__read_at__isnull=True)
                               & ~Q(messages__sender=user) & ~Q(messages__sender__in=muted)))
        .order_by("-last_message_at", "-pk")
    )
    page = Paginator(conversations, CONVERSATIONS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    for conversation in page.object_list:
        conversation.other = (conversation.second_member if conversation.first_member_id == user.pk
                              else conversation.first_member)
        conversation.other_is_muted = conversation.other.pk in muted
    return {"page": page}


def conversation_for(user, pk) -> Conversation:
    """A participant's conversation; anyone else gets a 404, as if it did not exist."""
    conversation = Conversation.objects.select_related("first_member", "second_member").filter(pk=pk).first()
    if conversation is None:
        raise NotFound()
    permissions.check_view_conversation(user, conversation)
    conversation.other = (conversation.second_member if conversation.first_member_id == user.pk
                          else conversation.first_member)
    return conversation


def conversation_page(conversation, user, page_number) -> dict:
    """Messages oldest first; without a page asked for, the last page (the newest messages)."""
    other_is_muted = conversation.other.pk in muted_author_ids(user)
    messages = PrivateMessage.objects.filter(conversation=conversation).select_related("sender")
    if other_is_muted:
        messages = messages.filter(sender=user)
    paginator = Paginator(messages, MESSAGES_PER_PAGE)
    page = paginator.get_page(page_number or paginator.num_pages)
    page.object_list = list(page.object_list)
    return {"page": page, "other_is_muted": other_is_muted}


def recipient(pk) -> User:
    member = User.objects.filter(pk=pk, is_active=True, deleted_at__isnull=True).first()
    if member is None:
        raise NotFound()
    return member


def existing_conversation(user, other):
    first, second = sorted([user.pk, other.pk])
    return Conversation.objects.filter(first_member=first, second_member=second).first()


def messages_for_notifications(ids, member) -> dict[int, PrivateMessage]:
    """The messages of the member's own conversations, with their sender: one query."""
    messages = (PrivateMessage.objects.filter(pk__in=ids).filter(
        Q(conversation__first_member=member) | Q(conversation__second_member=member)).select_related("sender"))
    return {message.pk: message for message in messages}


def export_private_messages(user) -> list[dict]:
    """Only what the member wrote: the other person's messages are theirs."""
    return [
        {"body": message.body, "created_at": iso(message.created_at)}
        for message in PrivateMessage.objects.filter(sender=user).order_by("created_at")
    ]
