from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    name = "centres"
    verbose_name = _("Centres régionaux")

    def ready(self):
        from entraide import registry

        from . import account_data
        from .demo import seed_centres
        from .selectors.centres import directory_contact, directory_listings, group_page_extra

        account_data.register()
        registry.demo_data.register("centres", seed_centres)
        registry.group_page_extras.register("accompanied_by", group_page_extra)
        registry.directory_contacts.register("regional_centre", directory_contact)
        registry.directory_listings.register("external_listings", directory_listings)
