"""What of peer support goes into a member's export, and what goes with their account.

Requests and pairings are health data: a requester's export has their own words; a supporter's
has only the theme, language and dates of the pairings they held, never the other person's words.
Deleting the account deletes their requests (with the pairings made of them) and their
supporter profile; the requests a leaving supporter was paired on open again for the next one.
Registered from PeersConfig.ready()."""

from django.db.models import Prefetch

from entraide import registry
from entraide.selectors.export import iso

from .models import Pairing, PairingFeedback, PairingRequest, ProgrammeObjection, ProgrammeProposal, Supporter


def export_requests(user) -> list[dict]:
    requests = PairingRequest.objects.filter(requester=user).select_related("theme").order_by("created_at", "pk")
    return [{"theme": request.theme.code, "language": request.language, "format": request.format,
             "words": request.words, "status": request.status, "asked_at": iso(request.created_at),
             "preferred_at": iso(request.preferred_at), "passed_at": iso(request.passed_at)}
            for request in requests]


def export_pairings(user) -> list[dict]:
    pairings = (Pairing.objects.filter(request__requester=user) | Pairing.objects.filter(supporter__member=user))
    mine = Prefetch("feedback", queryset=PairingFeedback.objects.filter(author=user), to_attr="my_feedback")
    pairings = (pairings.select_related("request__theme", "supporter").prefetch_related(mine, "calls")
                .order_by("started_at", "pk"))
    return [{"as": "requester" if pairing.request.requester_id == user.pk else "supporter",
             "theme": pairing.request.theme.code, "language": pairing.request.language,
             "started_at": iso(pairing.started_at), "ended_at": iso(pairing.ended_at),
             "calls": [{"starts_at": iso(call.starts_at), "ends_at": iso(call.ends_at),
                        "cancelled_at": iso(call.cancelled_at)} for call in pairing.calls.all()],
             "my_feedback": pairing.my_feedback[0].body if pairing.my_feedback else ""} for pairing in pairings]


def export_supporter(user) -> dict | None:
    supporter = (Supporter.objects.filter(member=user).prefetch_related("themes", "languages", "slots").first())
    if supporter is None:
        return None
    return {
        "themes": [theme.code for theme in supporter.themes.all()],
        "languages": [row.language for row in supporter.languages.all()],
        "formats": [name for name in ("written", "video", "phone") if supporter.offers_format(name)],
        "weekly_slots": [{"weekday": slot.weekday, "starts_at": slot.starts_at.isoformat(),
                          "ends_at": slot.ends_at.isoformat()} for slot in supporter.slots.all()],
        "max_pairings": supporter.max_pairings, "paused": supporter.paused,
        "readings_done": supporter.readings_done, "checked_in_at": iso(supporter.checked_in_at),
        "confirmed_at": iso(supporter.confirmed_at),
    }


def forget_peer_support(user) -> None:
    """A supporter who leaves does not leave the people they were paired with stranded: their
    requests open again and go to the next supporter."""
    from .services.pairings import requests_offer_again, requests_reopen_after_supporter_left

    PairingRequest.objects.filter(requester=user).delete()
    reopened = requests_reopen_after_supporter_left(supporter_member=user)
    Supporter.objects.filter(member=user).delete()
    requests_offer_again(reopened)


def export_programme_decisions(user) -> dict:
    """The proposals the member made and the objections they raised, with their own words."""
    proposals = ProgrammeProposal.objects.filter(proposer=user).select_related("programme").order_by("created_at", "pk")
    objections = (ProgrammeObjection.objects.filter(member=user).select_related("proposal__programme")
                  .order_by("created_at", "pk"))
    return {
        "proposals": [{"programme": proposal.programme.language, "kind": proposal.kind, "status": proposal.status,
                       "guidelines_text": proposal.guidelines_text, "proposed_at": iso(proposal.created_at),
                       "decides_at": iso(proposal.decides_at)} for proposal in proposals],
        "objections": [{"programme": objection.proposal.programme.language, "kind": objection.proposal.kind,
                        "reason": objection.reason, "objected_at": iso(objection.created_at)}
                       for objection in objections],
    }


def register() -> None:
    registry.export_sections.register("peer_requests", export_requests)
    registry.export_sections.register("peer_pairings", export_pairings)
    registry.export_sections.register("peer_supporter", export_supporter)
    registry.export_sections.register("peer_programme_decisions", export_programme_decisions)
    registry.account_cleanups.register("peers", forget_peer_support)


# --- The listening line -----------------------------------------------------------------------
# A member's export has their conversations' dates and their own words in them, never the other
# person's; their duty slots and hand-over notes. Deleting the account erases the conversations
# they were one of the two of (a reported one stays, for the coordinators, until kept_until),
# their notes and their guest marker; duty slots go with the supporter profile.

from django.db.models import Q  # noqa: E402

from .models import DutySlot, HandoverNote, LineConversation, LineGuest, LineMessage  # noqa: E402


def export_line_conversations(user) -> list[dict]:
    own = Prefetch("messages", queryset=LineMessage.objects.filter(author=user).order_by("seq"), to_attr="own")
    conversations = (LineConversation.objects.filter(Q(caller=user) | Q(supporter=user) | Q(passed_to=user))
                     .prefetch_related(own).order_by("knocked_at", "pk"))
    return [{"as": ("caller" if conversation.caller_id == user.pk else
                    "supporter" if conversation.supporter_id == user.pk else "coordinator"),
             "language": conversation.language, "status": conversation.status,
             "knocked_at": iso(conversation.knocked_at), "answered_at": iso(conversation.answered_at),
             "passed_at": iso(conversation.passed_at), "ended_at": iso(conversation.ended_at),
             "reported": conversation.reported,
             "my_messages": [{"seq": message.seq, "body": message.body, "sent_at": iso(message.created_at)}
                             for message in conversation.own]}
            for conversation in conversations]


def export_duty_slots(user) -> list[dict]:
    return [{"language": slot.language, "starts_at": iso(slot.starts_at), "ends_at": iso(slot.ends_at)}
            for slot in DutySlot.objects.filter(supporter__member=user).order_by("starts_at", "pk")]


def export_handover_notes(user) -> list[dict]:
    return [{"language": note.language, "body": note.body, "written_at": iso(note.created_at)}
            for note in HandoverNote.objects.filter(supporter=user).order_by("created_at", "pk")]


def forget_line(user) -> None:
    LineConversation.objects.filter(Q(caller=user) | Q(supporter=user)).filter(reported=False).delete()
    HandoverNote.objects.filter(supporter=user).delete()
    LineGuest.objects.filter(user=user).delete()


def register_line() -> None:
    registry.export_sections.register("line_conversations", export_line_conversations)
    registry.export_sections.register("line_duty_slots", export_duty_slots)
    registry.export_sections.register("line_handover_notes", export_handover_notes)
    registry.account_cleanups.register("peers_line", forget_line)


# --- Group starters ---------------------------------------------------------------------------
# A member's export has their volunteering (languages, note) and the groups they accompanied,
# with dates. Deleting the account takes the volunteering; the assignments go with the user row
# (cascade), and the requests they made stay for their group without a name.

from .models import StarterAssignment, StarterVolunteer  # noqa: E402


def export_starter_volunteering(user) -> dict | None:
    volunteer = StarterVolunteer.objects.filter(member=user).prefetch_related("languages").first()
    if volunteer is None:
        return None
    return {"languages": [row.language for row in volunteer.languages.all()], "note": volunteer.note,
            "since": iso(volunteer.created_at)}


def export_starter_assignments(user) -> list[dict]:
    assignments = StarterAssignment.objects.filter(starter=user).select_related("group").order_by("starts_at", "pk")
    return [{"group": assignment.group.name, "starts_at": iso(assignment.starts_at),
             "ends_at": iso(assignment.ends_at), "ended_at": iso(assignment.ended_at),
             "end_reason": assignment.end_reason} for assignment in assignments]


def forget_starter(user) -> None:
    StarterVolunteer.objects.filter(member=user).delete()


def register_starters() -> None:
    registry.export_sections.register("starter_volunteering", export_starter_volunteering)
    registry.export_sections.register("starter_assignments", export_starter_assignments)
    registry.account_cleanups.register("peers_starters", forget_starter)
