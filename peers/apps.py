from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeersConfig(AppConfig):
    name = "peers"
    verbose_name = _("Soutien par les pairs")

    def ready(self):
        from datetime import timedelta

        from entraide import registry
        from entraide.tasks import Periodic

        from . import account_data
        from .demo import seed_peers
        from .tasks import pass_waiting_requests

        account_data.register()
        registry.demo_data.register("peers", seed_peers)
        registry.periodic_tasks.register("peer_waiting_requests", Periodic(pass_waiting_requests, timedelta(hours=1)))
