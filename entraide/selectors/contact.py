"""Reads for mise en contact, each with a fixed number of queries."""

from django.db.models import Count

from ..models import ContactCircle, ContactMessage, ContactWish


def member_wishes(user) -> list[ContactWish]:
    return list(
        ContactWish.objects.filter(user=user).select_related("theme", "region", "circle").order_by("created_at", "pk")
    )


def member_circles(user) -> list[ContactCircle]:
    """The circles the member is part of, with how many people and messages each holds."""
    return list(
        ContactCircle.objects.filter(pk__in=ContactWish.objects.filter(user=user).values("circle_id"))
        .select_related("theme", "region")
        .annotate(
            participant_count=Count("wishes", distinct=True),
            message_count=Count("messages", distinct=True),
        )
        .order_by("-created_at", "pk")
    )


def circle_for_member(user, pk) -> ContactCircle | None:
    """The circle, if the member is part of it; None for anyone else (who must not learn it exists)."""
    if not user.is_authenticated:
        return None
    return ContactCircle.objects.select_related("theme", "region").filter(pk=pk, wishes__user=user).first()


def circle_page(circle: ContactCircle) -> dict:
    return {
        "participants": [wish.user for wish in circle.wishes.select_related("user").order_by("created_at", "pk")],
        "circle_messages": list(ContactMessage.objects.filter(circle=circle).select_related("author")),
    }
