"""A member's centre staff links and newsletter subscription, in their export and gone with their
account. Registered from CentresConfig.ready()."""

from entraide import registry
from entraide.selectors.export import iso

from .models import CentreStaff, NewsletterSubscription
from .services.newsletter import newsletter_forget


def export_centre_staff(user) -> list[dict]:
    links = CentreStaff.objects.filter(member=user).select_related("centre").order_by("linked_at", "pk")
    return [{"centre": link.centre.name, "linked_at": iso(link.linked_at)} for link in links]


def forget_centre_staff(user) -> None:
    CentreStaff.objects.filter(member=user).delete()


def export_newsletter_subscription(user) -> list[dict]:
    subscriptions = (NewsletterSubscription.objects.filter(member=user)
                     | NewsletterSubscription.objects.filter(email__iexact=user.email)).distinct().order_by("pk")
    return [{"email": subscription.email, "language": subscription.language,
             "subscribed_at": iso(subscription.created_at), "confirmed_at": iso(subscription.confirmed_at)}
            for subscription in subscriptions]


def register() -> None:
    registry.export_sections.register("centre_staff", export_centre_staff)
    registry.account_cleanups.register("centre_staff", forget_centre_staff)
    registry.export_sections.register("newsletter_subscription", export_newsletter_subscription)
    registry.account_cleanups.register("newsletter_subscription", newsletter_forget)
