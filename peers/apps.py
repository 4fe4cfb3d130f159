from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeersConfig(AppConfig):
    name = "peers"
    verbose_name = _("Soutien par les pairs")

    def ready(self):
        from datetime import timedelta

        from entraide import registry
        from entraide.tasks import Periodic

        from . import account_data, notifying
        from .demo import seed_peers
        from .selectors.coordination import coordination_may_write
        from .selectors.paired import are_paired
        from .tasks import pass_waiting_requests

        account_data.register()
        notifying.register()
        registry.private_conversation_allowances.register("pairing", are_paired)
        registry.private_conversation_allowances.register("coordination", coordination_may_write)
        registry.demo_data.register("peers", seed_peers)
        registry.periodic_tasks.register("peer_waiting_requests", Periodic(pass_waiting_requests, timedelta(hours=1)))
        from .tasks import settle_programme_proposals

        registry.periodic_tasks.register("peer_programme_proposals",
                                         Periodic(settle_programme_proposals, timedelta(minutes=10)))
        from .routing import websocket_urlpatterns as line_socket_routes
        from .tasks import close_expired_line_guests, erase_old_line_conversations

        account_data.register_line()
        registry.websocket_routes.register("peers_line", line_socket_routes)
        registry.periodic_tasks.register("line_erase_old", Periodic(erase_old_line_conversations, timedelta(hours=1)))
        registry.periodic_tasks.register("line_guests_close",
                                         Periodic(close_expired_line_guests, timedelta(minutes=10)))
