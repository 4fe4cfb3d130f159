"""Who may read a notification: the member it is for. The one place views and services ask."""


def can_read_notification(user, notification) -> bool:
    return bool(user and user.is_authenticated) and notification.recipient_id == user.pk
