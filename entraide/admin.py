from django.contrib import admin

from .models import Group, Region, Sector, Theme, User
from .selectors.directory_counts import forget_unfiltered_counts
from .services.groups import refresh_search_text

NAME_FIELDS = ("name_fr", "name_de", "name_it", "name_en")


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("code", *NAME_FIELDS, "position")
    list_editable = ("position",)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("code", *NAME_FIELDS, "sector", "is_rare")
    list_filter = ("sector", "is_rare")
    list_editable = ("is_rare",)
    search_fields = ("code", *NAME_FIELDS)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and any(field in form.changed_data for field in NAME_FIELDS):
            # Directory search reads every language's theme names from the groups' folded text.
            refresh_search_text(Group.objects.filter(themes=obj))
        if change and "sector" in form.changed_data:
            forget_unfiltered_counts()


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", *NAME_FIELDS, "is_online", "position")
    list_editable = ("position",)


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    """Staff see groups to help; groups are run by their members, so nothing here edits them."""

    list_display = ("name", "slug", "kind", "visibility", "member_count", "created_at")
    list_filter = ("kind", "visibility", "format", "region")
    search_fields = ("name", "slug")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("pseudonym", "date_joined", "is_active", "is_staff")
    search_fields = ("pseudonym",)
    fields = ("pseudonym", "preferred_language", "is_active", "is_staff", "date_joined", "deleted_at")
    readonly_fields = ("date_joined", "deleted_at")


