"""Factories build members directly; groups and memberships go through the services."""

import factory
from allauth.account.models import EmailAddress

from entraide.models import Region, Theme, User
from entraide.services import groups as group_services

PASSWORD = "a calm password 42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    pseudonym = factory.Sequence(lambda n: f"Membre{n}")
    preferred_language = "fr"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        user.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def theme(code="epilepsy") -> Theme:
    return Theme.objects.get(code=code)


def region(code="online") -> Region:
    return Region.objects.get(code=code)


def make_group(creator=None, *, name="Épilepsie entre nous", themes=("epilepsy",), languages=("fr",),
               region_code="online", **fields):
    creator = creator or UserFactory()
    fields.setdefault("description", "Un groupe pour parler de la vie avec l'épilepsie.")
    return group_services.group_create(
        actor=creator,
        name=name,
        themes=[theme(code) for code in themes],
        languages=list(languages),
        region=region(region_code),
        **fields,
    )


def join(group, user=None):
    user = user or UserFactory()
    group_services.group_join(actor=user, group=group, charter_version_accepted=group.charter_version)
    return user
