"""Centre pages: the public list and page of each centre, its staff's edit form, and the groups
it accompanies (set by its staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.errors import DomainError
from entraide.models import Group, Visibility

from ..permissions import centres as permissions
from ..permissions.figures import can_see_figures
from ..selectors import centres as selectors
from ..services import centres as services
from ..forms.centres import CentreForm
from ..models import Centre


@require_GET
def centre_list(request):
    centres = Centre.objects.prefetch_related("regions")
    return render(request, "centres/centre_list.html", {"centres": centres})


@require_GET
def centre_detail(request, pk):
    centre = get_object_or_404(Centre.objects.prefetch_related("regions"), pk=pk)
    return render(request, "centres/centre_detail.html", {
        "centre": centre,
        "can_edit": permissions.can_edit(request.user, centre),
        "can_see_figures": can_see_figures(request.user, centre),
        "listings": selectors.listings(centre=centre),
        "accompanied": centre.accompaniments.filter(group__visibility=Visibility.LISTED).select_related("group"),
    })


@login_required
@require_http_methods(["GET", "POST"])
def centre_edit(request, pk):
    centre = get_object_or_404(Centre, pk=pk)
    permissions.check_edit(request.user, centre)
    form = CentreForm(request.POST or None, instance=centre,
                      initial={"regions": list(centre.regions.values_list("code", flat=True))})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            details = {name: form.cleaned_data[name] for name in CentreForm.Meta.fields}
            try:
                services.centre_edit(actor=request.user, centre=Centre.objects.get(pk=centre.pk),
                                     region_codes=[region.code for region in form.cleaned_data["regions"]],
                                     **details)
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("La page du centre est enregistrée."))
                return redirect("centre_detail", pk=centre.pk)
        else:
            status = 400
    return render(request, "centres/centre_edit.html", {"centre": centre, "form": form}, status=status)


@login_required
@require_POST
def accompaniment_set(request, pk):
    centre = get_object_or_404(Centre, pk=pk)
    permissions.check_edit(request.user, centre)
    group = Group.objects.filter(slug=request.POST.get("group", "")[:200]).first()
    if group is None:
        messages.error(request, _("Ce groupe n'existe pas."))
        return redirect("centre_detail", pk=centre.pk)
    try:
        if request.POST.get("end"):
            services.accompaniment_end(actor=request.user, centre=centre, group=group)
            messages.success(request, _("Le centre n'accompagne plus ce groupe."))
        else:
            services.accompaniment_set(actor=request.user, centre=centre, group=group)
            messages.success(request, _("Le centre accompagne désormais ce groupe."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("centre_detail", pk=centre.pk)
