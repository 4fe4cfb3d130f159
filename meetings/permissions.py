"""Who may do what with a group's meetings. The one place views, templates and services ask.

Members read the group's meetings, answer for themselves (going, maybe, not going) and take on
a job for one meeting (host, timekeeper, welcome). The group's role holders, and whoever created
a series, plan: create, edit and end series, cancel or move one occurrence, give the room a new
name. The host of an occurrence also orders its agenda and is the moderator of its video room.
Joining the room is for members, from 15 minutes before the start until the end."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.errors import Conflict, DomainError, NotAllowed, allows
from entraide.permissions import check_group_going, check_member
from entraide.standing import Standing
from moderation.permissions import ROLE_HOLDERS_ONLY, check_write_in_group

from .jitsi import join_window
from .models import MeetingFormat, MeetingKind, MeetingRole, MeetingRoleKind

PLANNERS_ONLY = _("Seul·es les responsables du groupe et la personne qui a créé cette série peuvent la modifier.")
SERIES_ENDED = _("Cette série de rencontres est terminée.")
CANCELLED = _("Cette rencontre est annulée.")
ALREADY_CANCELLED = _("Cette rencontre est déjà annulée.")
STARTED = _("Cette rencontre a déjà commencé ou est passée : on ne peut plus y répondre.")
PAST = _("Cette rencontre est passée : elle ne peut plus être changée.")
ROLE_TAKEN = _("Quelqu'un a déjà pris ce rôle pour cette rencontre.")
NOT_YOUR_ROLE = _("Vous ne tenez pas ce rôle pour cette rencontre.")
NOT_OPEN_YET = _("La salle ouvre 15 minutes avant le début de la rencontre.")
CLOSED = _("La rencontre est terminée : la salle est fermée.")
NOT_ONLINE = _("Cette rencontre a lieu en présentiel : elle n'a pas de salle en ligne.")
HOST_ORDERS = _("Seul·e l'animateur·rice de la rencontre et les responsables du groupe ordonnent l'ordre du jour.")


def check_view_meetings(standing: Standing) -> None:
    check_member(standing)


def check_create_series(standing: Standing) -> None:
    check_member(standing)
    check_group_going(standing)
    if not standing.holds_any_role:
        raise NotAllowed(ROLE_HOLDERS_ONLY)


def check_plan(standing: Standing, series) -> None:
    """Edit or end a series, cancel or move its occurrences, rotate its room."""
    check_member(standing)
    check_group_going(standing)
    if not (standing.holds_any_role or series.created_by_id == standing.user_id):
        raise NotAllowed(PLANNERS_ONLY)
    if series.ended_at is not None:
        raise NotAllowed(SERIES_ENDED)


def _check_coming(occurrence, now=None) -> None:
    if occurrence.series.ended_at is not None:
        raise DomainError(SERIES_ENDED)
    if occurrence.is_cancelled:
        raise DomainError(CANCELLED)
    if occurrence.starts_at <= (now or timezone.now()):
        raise DomainError(STARTED)


def check_change_occurrence(standing: Standing, occurrence, now=None) -> None:
    """Cancel or move one occurrence: planners, before it has ended."""
    check_plan(standing, occurrence.series)
    if occurrence.is_cancelled:
        raise Conflict(ALREADY_CANCELLED)
    if occurrence.ends_at <= (now or timezone.now()):
        raise DomainError(PAST)


def check_rsvp(standing: Standing, occurrence, now=None) -> None:
    check_member(standing)
    _check_coming(occurrence, now)


def check_take_role(standing: Standing, occurrence, holder_id=None, now=None) -> None:
    """`holder_id`: who holds the role now, if anyone."""
    check_member(standing)
    _check_coming(occurrence, now)
    if holder_id is not None:
        raise Conflict(ROLE_TAKEN)


def check_leave_role(standing: Standing, occurrence, holder_id=None, now=None) -> None:
    check_member(standing)
    _check_coming(occurrence, now)
    if holder_id is None or holder_id != standing.user_id:
        raise DomainError(NOT_YOUR_ROLE)


def check_join(standing: Standing, occurrence, now=None) -> None:
    """The join link and its token: members, inside the join window, of an online meeting."""
    check_member(standing)
    series = occurrence.series
    if not series_is_online(series):
        raise DomainError(NOT_ONLINE)
    check_in_window(occurrence, now, refuse=DomainError, not_yet=NOT_OPEN_YET, over=CLOSED)


def check_in_window(occurrence, now=None, *, refuse, not_yet, over) -> None:
    """The video room and the live room: open in the join window of an occurrence that takes place."""
    if occurrence.series.ended_at is not None:
        raise refuse(SERIES_ENDED)
    if occurrence.is_cancelled:
        raise refuse(CANCELLED)
    now = now or timezone.now()
    opens, closes = join_window(occurrence)
    if now < opens:
        raise refuse(not_yet)
    if now >= closes:
        raise refuse(over)


def series_is_online(series) -> bool:
    return series.format != MeetingFormat.IN_PERSON


def role_holder_id(occurrence, role):
    """Who holds `role` for the occurrence (from prefetched roles when the page has them)."""
    roles = getattr(occurrence, "_prefetched_objects_cache", {}).get("roles")
    if roles is None:
        return MeetingRole.objects.filter(occurrence=occurrence, role=role).values_list(
            "member_id", flat=True).first()
    return next((holding.member_id for holding in roles if holding.role == role), None)


def host_id_of(occurrence):
    return role_holder_id(occurrence, MeetingRoleKind.HOST)


def is_host(standing: Standing, occurrence) -> bool:
    return standing.user_id is not None and host_id_of(occurrence) == standing.user_id


def check_order_agenda(standing: Standing, occurrence) -> None:
    check_member(standing)
    if standing.holds_any_role or occurrence.series.created_by_id == standing.user_id:
        return
    if not is_host(standing, occurrence):
        raise NotAllowed(HOST_ORDERS)


can_view_meetings = allows(check_view_meetings)
can_create_series = allows(check_create_series)
can_plan = allows(check_plan)
can_change_occurrence = allows(check_change_occurrence)
can_rsvp = allows(check_rsvp)
can_take_role = allows(check_take_role)
can_leave_role = allows(check_leave_role)
can_join = allows(check_join)
can_order_agenda = allows(check_order_agenda)


# --- Preparing a meeting together: the agenda, the notes, an invited speaker ------------------
# Members who may write in the group (not muted) propose items until the meeting starts; the
# host of the occurrence, the group's role holders and the series' creator order, remove and
# apply a template until it ends, and write the notes once it has begun. A member may take back
# their own item before the meeting. The speaker of a session is followed by the group's role
# holders, the speaker-coordination role first among them.

PROPOSALS_CLOSED = _("La rencontre a commencé : on ne propose plus de point pour son ordre du jour.")
NOTES_AFTER_START = _("Les notes s'écrivent une fois la rencontre commencée.")
OWN_ITEM_OR_HOST = _("Seul·e l'auteur·e d'un point, l'animateur·rice et les responsables du groupe peuvent le retirer.")
ALREADY_REMOVED = _("Ce point a déjà été retiré de l'ordre du jour.")
SPEAKER_COORDINATION = _(
    "Seules les personnes qui tiennent un rôle dans le groupe, dont la coordination des intervenant·es, "
    "suivent l'invitation d'un·e intervenant·e."
)
NOT_A_SPEAKER_SESSION = _("Cette rencontre n'est pas une séance avec un·e intervenant·e.")


def _check_not_cancelled(occurrence) -> None:
    if occurrence.is_cancelled:
        raise DomainError(CANCELLED)


def check_propose_item(standing: Standing, occurrence, now=None) -> None:
    check_write_in_group(standing)
    _check_not_cancelled(occurrence)
    if occurrence.starts_at <= (now or timezone.now()):
        raise DomainError(PROPOSALS_CLOSED)


def check_arrange_agenda(standing: Standing, occurrence, now=None) -> None:
    """Order, remove, apply a template, add a prompt: until the meeting ends."""
    check_order_agenda(standing, occurrence)
    _check_not_cancelled(occurrence)
    if occurrence.ends_at <= (now or timezone.now()):
        raise DomainError(PAST)


def check_remove_item(standing: Standing, item, now=None) -> None:
    if item.removed_at is not None:
        raise DomainError(ALREADY_REMOVED)
    occurrence = item.occurrence
    if standing.user_id is not None and item.author_id == standing.user_id and not can_order_agenda(standing, occurrence):
        check_member(standing)
        _check_not_cancelled(occurrence)
        if occurrence.starts_at <= (now or timezone.now()):
            raise DomainError(PROPOSALS_CLOSED)
        return
    try:
        check_arrange_agenda(standing, occurrence, now)
    except NotAllowed:
        raise NotAllowed(OWN_ITEM_OR_HOST) from None


def check_write_note(standing: Standing, occurrence, now=None) -> None:
    check_order_agenda(standing, occurrence)
    _check_not_cancelled(occurrence)
    if occurrence.starts_at > (now or timezone.now()):
        raise DomainError(NOTES_AFTER_START)


def check_coordinate_speaker(standing: Standing, occurrence) -> None:
    check_member(standing)
    if not standing.holds_any_role:
        raise NotAllowed(SPEAKER_COORDINATION)
    if occurrence.series.kind != MeetingKind.SPEAKER:
        raise DomainError(NOT_A_SPEAKER_SESSION)
    _check_not_cancelled(occurrence)


can_propose_item = allows(check_propose_item)
can_arrange_agenda = allows(check_arrange_agenda)
can_remove_item = allows(check_remove_item)
can_write_note = allows(check_write_note)
can_coordinate_speaker = allows(check_coordinate_speaker)


# --- The welcome: the welcome contact of an occurrence writes to the newcomers coming ----------
# Only the member who took the welcome role for that occurrence, until it ends, and only to
# someone who is coming (going, with a place) and new to the group (meetings.selectors.welcome).
# Whether the newcomer takes private messages is the conversations' rule, said in its words.

WELCOME_CONTACT_ONLY = _("Seule la personne d'accueil de cette rencontre écrit aux nouvelles personnes.")
WELCOME_OVER = _("Cette rencontre est terminée : le temps de l'accueil est passé.")
NOT_COMING = _("Cette personne n'a pas de place pour cette rencontre.")
NOT_NEW = _("Cette personne est déjà venue à une rencontre du groupe.")


def check_welcome_newcomers(standing: Standing, occurrence, now=None) -> None:
    """See who is new among those coming, and write to them: the welcome contact, until the end."""
    check_member(standing)
    if standing.user_id is None or role_holder_id(occurrence, MeetingRoleKind.WELCOME) != standing.user_id:
        raise NotAllowed(WELCOME_CONTACT_ONLY)
    if occurrence.series.ended_at is not None:
        raise DomainError(SERIES_ENDED)
    _check_not_cancelled(occurrence)
    if occurrence.ends_at <= (now or timezone.now()):
        raise DomainError(WELCOME_OVER)


def check_welcome(standing: Standing, occurrence, *, is_coming: bool, is_new: bool, now=None) -> None:
    """Send one newcomer a welcome: `is_coming` and `is_new` are the facts about them."""
    check_welcome_newcomers(standing, occurrence, now)
    if not is_coming:
        raise DomainError(NOT_COMING)
    if not is_new:
        raise DomainError(NOT_NEW)


can_welcome_newcomers = allows(check_welcome_newcomers)
can_welcome = allows(check_welcome)


# --- The live room: the round, raised hands, the floor, the timer, the agenda item under way ----
# Members are in it during the join window, whatever the meeting's format (the room's screen
# shows it at an in-person meeting too). The host leads: starts and ends a round, moves the agenda
# on; with no host, the group's role holders and the series' creator do. The timekeeper starts and
# stops the timer (with no timekeeper, whoever leads). Either gives the floor to the next raised
# hand. The person whose turn it is in a round says they are done or pass; so may either of them.
# Roles come from the occurrence's prefetched roles when the caller has them (role_holder_id).

LIVE_NOT_OPEN_YET = _("Le salon de la rencontre ouvre 15 minutes avant le début.")
LIVE_CLOSED = _("La rencontre est terminée : son salon est fermé.")
HOST_LEADS = _("Seul·e l'animateur·rice de la rencontre mène le tour de table et l'ordre du jour "
               "(sans animateur·rice, les responsables du groupe).")
FLOOR_GIVERS = _("Seul·es l'animateur·rice et le ou la chronométreur·se donnent la parole.")
TIMEKEEPER_ONLY = _("Seul·e le ou la chronométreur·se lance et arrête le minuteur "
                    "(sans chronométreur·se, l'animateur·rice).")
NOT_YOUR_TURN = _("Ce n'est pas votre tour de parole.")
NOT_PRESENT = _("Entrez dans le salon de la rencontre pour lever la main.")


def check_enter_live(standing: Standing, occurrence, now=None) -> None:
    """Refusals here are NotAllowed: a socket refused for them closes with 4403."""
    check_member(standing)
    check_in_window(occurrence, now, refuse=NotAllowed, not_yet=LIVE_NOT_OPEN_YET, over=LIVE_CLOSED)


def leads_live(standing: Standing, occurrence) -> bool:
    if standing.user_id is None:
        return False
    host_id = host_id_of(occurrence)
    if host_id is not None:
        return host_id == standing.user_id
    return standing.holds_any_role or occurrence.series.created_by_id == standing.user_id


def keeps_time(standing: Standing, occurrence) -> bool:
    timekeeper_id = role_holder_id(occurrence, MeetingRoleKind.TIMEKEEPER)
    if timekeeper_id is not None:
        return standing.user_id is not None and timekeeper_id == standing.user_id
    return leads_live(standing, occurrence)


def gives_floor(standing: Standing, occurrence) -> bool:
    timekeeper_id = role_holder_id(occurrence, MeetingRoleKind.TIMEKEEPER)
    is_timekeeper = standing.user_id is not None and timekeeper_id == standing.user_id
    return is_timekeeper or leads_live(standing, occurrence)


def check_lead_live(standing: Standing, occurrence, now=None) -> None:
    """Start and end a round, move the agenda on."""
    check_enter_live(standing, occurrence, now)
    if not leads_live(standing, occurrence):
        raise NotAllowed(HOST_LEADS)


def check_give_floor(standing: Standing, occurrence, now=None) -> None:
    check_enter_live(standing, occurrence, now)
    if not gives_floor(standing, occurrence):
        raise NotAllowed(FLOOR_GIVERS)


def check_keep_time(standing: Standing, occurrence, now=None) -> None:
    check_enter_live(standing, occurrence, now)
    if not keeps_time(standing, occurrence):
        raise NotAllowed(TIMEKEEPER_ONLY)


def check_end_turn(standing: Standing, occurrence, speaker_id, now=None) -> None:
    """Done speaking, or passing: the speaker themself, the host or the timekeeper."""
    check_enter_live(standing, occurrence, now)
    if standing.user_id is not None and standing.user_id == speaker_id:
        return
    if not gives_floor(standing, occurrence):
        raise NotAllowed(NOT_YOUR_TURN)


def check_raise_hand(standing: Standing, occurrence, *, is_present: bool, now=None) -> None:
    check_enter_live(standing, occurrence, now)
    if not is_present:
        raise NotAllowed(NOT_PRESENT)


can_enter_live = allows(check_enter_live)
