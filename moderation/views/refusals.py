"""A decision or appeal form refused on a queue page: the page is shown again with the message
beside the form that failed, and what was typed in it."""

from django.contrib import messages


def failed_form(pk, request, error) -> dict:
    """What the page needs to show the refused form again, by the id of what it decides."""
    return {"pk": pk, "error": error, "reason": request.POST.get("reason", "")[:4000],
            "action": request.POST.get("action", "")[:30]}


def say_if_form_gone(request, failed, shown) -> None:
    """The form that failed is not on the page any more: say it at the top instead."""
    if failed and failed["pk"] not in shown:
        messages.error(request, failed["error"])
