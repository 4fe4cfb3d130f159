from django.http import Http404


def _pending(request, *args, **kwargs):
    raise Http404


group_create = group_invite = group_detail = group_edit = group_join = group_leave = group_members = join_requests = join_request_decide = _pending
