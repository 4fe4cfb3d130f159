from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ..errors import DomainError
from ..forms.contact import ContactMessageForm, ContactWishForm
from ..models import ContactWish
from ..selectors.contact import circle_for_member, circle_page, member_circles, member_wishes
from ..services.contact import contact_message_send, contact_wish_register, contact_wish_withdraw


def _home(request, form, *, status=200):
    return render(
        request,
        "entraide/contact_home.html",
        {"form": form, "wishes": member_wishes(request.user), "circles": member_circles(request.user)},
        status=status,
    )


def _initial(params) -> dict:
    return {name: params.get(name, "")[:80] for name in ("theme", "region") if params.get(name)}


@login_required
@require_safe
def contact_home(request):
    return _home(request, ContactWishForm(initial=_initial(request.GET)))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def wish_register(request):
    if request.method != "POST":
        # Arriving from the directory, often through the login page: the form, prefilled.
        return _home(request, ContactWishForm(initial=_initial(request.GET)))
    form = ContactWishForm(request.POST)
    if not form.is_valid():
        return _home(request, form, status=400)
    try:
        wish = contact_wish_register(
            actor=request.user, theme=form.cleaned_data["theme"], region=form.cleaned_data["region"]
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _home(request, form, status=error.status)
    if wish.circle_id:
        messages.success(request, _("Quelqu'un cherche déjà la même chose : vous pouvez vous écrire ici."))
        return redirect("contact_circle", pk=wish.circle_id)
    messages.success(
        request,
        _("C'est noté. Dès qu'une autre personne cherche la même chose, vous recevez un e-mail et la mise en contact apparaît ici."),
    )
    return redirect("contact_home")


@login_required
@require_POST
def wish_withdraw(request, pk):
    wish = get_object_or_404(ContactWish, pk=pk, user=request.user)
    try:
        contact_wish_withdraw(actor=request.user, wish=wish)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("contact_home")
    messages.success(request, _("Votre recherche est retirée."))
    return redirect("contact_home")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def circle_detail(request, pk):
    circle = circle_for_member(request.user, pk)
    if circle is None:
        raise Http404
    form = ContactMessageForm()
    status = 200
    if request.method == "POST":
        form = ContactMessageForm(request.POST)
        if form.is_valid():
            try:
                contact_message_send(actor=request.user, circle=circle, body=form.cleaned_data["body"])
            except DomainError as error:
                form.add_error("body", error.message)
                status = error.status
            else:
                messages.success(request, _("Votre message est envoyé."))
                return redirect("contact_circle", pk=circle.pk)
        else:
            status = 400
    return render(request, "entraide/contact_circle.html", {"circle": circle, "form": form, **circle_page(circle)}, status=status)
