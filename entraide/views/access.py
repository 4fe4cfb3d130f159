"""The one way a view opens a group: find it, read the member's standing, ask the checks.

    standing = access_group(request, slug, check=permissions.check_member)
    group = standing.group

A group the visitor may not see answers 404 whether it exists or not; a check that refuses
raises its own NotAllowed (the 403 page shows its message) or NotFound. What the page needs
of the group beyond its row comes through `queryset` (a forum's settings, a group's themes);
`via_invite` and `as_removed` are entraide.permissions.check_view_group's."""

from ..errors import NotFound
from ..models import Group
from ..permissions import check_view_group
from ..standing import Standing, open_group


def access_group(request, slug: str, *, check=None, queryset=None, via_invite: bool = False,
                 as_removed: bool = False) -> Standing:
    # The group and the member's standing in it, in one query.
    standing = open_group(request, Group.objects.all() if queryset is None else queryset, slug=slug)
    if standing is None:
        raise NotFound()
    check_view_group(standing, via_invite=via_invite, as_removed=as_removed)
    if check is not None:
        check(standing)
    return standing
