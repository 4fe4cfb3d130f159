"""The data of the real-time benchmark, built in its own process with the benchmark's settings:
500 members with a signed-in session each, one group of 100 of them and one of all 500 (the
chat's presence and typing hints are on in the first, off over 100 members). Prints JSON."""

import json
import sys
from datetime import timedelta
from importlib import import_module

import django


def build(members: int, small_group: int) -> dict:
    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.management import call_command
    from django.utils import timezone

    from entraide.models import Region, Theme, User
    from entraide.services.groups import group_create, group_join

    call_command("migrate", verbosity=0)
    users = [User.objects.create_user(f"bench{index}@example.org", f"Membre {index:03d}", None)
             for index in range(members)]
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users)
    # Members of some standing, as most in a group are (a day-old account has stricter limits).
    User.objects.update(date_joined=timezone.now() - timedelta(days=90))
    groups = {}
    for size in (small_group, members):
        group = group_create(actor=users[0], name=f"Entre nous, {size}", themes=[Theme.objects.get(code="grief")],
                             languages=["fr"], region=Region.objects.get(code="online"),
                             description="Un groupe pour parler du deuil entre pairs.")
        for user in users[1:size]:
            group_join(actor=user, group=group, charter_version_accepted=group.charter_version)
        groups[size] = group.slug
    store = import_module(settings.SESSION_ENGINE).SessionStore
    cookies = []
    for user in users:
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
    return {"groups": groups, "cookies": cookies}


if __name__ == "__main__":
    print(json.dumps(build(int(sys.argv[1]), int(sys.argv[2]))))
