from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums des groupes")

    def ready(self):
        from moderation import reportables

        from . import account_data
        from .reporting import post_reportable

        reportables.register(post_reportable())
        account_data.register()
