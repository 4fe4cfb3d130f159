"""Chat messages for the demo data (manage.py seed_demo, through registry.demo_data): a short
exchange in each demo group, between its founder and its members, in the group's language.
Written through the chat service; idempotent, since each message keeps the same client_id."""

from entraide.models import Membership

from .services import message_send

EXCHANGES = {
    "fr": ["Bonsoir à toutes et à tous, je passe dire bonjour avant la rencontre de mardi.",
           "Bonsoir ! Contente de vous lire, la semaine a été longue.",
           "Pareil ici. À mardi, prenez soin de vous."],
    "de": ["Guten Abend zusammen, ich schaue kurz vor dem nächsten Treffen vorbei.",
           "Hallo! Schön, von euch zu lesen, die Woche war anstrengend."],
    "it": ["Buonasera a tutti, passo a salutarvi prima del prossimo incontro."],
    "en": ["Evening all, just dropping by before our next meeting.",
           "Hi! Good to read you, it has been a long week."],
}


def seed_chat(*, members: dict, groups: dict) -> int:
    """Send the demo messages that are missing; returns how many were stored."""
    stored = 0
    for group in groups.values():
        language = group.language_rows.values_list("code", flat=True).first() or "fr"
        speakers = [group.created_by] + [
            membership.user for membership in
            Membership.objects.filter(group=group).exclude(user=group.created_by).select_related("user").order_by("pk")
        ]
        for index, body in enumerate(EXCHANGES.get(language, EXCHANGES["fr"])):
            _message, created = message_send(actor=speakers[index % len(speakers)], group=group, body=body,
                                             client_id=f"demo-{index + 1}")
            stored += created
    return stored
