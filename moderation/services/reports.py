"""Members report what worries them; a member may ask the peer supporters to check in on them.

The reporter is stored so they cannot report the same thing twice, and for nothing else:
no page shown to the reported member and no log entry ever names them."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError
from entraide.models import Membership
from entraide.permissions import check_member
from entraide.standing import read_standing

from ..limits import flood_check
from ..models import (
    ESCALATION_DELAY,
    NOTE_MAX_LENGTH,
    PENDING_STATUSES,
    LogAction,
    LogReason,
    Report,
    ReportCategory,
    ReportStatus,
)
from .checks import reportable_of
from .log import log_entry_write

PLATFORM_NAME_FOR_LOG = settings.SITE_NAME


def _clean_note(note) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(_("La note ne peut pas dépasser %(max)s caractères.") % {"max": NOTE_MAX_LENGTH})
    return note


def _pending(reporter, target):
    return Report.objects.filter(
        reporter=reporter, target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_object_id=target.pk, status__in=PENDING_STATUSES,
    )


def _create(**fields) -> Report:
    try:
        with transaction.atomic():
            return Report.objects.create(**fields)
    except IntegrityError as error:
        raise Conflict(_("Vous avez déjà signalé ceci ; les modérateur·rices du groupe s'en occupent.")) from error


@transaction.atomic
def report_create(*, actor, target, category, note="", now=None) -> Report:
    now = now or timezone.now()
    reportable = reportable_of(target)
    group = reportable.group_of(target)
    # Any member, muted or not: being muted must never keep someone from asking for help.
    check_member(read_standing(actor, group))
    if category not in ReportCategory.values or category == ReportCategory.WORRY:
        raise DomainError(_("Choisissez ce qui vous inquiète dans la liste."))
    note = _clean_note(note)
    author = reportable.author_of(target)
    if author is not None and author.pk == actor.pk:
        raise DomainError(_("Il s'agit de vous : vous ne pouvez pas vous signaler vous-même. Pour demander du "
                            "soutien, utilisez « Demander des nouvelles à mes pairs aidant·es »."))
    if _pending(actor, target).exists():
        raise Conflict(_("Vous avez déjà signalé ceci ; les modérateur·rices du groupe s'en occupent."))
    flood_check(actor=actor, action="report", now=now)
    about_group = reportable.kind == "group"
    report = _create(
        group=group, reporter=actor, target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_object_id=target.pk, target_kind=reportable.kind, target_facts=reportable.facts(target),
        target_url=reportable.url_of(target)[:300], target_author=author, category=category, note=note,
        created_at=now,
        # A report about the group itself goes straight to the platform staff.
        status=ReportStatus.ESCALATED if about_group else ReportStatus.OPEN,
        escalated_at=now if about_group else None,
    )
    if about_group:
        log_entry_write(actor=None, actor_name=PLATFORM_NAME_FOR_LOG, group=group, action=LogAction.ESCALATED,
                        target_kind=report.target_kind, target_facts=report.target_facts,
                        reason_code=LogReason.ESCALATED_ABOUT_GROUP, now=now)
    else:
        transaction.on_commit(lambda: _escalate_later(now + ESCALATION_DELAY))
    return report


def _escalate_later(when) -> None:
    """Ask the task worker to look again when the delay ends. Only the worker escalates (the
    staff queue only reads); `manage.py moderation_due` is the safety net for a lost task."""
    from ..tasks import escalate_due_reports

    if escalate_due_reports.get_backend().supports_defer:
        escalate_due_reports.using(run_after=when).enqueue()


@transaction.atomic
def worry_raise(*, actor, group, note="", now=None) -> Report:
    """"Ask my group's peer supporters to check in on me": an item for the group's moderators,
    about the member themself. Nothing leaves the group and nothing is escalated. Asking again
    while the first request is open keeps the first one."""
    now = now or timezone.now()
    check_member(read_standing(actor, group))
    note = _clean_note(note)
    membership = Membership.objects.select_related("user", "group").get(group=group, user=actor)
    existing = _pending(actor, membership).first()
    if existing is not None:
        return existing
    reportable = reportable_of(membership)
    return _create(
        group=group, reporter=actor,
        target_type=ContentType.objects.get_for_model(membership, for_concrete_model=False),
        target_object_id=membership.pk, target_kind=reportable.kind, target_facts=reportable.facts(membership),
        target_url=reportable.url_of(membership)[:300], target_author=actor, category=ReportCategory.WORRY,
        note=note, created_at=now,
    )
