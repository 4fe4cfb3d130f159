"""Crisis lines: staff keep them up to date, through their services. Roles, proposals, the log,
reports, mutes and blocks belong to the groups and their members, and are not in the admin
(entraide.admin_site)."""

from django.contrib import admin
from django.db import models

from entraide.admin_site import CuratedModelAdmin

from .models import CrisisLine
from .services.crisis_lines import crisis_line_delete, crisis_line_save


@admin.register(CrisisLine)
class CrisisLineAdmin(CuratedModelAdmin):
    list_display = ("country", "language", "position", "phone", "name", "is_emergency")
    list_display_links = ("phone", "name")
    list_editable = ("position",)
    list_filter = ("country", "language", "is_emergency")
    search_fields = ("name", "phone", "text")
    ordering = ("country", "language", "position")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        crisis_line_save(actor=request.user, line=obj, created=not change)

    def delete_model(self, request, obj):
        crisis_line_delete(actor=request.user, line=obj)

    def delete_queryset(self, request, queryset):
        for line in queryset:
            crisis_line_delete(actor=request.user, line=line)
