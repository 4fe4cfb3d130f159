from django.http import Http404


def _pending(request, *args, **kwargs):
    raise Http404
profile = export = delete = member_profile = _pending
