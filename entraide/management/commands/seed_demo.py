"""Demo data for the embedded platform: members, groups, memberships, then what each app adds.

Idempotent: every step looks for what it would create and leaves existing rows
alone, so running it twice changes nothing. Groups and memberships go through the
services, like any member's action would. The other apps add their own demo data (the
forum's threads, ...) on `registry.demo_data` from their AppConfig.ready(); each step is
called with the demo members and groups, in the order the apps registered them.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from entraide import permissions, registry
from entraide.admin_site import curator_permissions
from entraide.models import (
    Audience,
    Group,
    GroupFormat,
    GroupKind,
    JoinPolicy,
    JoinRequest,
    JoinRequestStatus,
    Region,
    Rhythm,
    Theme,
    User,
    Visibility,
)
from entraide.services import groups as group_services
from entraide.standing import read_standing

DEMO_PASSWORD = "entraide-demo"

# email, pseudonym, preferred language, staff
DEMO_MEMBERS = [
    ("lune@demo.entraide.example", "Lune", "fr", False),
    ("colibri@demo.entraide.example", "Colibri", "fr", False),
    ("alpenrose@demo.entraide.example", "Alpenrose", "de", False),
    ("girasole@demo.entraide.example", "Girasole", "it", False),
    ("maple@demo.entraide.example", "Maple", "en", False),
    ("sesame@demo.entraide.example", "Sésame", "fr", False),
    ("centre@demo.entraide.example", "Centre", "fr", True),
]

DEMO_GROUPS = [
    {
        "slug": "epilepsie-entre-nous",
        "creator": "Lune",
        "name": "Épilepsie entre nous",
        "description": "Un groupe autogéré pour parler de la vie avec l'épilepsie : les crises, le travail, "
        "le permis de conduire, la fatigue. On partage ce qui nous aide, au « je ».",
        "themes": ["epilepsy"],
        "languages": ["fr"],
        "region": "online",
        "format": GroupFormat.ONLINE,
        "rhythm": Rhythm.WEEKLY,
        "rhythm_note": "Le mardi soir, de 19 h à 20 h 30.",
        "members": ["Colibri", "Sésame"],
    },
    {
        "slug": "deuil-parler-de-l-absence",
        "creator": "Colibri",
        "name": "Deuil : parler de l'absence",
        "description": "Pour les personnes qui ont perdu un proche et qui veulent en parler avec d'autres "
        "qui savent ce que c'est. Pas de conseils, de l'écoute.",
        "themes": ["grief"],
        "languages": ["fr"],
        "region": "vd",
        "format": GroupFormat.IN_PERSON,
        "rhythm": Rhythm.MONTHLY,
        "members": ["Lune"],
    },
    {
        "slug": "leben-mit-ms",
        "creator": "Alpenrose",
        "name": "Leben mit Multipler Sklerose",
        "description": "Selbsthilfegruppe für Menschen mit MS: Austausch über Alltag, Arbeit und Therapien, "
        "vor Ort in Zürich und online.",
        "themes": ["multiple-sclerosis", "chronic-pain"],
        "languages": ["de"],
        "region": "zh",
        "format": GroupFormat.HYBRID,
        "rhythm": Rhythm.FORTNIGHTLY,
        "members": ["Maple"],
    },
    {
        "slug": "genitori-insieme",
        "creator": "Girasole",
        "name": "Genitori insieme",
        "description": "Un gruppo di auto-aiuto per genitori di bambini autistici: ci incontriamo a Lugano "
        "per condividere fatiche e piccole vittorie.",
        "themes": ["autism", "parenting"],
        "languages": ["it"],
        "region": "ti",
        "format": GroupFormat.IN_PERSON,
        "rhythm": Rhythm.MONTHLY,
        "members": [],
    },
    {
        "slug": "proches-aidants-groupe-accompagne",
        "creator": "Centre",
        "name": "Proches aidants : groupe accompagné",
        "description": "Un groupe pour les proches qui soutiennent une personne malade ou âgée, animé par "
        "une professionnelle du centre d'entraide. Ce n'est pas un groupe autogéré.",
        "themes": ["caregivers"],
        "languages": ["fr", "de"],
        "region": "be",
        "kind": GroupKind.PROFESSIONAL,
        "audience": Audience.RELATIVES,
        "format": GroupFormat.HYBRID,
        "rhythm": Rhythm.MONTHLY,
        "members": ["Alpenrose", "Sésame"],
    },
    {
        "slug": "long-covid-peer-circle",
        "creator": "Maple",
        "name": "Long COVID peer circle",
        "description": "People living with long COVID meet online to share what helps with fatigue, "
        "brain fog and going back to work. English and French spoken.",
        "themes": ["long-covid"],
        "languages": ["en", "fr"],
        "region": "online",
        "format": GroupFormat.ONLINE,
        "rhythm": Rhythm.FORTNIGHTLY,
        "members": ["Lune", "Alpenrose"],
    },
    {
        "slug": "sortir-de-l-alcool",
        "creator": "Sésame",
        "name": "Sortir de l'alcool",
        "description": "Un groupe de parole pour celles et ceux qui veulent arrêter ou réduire l'alcool. "
        "On rejoint sur demande, pour garder un cercle de confiance.",
        "themes": ["alcohol"],
        "languages": ["fr"],
        "region": "ge",
        "format": GroupFormat.IN_PERSON,
        "rhythm": Rhythm.WEEKLY,
        "join_policy": JoinPolicy.REQUEST,
        "members": [],
        "requests": ["Colibri"],
    },
    {
        "slug": "huntington-familles",
        "creator": "Lune",
        "name": "Huntington : familles",
        "description": "Un petit groupe pour les proches de personnes touchées par la maladie de Huntington. "
        "Non répertorié : on y entre par le lien qu'un membre vous donne.",
        "themes": ["huntington"],
        "languages": ["fr"],
        "region": "online",
        "audience": Audience.RELATIVES,
        "format": GroupFormat.ONLINE,
        "rhythm": Rhythm.IRREGULAR,
        "visibility": Visibility.UNLISTED,
        "members": ["Colibri"],
    },
]

GROUP_FIELDS = ("kind", "audience", "format", "rhythm", "rhythm_note", "visibility", "join_policy")


def seed_members() -> dict[str, User]:
    """Demo members with a verified e-mail address and the demo password."""
    members = {}
    for email, pseudonym, language, staff in DEMO_MEMBERS:
        member = User.objects.filter(email__iexact=email).first()
        if member is None:
            member = User.objects.create_user(
                email,
                pseudonym,
                DEMO_PASSWORD,
                preferred_language=language,
                # Demo members have been around for a while (new accounts get stricter limits).
                date_joined=timezone.now() - timedelta(days=30),
            )
        EmailAddress.objects.get_or_create(
            user=member, email=member.email, defaults={"verified": True, "primary": True}
        )
        if staff:
            make_curator(member)
        members[pseudonym] = member
    return members


def make_curator(member: User) -> None:
    """Staff with exactly the curator's permissions, never a superuser: a demo staff account
    seeded as one by an earlier version is brought back to that."""
    if not member.is_staff or member.is_superuser:
        member.is_staff, member.is_superuser = True, False
        member.save(update_fields=["is_staff", "is_superuser"])
    member.user_permissions.set(curator_permissions())


def seed_groups(members: dict[str, User]) -> dict[str, Group]:
    """Create each demo group through the group service unless its slug is already taken."""
    groups = {}
    for spec in DEMO_GROUPS:
        group = Group.objects.filter(slug=spec["slug"]).first()
        if group is None:
            group = group_services.group_create(
                actor=members[spec["creator"]],
                name=spec["name"],
                slug=spec["slug"],
                description=spec["description"],
                themes=list(Theme.objects.filter(code__in=spec["themes"])),
                languages=spec["languages"],
                region=Region.objects.get(code=spec["region"]),
                **{field: spec[field] for field in GROUP_FIELDS if field in spec},
            )
        else:
            # Seeded by an earlier version with the French default whatever the group's language.
            group_services.charter_default_translate(group=group, language=spec["languages"][0])
        groups[spec["slug"]] = group
    return groups


def seed_memberships(members: dict[str, User], groups: dict[str, Group]) -> None:
    """Demo members join groups (open ones directly, the others by a pending request)."""
    for spec in DEMO_GROUPS:
        group = groups[spec["slug"]]
        for pseudonym in spec.get("members", []):
            member = members[pseudonym]
            if permissions.can_join(read_standing(member, group)):
                group_services.group_join(actor=member, group=group, charter_version_accepted=group.charter_version)
        for pseudonym in spec.get("requests", []):
            member = members[pseudonym]
            already = JoinRequest.objects.filter(group=group, user=member).exclude(
                status=JoinRequestStatus.WITHDRAWN
            )
            if not already.exists() and permissions.can_request_to_join(read_standing(member, group)):
                group_services.join_request_create(
                    actor=member, group=group, charter_version_accepted=group.charter_version
                )


class Command(BaseCommand):
    help = "Load the demo members and groups (idempotent) and print the demo logins."

    @transaction.atomic
    def seed(self) -> dict[str, User]:
        members = seed_members()
        groups = seed_groups(members)
        seed_memberships(members, groups)
        for seed_more in registry.demo_data.values():
            seed_more(members=members, groups=groups)
        return members

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stderr.write("Warning: DEBUG is off. Demo accounts share a published password; never seed a live site.")
        self.seed()
        self.stdout.write(f"Demo data ready: {len(DEMO_MEMBERS)} members, {len(DEMO_GROUPS)} groups.")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, pseudonym, _language, staff in DEMO_MEMBERS:
            note = " (staff: /staff/queue/; curates in /admin/)" if staff else ""
            self.stdout.write(f"  {email}  {pseudonym}{note}")
