from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from entraide import registry

        from entraide.selectors.header import HeaderItem

        from .selectors import header_link, preferences_for_export
        from .services import notifications_forget

        registry.export_sections.register("notification_preferences", preferences_for_export)
        registry.account_cleanups.register("notifications", notifications_forget)
        registry.header_items.register("notifications", HeaderItem("notifications/nav.html", header_link))
