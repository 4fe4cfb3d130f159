from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "chat"
    verbose_name = _("Discussion en direct des groupes")

    def ready(self):
        from entraide import registry

        from . import account_data, notifying, reporting
        from .demo import seed_chat
        from .routing import websocket_urlpatterns

        registry.websocket_routes.register("chat", websocket_urlpatterns)
        registry.reportable_kinds.register("chat_message", reporting.message_reportable())
        registry.subject_kinds.register("chat_slow_mode", reporting.describe_slow_mode)
        registry.demo_data.register("chat_messages", seed_chat)
        for key, kind in notifying.KINDS.items():
            registry.notification_kinds.register(key, kind)
        account_data.register()
