"""A member's secret calendar address: made on first need, reset when they ask (the old
address then stops working at once)."""

from django.db import transaction

from entraide.permissions import check_signed_in

from ..models import CalendarFeed
from ..models.calendars import new_feed_token


def calendar_feed_for(*, actor) -> CalendarFeed:
    check_signed_in(actor)
    feed, _created = CalendarFeed.objects.get_or_create(member=actor)
    return feed


@transaction.atomic
def calendar_feed_reset(*, actor) -> CalendarFeed:
    check_signed_in(actor)
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(member=actor)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token", "created_at"])
    return feed


def calendar_feeds_forget(member) -> None:
    CalendarFeed.objects.filter(member=member).delete()
