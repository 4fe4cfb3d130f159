"""Staff keep the crisis lines; the admin saves and deletes them through the services, which
refuse anyone without the curator's permission."""

import pytest
from django.contrib.auth.models import Permission

from entraide.errors import NotAllowed
from moderation import admin as moderation_admin
from moderation.models import CrisisLine
from moderation.services.crisis_lines import crisis_line_delete, crisis_line_save
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def curator(*actions):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(
        content_type__app_label="moderation", codename__in=[f"{action}_crisisline" for action in actions]))
    return UserFactory._meta.model.objects.get(pk=staff.pk)  # permissions are cached per object


def a_line(**fields) -> CrisisLine:
    return CrisisLine(country="LU", language="fr", name="Écoute Luxembourg", phone="99887766", **fields)


def test_a_curator_adds_changes_and_deletes_a_line():
    staff = curator("add", "change", "delete")
    line = crisis_line_save(actor=staff, line=a_line(), created=True)
    line.phone = "99887767"
    crisis_line_save(actor=staff, line=line)
    assert CrisisLine.objects.get(pk=line.pk).phone == "99887767"

    crisis_line_delete(actor=staff, line=line)

    assert not CrisisLine.objects.filter(pk=line.pk).exists()


def test_staff_without_the_permission_for_that_action_and_members_change_nothing():
    line = crisis_line_save(actor=curator("add"), line=a_line(), created=True)
    line.phone = "000"
    for someone in (curator("add"), UserFactory(), UserFactory(is_staff=False, is_superuser=False)):
        with pytest.raises(NotAllowed):
            crisis_line_save(actor=someone, line=line)
        with pytest.raises(NotAllowed):
            crisis_line_delete(actor=someone, line=line)
    assert CrisisLine.objects.get(pk=line.pk).phone == "99887766"


def test_the_admin_saves_and_deletes_a_line_through_the_services(client, monkeypatch):
    called = []
    monkeypatch.setattr(moderation_admin, "crisis_line_save",
                        lambda **arguments: called.append("save") or crisis_line_save(**arguments))
    monkeypatch.setattr(moderation_admin, "crisis_line_delete",
                        lambda **arguments: called.append("delete") or crisis_line_delete(**arguments))
    client.force_login(curator("add", "change", "delete", "view"))

    added = client.post("/admin/moderation/crisisline/add/", {
        "country": "LU", "language": "fr", "name": "Écoute Luxembourg", "phone": "99887766", "text": "",
        "url": "", "position": "5",
    })
    line = CrisisLine.objects.get(country="LU", phone="99887766")
    deleted = client.post(f"/admin/moderation/crisisline/{line.pk}/delete/", {"post": "yes"})

    assert (added.status_code, deleted.status_code) == (302, 302)
    assert called == ["save", "delete"]
    assert not CrisisLine.objects.filter(pk=line.pk).exists()
