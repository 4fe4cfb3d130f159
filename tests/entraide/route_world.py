"""The state the route walk asks every URL about: two groups with members in every standing,
and private things planted in them, each carrying a marker that must reach only those who may
see it. Built through the services, as a member would."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.utils import timezone

from chat.services import message_send
from conversations.services import conversation_start
from entraide.models import JoinPolicy, Visibility
from entraide.services import groups as group_services
from forums.services.posts import post_create, thread_create
from meetings.models import MeetingRoleKind, RsvpAnswer
from meetings.services.agenda import agenda_item_propose
from meetings.services.calendars import calendar_feed_for
from meetings.services.roles import meeting_role_take
from meetings.services.rsvps import rsvp_set
from meetings.services.series import series_create
from moderation.models import DecisionAction, ReportCategory, RoleKind
from moderation.services.appeals import appeal_file
from moderation.services.decisions import report_decide
from moderation.services.proposals import charter_change_propose
from moderation.services.removal import removal_confirm, removal_propose
from moderation.services.reports import report_create
from tests.factories import UserFactory, make_group
from tests.moderation.builders import give_role

# Letters and digits only, so that escaping cannot hide them from the search.
JOIN_MESSAGE = "Zq7JoinMessage"
UNLISTED_NAME = "Zq7UnlistedGroup"
UNLISTED_THREAD = "Zq7UnlistedThread"
PRIVATE_MESSAGE = "Zq7PrivateMessage"
REPORTER = "Zq7Reporter"
ANONYMOUS_AUTHOR = "Zq7AnonymousAuthor"
CHAT_MESSAGE = "Zq7ChatMessage"

ROLES = ("anonymous", "outsider", "member", "holder", "left", "removed", "staff")

# The curator's permissions: what staff look after in the admin.
CURATOR_MODELS = ("theme", "sector", "region", "crisisline", "label")


@dataclass
class World:
    accounts: dict = field(default_factory=dict)
    listed: object = None
    unlisted: object = None
    # ids of real objects by model label, the listed group's first.
    ids: dict = field(default_factory=dict)

    def remember(self, obj):
        self.ids.setdefault(obj._meta.label_lower, []).append(obj.pk)
        return obj


def _admit(group, user, by, *, message=""):
    """A member who asked to join and was welcomed."""
    request = group_services.join_request_create(
        actor=user, group=group, message=message, charter_version_accepted=group.charter_version
    )
    group_services.join_request_decide(actor=by, join_request=request, accept=True)
    return user


def _join(group, user):
    group_services.group_join(actor=user, group=group, charter_version_accepted=group.charter_version)
    return user


def _remove(group, member, proposer, confirmer, world):
    proposal = removal_propose(actor=proposer, group=group, member=member, reason="Des attaques répétées.")
    world.remember(removal_confirm(actor=confirmer, proposal=proposal, reason="Je confirme."))


def _plan_meetings(group, planner, member, world):
    """A weekly online series starting within the hour (its room open), with an answer, a host,
    and the planner as welcome contact, who sees the member coming for the first time."""
    start = timezone.localtime() + timedelta(minutes=10)
    series = world.remember(series_create(
        actor=planner, group=group, title="Groupe du soir", recurrence="weekly", weekdays=[start.weekday()],
        starts_on=start.date(), start_time=start.time().replace(second=0, microsecond=0), duration_minutes=90,
        time_zone=timezone.get_current_timezone_name(), format="online", capacity=1,
    ))
    occurrence = world.remember(series.occurrences.order_by("starts_at").first())
    rsvp_set(actor=member, occurrence=occurrence, answer=RsvpAnswer.GOING)
    meeting_role_take(actor=member, occurrence=occurrence, role=MeetingRoleKind.HOST)
    meeting_role_take(actor=planner, occurrence=occurrence, role=MeetingRoleKind.WELCOME)
    world.remember(agenda_item_propose(actor=member, occurrence=occurrence, text="Les nuits difficiles."))
    world.remember(calendar_feed_for(actor=member))


def build_world() -> World:
    world = World()
    long_ago = timezone.now() - timedelta(days=30)
    person = lambda **kw: UserFactory(date_joined=long_ago, **kw)  # noqa: E731
    holder, holder2, member, left, removed, outsider = (person() for _ in range(6))
    staff = person(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__model__in=CURATOR_MODELS))
    reporter, anonymous_author = person(pseudonym=REPORTER), person(pseudonym=ANONYMOUS_AUTHOR)
    requester, writer, reader = person(), person(), person()

    listed = make_group(holder, name="Vivre avec l'épilepsie", join_policy=JoinPolicy.REQUEST)
    for user in (holder2, member, left, removed, reporter, anonymous_author, writer, reader):
        _admit(listed, user, holder)
    give_role(listed, holder2, RoleKind.MODERATOR)
    group_services.join_request_create(actor=requester, group=listed, message=f"Parce que {JOIN_MESSAGE}.",
                                       charter_version_accepted=listed.charter_version)

    founder, founder2 = person(), person()
    unlisted = make_group(founder, name=f"Groupe {UNLISTED_NAME}", visibility=Visibility.UNLISTED)
    for user in (founder2, member, left, removed):
        _join(unlisted, user)
    give_role(unlisted, founder2, RoleKind.MODERATOR)
    world.listed, world.unlisted = world.remember(listed), world.remember(unlisted)

    thread = world.remember(thread_create(actor=member, group=listed, title="Les nuits", body="Je dors mal."))
    world.remember(thread.posts.get(number=1))
    reply = world.remember(post_create(actor=holder, thread=thread, body="Moi aussi, courage."))
    world.remember(post_create(actor=anonymous_author, thread=thread, body="Je n'ose pas le dire.",
                               is_anonymous=True))
    hidden_thread = world.remember(thread_create(actor=member, group=unlisted, title=UNLISTED_THREAD,
                                                 body="Entre nous."))
    world.remember(hidden_thread.posts.get(number=1))
    world.remember(post_create(actor=founder, thread=hidden_thread, body="Bien reçu."))
    # The listed group's chat (read by its members only) and the unlisted one's.
    world.remember(message_send(actor=member, group=listed, body=f"Ce soir {CHAT_MESSAGE}.", client_id="walk-1")[0])
    world.remember(message_send(actor=founder, group=unlisted, body="Entre nous, ce soir.", client_id="walk-2")[0])

    # A report by someone who has since left: nothing may tell who it was.
    report = world.remember(report_create(actor=reporter, target=reply, category=ReportCategory.choices[0][0],
                                          note="Ce message me blesse."))
    decision = world.remember(report_decide(actor=holder2, report=report, action=DecisionAction.WARN,
                                            reason="Un rappel de la charte."))
    world.remember(appeal_file(actor=holder, decision=decision, reason="Je ne pensais pas blesser."))
    world.remember(report_create(actor=founder, target=hidden_thread.posts.get(number=1),
                                 category=ReportCategory.choices[0][0]))
    world.remember(charter_change_propose(actor=holder, group=listed, charter_text="Soyons doux."))
    world.remember(charter_change_propose(actor=founder, group=unlisted, charter_text="Entre nous."))

    for group, planner in ((listed, holder), (unlisted, founder)):
        _plan_meetings(group, planner, member, world)

    _remove(listed, removed, holder, holder2, world)
    _remove(unlisted, removed, founder, founder2, world)
    for group in (listed, unlisted):
        group_services.group_leave(actor=left, group=group)
    for user in (reporter, anonymous_author):
        group_services.group_leave(actor=user, group=listed)

    message = conversation_start(actor=writer, other=reader, body=f"Entre nous : {PRIVATE_MESSAGE}.")
    world.remember(message.conversation)
    conversation_start(actor=member, other=holder, body="Merci pour hier.")

    world.accounts = {"anonymous": None, "outsider": outsider, "member": member, "holder": holder, "left": left,
                      "removed": removed, "staff": staff}
    for user in world.accounts.values():
        if user is not None:
            world.remember(user)
    from notifications.models import Notification

    for notification in Notification.objects.order_by("pk"):
        world.remember(notification)
    for group in (listed, unlisted):
        group.refresh_from_db()
    return world


def may_see(role: str, marker: str, route: str) -> bool:
    """Who may read each marker, and where. Everything else must never show it."""
    if marker == JOIN_MESSAGE:
        return role == "holder"
    if marker == CHAT_MESSAGE:
        # The listed group's members; the author's export keeps it too.
        return role in ("member", "holder")
    if marker in (UNLISTED_NAME, UNLISTED_THREAD):
        if role == "member":
            return True
        # Their own export keeps their history under the name the group had then.
        if route == "account_export" and role in ("left", "removed"):
            return True
        # A removed member may still read and appeal the decisions about them.
        if route in ("group_my_decisions", "group_appeal_file") and role == "removed":
            return True
        # The member's secret calendar address is theirs to hold: it shows their groups' meetings
        # to whoever has it (reset from the calendar page if it leaks).
        if route == "meeting_member_calendar" and marker == UNLISTED_NAME:
            return True
        # Whoever holds the invitation link sees the group's page, except those it removed.
        return marker == UNLISTED_NAME and route == "group_invite" and role != "removed"
    return False


MARKERS = (JOIN_MESSAGE, UNLISTED_NAME, UNLISTED_THREAD, PRIVATE_MESSAGE, REPORTER, ANONYMOUS_AUTHOR, CHAT_MESSAGE)
