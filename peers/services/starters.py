"""Every change about group starters: volunteering, a new group asking, a volunteer taking the
request and joining, and the end of the accompaniment, by itself or when the starter leaves."""

from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import Conflict, DomainError, NotAllowed
from entraide.models import Group, GroupLanguage
from entraide.models.groups import GroupLanguageCode
from entraide.services.groups import group_join_as_asked
from entraide.standing import read_standing
from meetings.models import Occurrence
from moderation.models import LogAction
from moderation.services.log import log_entry_write
from moderation.subjects import name_of

from ..models import (
    MEETINGS_ACCOMPANIED, STARTER_TERM, StarterAssignment, StarterEndReason, StarterRequest, StarterRequestStatus,
    StarterVolunteer, StarterVolunteerLanguage,
)
from ..models.starters import STARTER_NOTE_MAX_LENGTH, STARTER_WORDS_MAX_LENGTH
from ..permissions import starters as permissions
from ..selectors.starters import is_experienced, open_request_of

# What the moderation log words in each reader's language (registered on subject_kinds).
SUBJECT = "starter"


def _languages(languages) -> list[str]:
    chosen = sorted(set(languages or ()))
    if not chosen:
        raise DomainError(_("Choisissez au moins une langue."))
    if any(code not in GroupLanguageCode.values for code in chosen):
        raise DomainError(_("Cette langue n'est pas proposée."))
    return chosen


def _limited(text, limit, *, required_message=None) -> str:
    text = (text or "").strip()
    if required_message and not text:
        raise DomainError(required_message)
    if len(text) > limit:
        raise DomainError(_("%(limit)s caractères au plus, s'il vous plaît.") % {"limit": limit})
    return text


@transaction.atomic
def starter_volunteer(*, actor, languages, note="", now=None) -> StarterVolunteer:
    already = StarterVolunteer.objects.filter(member=actor.pk).exists() if actor.is_authenticated else False
    permissions.check_volunteer_starter(actor, experienced=actor.is_authenticated and is_experienced(actor, now),
                                        already=already)
    chosen = _languages(languages)
    note = _limited(note, STARTER_NOTE_MAX_LENGTH)
    try:
        with transaction.atomic():
            volunteer = StarterVolunteer.objects.create(member=actor, note=note)
    except IntegrityError as error:
        raise Conflict(permissions.ALREADY_VOLUNTEER) from error
    StarterVolunteerLanguage.objects.bulk_create(
        [StarterVolunteerLanguage(volunteer=volunteer, language=code) for code in chosen])
    return volunteer


@transaction.atomic
def starter_withdraw(*, actor) -> None:
    """No more requests are shown; a group already accompanied keeps its starter to the end."""
    volunteer = StarterVolunteer.objects.filter(member=actor.pk).first() if actor.is_authenticated else None
    permissions.check_withdraw_starter(actor, volunteer=volunteer)
    volunteer.delete()


@transaction.atomic
def starter_request_open(*, actor, group, words, now=None) -> StarterRequest:
    now = now or timezone.now()
    group = Group.objects.select_for_update().get(pk=group.pk)
    current = StarterAssignment.objects.filter(group=group, ended_at__isnull=True).first()
    permissions.check_ask_starter(read_standing(actor, group), now=now, open_request=open_request_of(group),
                                  current=current)
    words = _limited(words, STARTER_WORDS_MAX_LENGTH,
                     required_message=_("Dites en quelques mots ce que le groupe attend d'un·e accompagnant·e."))
    try:
        with transaction.atomic():
            return StarterRequest.objects.create(group=group, requester=actor, words=words, created_at=now)
    except IntegrityError as error:
        raise Conflict(permissions.ALREADY_ASKED) from error


@transaction.atomic
def starter_request_withdraw(*, actor, request) -> StarterRequest:
    """Any of the group's role holders may take the request back while it waits."""
    request = StarterRequest.objects.select_for_update(of=("self",)).select_related("group").get(pk=request.pk)
    standing = read_standing(actor, request.group)
    if not (standing.is_member and standing.holds_any_role):
        raise NotAllowed(permissions.HOLDERS_ASK)
    if request.status != StarterRequestStatus.OPEN:
        raise Conflict(permissions.REQUEST_SETTLED)
    request.status, request.settled_at = StarterRequestStatus.WITHDRAWN, timezone.now()
    request.save(update_fields=["status", "settled_at"])
    return request


@transaction.atomic
def starter_request_accept(*, actor, request, charter_version_accepted, now=None) -> StarterAssignment:
    """The volunteer joins the group (its join policy set aside: the group asked) as its
    starter, for three meetings or three months; the log says so and the requester is told."""
    from .. import notifying

    now = now or timezone.now()
    request = StarterRequest.objects.select_for_update(of=("self",)).select_related("group").get(pk=request.pk)
    group = request.group
    volunteer = StarterVolunteer.objects.filter(member=actor.pk).first() if actor.is_authenticated else None
    speaks = volunteer is not None and GroupLanguage.objects.filter(
        group=group, code__in=volunteer.languages.values("language")).exists()
    current = StarterAssignment.objects.filter(group=group, ended_at__isnull=True).first()
    permissions.check_take_starter_request(
        read_standing(actor, group), volunteer=volunteer, experienced=volunteer is not None and is_experienced(actor, now),
        speaks=speaks, request=request, current=current)
    group_join_as_asked(actor=actor, group=group, charter_version_accepted=charter_version_accepted)
    assignment = StarterAssignment.objects.create(group=group, starter=actor, request=request, starts_at=now,
                                                  ends_at=now + STARTER_TERM)
    request.status, request.taken_by, request.settled_at = StarterRequestStatus.TAKEN, actor, now
    request.save(update_fields=["status", "taken_by", "settled_at"])
    log_entry_write(actor=actor, group=group, action=LogAction.STARTER_JOINED, target=actor, now=now)
    transaction.on_commit(lambda: notifying.starter_request_taken(request))
    return assignment


def _meetings_held(now):
    """Meetings of the group held (ended, not cancelled) since the assignment began."""
    held = (Occurrence.objects.filter(series__group=OuterRef("group"), cancelled_at__isnull=True,
                                      starts_at__gte=OuterRef("starts_at"), ends_at__lte=now)
            .order_by().values("series__group").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(held), 0)


def _end(assignment, *, reason, now) -> None:
    ended = StarterAssignment.objects.filter(pk=assignment.pk, ended_at__isnull=True).update(
        ended_at=now, end_reason=reason)
    if ended:
        log_entry_write(actor=None, actor_name="", group=assignment.group, action=LogAction.STARTER_ENDED,
                        target_kind=SUBJECT, target_facts={"name": name_of(assignment.starter), "reason": reason},
                        now=now)


@transaction.atomic
def starter_assignments_end_due(*, now=None) -> int:
    """End the assignments past their third meeting held or their three months, each once (safe
    side by side: the update counts only the first). The starter stays a plain member."""
    now = now or timezone.now()
    due = (StarterAssignment.objects.filter(ended_at__isnull=True)
           .annotate(held=_meetings_held(now))
           .filter(Q(ends_at__lte=now) | Q(held__gte=MEETINGS_ACCOMPANIED))
           .select_related("group", "starter").select_for_update(of=("self",)))
    count = 0
    for assignment in due:
        reason = StarterEndReason.MEETINGS if assignment.held >= MEETINGS_ACCOMPANIED else StarterEndReason.TERM
        _end(assignment, reason=reason, now=now)
        count += 1
    return count


def starter_leaves_group(member, group) -> None:
    """A starter who leaves the group ends the accompaniment (registry.membership_ended)."""
    for assignment in StarterAssignment.objects.filter(group=group, starter=member, ended_at__isnull=True):
        assignment.group, assignment.starter = group, member
        _end(assignment, reason=StarterEndReason.LEFT, now=timezone.now())


def describe_starter(facts) -> str:
    """A log entry's subject in the reader's language."""
    from moderation.subjects import describe_name

    name = describe_name(facts["name"])
    reason = facts.get("reason")
    if reason == StarterEndReason.MEETINGS:
        return _("%(name)s, après trois rencontres") % {"name": name}
    if reason == StarterEndReason.TERM:
        return _("%(name)s, après trois mois") % {"name": name}
    if reason == StarterEndReason.LEFT:
        return _("%(name)s, qui a quitté le groupe") % {"name": name}
    return name
