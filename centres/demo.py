"""Centres for the demo data (manage.py seed_demo, through registry.demo_data): the Vaud centre,
with Centre as its staff and accompanying the grief group, and the Zurich centre; three groups
that do not use the platform and one forum of another organisation. Written through the
services. Idempotent: nothing is added once a centre exists."""

from entraide.models import Group, Region, Theme
from moderation.models import Proposal, ProposalKind
from moderation.services.roles import role_hand_on

from .models import Centre, ListingKind, NewsletterIssue
from .services.centres import accompaniment_set, centre_create, centre_staff_link, listing_create
from .services.newsletter import newsletter_issue_build

VAUD = {
    "name": "Centre d'entraide Vaud",
    "opening_hours": "Du lundi au jeudi, 9 h – 12 h et 14 h – 17 h",
    "phone": "+41 21 000 00 00", "email": "vaud@centre.example", "address": "Rue de l'Exemple 1\n1000 Lausanne",
    "website": "https://vaud.centre.example",
    "presentation_fr": "Le centre connaît les groupes d'entraide du canton et vous aide à trouver le vôtre ou à en lancer un.",
}
ZURICH = {
    "name": "Selbsthilfezentrum Zürich",
    "opening_hours": "Montag bis Freitag, 9–17 Uhr",
    "phone": "+41 44 000 00 00", "email": "zuerich@zentrum.example", "website": "https://zuerich.zentrum.example",
    "presentation_de": "Das Zentrum kennt die Selbsthilfegruppen im Kanton und begleitet neue Gruppen.",
}
LISTINGS = [
    ("vaud", ListingKind.GROUP, "Groupe deuil de Lausanne", "grief", "fr", "vd", "in_person",
     "https://deuil-lausanne.example", ""),
    ("vaud", ListingKind.GROUP, "Proches aidants Riviera", "caregivers", "fr", "vd", "in_person",
     "https://proches-riviera.example", "contact@proches-riviera.example"),
    ("zurich", ListingKind.GROUP, "MS-Treff Winterthur", "multiple-sclerosis", "de", "zh", "hybrid",
     "https://ms-treff.example", ""),
    ("zurich", ListingKind.FORUM, "Forum Epilepsie online", "epilepsy", "de", "online", "online",
     "https://forum-epilepsie.example", "forum@epilepsie.example"),
]


def seed_centres(*, members: dict, groups: dict) -> int:
    """Returns how many centres were added."""
    if Centre.objects.exists():
        return 0
    staff = members["Centre"]
    centres = {
        "vaud": centre_create(actor=staff, region_codes=["vd"], **VAUD),
        "zurich": centre_create(actor=staff, region_codes=["zh"], **ZURICH),
    }
    centre_staff_link(actor=staff, centre=centres["vaud"], member=staff)
    centre_staff_link(actor=staff, centre=centres["zurich"], member=staff)
    themes = {theme.code: theme for theme in Theme.objects.all()}
    regions = {region.code: region for region in Region.objects.all()}
    for centre, kind, name, theme, language, region, format, link, contact in LISTINGS:
        listing_create(actor=staff, centre=centres[centre], kind=kind, name=name, theme=themes[theme],
                       language=language, region=regions[region], format=format, link=link,
                       organisation_contact=contact)
    grief = Group.objects.filter(region__code="vd", themes__code="grief").first()
    if grief:
        accompaniment_set(actor=staff, centre=centres["vaud"], group=grief)
    return len(centres)


def seed_newsletter(*, members: dict, groups: dict) -> int:
    """One issue, this month's, from the demo's approved stories and new groups, so that the
    newsletter's pages show something. Returns how many issues were built."""
    from django.utils import timezone

    if NewsletterIssue.objects.exists():
        return 0
    newsletter_issue_build(month=timezone.localdate())
    return 1


GUIDED_GROUP = "proches-aidants-groupe-accompagne"
# Halfway: two of the four functions its professional holds are being handed to members.
GUIDED_HANDOVERS = (("welcome", "Alpenrose"), ("timekeeper", "Sésame"))


def seed_guided(*, members: dict, groups: dict) -> int:
    """The professionally guided demo group halfway through handing its leadership over: the
    professional (its creator, Centre) proposes to hand the welcome and the timekeeping to two
    members; the task worker settles the decisions when their consultation closes. Returns how
    many hand-overs were proposed (none once any exists)."""
    group = groups[GUIDED_GROUP]
    if Proposal.objects.filter(group=group, kind=ProposalKind.HAND_ON_ROLE).exists():
        return 0
    for role, pseudonym in GUIDED_HANDOVERS:
        role_hand_on(actor=group.created_by, group=group, role=role, to_member=members[pseudonym])
    return len(GUIDED_HANDOVERS)
