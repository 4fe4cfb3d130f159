from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    name = "centres"
    verbose_name = _("Centres régionaux")

    def ready(self):
        from datetime import timedelta

        from entraide import registry
        from entraide.tasks import Periodic

        from . import account_data
        from .selectors import figures
        from .selectors.guided import group_page_extra as guided_group_page_extra
        from .demo import seed_centres, seed_guided, seed_newsletter
        from .selectors.centres import directory_contact, directory_listings, group_page_extra
        from .tasks import send_newsletter

        account_data.register()
        registry.demo_data.register("centres", seed_centres)
        registry.group_page_extras.register("accompanied_by", group_page_extra)
        registry.directory_contacts.register("regional_centre", directory_contact)
        registry.directory_listings.register("external_listings", directory_listings)
        registry.demo_data.register("centres_newsletter", seed_newsletter)
        registry.demo_data.register("centres_guided", seed_guided)
        figures.register()
        registry.group_page_extras.register("guided_leadership", guided_group_page_extra)
        # Hourly: last month's issue leaves in the first hour of the month, or after a restart.
        registry.periodic_tasks.register("centres_newsletter", Periodic(send_newsletter, timedelta(hours=1)))
