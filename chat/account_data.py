"""What of a member's chat goes into their export; what goes when they close their account
(their messages stay, shown as 'former member', as forum posts do; their chat preference goes,
and every socket they still hold closes); and what ends when they leave a group or are removed
or banned from it (their sockets on its chat close at once). Registered from ChatConfig.ready()."""

from entraide import registry
from entraide.consumers import sockets_cut_on_commit
from entraide.selectors.export import iso
from entraide.selectors.memberships import GroupNames

from .models import ChatMessage, ChatSettings


def chat_cut_scope(group_id: int) -> str:
    """What a chat socket's `cut_scope` is: cuts narrowed to one group's chat."""
    return f"chat.group.{group_id}"


def export_messages(user) -> list[dict]:
    messages = ChatMessage.objects.filter(author=user).select_related("group").order_by("created_at", "pk")
    group_name = GroupNames(user)
    return [
        {"group": group_name(message.group), "seq": message.seq, "body": message.body,
         "created_at": iso(message.created_at), "hidden_at": iso(message.hidden_at)}
        for message in messages
    ]


def export_chat_preferences(user) -> dict:
    chosen = ChatSettings.objects.filter(member=user).first()
    return {"hide_presence": bool(chosen and chosen.hide_presence)}


def forget_chat_choices(user) -> None:
    ChatSettings.objects.filter(member=user).delete()
    # The account's memberships are gone: no socket of it may stay open on any chat.
    sockets_cut_on_commit(user_id=user.pk)


def chat_sockets_cut(member, group) -> None:
    """A member who leaves, is removed or is banned is cut off the group's chat at once (inside
    the transaction that ends the membership; the sockets close once it commits)."""
    sockets_cut_on_commit(user_id=member.pk, scope=chat_cut_scope(group.pk))


def register() -> None:
    registry.export_sections.register("chat_messages", export_messages)
    registry.export_sections.register("chat_preferences", export_chat_preferences)
    registry.account_cleanups.register("chat_choices", forget_chat_choices)
    registry.membership_ended.register("chat_sockets", chat_sockets_cut)
