"""Platform staff's pages: create a centre, and link accounts to it as its staff."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from entraide.errors import DomainError

from ..permissions import centres as permissions
from ..services import centres as services
from ..forms.centres import CentreCreateForm, StaffLinkForm
from ..models import Centre


@login_required
@require_http_methods(["GET", "POST"])
def centre_new(request):
    permissions.check_create(request.user)
    form = CentreCreateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                centre = services.centre_create(
                    actor=request.user, name=form.cleaned_data["name"],
                    region_codes=[region.code for region in form.cleaned_data["regions"]])
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Le centre est créé. Rattachez-y maintenant son équipe."))
                return redirect("centre_staff", pk=centre.pk)
        else:
            status = 400
    return render(request, "centres/centre_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def centre_staff(request, pk):
    permissions.check_link_staff(request.user)
    centre = get_object_or_404(Centre, pk=pk)
    form = StaffLinkForm(request.POST or None)
    status = 200
    if request.method == "POST":
        member = None
        if form.is_valid():
            member = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
            if member is None:
                form.add_error("email", _("Aucun compte n'a cette adresse e-mail."))
        if member is not None:
            services.centre_staff_link(actor=request.user, centre=centre, member=member)
            messages.success(request, _("Le compte est rattaché au centre."))
            return redirect("centre_staff", pk=centre.pk)
        status = 400
    staff = centre.staff.select_related("member").order_by("linked_at", "pk")
    return render(request, "centres/centre_staff.html", {"centre": centre, "form": form, "staff": staff},
                  status=status)
