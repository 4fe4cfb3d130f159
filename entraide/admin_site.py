"""The Django admin holds what platform staff curate, and nothing else.

Staff look after the themes, sectors, regions and crisis lines; groups, their members, what
they write and their moderation belong to the groups, and staff act on a group only through
the escalation queue. So the admin lists the curated models only: whatever an app or a library
registers besides is taken out once every app's admin module is loaded, and the admin's
"view on site" redirect, which would tell the address of any object of any kind (an unlisted
group's, a thread's), is not served. `createsuperuser` remains for the operator."""

from collections import Counter

from django.apps import apps
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import BadRequest
from django.db import router
from django.http import Http404
from django.utils.text import capfirst

from . import ids

# "app_label.ModelName" of every model staff curate.
CURATED_MODELS = ("entraide.Sector", "entraide.Theme", "entraide.Region", "moderation.CrisisLine")
CURATOR_ACTIONS = ("add", "change", "delete", "view")


def curated_models() -> list:
    return [apps.get_model(label) for label in CURATED_MODELS]


def curator_permissions():
    """Exactly the add, change, delete and view permissions of the curated models."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    wanted = Q(pk__in=[])
    for model, content_type in ContentType.objects.get_for_models(*curated_models()).items():
        codenames = [f"{action}_{model._meta.model_name}" for action in CURATOR_ACTIONS]
        wanted |= Q(content_type=content_type, codename__in=codenames)
    return Permission.objects.filter(wanted)


def _beyond_any_id(value: str) -> bool:
    digits = value.strip().removeprefix("-")
    return digits.isascii() and digits.isdigit() and (len(digits) > len(str(ids.ID_MAX)) or int(digits) > ids.ID_MAX)


class CuratedModelAdmin(ModelAdmin):
    """What every curated model's admin shares: numbers no database can hold are refused
    before any query (404 in the address, 400 in a form or a filter), and deleting never
    lists the groups behind a theme or a region, only how many there are."""

    view_on_site = False

    # The admin offers what the services will then allow: the one rule, check_curate.
    def _curates(self, request, action: str) -> bool:
        from .permissions import can_curate  # the permissions import the models: not at app loading

        return can_curate(request.user, self.model, action)

    def has_add_permission(self, request):
        return self._curates(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._curates(request, "change")

    def has_delete_permission(self, request, obj=None):
        return self._curates(request, "delete")

    def has_view_permission(self, request, obj=None):
        return self._curates(request, "view") or self._curates(request, "change")

    def _refuse_out_of_range(self, request, object_id=None) -> None:
        if object_id is not None and _beyond_any_id(str(object_id)):
            raise Http404
        for values in (*request.GET.lists(), *request.POST.lists()):
            if any(_beyond_any_id(value) for value in values[1]):
                raise BadRequest("A number beyond what the database holds.")

    def changelist_view(self, request, extra_context=None):
        self._refuse_out_of_range(request)
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        self._refuse_out_of_range(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._refuse_out_of_range(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._refuse_out_of_range(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def get_deleted_objects(self, objs, request):
        _to_delete, model_count, perms_needed, _protected = super().get_deleted_objects(objs, request)
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        curated = set(curated_models())
        named = [f"{capfirst(obj._meta.verbose_name)}: {obj}" for obj in collector.protected if type(obj) in curated]
        counted = Counter(capfirst(obj._meta.verbose_name_plural) for obj in collector.protected
                          if type(obj) not in curated)
        protected = [*named, *(f"{label}: {count}" for label, count in counted.items())]
        return [f"{capfirst(obj._meta.verbose_name)}: {obj}" for obj in objs], model_count, perms_needed, protected


class CuratedAdminSite(AdminSite):
    def keep_only_curated(self) -> None:
        curated = set(curated_models())
        for model in [model for model in self._registry if model not in curated]:
            self.unregister(model)

    def get_urls(self):
        return [pattern for pattern in super().get_urls() if getattr(pattern, "name", None) != "view_on_site"]


class CuratedAdminConfig(AdminConfig):
    """django.contrib.admin, with the curated site as `admin.site`."""

    default_site = "entraide.admin_site.CuratedAdminSite"

    def ready(self):
        super().ready()  # every app's admin module, libraries' included, has registered by now
        from django.contrib.admin import site

        site.keep_only_curated()
