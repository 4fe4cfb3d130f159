from django.urls import path

from .views import agenda, calendars, feed, guides, live, mine, occurrences, series

GROUP = "groups/<slug:slug>/meetings/"
OCCURRENCE = GROUP + "occurrences/<id:pk>/"

urlpatterns = [
    path("meetings/mine/", mine.my_meetings, name="my_meetings"),
    path(GROUP, series.meeting_list, name="meeting_list"),
    path(GROUP + "new/", series.series_create, name="meeting_series_create"),
    path(GROUP + "<id:pk>/edit/", series.series_edit, name="meeting_series_edit"),
    path(GROUP + "<id:pk>/end/", series.series_end, name="meeting_series_end"),
    path(GROUP + "<id:pk>/room/", series.series_room_rotate, name="meeting_series_room_rotate"),
    path(OCCURRENCE, occurrences.occurrence_detail, name="meeting_occurrence"),
    path(OCCURRENCE + "rsvp/", occurrences.occurrence_rsvp, name="meeting_occurrence_rsvp"),
    path(OCCURRENCE + "roles/", occurrences.occurrence_role, name="meeting_occurrence_role"),
    path(OCCURRENCE + "welcome/", occurrences.occurrence_welcome, name="meeting_occurrence_welcome"),
    path(OCCURRENCE + "cancel/", occurrences.occurrence_cancel, name="meeting_occurrence_cancel"),
    path(OCCURRENCE + "move/", occurrences.occurrence_move, name="meeting_occurrence_move"),
    path(OCCURRENCE + "live/display/", live.live_display, name="meeting_live_display"),
    # The agenda, notes and speaker of an occurrence; calendars, the Meeting Guide feed, the guides.
    path(OCCURRENCE + "agenda/", agenda.agenda, name="meeting_agenda"),
    path(OCCURRENCE + "agenda/<id:item_pk>/move/", agenda.agenda_item_move, name="meeting_agenda_item_move"),
    path(OCCURRENCE + "agenda/<id:item_pk>/remove/", agenda.agenda_item_remove, name="meeting_agenda_item_remove"),
    path(OCCURRENCE + "agenda/template/", agenda.agenda_template_apply, name="meeting_agenda_template"),
    path(OCCURRENCE + "agenda/prompt/", agenda.agenda_prompt_add, name="meeting_agenda_prompt"),
    path(OCCURRENCE + "notes/", agenda.meeting_notes, name="meeting_notes"),
    path(OCCURRENCE + "speaker/", agenda.speaker, name="meeting_speaker"),
    path("groups/<slug:slug>/meetings.ics", calendars.group_calendar, name="meeting_group_calendar"),
    path("meetings/calendar/", calendars.calendar_subscribe, name="meeting_calendar"),
    path("meetings/calendar/<str:token>.ics", calendars.member_calendar, name="meeting_member_calendar"),
    path("meetings/feed.json", feed.meeting_guide_feed, name="meeting_guide_feed"),
    path("meetings/guides/<slug:guide>/", guides.guide, name="meeting_guide"),
]
