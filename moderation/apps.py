from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Rôles et modération")

    def ready(self):
        from entraide import registry

        from . import account_data, notifying, permissions, reportables, subjects
        from .services.decisions import WARNING_NOTIFICATION
        from .services.roles import roles_grant_founder

        registry.reportable_kinds.register("member", reportables.member_reportable())
        registry.reportable_kinds.register("group", reportables.group_reportable())
        registry.subject_kinds.register(subjects.PERSON, subjects.describe_person)
        # What the core asks about a group and its roles keep the answer to.
        from datetime import timedelta

        from entraide.tasks import Periodic

        from .tasks import escalate_due_reports, settle_due_proposals

        registry.periodic_tasks.register("settle_due_proposals", Periodic(settle_due_proposals, timedelta(minutes=10)))
        registry.periodic_tasks.register("escalate_due_reports", Periodic(escalate_due_reports, timedelta(minutes=10)))
        registry.standing_facts.register("roles_mutes_removals", permissions.STANDING_FACTS)
        registry.group_policies.register("decide_join_requests", permissions.decides_join_requests)
        registry.group_policies.register("edit_group", permissions.edits_group)
        registry.group_created.register("founding_roles", roles_grant_founder)
        from .services.proposals import group_stop_log, proposals_lapse_with_group

        registry.group_stopped.register("proposals_lapse", proposals_lapse_with_group)
        registry.group_stopped.register("moderation_log", group_stop_log)
        registry.notification_kinds.register(WARNING_NOTIFICATION, notifying.MODERATION_WARNING)
        account_data.register()
