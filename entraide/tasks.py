"""Background work, run by the task worker (django-tasks, database backend)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def notify_contact_circle(circle_id: int, newcomer_id: int) -> int:
    """Tell everyone in a mise-en-contact circle that someone new is there. Returns mails sent."""
    from .models import ContactCircle

    circle = ContactCircle.objects.select_related("theme", "region").get(pk=circle_id)
    sent = 0
    for wish in circle.wishes.select_related("user"):
        member = wish.user
        language = member.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {"member": member, "circle": circle, "is_newcomer": member.pk == newcomer_id}
            subject = render_to_string("entraide/mail/contact_match_subject.txt", context).strip()
            body = render_to_string("entraide/mail/contact_match.txt", context)
        sent += send_mail(subject, body, None, [member.email])
    return sent
