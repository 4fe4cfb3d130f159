"""Guests of the listening line: a visitor without an account calls under a pseudonym, with
no e-mail and no password. The account lasts as long as its conversation, a few hours at
most, and only a few are opened per address and hour, so that the line cannot be flooded.

The address is never stored: the count is kept in the shared cache under a keyed hash of it."""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.consumers import sockets_cut_on_commit
from entraide.errors import Conflict, DomainError
from entraide.models import User
from entraide.services.accounts import account_delete, pseudonym_problem
from moderation.limits import SlowDown

from ..models import LineConversation, LineGuest
from ..models.line import GUEST_LIFETIME, LIVE_STATUSES
from .line import finish

GUEST_OPENS_PER_HOUR = 3
HOUR = 3600


def _address_key(address: str, window: int) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), (address or "unknown").encode(), hashlib.sha256).hexdigest()
    return f"line-guest:{digest[:32]}:{window}"


def check_guest_open(*, pseudonym, address, now) -> str:
    """The address's count key, once the pseudonym is one that can be taken."""
    key = _address_key(address, int(now.timestamp()) // HOUR)
    if (cache.get(key) or 0) >= GUEST_OPENS_PER_HOUR:
        raise SlowDown(_("Plusieurs accès invité·e ont déjà été ouverts depuis cette connexion dans l'heure : "
                         "réessayez un peu plus tard. En cas d'urgence, appelez l'une des lignes de crise."),
                       retry_after=HOUR - int(now.timestamp()) % HOUR)
    problem = pseudonym_problem(pseudonym)
    if problem:
        raise DomainError(problem)
    return key


def _count(key: str) -> None:
    if not cache.add(key, 1, timeout=HOUR * 2):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=HOUR * 2)


@transaction.atomic
def guest_open(*, pseudonym, address, language="fr", now=None) -> User:
    """A guest account, for the view to sign in. Refused (429) beyond a few per address and hour."""
    now = now or timezone.now()
    pseudonym = (pseudonym or "").strip()
    key = check_guest_open(pseudonym=pseudonym, address=address, now=now)
    language = language if language in dict(settings.LANGUAGES) else "fr"
    # An address under .invalid reaches no one: the account has no e-mail.
    user = User(email=f"guest-{uuid.uuid4().hex}@invalid", pseudonym=pseudonym, preferred_language=language,
                date_joined=now)
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise Conflict(_("Ce pseudonyme est déjà pris.")) from None
    LineGuest.objects.create(user=user, expires_at=now + GUEST_LIFETIME)
    _count(key)
    return user


def is_guest(user_id) -> bool:
    return LineGuest.objects.filter(user_id=user_id).exists()


def guest_close(user, *, now=None) -> None:
    """End the guest's conversation, close the account and erase what it held (a reported
    conversation stays, for the coordinators); its sockets close after commit."""
    now = now or timezone.now()
    with transaction.atomic():
        for conversation in LineConversation.objects.select_for_update().filter(caller=user, status__in=LIVE_STATUSES):
            finish(conversation, now=now)
        account_delete(actor=user, member=user)
        sockets_cut_on_commit(user_id=user.pk)


def guests_close_expired(*, now=None) -> int:
    """Guests past their few hours are closed, each in its own transaction. Returns how many."""
    now = now or timezone.now()
    due = list(User.objects.filter(line_guest__expires_at__lte=now))
    for user in due:
        guest_close(user, now=now)
    return len(due)
