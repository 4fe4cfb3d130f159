"""The newsletter's pages: the archive with the subscription form, an issue, and the two links
of its mails (confirm, unsubscribe). Thin: a form, a selector or a service, a page. The links
of mails show a button on GET (mail scanners follow links) and act on POST."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entraide.errors import DomainError

from ..forms.newsletter import NewsletterSubscribeForm
from ..selectors import newsletter as selectors
from ..services import newsletter as services



def _reader_language(request) -> str:
    language = (request.user.preferred_language if request.user.is_authenticated else "") or get_language() or ""
    return language[:2]


def _neutral_answer(request) -> None:
    # The same words for a new, waiting or subscribed address: nobody learns who reads it.
    messages.success(request, _("Merci. Si cette adresse n'est pas encore abonnée, un e-mail vient de lui être "
                                "envoyé : cliquez sur son lien pour confirmer l'abonnement. Sans confirmation, "
                                "vous ne recevrez rien."))


@require_http_methods(["GET", "POST"])
def newsletter(request):
    status = 200
    if request.method == "POST":
        form = NewsletterSubscribeForm(request.POST)
        if form.is_valid():
            try:
                services.newsletter_subscribe(actor=request.user, email=form.cleaned_data["email"],
                                              language=form.cleaned_data["language"])
            except DomainError as error:
                form.add_error("email", error.message)
                status = error.status
            else:
                _neutral_answer(request)
                return redirect("newsletter")
        else:
            status = 400
    else:
        form = NewsletterSubscribeForm(initial={"language": _reader_language(request)})
    subscription = selectors.member_subscription(request.user)
    context = {"form": form, "issues": selectors.newsletter_archive(), "subscription": subscription,
               "unsubscribe_url": services.unsubscribe_path(subscription) if subscription else ""}
    return render(request, "centres/newsletter_archive.html", context, status=status)


@login_required
@require_POST
def newsletter_subscribe_me(request):
    try:
        services.newsletter_member_subscribe(actor=request.user, language=_reader_language(request))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("newsletter")
    subscription = selectors.member_subscription(request.user)
    if subscription is not None and subscription.is_confirmed:
        messages.success(request, _("C'est fait : vous recevrez la lettre d'information chaque mois, à l'adresse "
                                    "de votre compte."))
    else:
        _neutral_answer(request)
    return redirect("newsletter")


@require_GET
def newsletter_issue(request, year, month):
    issue = selectors.newsletter_issue(year, month)
    return render(request, "centres/newsletter_issue.html", {"issue": issue, **selectors.issue_contents(issue)})


@require_http_methods(["GET", "POST"])
def newsletter_confirm(request, token):
    try:
        if request.method == "POST":
            services.newsletter_confirm(token=token)
            return render(request, "centres/newsletter_confirm.html", {"done": True})
        services.subscription_to_confirm(token)
    except DomainError as error:
        return render(request, "centres/newsletter_confirm.html", {"error": error.message}, status=error.status)
    return render(request, "centres/newsletter_confirm.html",
                  {"action": reverse("newsletter_confirm", kwargs={"token": token})})


@csrf_exempt  # the signed token is the proof; mail clients POST here without a page (RFC 8058)
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request, token):
    try:
        if request.method == "POST":
            services.newsletter_unsubscribe(token=token)
            return render(request, "centres/newsletter_unsubscribe.html", {"done": True})
        services.subscription_to_end(token)
    except DomainError as error:
        return render(request, "centres/newsletter_unsubscribe.html", {"error": error.message}, status=error.status)
    return render(request, "centres/newsletter_unsubscribe.html",
                  {"action": reverse("newsletter_unsubscribe", kwargs={"token": token})})
