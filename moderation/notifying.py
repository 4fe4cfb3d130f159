"""What moderation tells members through notifications: a private warning, worded when read
from the group's name as the member knows it, never from the warning's text. Registered from
ModerationConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide.selectors.memberships import GroupNames
from notifications.kinds import NotificationKind
from notifications.models import EmailFrequency

from . import scopes
from .models import MemberWarning


def warnings_for_notifications(ids, member) -> dict[int, MemberWarning]:
    """The member's own warnings, with their group under the name it had when they left it."""
    warnings = list(MemberWarning.objects.filter(pk__in=ids, member=member).select_related("decision__group"))
    if not warnings:
        return {}
    names = GroupNames(member)
    for warning in warnings:
        decision = warning.decision
        warning.group_name = names(decision.group) if decision.group_id else scopes.label_of(decision)
    return {warning.pk: warning for warning in warnings}


def _text(warning) -> str:
    if warning.decision.group_id is None:
        return _("%(scope)s vous a adressé un avertissement privé.") % {"scope": warning.group_name}
    return _("Les modérateur·rices de « %(group)s » vous ont adressé un avertissement privé.") % {
        "group": warning.group_name}


def _url(warning) -> str:
    decision = warning.decision
    if decision.group_id is None:
        return reverse("scope_my_decisions", kwargs={"scope": decision.scope, "key": decision.scope_key})
    return reverse("group_my_decisions", kwargs={"slug": decision.group.slug})


# Told at once by default: a warning asks the member to change something now.
MODERATION_WARNING = NotificationKind(
    label=gettext_lazy("Avertissement privé"), model=MemberWarning,
    subjects=warnings_for_notifications, text=_text, url=_url, place=lambda warning: warning.group_name,
    default=EmailFrequency.IMMEDIATE,
)
