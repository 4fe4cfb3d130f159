import pytest
from django.core.management import call_command
from django.utils import timezone

from centres.models import NewsletterIssue

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_issue_of_this_month_with_its_new_groups_and_seeding_again_adds_none(client):
    call_command("seed_demo", verbosity=0)
    issue = NewsletterIssue.objects.get()
    assert issue.month == timezone.localdate().replace(day=1) and issue.sent_at is None
    assert issue.groups.exists()
    assert client.get(issue.get_absolute_url()).status_code == 200
    call_command("seed_demo", verbosity=0)
    assert NewsletterIssue.objects.count() == 1
