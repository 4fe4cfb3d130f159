from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeersConfig(AppConfig):
    name = "peers"
    verbose_name = _("Soutien par les pairs")

    def ready(self):
        from datetime import timedelta

        from entraide import registry
        from entraide.tasks import Periodic

        from . import account_data, figures, notifying, reporting, tasks
        from .demo import seed_peers
        from .routing import websocket_urlpatterns
        from .selectors.coordination import coordination_may_write
        from .selectors.paired import are_paired
        from .selectors.starters import group_page_extra as starter_on_group_page
        from .services.starters import SUBJECT, describe_starter, starter_leaves_group

        account_data.register()
        account_data.register_line()
        account_data.register_starters()
        notifying.register()
        # Two people who share no group but may write privately: a pairing, and the coordinators
        # with whoever a request or a check-in brings to them.
        registry.private_conversation_allowances.register("pairing", are_paired)
        registry.private_conversation_allowances.register("coordination", coordination_may_write)
        # A starter who leaves the group ends their accompaniment; the group's log names them.
        registry.membership_ended.register("starter_assignment", starter_leaves_group)
        registry.subject_kinds.register(SUBJECT, describe_starter)
        registry.group_page_extras.register("starter", starter_on_group_page)
        registry.demo_data.register("peers", seed_peers)
        # Reports about a conversation of the line or a pairing go to the programme's coordinators.
        registry.moderation_scopes.register(reporting.SCOPE, reporting.PEERS_SCOPE)
        registry.reportable_kinds.register("line_conversation", reporting.line_conversation_reportable())
        registry.reportable_kinds.register("pairing", reporting.pairing_reportable())
        registry.funder_figures.register("pairings", figures.PAIRINGS)
        registry.funder_figures.register("line_conversations", figures.LINE_CONVERSATIONS)
        registry.websocket_routes.register("peers_line", websocket_urlpatterns)
        for name, task, every in (
            ("peer_waiting_requests", tasks.pass_waiting_requests, timedelta(hours=1)),
            ("peer_programme_proposals", tasks.settle_programme_proposals, timedelta(minutes=10)),
            ("line_erase_old", tasks.erase_old_line_conversations, timedelta(hours=1)),
            ("line_guests_close", tasks.close_expired_line_guests, timedelta(minutes=10)),
            ("starter_assignments_end", tasks.end_due_starter_assignments, timedelta(hours=1)),
        ):
            registry.periodic_tasks.register(name, Periodic(task, every))
