from django.http import Http404


def _pending(request, *args, **kwargs):
    raise Http404
contact_home = wish_register = wish_withdraw = circle_detail = _pending
