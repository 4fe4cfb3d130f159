"""The centres' monthly newsletter: an issue per month and the people who receive it.

An issue keeps which stories and groups it shows, never a copy of their text: it is worded from
their state when read or mailed, so a story its author withdraws leaves the issue's page and
every mail not yet sent. A subscription is an address (with or without an account) confirmed by
a link sent to it (double opt-in); unsubscribing deletes it."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

EMAIL_MAX_LENGTH = 254
NEWSLETTER_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def new_secret() -> str:
    return secrets.token_urlsafe(16)


class NewsletterIssue(models.Model):
    # The first day of the month it tells about.
    month = models.DateField(unique=True)
    stories = models.ManyToManyField("forums.Story", related_name="+", blank=True)
    groups = models.ManyToManyField("entraide.Group", related_name="+", blank=True)
    built_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("numéro de la lettre d'information")

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("newsletter_issue",
                       kwargs={"year": f"{self.month.year:04d}", "month": f"{self.month.month:02d}"})


class NewsletterSubscription(models.Model):
    email = models.EmailField(max_length=EMAIL_MAX_LENGTH)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    # The member who subscribed, if signed in: their data export shows it, their account's deletion ends it.
    member = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="newsletter_subscriptions")
    # Part of every link sent: a new subscription after unsubscribing gets new links.
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    created_at = models.DateTimeField()
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("abonnement à la lettre d'information")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscription_email_ci_unique"),
            models.CheckConstraint(condition=Q(language__in=NEWSLETTER_LANGUAGES), name="newsletter_language_known"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class NewsletterDelivery(models.Model):
    """One issue mailed to one subscriber: claimed before the mail leaves, so it leaves once."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(NewsletterSubscription, on_delete=models.CASCADE, related_name="deliveries")
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issue", "subscription"], name="newsletter_delivery_once")]
