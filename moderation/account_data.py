"""What of a member's moderation data goes into their export, and what goes when they
delete their account. Registered from ModerationConfig.ready()."""

from entraide import registry
from entraide.selectors.export import iso
from entraide.selectors.memberships import GroupNames

from . import scopes
from .models import MemberBlock, MemberMute, Objection, Proposal, Report, RoleHolding
from .services.holdings import terms_end_with_membership


def export_roles(user) -> list[dict]:
    group_name = GroupNames(user)
    return [
        {"group": group_name(holding.group), "role": holding.role,
         "starts_at": iso(holding.starts_at), "ends_at": iso(holding.ends_at)}
        for holding in RoleHolding.objects.filter(user=user).select_related("group").order_by("starts_at")
    ]


def export_proposals(user) -> list[dict]:
    group_name = GroupNames(user)
    return [
        {"group": group_name(proposal.group), "kind": proposal.kind, "status": proposal.status,
         "role": proposal.role, "charter_text": proposal.charter_text, "created_at": iso(proposal.created_at)}
        for proposal in Proposal.objects.filter(proposer=user).select_related("group").order_by("created_at")
    ]


def export_objections(user) -> list[dict]:
    group_name = GroupNames(user)
    return [
        {"group": group_name(objection.proposal.group), "reason": objection.reason, "created_at": iso(objection.created_at)}
        for objection in Objection.objects.filter(member=user).select_related("proposal__group").order_by("created_at")
    ]


def export_reports_made(user) -> list[dict]:
    """The member's own reports: what they reported, never anything about other reporters."""
    group_name = GroupNames(user)
    return [
        {"group": group_name(report.group) if report.group_id else scopes.label_of(report), "about": report.target_kind, "description": report.target_description,
         "category": report.category, "note": report.note, "status": report.status,
         "created_at": iso(report.created_at)}
        for report in Report.objects.filter(reporter=user).select_related("group").order_by("created_at")
    ]


def export_mutes_and_blocks(user) -> dict:
    return {
        "muted": [m.muted.display_name for m in MemberMute.objects.filter(user=user).select_related("muted")],
        "blocked": [b.blocked.display_name for b in MemberBlock.objects.filter(user=user).select_related("blocked")],
    }


def forget_mutes_and_blocks(user) -> None:
    """Private choices between members go with the account, in both directions."""
    MemberMute.objects.filter(user=user).delete()
    MemberMute.objects.filter(muted=user).delete()
    MemberBlock.objects.filter(user=user).delete()
    MemberBlock.objects.filter(blocked=user).delete()


def register() -> None:
    registry.export_sections.register("roles", export_roles)
    registry.export_sections.register("proposals", export_proposals)
    registry.export_sections.register("objections", export_objections)
    registry.export_sections.register("reports_made", export_reports_made)
    registry.export_sections.register("mutes_and_blocks", export_mutes_and_blocks)
    registry.account_cleanups.register("mutes_and_blocks", forget_mutes_and_blocks)
    registry.membership_ended.register("role_terms", terms_end_with_membership)
