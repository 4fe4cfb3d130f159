"""Background work, run by the task worker (django-tasks, database backend)."""

from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from . import registry


@task()
def notify_contact_circle(circle_id: int, newcomer_id: int) -> int:
    """Tell everyone in a mise-en-contact circle that someone new is there. Returns mails sent.

    One mail per member, addressed to that member alone: nobody learns another's address."""
    from .models import ContactCircle

    circle = ContactCircle.objects.select_related("theme", "region").get(pk=circle_id)
    circle_url = settings.SITE_URL + reverse("contact_circle", kwargs={"pk": circle.pk})
    contact_url = settings.SITE_URL + reverse("contact_home")
    sent = 0
    wishes = circle.wishes.select_related("user").filter(user__is_active=True, user__deleted_at__isnull=True)
    for wish in wishes:
        member = wish.user
        language = member.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "member": member,
                "circle": circle,
                "is_newcomer": member.pk == newcomer_id,
                "circle_url": circle_url,
                "contact_url": contact_url,
                "site_name": settings.SITE_NAME,
            }
            subject = " ".join(render_to_string("entraide/mail/contact_match_subject.txt", context).split())
            body = render_to_string("entraide/mail/contact_match.txt", context)
        sent += send_mail(subject, body, None, [member.email])
    return sent


# --- The clock (manage.py clock) ----------------------------------------------------------

class Periodic(NamedTuple):
    """A task the clock enqueues every `every` (registry.periodic_tasks); it finds what is due."""

    task: object
    every: timedelta


def enqueue_due(last_run: dict, now) -> list[str]:
    """Enqueue every registered task whose interval has passed since it was last enqueued."""
    enqueued = []
    for name, periodic in registry.periodic_tasks.items():
        if name not in last_run or now - last_run[name] >= periodic.every:
            periodic.task.enqueue()
            last_run[name] = now
            enqueued.append(name)
    return enqueued
