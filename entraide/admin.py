"""What staff curate here: sectors, themes and regions (entraide.admin_site says why nothing
else). Saving and deleting go through the taxonomy services, which the directory follows."""

from django.contrib import admin

from .admin_site import CuratedModelAdmin
from .models import Region, Sector, Theme
from .services.taxonomy import NAME_FIELDS, taxonomy_delete, taxonomy_save


class TaxonomyAdmin(CuratedModelAdmin):
    def save_model(self, request, obj, form, change):
        taxonomy_save(actor=request.user, obj=obj, changed_fields=form.changed_data, created=not change)

    def delete_model(self, request, obj):
        taxonomy_delete(actor=request.user, obj=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            taxonomy_delete(actor=request.user, obj=obj)


@admin.register(Sector)
class SectorAdmin(TaxonomyAdmin):
    list_display = ("code", *NAME_FIELDS, "position")
    list_editable = ("position",)


@admin.register(Theme)
class ThemeAdmin(TaxonomyAdmin):
    list_display = ("code", *NAME_FIELDS, "sector", "is_rare")
    list_filter = ("sector", "is_rare")
    list_editable = ("is_rare",)
    search_fields = ("code", *NAME_FIELDS)


@admin.register(Region)
class RegionAdmin(TaxonomyAdmin):
    list_display = ("code", *NAME_FIELDS, "is_online", "position")
    list_editable = ("position",)
