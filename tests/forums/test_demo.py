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


def test_the_demo_has_one_approved_testimony_that_the_newsletter_carries_and_seeding_twice_adds_none(client):
    from django.utils.html import escape

    from centres.models import NewsletterIssue
    from forums.demo import DEMO_STORY
    from forums.models import Story, StoryStatus

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    story = Story.objects.get()
    assert story.status == StoryStatus.APPROVED and story.title == DEMO_STORY[3]
    issue = NewsletterIssue.objects.get()
    assert escape(DEMO_STORY[3]) in client.get(issue.get_absolute_url()).content.decode()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert Story.objects.count() == 1
