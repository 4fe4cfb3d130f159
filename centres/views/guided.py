"""A guided group's hand-over page: its functions, who holds them (by function, not by name),
the facilitation share, the guide, and for the professional a form per function they still
hold, which opens the rotating roles' own hand-over decision (moderation)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from entraide.models import Group, Membership

from ..guide import HANDOVER_GUIDE
from ..selectors.guided import guided_leadership


@require_GET
def guided_leadership_page(request, slug):
    group = get_object_or_404(Group, slug=slug)
    leadership = guided_leadership(group)
    if leadership is None or not (group.is_listed or Membership.objects.filter(
            group=group, user_id=request.user.pk or 0).exists()):
        raise Http404
    is_professional = request.user.is_authenticated and request.user.pk == leadership.professional_id
    members = []
    if is_professional:
        members = [membership.user for membership in Membership.objects.filter(group=group).exclude(
            user=request.user).select_related("user").order_by("user__pseudonym")]
    return render(request, "centres/guided_leadership.html", {
        "group": group, "leadership": leadership, "sections": HANDOVER_GUIDE,
        "can_hand_on": is_professional, "members": members,
    })
