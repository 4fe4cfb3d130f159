from ..models import Group, Sector


def member_groups(user):
    if not user.is_authenticated:
        return Group.objects.none()
    return Group.objects.filter(memberships__user=user).order_by("name")


def home_context(user) -> dict:
    return {
        "my_groups": list(member_groups(user)),
        "sectors": list(Sector.objects.prefetch_related("themes")),
    }
