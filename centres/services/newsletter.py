"""The newsletter: subscribing (double opt-in), confirming, unsubscribing, building a month's
issue and sending it once. Anyone may subscribe, with or without an account: the signed link
sent to the address is the only proof asked, so these services take no permission check
beyond it."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.errors import DomainError
from entraide.models import Group, Visibility
from forums.models import Story, StoryStatus
from notifications.mailing import send_list_mail

from ..models import (
    EMAIL_MAX_LENGTH, NEWSLETTER_LANGUAGES, NewsletterDelivery, NewsletterIssue, NewsletterSubscription,
)
from ..selectors.newsletter import issue_contents

CONFIRM_SALT = "centres.newsletter.confirm"
UNSUBSCRIBE_SALT = "centres.newsletter.unsubscribe"
# How long a confirmation link works: long enough for a holiday, short enough for a lost mailbox.
CONFIRMATION_VALID_FOR = timedelta(days=7)
# A confirmation is mailed again at most this often, whoever asks for it.
CONFIRMATION_RESENT_AFTER = timedelta(minutes=10)


# --- Links ------------------------------------------------------------------------------------

def confirm_token(subscription) -> str:
    return signing.dumps([subscription.pk, subscription.secret], salt=CONFIRM_SALT, compress=True)


def unsubscribe_token(subscription) -> str:
    """Without expiry: a link in an old issue must still stop the next ones."""
    return signing.dumps([subscription.pk, subscription.secret], salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_path(subscription) -> str:
    return reverse("newsletter_unsubscribe", kwargs={"token": unsubscribe_token(subscription)})


def _invalid_link():
    return DomainError(_("Ce lien n'est pas valide : il a peut-être été coupé en deux dans l'e-mail. "
                         "Copiez-le en entier dans la barre d'adresse, ou abonnez-vous à nouveau."))


def _subscription_for(token: str, *, salt: str, max_age=None):
    """The subscription a signed link names; None when the link was right but the subscription
    is gone (unsubscribed); DomainError when the link is forged, cut or expired."""
    try:
        pk, secret = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise DomainError(_("Ce lien de confirmation a expiré (il est valable %(days)s jours). Abonnez-vous à "
                            "nouveau : vous recevrez un nouveau lien.")
                          % {"days": CONFIRMATION_VALID_FOR.days}, status=410) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise _invalid_link() from None
    if not isinstance(pk, int) or not isinstance(secret, str):
        raise _invalid_link()
    return NewsletterSubscription.objects.filter(pk=pk, secret=secret).first()


def subscription_to_confirm(token: str) -> NewsletterSubscription:
    subscription = _subscription_for(token, salt=CONFIRM_SALT, max_age=CONFIRMATION_VALID_FOR)
    if subscription is None:
        raise _invalid_link()
    return subscription


def subscription_to_end(token: str) -> NewsletterSubscription | None:
    return _subscription_for(token, salt=UNSUBSCRIBE_SALT)


# --- Mails (sent by the task worker, centres.tasks) -------------------------------------------

def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _mail(subscription, template: str, context: dict) -> int:
    unsubscribe_url = _absolute(unsubscribe_path(subscription))
    return send_list_mail(to=subscription.email, language=subscription.language,
                          template=f"centres/email/{template}", context=context, unsubscribe_url=unsubscribe_url)


def confirmation_mail_send(subscription) -> int:
    confirm_url = _absolute(reverse("newsletter_confirm", kwargs={"token": confirm_token(subscription)}))
    return _mail(subscription, "newsletter_confirm",
                 {"confirm_url": confirm_url, "days": CONFIRMATION_VALID_FOR.days})


def issue_mail_send(issue, subscription) -> int:
    """Worded from the issue's stories and groups as they are now; their titles and links only:
    a mail cannot be taken back, and an author may withdraw their story tomorrow."""
    contents = issue_contents(issue)
    for story in contents["stories"]:
        story.url = _absolute(story.get_absolute_url())
    for group in contents["groups"]:
        group.url = _absolute(group.get_absolute_url())
    return _mail(subscription, "newsletter_issue",
                 {"issue": issue, "issue_url": _absolute(issue.get_absolute_url()), **contents})


# --- Subscribing ------------------------------------------------------------------------------

def _clean_email(email) -> str:
    email = (email or "").strip()
    if not email:
        raise DomainError(_("Indiquez votre adresse e-mail."))
    if len(email) > EMAIL_MAX_LENGTH:
        raise DomainError(_("Cette adresse compte %(length)s caractères ; la limite est de %(limit)s.")
                          % {"length": len(email), "limit": EMAIL_MAX_LENGTH})
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_("Cette adresse e-mail ne semble pas complète : vérifiez-la.")) from None
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def _clean_language(language) -> str:
    language = (language or "")[:2]
    return language if language in NEWSLETTER_LANGUAGES else settings.LANGUAGE_CODE


def _verified_address(member, email: str) -> bool:
    from allauth.account.models import EmailAddress

    return bool(member and member.is_authenticated
                and EmailAddress.objects.filter(user=member, email__iexact=email, verified=True).exists())


def _send_confirmation(subscription, now) -> None:
    from ..tasks import send_newsletter_confirmation

    subscription.confirmation_sent_at = now
    subscription.save(update_fields=["confirmation_sent_at"])
    transaction.on_commit(lambda pk=subscription.pk: send_newsletter_confirmation.enqueue(pk))


@transaction.atomic
def newsletter_subscribe(*, actor, email, language, now=None) -> NewsletterSubscription | None:
    """Answers the same whether the address was new, waiting or subscribed, so that nobody learns
    who reads the newsletter: a waiting address gets its confirmation again (at most every ten
    minutes), a confirmed one nothing. A member's own verified address needs no confirmation:
    the account already proved it. Returns the subscription when it was created or changed."""
    email, language = _clean_email(email), _clean_language(language)
    now = now or timezone.now()
    member = actor if actor is not None and actor.is_authenticated else None
    verified = _verified_address(member, email)
    existing = NewsletterSubscription.objects.select_for_update().filter(email__iexact=email).first()
    if existing is not None:
        if existing.is_confirmed:
            return None
        if verified:
            existing.confirmed_at, existing.member, existing.language = now, member, language
            existing.save(update_fields=["confirmed_at", "member", "language"])
            return existing
        if existing.confirmation_sent_at is None or now - existing.confirmation_sent_at >= CONFIRMATION_RESENT_AFTER:
            _send_confirmation(existing, now)
        return None
    try:
        with transaction.atomic():
            subscription = NewsletterSubscription.objects.create(
                email=email, language=language, member=member, created_at=now, confirmed_at=now if verified else None)
    except IntegrityError:
        # The same address subscribed at the same moment elsewhere: one subscription is enough.
        return None
    if not verified:
        _send_confirmation(subscription, now)
    return subscription


def newsletter_member_subscribe(*, actor, language, now=None) -> NewsletterSubscription | None:
    """The one-click subscription of a signed-in member, with their account's address."""
    return newsletter_subscribe(actor=actor, email=actor.email, language=language, now=now)


@transaction.atomic
def newsletter_confirm(*, token, now=None) -> NewsletterSubscription:
    """Confirming twice is confirming once."""
    subscription = subscription_to_confirm(token)
    subscription = NewsletterSubscription.objects.select_for_update().get(pk=subscription.pk)
    if not subscription.is_confirmed:
        subscription.confirmed_at = now or timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


@transaction.atomic
def newsletter_unsubscribe(*, token) -> None:
    """Deletes the subscription: nothing is kept of an address that asked to hear no more. A
    second click finds it gone and is answered the same."""
    subscription = subscription_to_end(token)
    if subscription is not None:
        subscription.delete()


def newsletter_forget(member) -> None:
    """An account's deletion: its subscriptions, and any for its address made while signed out."""
    NewsletterSubscription.objects.filter(member=member).delete()
    NewsletterSubscription.objects.filter(email__iexact=member.email).delete()


# --- Issues -----------------------------------------------------------------------------------

def month_start(day) -> date:
    return date(day.year, day.month, 1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _month_bounds(month: date):
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime(month.year, month.month, 1), zone)
    end_month = next_month(month)
    return start, timezone.make_aware(datetime(end_month.year, end_month.month, 1), zone)


@transaction.atomic
def newsletter_issue_build(*, month, now=None) -> NewsletterIssue:
    """The issue of `month`: the stories approved that month, with their authors' consent, and the
    listed groups created that month. Built once; what it keeps are the stories and groups
    themselves, read afresh whenever the issue is shown or mailed."""
    month = month_start(month)
    issue = NewsletterIssue.objects.select_for_update().filter(month=month).first()
    if issue is not None:
        return issue
    start, end = _month_bounds(month)
    # The consent a story records is the one to publish it on the public page; the newsletter
    # is that page, mailed.
    stories = Story.objects.filter(status=StoryStatus.APPROVED, consented_at__isnull=False,
                                   decided_at__gte=start, decided_at__lt=end)
    groups = Group.objects.filter(visibility=Visibility.LISTED, stopped_at__isnull=True,
                                  created_at__gte=start, created_at__lt=end)
    issue = NewsletterIssue.objects.create(month=month, built_at=now or timezone.now())
    issue.stories.set(stories)
    issue.groups.set(groups)
    return issue


def newsletter_due_issue(*, now=None) -> NewsletterIssue | None:
    """The issue to send now: last month's, built on the first run of the new month, until it is sent."""
    now = now or timezone.now()
    this_month = month_start(timezone.localdate(now))
    last_month = date(this_month.year - (this_month.month == 1), (this_month.month - 2) % 12 + 1, 1)
    issue = (NewsletterIssue.objects.filter(month=last_month).first()
             or newsletter_issue_build(month=last_month, now=now))
    return None if issue.sent_at else issue


def _claim(issue, subscription, now) -> NewsletterDelivery | None:
    try:
        with transaction.atomic():
            return NewsletterDelivery.objects.create(issue=issue, subscription=subscription, sent_at=now)
    except IntegrityError:
        return None


def newsletter_issue_send(*, issue, now=None) -> int:
    """Mails the issue to every confirmed subscriber it has not reached, each in their language,
    then marks it sent. Each mail is claimed (committed) before it leaves: a crash half-way
    resumes with those not reached and never mails anyone twice. Returns mails sent."""
    now = now or timezone.now()
    contents = issue_contents(issue)
    # A month with nothing to tell is shown on the site but mails nobody.
    waiting = []
    if contents["stories"] or contents["groups"]:
        waiting = list(NewsletterSubscription.objects.filter(confirmed_at__isnull=False)
                       .exclude(deliveries__issue=issue).order_by("pk"))
    sent = 0
    for subscription in waiting:
        delivery = _claim(issue, subscription, now)
        if delivery is None:
            continue
        try:
            sent += issue_mail_send(issue, subscription)
        except Exception:
            # Not sent: free the claim so that the next run tries again.
            delivery.delete()
            raise
    NewsletterIssue.objects.filter(pk=issue.pk, sent_at__isnull=True).update(sent_at=timezone.now())
    return sent
