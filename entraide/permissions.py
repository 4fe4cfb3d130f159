"""Who may do what with groups and accounts. The one place anyone asks.

Each rule is a `check_<verb>` that raises NotAllowed (403) or NotFound (404, where the
existence of the thing is itself private) with the message the member reads; `can_<verb>`,
for templates and pages, is derived from it. Group rules take the member's standing in the
group (entraide.standing), read once per request by pages and afresh by services.

Membership decides; staff get no shortcut in group matters. What depends on a group's
rotating roles (who welcomes newcomers, who edits the group) is kept by another app, which
answers for it on `registry.group_policies` (moderation does, from its ready()). The core asks
by verb and never imports that app; a verb nobody answers is refused, so a missing answer
closes a door rather than opening one.
"""

from django.utils.translation import gettext_lazy as _

from . import registry
from .errors import Conflict, NotAllowed, NotFound, allows
from .models import JoinPolicy, User
from .standing import Standing, signed_in

SIGN_IN_FIRST = _("Connectez-vous pour continuer.")
MEMBERS_ONLY = _("Cette page est réservée aux membres du groupe.")
ALREADY_MEMBER = _("Vous êtes déjà membre de ce groupe.")
NOT_A_MEMBER = _("Vous n'êtes pas membre de ce groupe.")
REMOVED = _("Vous avez été exclu·e de ce groupe par ses responsables : vous ne pouvez pas le rejoindre.")
VERIFY_EMAIL_FIRST = _("Confirmez d'abord votre adresse e-mail pour créer un groupe.")
WELCOME_ONLY = _("Seules les personnes chargées de l'accueil, pendant leur mandat, répondent aux demandes d'adhésion.")
ROLE_HOLDERS_EDIT = _("Seules les personnes qui tiennent un rôle dans le groupe, pendant leur mandat, le modifient.")
ONLY_YOURSELF = _("Cette page ne concerne que la personne elle-même.")
NOT_IN_CIRCLE = _("Vous ne faites pas partie de cette mise en contact.")
NOT_YOUR_WISH = _("Ce n'est pas votre recherche.")
CURATORS_ONLY = _("Seule l'équipe de la plateforme tient ces listes à jour.")
GROUP_STOPPED = _("Ce groupe s'est arrêté : son histoire reste à lire pour ses membres, mais on ne peut plus "
                  "le rejoindre, y écrire ni y prévoir de rencontres.")
ALREADY_STOPPED = _("Ce groupe s'est déjà arrêté.")


def _group_policy(verb: str, standing: Standing) -> bool:
    answer = registry.group_policies.get(verb, None)
    return answer is not None and answer(standing)


def check_signed_in(user) -> None:
    if not signed_in(user):
        raise NotAllowed(SIGN_IN_FIRST)


def user_has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def check_create_group(user) -> None:
    check_signed_in(user)
    if not user_has_verified_email(user):
        raise NotAllowed(VERIFY_EMAIL_FIRST)


# --- In a group ---------------------------------------------------------------------------------

def check_member(standing: Standing) -> None:
    """What every page and action inside a group asks first."""
    if not standing.is_member:
        raise NotAllowed(MEMBERS_ONLY)


def check_view_group(standing: Standing, *, via_invite: bool = False, as_removed: bool = False) -> None:
    """A listed group is public; an unlisted one is seen by its members and by its link, but
    never by someone its role holders removed, whatever link they hold, except on the pages a
    removed member keeps (`as_removed`: the decisions about them, their appeal)."""
    if standing.group.is_listed or standing.is_member:
        return
    if standing.is_removed:
        if as_removed:
            return
    elif via_invite:
        return
    raise NotFound()


def check_group_going(standing: Standing) -> None:
    """Not stopped: what every change inside a group asks (joining, writing in the forum and
    the chat, planning meetings, proposing), while reading its history stays open to members."""
    if standing.group.stopped_at is not None:
        raise NotAllowed(GROUP_STOPPED)


def check_stop_group(group) -> None:
    """A group stops once. Who decides is the caller's: a consent decision of the group
    (moderation), or the departure of its last member (`membership_end`)."""
    if group.stopped_at is not None:
        raise Conflict(ALREADY_STOPPED)


def check_enter(standing: Standing) -> None:
    """Not kept out by the group's role holders: may join, ask to join, or open its link."""
    if standing.is_removed:
        raise NotAllowed(REMOVED)


def check_join(standing: Standing) -> None:
    check_signed_in(standing.user)
    if standing.is_member:
        raise Conflict(ALREADY_MEMBER)
    check_enter(standing)
    check_group_going(standing)


def check_request_to_join(standing: Standing) -> None:
    check_join(standing)
    if standing.group.join_policy != JoinPolicy.REQUEST:
        raise NotAllowed(_("Ce groupe est ouvert : vous pouvez le rejoindre directement."))


def check_leave(standing: Standing) -> None:
    if not standing.is_member:
        raise Conflict(NOT_A_MEMBER)


def check_decide_join_requests(standing: Standing) -> None:
    check_group_going(standing)
    if not _group_policy("decide_join_requests", standing):
        raise NotAllowed(WELCOME_ONLY)


def check_edit_group(standing: Standing) -> None:
    # Editing could list a stopped group again: its facts stay as they were when it stopped.
    check_group_going(standing)
    if not _group_policy("edit_group", standing):
        raise NotAllowed(ROLE_HOLDERS_EDIT)


can_view_group = allows(check_view_group)
can_group_going = allows(check_group_going)
can_enter = allows(check_enter)
can_see_members = allows(check_member)
can_join = allows(check_join)
can_request_to_join = allows(check_request_to_join)
can_leave = allows(check_leave)
can_decide_join_requests = allows(check_decide_join_requests)
can_edit_group = allows(check_edit_group)
can_create_group = allows(check_create_group)


# --- Accounts and contact -------------------------------------------------------------------------

def check_oneself(viewer, member: User) -> None:
    """A profile, its changes, its export and its deletion are the member's own."""
    check_signed_in(viewer)
    if viewer.pk != member.pk:
        raise NotAllowed(ONLY_YOURSELF)


def check_write_in_circle(user, circle) -> None:
    check_signed_in(user)
    if not circle.wishes.filter(user=user).exists():
        raise NotAllowed(NOT_IN_CIRCLE)


def check_withdraw_wish(user, wish) -> None:
    """A wish to be put in contact is private to the member who registered it."""
    check_signed_in(user)
    if wish.user_id != user.pk:
        raise NotAllowed(NOT_YOUR_WISH)


def check_curate(user, model, action: str) -> None:
    """Staff keep what the platform curates (entraide.admin_site), one permission per action
    ("add", "change", "delete", "view"); nothing else is theirs to change."""
    from .admin_site import CURATED_MODELS

    opts = model._meta
    if not (
        signed_in(user) and user.is_staff and opts.label in CURATED_MODELS
        and user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
    ):
        raise NotAllowed(CURATORS_ONLY)


can_view_profile = can_edit_profile = can_export = allows(check_oneself)
can_register_contact_wish = allows(check_signed_in)
can_write_in_circle = allows(check_write_in_circle)
can_withdraw_wish = allows(check_withdraw_wish)
can_curate = allows(check_curate)
