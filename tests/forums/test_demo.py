import pytest
from django.core.management import call_command

from forums.demo import DEMO_THREADS
from forums.models import Post, Thread

pytestmark = pytest.mark.django_db


def test_the_demo_has_forum_threads_and_seeding_twice_adds_none():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    threads, posts = Thread.objects.count(), Post.objects.count()
    assert threads == len(DEMO_THREADS)
    assert posts == sum(len(thread_posts) for _slug, _title, thread_posts in DEMO_THREADS)
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert (Thread.objects.count(), Post.objects.count()) == (threads, posts)
