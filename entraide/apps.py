from django.apps import AppConfig


class EntraideConfig(AppConfig):
    name = "entraide"
    verbose_name = "Entraide"
