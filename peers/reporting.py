"""What the peer-support programme brings to moderation (registered in PeersConfig.ready()).

A listening-line conversation and a pairing belong to no group: a report about them is handled
in the "peers" moderation scope of the programme of their language, whose moderators are that
programme's current coordinators (moderation.scopes). It is about the other one of the two
people, and only the two of them can report it. What is reported is read by the coordinators
and nobody else; it is never sent to the platform staff."""

from django.conf import settings
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from entraide.errors import DomainError, NotAllowed
from moderation.reportables import Reportable
from moderation.scopes import ModerationScope

from .models import LineConversation, Pairing
from .permissions.calls import check_in_pairing
from .permissions.line import check_report as check_report_line
from .permissions.line import is_coordinator

SCOPE = "peers"


def _language_name(key: str) -> str:
    return dict(settings.LANGUAGES).get(key, key)


def scope_label(key: str) -> str:
    return _("La coordination du soutien par les pairs (%(language)s)") % {"language": _language_name(key)}


def check_moderate(actor, key: str) -> None:
    if not (actor.is_authenticated and is_coordinator(actor, key)):
        raise NotAllowed(_("Les signalements du soutien par les pairs sont examinés par la coordination du "
                           "programme : cette page s'ouvre avec un mandat de coordination."))


def check_report(actor, target) -> None:
    if isinstance(target, LineConversation):
        check_report_line(actor, target)
    elif isinstance(target, Pairing):
        check_in_pairing(actor, target)
    else:
        raise DomainError(_("Ceci ne peut pas être signalé."))


PEERS_SCOPE = ModerationScope(
    name=SCOPE, label=scope_label, check_moderate=check_moderate, check_report=check_report,
    home_url=lambda key: reverse("peer_coordination"),
)


def _day(facts: dict) -> str:
    day = parse_date(facts.get("day") or "")
    return date_format(day, "DATE_FORMAT") if day else ""


def line_conversation_reportable() -> Reportable:
    return Reportable(
        kind="line_conversation",
        model=LineConversation,
        group_of=lambda conversation: None,
        author_of=lambda conversation: None,
        concerns=lambda conversation, reporter: (
            conversation.supporter if reporter.pk == conversation.caller_id else conversation.caller),
        facts=lambda conversation: {"conversation_id": conversation.pk, "language": conversation.language,
                                    "day": conversation.knocked_at.date().isoformat()},
        describe=lambda facts: _("Une conversation de la ligne d'écoute du %(day)s") % {"day": _day(facts)},
        url_of=lambda conversation: reverse("peer_line_conversation", kwargs={"pk": conversation.pk}),
        scope_of=lambda conversation: (SCOPE, conversation.language),
    )


def pairing_reportable() -> Reportable:
    return Reportable(
        kind="pairing",
        model=Pairing,
        group_of=lambda pairing: None,
        author_of=lambda pairing: None,
        concerns=lambda pairing, reporter: (
            pairing.supporter.member if reporter.pk == pairing.request.requester_id else pairing.request.requester),
        facts=lambda pairing: {"pairing_id": pairing.pk, "language": pairing.request.language,
                               "day": pairing.started_at.date().isoformat()},
        describe=lambda facts: _("Un jumelage commencé le %(day)s") % {"day": _day(facts)},
        # Only its two people open it: the coordinators read the report, not the pairing.
        url_of=lambda pairing: "",
        scope_of=lambda pairing: (SCOPE, pairing.request.language),
    )
