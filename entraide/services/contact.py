"""Mise en contact: members with a rare theme find each other without sharing an e-mail."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import permissions
from ..errors import Conflict, DomainError
from ..models import ContactCircle, ContactMessage, ContactWish, Theme
from ..tasks import notify_contact_circle
from ..text import render_markdown

MESSAGE_MAX_LENGTH = 5000
ALREADY_WISHED = gettext_lazy("Vous cherchez déjà des personnes pour ce thème et cette région.")


@transaction.atomic
def contact_wish_register(*, actor, theme, region) -> ContactWish:
    """Register a private wish; when someone else already wished the same theme and region,
    open (or join) their circle and tell everyone in it, once the transaction commits."""
    permissions.check_signed_in(actor)
    # Two members registering the same theme at once must meet in one circle, not miss each other.
    Theme.objects.select_for_update().filter(pk=theme.pk).first()
    if ContactWish.objects.filter(user=actor, theme=theme, region=region).exists():
        raise Conflict(ALREADY_WISHED)
    try:
        with transaction.atomic():
            wish = ContactWish.objects.create(user=actor, theme=theme, region=region)
    except IntegrityError as error:
        raise Conflict(ALREADY_WISHED) from error
    others = ContactWish.objects.filter(theme=theme, region=region).exclude(pk=wish.pk)
    if others.exists():
        circle, _created = ContactCircle.objects.get_or_create(theme=theme, region=region)
        others.filter(circle__isnull=True).update(circle=circle)
        wish.circle = circle
        wish.save(update_fields=["circle"])
        circle_id, newcomer_id = circle.pk, actor.pk
        transaction.on_commit(lambda: notify_contact_circle.enqueue(circle_id, newcomer_id))
    return wish


@transaction.atomic
def contact_wish_withdraw(*, actor, wish: ContactWish) -> None:
    """Withdraw a wish. The member leaves its circle; what was written there stays for the others."""
    permissions.check_withdraw_wish(actor, wish)
    wish.delete()


@transaction.atomic
def contact_message_send(*, actor, circle: ContactCircle, body: str) -> ContactMessage:
    permissions.check_write_in_circle(actor, circle)
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Le message est vide."))
    if len(body) > MESSAGE_MAX_LENGTH:
        raise DomainError(
            _("Le message dépasse %(limit)s caractères.") % {"limit": MESSAGE_MAX_LENGTH}
        )
    return ContactMessage.objects.create(circle=circle, author=actor, body=body, body_html=render_markdown(body))
