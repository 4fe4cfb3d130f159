from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Rencontres")

    def ready(self):
        from datetime import timedelta

        from entraide import registry
        from entraide.tasks import Periodic

        from . import account_data, figures, notifying, reporting, routing
        from .demo import seed_meetings
        from .services.live import live_rooms_leave
        from .services.rsvps import coming_meetings_leave
        from .services.series import series_end_with_group
        from .tasks import extend_horizons, send_meeting_reminders

        for key, kind in notifying.KINDS.items():
            registry.notification_kinds.register(key, kind)
        registry.reportable_kinds.register("agenda_item", reporting.agenda_item_reportable())
        registry.reportable_kinds.register("meeting_note", reporting.meeting_note_reportable())
        account_data.register()
        registry.demo_data.register("meetings", seed_meetings)
        registry.membership_ended.register("coming_meetings", coming_meetings_leave)
        registry.membership_ended.register("live_rooms", live_rooms_leave)
        registry.group_stopped.register("meeting_series", series_end_with_group)
        registry.funder_figures.register("meetings_held", figures.MEETINGS_HELD)
        registry.websocket_routes.register("meetings", routing.websocket_urlpatterns)
        # Reminders go 24 h and 1 h before: a sweep every five minutes sends each within that.
        registry.periodic_tasks.register("meeting_reminders", Periodic(send_meeting_reminders, timedelta(minutes=5)))
        registry.periodic_tasks.register("meeting_horizons", Periodic(extend_horizons, timedelta(days=1)))
