"""Members report what worries them; a member may ask the peer supporters to check in on them.

The reporter is stored so they cannot report the same thing twice, and for nothing else:
no page shown to the reported member and no log entry ever names them."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide.errors import Conflict, DomainError
from entraide.models import Membership
from entraide.permissions import check_member
from entraide.standing import read_standing

from .. import scopes
from ..limits import flood_check
from ..models import (
    ESCALATION_DELAY,
    NOTE_MAX_LENGTH,
    LogAction,
    LogReason,
    Report,
    ReportCategory,
    ReportStatus,
)
from ..selectors.reports import pending_reports_by
from .checks import reportable_of
from .log import log_entry_write

PLATFORM_NAME_FOR_LOG = settings.SITE_NAME
ALREADY_REPORTED_IN_SCOPE = gettext_lazy("Vous avez déjà signalé ceci ; la coordination s'en occupe.")


def _clean_note(note) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(_("La note ne peut pas dépasser %(max)s caractères.") % {"max": NOTE_MAX_LENGTH})
    return note


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
    if reportable.scope_of is not None:
        return _scoped_report_create(actor=actor, target=target, reportable=reportable, category=category,
                                     note=note, now=now)
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
    if pending_reports_by(actor, target).exists():
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


def _scoped_report_create(*, actor, target, reportable, category, note, now) -> Report:
    """A report about what belongs to no group goes to its scope's moderators, and stays with
    them: it is never escalated (moderation.scopes)."""
    scope, scope_key = reportable.scope_of(target)
    scopes.for_name(scope).check_report(actor, target)
    if category not in ReportCategory.values or category == ReportCategory.WORRY:
        raise DomainError(_("Choisissez ce qui vous inquiète dans la liste."))
    note = _clean_note(note)
    if pending_reports_by(actor, target).exists():
        raise Conflict(ALREADY_REPORTED_IN_SCOPE)
    flood_check(actor=actor, action="report", now=now)
    try:
        with transaction.atomic():
            return Report.objects.create(
                scope=scope, scope_key=scope_key, reporter=actor,
                target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
                target_object_id=target.pk, target_kind=reportable.kind, target_facts=reportable.facts(target),
                target_url=reportable.url_of(target)[:300], target_author=reportable.member_concerned(target, actor),
                category=category, note=note, created_at=now,
            )
    except IntegrityError as error:
        raise Conflict(ALREADY_REPORTED_IN_SCOPE) from error


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
    existing = pending_reports_by(actor, membership).first()
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
