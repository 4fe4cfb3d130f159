from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Rôles et modération")

    def ready(self):
        from . import account_data
        from .reportables import register_own_kinds

        register_own_kinds()
        account_data.register()
