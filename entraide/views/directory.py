from django.http import Http404


def _pending(request, *args, **kwargs):
    raise Http404
directory = _pending
