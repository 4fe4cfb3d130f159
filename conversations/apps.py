from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = _("Messages privés")

    def ready(self):
        from entraide import registry

        from . import notifying, selectors, services

        registry.notification_kinds.register(services.NOTIFICATION_KIND, notifying.PRIVATE_MESSAGE)
        registry.export_sections.register("private_messages", selectors.export_private_messages)
