"""Every route the resolver knows, asked by every kind of person, with real ids, another
group's ids, ids out of any database's range, a slug that does not exist, the wrong method and
an empty form: nothing answers 5xx, and nothing private reaches someone who may not see it.

The routes come from Django's resolver, so a route is walked the day it is added; a route
whose parameters the walk cannot fill fails the walk until it is taught them here."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from notifications.services import unsubscribe_token

from .route_world import MARKERS, ROLES, build_world, may_see

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = ("0", "-1", str(2**63), str(10**30))

# What the `pk` of each route names; the other parameters are known by their name.
PK_MODELS = {
    "member_profile": "entraide.user", "member_mute": "entraide.user", "member_unmute": "entraide.user",
    "member_block": "entraide.user", "member_unblock": "entraide.user",
    "group_join_request_decide": "entraide.joinrequest",
    "contact_wish_withdraw": "entraide.contactwish", "contact_circle": "entraide.contactcircle",
    "group_proposal_object": "moderation.proposal", "group_proposal_withdraw": "moderation.proposal",
    "group_report_decide": "moderation.report", "staff_report_decide": "moderation.report",
    "group_appeal_file": "moderation.reportdecision", "group_appeal_settle": "moderation.appeal",
    "group_removal_confirm": "moderation.removalproposal", "group_removal_cancel": "moderation.removalproposal",
    "story_decide": "forums.story", "story_detail": "forums.story", "story_withdraw": "forums.story",
    "notification_open": "notifications.notification", "notification_mark_read": "notifications.notification",
    "conversation_detail": "conversations.conversation",
    "meeting_series_edit": "meetings.meetingseries", "meeting_series_end": "meetings.meetingseries",
    "meeting_series_room_rotate": "meetings.meetingseries",
    "meeting_occurrence": "meetings.occurrence", "meeting_occurrence_rsvp": "meetings.occurrence",
    "meeting_occurrence_role": "meetings.occurrence", "meeting_occurrence_cancel": "meetings.occurrence",
    "meeting_occurrence_move": "meetings.occurrence", "meeting_occurrence_welcome": "meetings.occurrence",
    "meeting_agenda": "meetings.occurrence", "meeting_agenda_item_move": "meetings.occurrence",
    "meeting_agenda_item_remove": "meetings.occurrence", "meeting_agenda_template": "meetings.occurrence",
    "meeting_agenda_prompt": "meetings.occurrence", "meeting_notes": "meetings.occurrence",
    "meeting_speaker": "meetings.occurrence",
    "meeting_live_display": "meetings.occurrence",
    "peer_request": "peers.pairingrequest", "peer_request_confirm": "peers.pairingrequest",
    "peer_request_withdraw": "peers.pairingrequest",
    "peer_offer": "peers.pairingoffer", "peer_offer_accept": "peers.pairingoffer",
    "peer_offer_decline": "peers.pairingoffer",
    "peer_pairing": "peers.pairing", "peer_pairing_end": "peers.pairing", "peer_call_schedule": "peers.pairing",
    "peer_pairing_report": "peers.pairing",
    "scope_report_decide": "moderation.report", "scope_appeal_file": "moderation.reportdecision",
    "scope_appeal_settle": "moderation.appeal",
    "peer_call_cancel": "peers.pairingcall",
    "peer_request_offer_again": "peers.pairingrequest", "peer_supporter_checkin": "peers.supporter",
    "peer_supporter_confirmation_propose": "peers.supporter",
    "peer_programme_proposal_object": "peers.programmeproposal",
    "peer_programme_proposal_withdraw": "peers.programmeproposal",
    "peer_line_conversation": "peers.lineconversation", "peer_line_send": "peers.lineconversation",
    "peer_line_end": "peers.lineconversation", "peer_line_pass": "peers.lineconversation",
    "peer_line_report": "peers.lineconversation", "peer_line_duty_leave": "peers.dutyslot",
    "peer_starter_request_take": "peers.starterrequest",
    "centre_detail": "centres.centre", "centre_edit": "centres.centre", "centre_staff": "centres.centre",
    "centre_accompaniment_set": "centres.centre", "centre_listing_new": "centres.centre",
    "centre_figures": "centres.centre", "centre_figure_csv": "centres.centre",
    "external_listing_edit": "centres.externallisting", "external_listing_delete": "centres.externallisting",
}


def _routes(patterns=None, prefix="", namespace=""):
    """(name, full pattern text, is_regex) for every URL the project serves."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        regex = not isinstance(entry.pattern, RoutePattern)
        text = str(entry.pattern)
        if regex:
            text = text.removeprefix("^").removesuffix("$")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, prefix + text, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", prefix + text


ROUTES = sorted(set(_routes()))
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")


def _parameters(pattern):
    return [match.group("name") or match.group("group") for match in PARAMETER.finditer(pattern)]


def _admin_model(pattern):
    match = re.match(r"admin/(\w+)/(\w+)/", pattern)
    return apps.get_model(match.group(1), match.group(2)) if match else None


def _ids(world, label):
    found = world.ids.get(label, [])
    return [str(found[0]), str(found[-1])] if found else ["1"]


def _values(world, name, pattern, parameter):
    """The real values a parameter takes: the listed group's object first, then another group's."""
    listed, unlisted = world.listed, world.unlisted
    if parameter == "slug":
        return [listed.slug, unlisted.slug, "no-such-group"]
    if parameter == "thread_id":
        return _ids(world, "forums.thread")
    if parameter == "number":
        return ["1", "2", "3"]
    if parameter == "kind":
        return ["post", "member", "group", "chat_message", "no-such-kind"]
    if parameter == "object_id" and name.startswith("admin:"):
        model = _admin_model(pattern)
        first = model.objects.order_by("pk").first() if model else None
        return [str(first.pk) if first else "1", "no-such-object"]
    if parameter == "object_id":
        return _ids(world, "forums.post")
    if parameter == "member_pk":
        return _ids(world, "entraide.user")
    if parameter == "pk":
        return _ids(world, PK_MODELS[name])
    if parameter == "item_pk":
        return _ids(world, "meetings.agendaitem")
    if parameter == "language":
        return ["fr", "xx"]
    if parameter == "guide":
        return ["video-group", "hybrid-group", "no-such-guide"]
    if parameter == "token" and name == "meeting_member_calendar":
        feed = apps.get_model("meetings", "CalendarFeed").objects.get(member=world.accounts["member"])
        return [feed.token, "no-such-token"]
    if parameter == "token" and name == "group_invite":
        return [unlisted.invite_token, "no-such-token"]
    if parameter == "token":
        return [unsubscribe_token(world.accounts["member"]), "no-such-token"]
    if parameter == "content_type_id":
        return [str(ContentType.objects.get_for_model(type(listed)).pk)]
    if parameter == "app_label":
        return ["entraide", "moderation"]
    if parameter == "scope":  # a moderation scope outside groups
        return ["peers", "no-such-scope"]
    if parameter == "key" and name.startswith("scope_"):
        return ["fr", "xx"]
    if parameter in ("key", "uidb36"):
        return ["1-no-such-key"]
    if parameter == "url":
        return ["no-such-page/"]
    if parameter == "name":  # a figure for funders
        return ["groups_by_theme", "no-such-figure"]
    if parameter in ("year", "month"):  # a newsletter issue
        return {"year": ["2026", "0000"], "month": ["11", "13"]}[parameter]
    raise AssertionError(f"The route walk does not know what {parameter!r} of {name!r} ({pattern}) is: teach it.")


def _fill(pattern, values):
    def put(match):
        return values[match.group("name") or match.group("group")]

    return "/" + PARAMETER.sub(put, pattern)


def _urls(world, name, pattern):
    """The route with real values, then each parameter in turn given each other value."""
    parameters = _parameters(pattern)
    choices = {parameter: _values(world, name, pattern, parameter) for parameter in parameters}
    base = {parameter: options[0] for parameter, options in choices.items()}
    urls = [_fill(pattern, base)]
    for parameter, options in choices.items():
        numeric = parameter not in ("slug", "kind", "token", "key", "uidb36", "app_label", "url", "language", "name",
                                    "scope")
        for value in options[1:] + (list(OUT_OF_RANGE) if numeric else []):
            urls.append(_fill(pattern, {**base, parameter: value}))
    return list(dict.fromkeys(urls))


def test_the_walk_knows_every_parameter_of_every_route(db):
    world = build_world()
    assert len(ROUTES) > 100
    for name, pattern in ROUTES:
        assert _urls(world, name, pattern)
    assert set(PK_MODELS) <= {name for name, _pattern in ROUTES}


class _Forms(HTMLParser):
    """The POST forms of a page: where each goes and the names of its fields."""

    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = (attrs.get("action") or "", set())
            self.forms.append(self._current)
        elif tag in ("input", "select", "textarea", "button") and self._current and attrs.get("name"):
            self._current[1].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _forms_of(response, url):
    if "html" not in response.get("Content-Type", "") or response.status_code != 200:
        return []
    parser = _Forms()
    parser.feed(response.content.decode(errors="replace"))
    return [(action or url, frozenset(names)) for action, names in parser.forms if action.startswith(("/", ""))]


def _check(problems, role, method, url, name, response):
    if response.status_code >= 500:
        problems.append(f"{role} {method} {url}: {response.status_code}")
        return
    body = response.content.decode(errors="replace") + response.get("Location", "")
    problems.extend(f"{role} {method} {url}: shows {marker}"
                    for marker in MARKERS if marker in body and not may_see(role, marker, name))


def _problems(role, world, client):
    client.get("/")
    csrf_token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
    problems, forms = [], {}
    # Every GET first: an empty form posted to "leave" must not change what the GETs see.
    asked = [(name, url) for name, pattern in ROUTES for url in _urls(world, name, pattern)]
    for name, url in asked:
        response = client.get(url)
        _check(problems, role, "GET", url, name, response)
        forms.update(dict.fromkeys(_forms_of(response, url), name))
    for name, url in asked:
        if name.endswith("logout") and role != "anonymous":
            continue
        response = client.post(url, {"csrfmiddlewaretoken": csrf_token})
        _check(problems, role, "POST", url, name, response)
    # Then every form the pages offered, each field carrying a number no database can store.
    for (action, fields), name in forms.items():
        if "logout" in action:
            continue
        data = {field: str(10**30) for field in fields if field != "csrfmiddlewaretoken"}
        response = client.post(action, {**data, "csrfmiddlewaretoken": csrf_token})
        _check(problems, role, "POST", f"{action} {sorted(data)}", name, response)
    return problems


@pytest.mark.parametrize("role", ROLES)
def test_no_route_fails_or_leaks_for(role, client, no_flood_limits, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    world = build_world()
    client.raise_request_exception = False
    client.enforce_csrf_checks = True
    client.handler.enforce_csrf_checks = True
    if world.accounts[role] is not None:
        client.force_login(world.accounts[role])
    problems = _problems(role, world, client)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:80])
