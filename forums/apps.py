from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums des groupes")

    def ready(self):
        from entraide import registry

        from . import account_data, notifying, reporting
        from .demo import seed_forum, seed_story

        registry.reportable_kinds.register("post", reporting.post_reportable())
        registry.subject_kinds.register("thread", reporting.describe_thread)
        registry.subject_kinds.register("slow_mode", reporting.describe_slow_mode)
        registry.subject_kinds.register("story", reporting.describe_story)
        registry.demo_data.register("forum_threads", seed_forum)
        registry.demo_data.register("forum_story", seed_story)
        for key, kind in notifying.KINDS.items():
            registry.notification_kinds.register(key, kind)
        account_data.register()
