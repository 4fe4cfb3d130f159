"""The value of every <time datetime> attribute, written by one filter."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import timezone

from entraide.templatetags.html_time import datetime_attribute

ROOT = Path(__file__).resolve().parents[2]


def test_a_moment_is_written_to_the_second_in_the_current_time_zone():
    moment = datetime.datetime(2026, 3, 1, 9, 30, 15, 652280, tzinfo=datetime.UTC)
    with timezone.override(ZoneInfo("Europe/Zurich")):
        assert datetime_attribute(moment) == "2026-03-01T10:30:15+01:00"


def test_a_date_is_written_as_a_date_and_anything_else_as_nothing():
    assert datetime_attribute(datetime.date(2026, 3, 1)) == "2026-03-01"
    assert datetime_attribute(None) == ""
    assert datetime_attribute("") == ""


def test_a_template_writes_no_fraction_of_a_second():
    moment = timezone.now().replace(microsecond=123456)
    html = Template('{% load html_time %}<time datetime="{{ moment|datetime_attribute }}">').render(
        Context({"moment": moment})
    )
    assert not re.search(r'datetime="[^"]*\.\d', html)


def test_no_template_writes_a_datetime_attribute_another_way():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        for attribute in re.findall(r'datetime="([^"]*)"', path.read_text(encoding="utf-8")):
            if "{{" in attribute and "|datetime_attribute" not in attribute:
                offenders.append(f"{path.relative_to(ROOT)}: {attribute}")
    assert not offenders, offenders
