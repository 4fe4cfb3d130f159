from django.apps import AppConfig


class EntraideConfig(AppConfig):
    name = "entraide"
    verbose_name = "Entraide"

    def ready(self):
        # Before any URLconf is imported: every urls.py names ids with <id:…> and <number:…>.
        from . import converters, registry
        from .selectors.export import CORE_SECTIONS

        converters.register()
        # First among the apps (INSTALLED_APPS order), so the export opens with the core's sections.
        for name, section in CORE_SECTIONS.items():
            registry.export_sections.register(name, section)
