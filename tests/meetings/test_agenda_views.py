"""The agenda and notes pages: members read and propose, the host arranges, refusals come back
with their message and a 4xx, and the page costs the same queries whatever the agenda's length."""


import pytest
from django.urls import reverse

from meetings.models import AgendaItem
from meetings.services import agenda as agenda_services
from tests.conftest import assert_valid_html
from tests.factories import UserFactory, join
from tests.queries import SESSION_QUERIES

from .meeting_builders import planned_group, weekly_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    group, planner = planned_group()
    occurrence = weekly_series(group, planner).occurrences.order_by("starts_at").first()
    return group, planner, occurrence


def _url(name, occurrence, *more):
    return reverse(name, args=[occurrence.series.group.slug, occurrence.pk, *more])


def test_a_member_proposes_an_item_from_the_agenda_page(client, meeting):
    group, _planner, occurrence = meeting
    member = join(group)
    client.force_login(member)

    response = client.post(_url("meeting_agenda", occurrence), {"text": "Les vacances en été"}, follow=True)

    assert response.status_code == 200
    assert_valid_html(response)
    assert "Les vacances en été" in response.content.decode()
    assert AgendaItem.objects.get().author == member


def test_an_empty_proposal_comes_back_with_its_message_and_a_400(client, meeting):
    group, _planner, occurrence = meeting
    client.force_login(join(group))

    response = client.post(_url("meeting_agenda", occurrence), {"text": "  "})

    assert response.status_code == 400
    assert "Écrivez le point que vous proposez." in response.content.decode()


def test_a_member_who_is_not_the_host_cannot_apply_a_template(client, meeting):
    group, _planner, occurrence = meeting
    client.force_login(join(group))

    response = client.post(_url("meeting_agenda_template", occurrence), {"template": "rounds"})

    assert response.status_code == 403
    assert not AgendaItem.objects.exists()


def test_the_host_applies_the_rounds_and_moves_an_item(client, meeting):
    group, planner, occurrence = meeting
    member = join(group)
    first = agenda_services.agenda_item_propose(actor=member, occurrence=occurrence, text="Premier")
    agenda_services.agenda_item_propose(actor=member, occurrence=occurrence, text="Second")
    client.force_login(planner)

    client.post(_url("meeting_agenda_template", occurrence), {"template": "rounds"})
    client.post(_url("meeting_agenda_item_move", occurrence, first.pk), {"direction": "down"})

    texts = list(AgendaItem.objects.filter(occurrence=occurrence).order_by("position").values_list("text", flat=True))
    assert texts[1:3] == ["Second", "Premier"]
    assert texts[0].startswith("Tour d'ouverture") and texts[-1].startswith("Tour de clôture")


def test_an_outsider_sees_no_agenda(client, meeting):
    _group, _planner, occurrence = meeting
    client.force_login(UserFactory())

    assert client.get(_url("meeting_agenda", occurrence)).status_code == 403


def test_the_notes_page_says_it_holds_no_personal_sharing(client, meeting):
    group, _planner, occurrence = meeting
    client.force_login(join(group))

    response = client.get(_url("meeting_notes", occurrence))

    assert response.status_code == 200
    assert "aucun partage personnel" in response.content.decode()


def test_the_guides_exist_in_the_members_language(client):
    member = UserFactory(preferred_language="de")
    client.force_login(member)

    response = client.get(reverse("meeting_guide", args=["hybrid-group"]))

    assert response.status_code == 200
    assert "Ein Raum und ein Bildschirm zugleich" in response.content.decode()
    assert client.get(reverse("meeting_guide", args=["nothing"])).status_code == 404


@pytest.mark.parametrize("items", [2, 20])
def test_the_agenda_page_takes_the_same_queries_whatever_its_length(client, meeting, django_assert_num_queries,
                                                                    items):
    group, planner, occurrence = meeting
    authors = [join(group) for _ in range(3)]
    for index in range(items):
        agenda_services.agenda_item_propose(actor=authors[index % 3], occurrence=occurrence, text=f"Point {index}")
    client.force_login(planner)
    client.get(_url("meeting_agenda", occurrence))

    # Session; member; group; standing; the occurrence with its series, note and speaker; its
    # items with their authors; its roles (the header's count included).
    with django_assert_num_queries(SESSION_QUERIES + 6):
        response = client.get(_url("meeting_agenda", occurrence))
    assert response.status_code == 200
