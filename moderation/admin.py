"""Staff see roles, proposals and the log to help; they change none of it from here.
Groups are run by their members, and the moderation log is append-only."""

from django.contrib import admin

from .models import ModerationLogEntry, Proposal, RoleHolding


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoleHolding)
class RoleHoldingAdmin(ReadOnlyAdmin):
    list_display = ("group", "user", "role", "starts_at", "ends_at")
    list_filter = ("role",)
    list_select_related = ("group", "user")


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ("group", "kind", "proposer", "status", "created_at", "decides_at")
    list_filter = ("kind", "status")
    list_select_related = ("group", "proposer")


@admin.register(ModerationLogEntry)
class ModerationLogEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "group", "actor_name", "action", "role", "target")
    list_filter = ("action",)
    list_select_related = ("group",)
    search_fields = ("group__name", "actor_name", "target")


# --- Crisis lines: staff keep them up to date; mutes and blocks stay private to members. ---

from django.db import models  # noqa: E402

from .safety_models import CrisisLine  # noqa: E402


@admin.register(CrisisLine)
class CrisisLineAdmin(admin.ModelAdmin):
    list_display = ("country", "language", "position", "phone", "name", "is_emergency")
    list_display_links = ("phone", "name")
    list_editable = ("position",)
    list_filter = ("country", "language", "is_emergency")
    search_fields = ("name", "phone", "text")
    ordering = ("country", "language", "position")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
