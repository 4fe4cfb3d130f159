"""Forum threads for the demo data (manage.py seed_demo, through registry.demo_data). Idempotent:
a thread whose title already stands in its group is left alone. Written through the forum services."""

from .models import ContentWarning, Story, StorySignature, Thread
from .services.posts import post_create, thread_create
from .services.stories import story_approve, story_offer

# group slug, title, [(author, body, content warnings)]
DEMO_THREADS = [
    (
        "epilepsie-entre-nous",
        "Comment parlez-vous de l'épilepsie au travail ?",
        [
            ("Lune", "Je commence un nouveau poste lundi. Je me demande si j'en parle tout de suite "
                     "à mon équipe ou si j'attends. Comment avez-vous fait, vous ?", ()),
            ("Colibri", "> Comment avez-vous fait, vous ?\n\nPour moi, en parler à une seule collègue de "
                        "confiance a tout changé : elle savait quoi faire le jour où j'ai fait une crise.", ()),
            ("Sésame", "Je n'en ai parlé qu'après la période d'essai, et je ne le regrette pas. "
                       "Chacun·e son rythme.", ()),
        ],
    ),
    (
        "deuil-parler-de-l-absence",
        "Les dates anniversaires",
        [
            ("Colibri", "Le premier anniversaire du décès de ma mère approche. J'appréhende ce jour-là "
                        "plus que je ne l'aurais cru.", (ContentWarning.DEATH_GRIEF,)),
            ("Lune", "Pense à toi ce jour-là. Moi, j'avais prévu une promenade à l'endroit qu'elle aimait, "
                     "et ça m'a aidé.", (ContentWarning.DEATH_GRIEF,)),
        ],
    ),
]


# group slug, author, moderator who approves it, title, text: a testimony published with its
# author's consent, so that the public stories page and the centres' newsletter show one.
DEMO_STORY = (
    "deuil-parler-de-l-absence",
    "Lune",
    "Colibri",
    "Ce que le groupe m'a appris sur les dates anniversaires",
    "La première année, je redoutais chaque date. Dans le groupe, j'ai entendu d'autres personnes "
    "raconter comment elles s'y préparent : une promenade, une lettre, un repas avec des proches. "
    "Cette année, j'ai choisi mon propre rituel, et le jour est passé plus doucement que je ne le craignais.",
)


def seed_story(*, members: dict, groups: dict) -> bool:
    """Offer and approve the demo testimony unless it stands already; True when it was created."""
    slug, author, moderator, title, body = DEMO_STORY
    if Story.objects.filter(group=groups[slug], title=title).exists():
        return False
    story = story_offer(actor=members[author], group=groups[slug], title=title, body=body,
                        signature=StorySignature.PSEUDONYM, consent=True)
    story_approve(actor=members[moderator], story=story)
    return True


def seed_forum(*, members: dict, groups: dict) -> int:
    """Create the demo threads that are missing; returns how many were created."""
    created = 0
    for slug, title, posts in DEMO_THREADS:
        group = groups[slug]
        if Thread.objects.filter(group=group, title=title).exists():
            continue
        (author, body, warnings), *replies = posts
        thread = thread_create(actor=members[author], group=group, title=title, body=body,
                               content_warnings=warnings)
        for author, body, warnings in replies:
            post_create(actor=members[author], thread=thread, body=body, content_warnings=warnings)
        created += 1
    return created
