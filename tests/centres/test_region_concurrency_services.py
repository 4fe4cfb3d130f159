import threading

import pytest
from django.db import connection

from centres.models import Centre
from centres.services.centres import centre_create
from entraide.errors import Conflict
from tests.factories import UserFactory


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_centres_claiming_one_region_at_once_give_one_centre_and_one_conflict():
    staff = UserFactory(is_staff=True)
    start = threading.Barrier(2)
    outcomes = []

    def create(name):
        try:
            start.wait(timeout=30)
            centre_create(actor=staff, name=name, region_codes=["vd"])
            outcomes.append("created")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(name,)) for name in ("Centre A", "Centre B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "created"]
    assert Centre.objects.filter(regions__code="vd").count() == 1
