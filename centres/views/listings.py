"""External listings: groups not on the platform and other organisations' forums, public to
everyone, written by the staff of the centre that added them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.errors import DomainError

from ..permissions import centres as permissions
from ..selectors import centres as selectors
from ..services import centres as services
from ..forms.centres import ListingForm
from ..models import Centre, ExternalListing


@require_GET
def listing_list(request):
    return render(request, "centres/listing_list.html", {"listings": selectors.listings()})


def _save(request, form, save, *, template, context):
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                listing = save({name: form.cleaned_data[name] for name in ListingForm.Meta.fields})
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("L'annonce est enregistrée."))
                return redirect("centre_detail", pk=listing.centre_id)
        else:
            status = 400
    return render(request, template, {**context, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def listing_new(request, pk):
    centre = get_object_or_404(Centre, pk=pk)
    permissions.check_edit(request.user, centre)
    return _save(request, ListingForm(request.POST or None),
                 lambda facts: services.listing_create(actor=request.user, centre=centre, **facts),
                 template="centres/listing_form.html", context={"centre": centre})


@login_required
@require_http_methods(["GET", "POST"])
def listing_edit(request, pk):
    listing = get_object_or_404(ExternalListing.objects.select_related("centre"), pk=pk)
    permissions.check_edit(request.user, listing.centre)
    form = ListingForm(request.POST or None, instance=ExternalListing.objects.get(pk=listing.pk))
    return _save(request, form,
                 lambda facts: services.listing_edit(actor=request.user, listing=listing, **facts),
                 template="centres/listing_form.html", context={"centre": listing.centre, "listing": listing})


@login_required
@require_POST
def listing_delete(request, pk):
    listing = get_object_or_404(ExternalListing.objects.select_related("centre"), pk=pk)
    services.listing_delete(actor=request.user, listing=listing)
    messages.success(request, _("L'annonce est retirée."))
    return redirect("centre_detail", pk=listing.centre_id)
