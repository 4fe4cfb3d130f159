"""Figures for funders: counts only, and every count from 1 to 4 shown as "fewer than 5"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from centres.selectors.figures import SMALL_COUNT, funder_figure, funder_figures
from entraide import registry
from entraide.selectors.figures import last_months
from entraide.services.groups import group_leave
from meetings.models import Occurrence
from meetings.services.occurrences import occurrence_cancel
from tests.factories import UserFactory, join, make_group
from tests.meetings.meeting_builders import planned_group, weekly_series
from tests.peers.line_builders import knocked, talking
from tests.peers.pairing_builders import make_pairing

from .builders import make_centre

pytestmark = pytest.mark.django_db


def groups_in(region_code, count, *, theme="grief"):
    return [make_group(name=f"Groupe {region_code} {n}", region_code=region_code, themes=(theme,))
            for n in range(count)]


def row(figure, label):
    return next(row for row in figure.rows if row.label == label)


@pytest.mark.parametrize(("count", "shown"), [(4, "moins de 5"), (5, "5"), (6, "6")])
def test_a_count_under_five_is_never_shown_as_a_number(count, shown):
    groups_in("vd", count)
    figure = funder_figure("groups_by_region")
    assert row(figure, "Vaud").shown == shown
    assert row(figure, "Vaud").hidden is (count < SMALL_COUNT)
    assert row(funder_figure("groups_by_theme"), "Deuil").shown == shown


def test_zero_is_shown_as_zero():
    assert row(funder_figure("groups_by_region"), "Vaud").shown == "0"


def test_a_centre_counts_the_groups_of_the_regions_it_serves_only():
    centre = make_centre(regions=("vd",))
    groups_in("vd", 6)
    groups_in("zh", 7)
    figure = funder_figure("groups_by_region", centre=centre)
    assert [(row.label, row.count) for row in figure.rows] == [("Vaud", 6)]
    assert row(funder_figure("groups_by_region"), "Zurich").count == 7


def test_groups_created_and_stopped_are_counted_in_their_month():
    groups = groups_in("vd", 6)
    for group in groups[:5]:
        group_leave(actor=group.created_by, group=group)  # the last member leaves: it stops
    this_month = last_months()[-1].key.split("-")
    label = f"{this_month[1]}.{this_month[0]}"
    assert row(funder_figure("groups_created"), label).count == 6
    assert row(funder_figure("groups_stopped"), label).count == 5
    # A stopped group is no longer one in activity.
    assert row(funder_figure("groups_by_region"), "Vaud").shown == "moins de 5"


def test_members_at_the_end_of_the_month_are_people_not_memberships():
    person = UserFactory()
    for group in groups_in("vd", 2):
        join(group, person)
    months = funder_figure("members").rows
    assert months[-1].count == 3  # two creators and the one person in both groups
    assert len(months) == 12 and all(row.count == 0 for row in months[:-1])


def test_pairings_and_line_conversations_are_counted_for_the_whole_platform_on_a_centres_page():
    centre = make_centre(regions=("vd",))
    names = {figure.name: figure for figure in funder_figures(centre=centre)}
    assert names["pairings"].platform_wide and names["line_conversations"].platform_wide
    assert not names["groups_by_region"].platform_wide
    assert list(names)[:6] == ["groups_by_theme", "groups_by_sector", "groups_by_region", "groups_created",
                               "groups_stopped", "members"]


def test_every_registered_figure_is_on_the_page_and_an_unknown_one_is_none():
    assert {figure.name for figure in funder_figures()} == set(registry.funder_figures)
    assert funder_figure("no-such-figure") is None


def test_the_months_are_the_last_twelve_in_the_platforms_time_zone():
    months = last_months(timezone.datetime(2026, 1, 15, tzinfo=timezone.get_current_timezone()))
    assert [month.key for month in months][:2] == ["2025-02", "2025-03"] and months[-1].key == "2026-01"
    assert months[0].starts.utcoffset() != months[6].starts.utcoffset()  # winter and summer time


def test_the_figures_cost_a_fixed_number_of_queries_whatever_the_number_of_groups(django_assert_max_num_queries):
    groups_in("vd", 3)
    with django_assert_max_num_queries(16) as few:
        funder_figures()
    groups_in("zh", 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        funder_figures()


def test_meetings_held_are_those_begun_and_not_cancelled_of_the_centres_regions():
    centre = make_centre(regions=("vd",))
    weeks_ago = timezone.now() - timedelta(weeks=6)
    group, planner = planned_group(region_code="vd")
    series = weekly_series(group, planner, now=weeks_ago, starts_on=weeks_ago.date())
    occurrences = Occurrence.objects.filter(series=series).order_by("starts_at")
    occurrence_cancel(actor=planner, occurrence=occurrences[0], reason="Salle indisponible.", now=weeks_ago)
    held = occurrences.filter(cancelled_at__isnull=True, starts_at__lte=timezone.now()).count()
    assert held >= 4 and occurrences.filter(starts_at__gt=timezone.now()).exists()
    assert sum(row.count for row in funder_figure("meetings_held", centre=centre).rows) == held
    assert sum(row.count for row in funder_figure("meetings_held").rows) == held
    other = make_centre(name="Centre Zurich", regions=("zh",))
    assert sum(row.count for row in funder_figure("meetings_held", centre=other).rows) == 0


def test_pairings_and_answered_line_conversations_are_counted_in_their_month():
    make_pairing()
    talking()
    knocked()  # never answered: not a conversation held
    assert funder_figure("pairings").rows[-1].count == 1
    assert funder_figure("line_conversations").rows[-1].count == 1
    assert funder_figure("line_conversations").rows[-1].shown == "moins de 5"
