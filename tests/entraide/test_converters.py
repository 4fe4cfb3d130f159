"""Numbers in URLs: one the database cannot store does not resolve, so the address answers 404
before any view or query runs; the largest storable one reaches the view, whose lookup answers
its own 404."""

import pytest
from django.urls import NoReverseMatch, Resolver404, get_resolver, resolve, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import URLResolver

from entraide import ids
from entraide.converters import IdConverter, NumberConverter
from tests.forums.builders import a_thread, forum

OUT_OF_RANGE = [0, -1, 2**63, 10**30]


def _routes(resolver, prefix=""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        else:
            yield route, entry.pattern.converters if hasattr(entry.pattern, "converters") else {}


def test_no_route_takes_an_unbounded_integer():
    unbounded = [route for route, converters in _routes(get_resolver())
                 if any(isinstance(converter, IntConverter) for converter in converters.values())]
    assert unbounded == []


def test_every_id_in_a_route_goes_through_a_bounded_converter():
    named = [route for route, converters in _routes(get_resolver())
             if any(isinstance(converter, IdConverter) for converter in converters.values())]
    assert "groups/<slug:slug>/forum/<id:thread_id>/" in named
    assert "groups/<slug:slug>/forum/<id:thread_id>/posts/<number:number>/" in named


@pytest.mark.parametrize("converter, maximum", [(IdConverter(), ids.ID_MAX), (NumberConverter(), ids.NUMBER_MAX)])
def test_a_converter_takes_one_to_its_maximum_and_nothing_beyond(converter, maximum):
    assert converter.to_python("1") == 1
    assert converter.to_python(str(maximum)) == maximum
    with pytest.raises(ValueError):
        converter.to_python(str(maximum + 1))
    assert converter.to_url(maximum) == str(maximum)
    for value in (0, -1, maximum + 1):
        with pytest.raises(ValueError):
            converter.to_url(value)


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_an_id_out_of_the_database_range_does_not_resolve(value):
    with pytest.raises(Resolver404):
        resolve(f"/groups/some-group/forum/{value}/")
    with pytest.raises(Resolver404):
        resolve(f"/members/{value}/mute/")


def test_a_post_number_past_the_32_bit_column_does_not_resolve():
    assert resolve(f"/groups/g/forum/1/posts/{ids.NUMBER_MAX}/").kwargs["number"] == ids.NUMBER_MAX
    with pytest.raises(Resolver404):
        resolve(f"/groups/g/forum/1/posts/{ids.NUMBER_MAX + 1}/")


@pytest.mark.parametrize("value", [0, 2**63])
def test_no_link_is_built_to_an_id_out_of_range(value):
    with pytest.raises(NoReverseMatch):
        reverse("forum_thread", kwargs={"slug": "g", "thread_id": value})


@pytest.mark.django_db
@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_out_of_range_ids_answer_404_to_everyone(client, value):
    group, moderator, member = forum()
    thread = a_thread(group, member)
    assert client.get(f"/groups/{group.slug}/forum/{value}/").status_code == 404
    client.force_login(member)
    assert client.get(f"/groups/{group.slug}/forum/{value}/").status_code == 404
    assert client.get(f"/groups/{group.slug}/forum/{thread.pk}/posts/{value}/").status_code == 404
    assert client.post(f"/groups/{group.slug}/forum/{value}/reply/", {"body": "Bonjour"}).status_code == 404
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_the_largest_storable_ids_reach_the_view_which_finds_nothing(client):
    group, moderator, member = forum()
    thread = a_thread(group, member)
    client.force_login(member)
    url = f"/groups/{group.slug}/forum/{ids.ID_MAX}/"
    assert resolve(url).kwargs["thread_id"] == ids.ID_MAX
    assert client.get(url).status_code == 404
    url = f"/groups/{group.slug}/forum/{thread.pk}/posts/{ids.NUMBER_MAX}/"
    assert resolve(url).kwargs["number"] == ids.NUMBER_MAX
    assert client.get(url).status_code == 404
    assert client.get(f"/groups/{group.slug}/forum/{thread.pk}/posts/1/").status_code == 302
