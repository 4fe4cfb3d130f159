"""Who may read a notification: the member it is for. The one place views and services ask.
Someone else's notification answers as if it did not exist."""

from entraide.errors import NotFound, allows
from entraide.standing import signed_in


def check_read_notification(user, notification) -> None:
    if not (signed_in(user) and notification.recipient_id == user.pk):
        raise NotFound()


can_read_notification = allows(check_read_notification)
