"""Who may do what in the programme, by noun: `check_<verb>` raises the member's message,
`can_<verb>` answers templates."""

from .calls import (
    can_cancel_call,
    can_join_call,
    can_propose_call,
    check_cancel_call,
    check_in_pairing,
    check_join_call,
    check_propose_call,
    check_schedule_call,
)
from .decisions import (
    can_object_proposal,
    can_propose_confirmation,
    can_take_part,
    can_withdraw_proposal,
    check_grant_term,
    check_object_proposal,
    check_propose_confirmation,
    check_take_part,
    check_withdraw_proposal,
)
from .line import (
    can_answer,
    can_end_line,
    can_knock,
    can_pass,
    can_read_notes,
    can_report_line,
    can_write_line,
    can_write_note,
    check_answer,
    check_end,
    check_knock,
    check_leave_duty,
    check_pass,
    check_read_conversation,
    check_read_notes,
    check_report,
    check_take_duty,
    check_write,
    check_write_note,
)
from .pairings import (
    can_end_pairing,
    check_answer_offer,
    check_confirm_offer,
    check_end_pairing,
    check_offer_again,
    check_offered,
    check_requester,
    check_withdraw_request,
)
from .path import can_record_checkin, check_mark_reading, check_record_checkin
from .starters import (
    can_ask_starter,
    can_volunteer_starter,
    check_ask_starter,
    check_take_starter_request,
    check_volunteer_starter,
    check_withdraw_starter,
)

__all__ = [
    "can_answer", "can_ask_starter", "can_cancel_call", "can_end_line", "can_end_pairing", "can_join_call",
    "can_knock", "can_object_proposal", "can_pass", "can_propose_call", "can_propose_confirmation",
    "can_read_notes", "can_record_checkin", "can_report_line", "can_take_part", "can_volunteer_starter",
    "can_withdraw_proposal", "can_write_line", "can_write_note", "check_answer", "check_answer_offer",
    "check_ask_starter", "check_cancel_call", "check_confirm_offer", "check_end", "check_end_pairing",
    "check_grant_term", "check_in_pairing", "check_join_call", "check_knock", "check_leave_duty",
    "check_mark_reading", "check_object_proposal", "check_offer_again", "check_offered", "check_pass",
    "check_propose_call", "check_propose_confirmation", "check_read_conversation", "check_read_notes",
    "check_record_checkin", "check_report", "check_requester", "check_schedule_call", "check_take_duty",
    "check_take_part", "check_take_starter_request", "check_volunteer_starter", "check_withdraw_proposal",
    "check_withdraw_request", "check_withdraw_starter", "check_write", "check_write_note",
]
