"""What the database itself enforces about members, on PostgreSQL (marker `services`: run by
`make test-services`, CI; skipped, with the reason, where it is not configured)."""

import pytest
from django.db import IntegrityError, transaction

from entraide.models import User
from tests.factories import UserFactory


@pytest.mark.services
def test_postgresql_refuses_a_pseudonym_that_differs_only_in_case(db):
    UserFactory(pseudonym="Colibri")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("other@example.org", "COLIBRI", "a calm password 42")
