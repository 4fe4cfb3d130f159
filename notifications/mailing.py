"""The one way the platform mails a list: worded in the reader's language, with a one-click
unsubscribe link (RFC 8058) in its headers. The notifications' mails and digests go through it,
and so does any app's list (the centres' newsletter)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.template.exceptions import TemplateDoesNotExist
from django.utils import translation


def send_list_mail(*, to: str, language: str, template: str, context: dict, unsubscribe_url: str) -> int:
    """Renders `<template>_subject.txt`, `<template>.txt` and, when it exists, `<template>.html`
    (sent as the alternative). `context` gets `site_name` and `unsubscribe_url`."""
    context = {**context, "site_name": settings.SITE_NAME, "unsubscribe_url": unsubscribe_url}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    mail = EmailMultiAlternatives(
        subject, body, to=[to],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    if html is not None:
        mail.attach_alternative(html, "text/html")
    return mail.send()
