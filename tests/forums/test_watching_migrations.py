"""Forums 0005: what members who left a group before leaving ended the watching still watched
there, and the notifications about its posts, go; everyone else's stay. Run at its own schema."""

import pytest

from entraide.services.groups import group_leave
from forums.services.posts import post_create
from tests.migration_steps import Steps
from tests.notifications.builders import group_of, seasoned

from .builders import a_thread

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("forums", "0004_thread_content_version")]
AFTER = [("forums", "0005_end_watching_of_former_members")]


@pytest.fixture
def steps():
    steps = Steps()
    yield steps
    steps.to_latest()


def test_the_migration_ends_what_former_members_still_watched(steps):
    anna, bruno, chloe = seasoned(pseudonym="Anna"), seasoned(pseudonym="Bruno"), seasoned(pseudonym="Chloé")
    group = group_of(anna, bruno, chloe)
    thread = a_thread(group, anna)
    own_post = post_create(actor=chloe, thread=thread, body="Je suis passée par là aussi.")
    group_leave(actor=chloe, group=group)

    old = steps.to(BEFORE)
    Notification = old.get_model("forums", "Notification")
    Subscription = old.get_model("forums", "Subscription")
    Notification.objects.all().delete()
    # What leaving left behind before it ended the watching.
    stale = [Subscription.objects.create(member_id=chloe.pk, group_id=group.pk).pk,
             Subscription.objects.create(member_id=chloe.pk, thread_id=thread.pk).pk]
    Notification.objects.create(recipient_id=chloe.pk, kind="thread_post", post_id=own_post.pk)
    kept = Subscription.objects.create(member_id=bruno.pk, thread_id=thread.pk).pk
    others = {Notification.objects.create(recipient_id=anna.pk, kind="reply", post_id=own_post.pk).pk}

    new = steps.to(AFTER)

    Notification = new.get_model("forums", "Notification")
    Subscription = new.get_model("forums", "Subscription")
    assert not Subscription.objects.filter(pk__in=stale).exists()
    assert Subscription.objects.filter(pk=kept).exists()
    assert set(Notification.objects.values_list("pk", flat=True)) == others
