"""The directory finds and counts the same groups, whatever does the text search.

A fixed set of groups, and what each search gave when a LIKE over the folded search text did
the work: the database's own full-text search (FTS5 on SQLite, a tsvector on PostgreSQL) must
give the same names, totals and facet counts, with and without listings from elsewhere."""

import pytest
from django.http import QueryDict

from entraide import registry
from entraide.models import Region, Theme, Visibility
from entraide.selectors.directory import DirectoryQuery, directory_search
from entraide.selectors.directory_elsewhere import OtherListing
from tests.factories import make_group

pytestmark = pytest.mark.django_db

GROUPS = [
    # name, description, themes, languages, region, format, kind, audience
    ("Épilepsie entre nous", "Crises, traitements et vie de tous les jours.", ("epilepsy",), ("fr",), "vd", "online",
     "self_managed", "concerned"),
    ("EPILEPSIE — parents", "Pour les parents d'enfants épileptiques.", ("epilepsy", "caregivers"), ("fr", "de"), "ge",
     "in_person", "self_managed", "relatives"),
    ("Deuil à Genève", "Après la perte d'un proche, à Genève.", ("grief",), ("fr",), "ge", "in_person",
     "self_managed", "concerned"),
    ("Deuil en ligne", "Se soutenir après une perte, chaque mardi soir.", ("grief",), ("fr", "it"), "online",
     "online", "self_managed", "concerned"),
    ("Trauergruppe Straße", "Gemeinsam durch die Trauer in Zürich.", ("grief",), ("de",), "zh", "hybrid",
     "professional", "concerned"),
    ("Proches aidants Vaud", "Aider sans s'oublier : l'entraide des proches aidants.", ("caregivers",), ("fr",), "vd",
     "hybrid", "professional", "relatives"),
    ("Cancer et travail", "Reprendre le travail après un cancer.", ("cancer",), ("fr", "en"), "vd", "online",
     "self_managed", "concerned"),
    ("Anxiété : groupe du jeudi", "Un groupe de parole sur l'anxiété.", ("anxiety",), ("fr",), "online", "online",
     "self_managed", "concerned"),
    ("Alcool, parlons-en", "Groupe d'entraide autour de l'alcool.", ("alcohol",), ("fr", "de"), "be", "in_person",
     "self_managed", "concerned"),
    ("Œuvre commune", "Un groupe œcuménique de soutien au deuil.", ("grief",), ("fr",), "vd", "online",
     "self_managed", "concerned"),
]


@pytest.fixture
def groups(db):
    made = []
    for name, description, themes, languages, region, format, kind, audience in GROUPS:
        made.append(make_group(name=name, description=description, themes=themes, languages=languages,
                               region_code=region, format=format, kind=kind, audience=audience))
    make_group(name="Deuil discret", description="Un groupe non listé sur le deuil.", themes=("grief",),
               visibility=Visibility.UNLISTED)
    return made


@pytest.fixture
def elsewhere(monkeypatch, groups):
    """Two listings from elsewhere, as a centre would register them."""
    grief, epilepsy = Theme.objects.get(code="grief"), Theme.objects.get(code="epilepsy")
    vd, ge = Region.objects.get(code="vd"), Region.objects.get(code="ge")
    listings = [
        OtherListing(name="Groupe deuil de Lausanne", kind_label="Groupe", theme_id=grief.pk, language="fr",
                     region_id=vd.pk, format="in_person", link="https://deuil.example", contact="Centre Vaud",
                     words="Centre Vaud"),
        OtherListing(name="Forum épilepsie", kind_label="Forum", theme_id=epilepsy.pk, language="de",
                     region_id=ge.pk, format="online", link="https://forum.example", contact="Centre Genève",
                     words="Centre Genève"),
    ]
    monkeypatch.setitem(registry.directory_listings._entries, "test_listings", lambda: listings)
    return listings


def search(query_string: str, **kwargs):
    return directory_search(DirectoryQuery.from_params(QueryDict(query_string)), **kwargs)


def summary(result) -> dict:
    facets = {facet.name: {option.value: option.count for option in facet.options if option.count}
              for facet in result.facets}
    return {"names": [card.group.name for card in result.cards], "total": result.total, "facets": facets,
            "elsewhere": [listing.name for listing in result.elsewhere.found]}


# What the LIKE over the folded search text gave on this data set, three groups a page.
# Prefix matching: 'epilep', 'gen'; accents and case: 'ÉPILEP', 'Epilépsie', 'STRASSE', 'oeuvre'.
QUERIES = [
    'q=epilep',
    'q=ÉPILEP',
    'q=Epilépsie',
    'q=epilepsie+parents',
    'q=deuil',
    'q=DEUIL+gen',
    'q=trauer',
    'q=strasse',
    'q=STRASSE',
    'q=oeuvre',
    'q=proches+aidants',
    'q=groupe',
    'q=zzz',
    'q=epilepsie&format=online',
    'q=deuil&language=fr&format=online',
    'theme=grief&region=vd',
    'sector=life-events&language=fr',
    '',
    'q=groupe&page=2',
    'kind=professional',
    'q=d%27entraide',
    'q=l%27anxiete',
    'q=lutto',
    'q=centre',
]
WITHOUT_ELSEWHERE = {
    'q=epilep': {'names': ['EPILEPSIE — parents', 'Épilepsie entre nous'], 'total': 2, 'facets': {'theme': {'epilepsy': 2, 'caregivers': 1}, 'sector': {'illness': 2, 'life-events': 1}, 'kind': {'self_managed': 2}, 'format': {'online': 1, 'in_person': 1}, 'language': {'fr': 2, 'de': 1}, 'region': {'ge': 1, 'vd': 1}, 'audience': {'concerned': 1, 'relatives': 1}}, 'elsewhere': []},
    'q=ÉPILEP': {'names': ['EPILEPSIE — parents', 'Épilepsie entre nous'], 'total': 2, 'facets': {'theme': {'epilepsy': 2, 'caregivers': 1}, 'sector': {'illness': 2, 'life-events': 1}, 'kind': {'self_managed': 2}, 'format': {'online': 1, 'in_person': 1}, 'language': {'fr': 2, 'de': 1}, 'region': {'ge': 1, 'vd': 1}, 'audience': {'concerned': 1, 'relatives': 1}}, 'elsewhere': []},
    'q=Epilépsie': {'names': ['EPILEPSIE — parents', 'Épilepsie entre nous'], 'total': 2, 'facets': {'theme': {'epilepsy': 2, 'caregivers': 1}, 'sector': {'illness': 2, 'life-events': 1}, 'kind': {'self_managed': 2}, 'format': {'online': 1, 'in_person': 1}, 'language': {'fr': 2, 'de': 1}, 'region': {'ge': 1, 'vd': 1}, 'audience': {'concerned': 1, 'relatives': 1}}, 'elsewhere': []},
    'q=epilepsie+parents': {'names': ['EPILEPSIE — parents'], 'total': 1, 'facets': {'theme': {'epilepsy': 1, 'caregivers': 1}, 'sector': {'illness': 1, 'life-events': 1}, 'kind': {'self_managed': 1}, 'format': {'in_person': 1}, 'language': {'fr': 1, 'de': 1}, 'region': {'ge': 1}, 'audience': {'relatives': 1}}, 'elsewhere': []},
    'q=deuil': {'names': ['Deuil en ligne', 'Deuil à Genève', 'Trauergruppe Straße'], 'total': 4, 'facets': {'theme': {'grief': 4}, 'sector': {'life-events': 4}, 'kind': {'self_managed': 3, 'professional': 1}, 'format': {'online': 2, 'in_person': 1, 'hybrid': 1}, 'language': {'fr': 3, 'de': 1, 'it': 1}, 'region': {'online': 1, 'ge': 1, 'vd': 1, 'zh': 1}, 'audience': {'concerned': 4}}, 'elsewhere': []},
    'q=DEUIL+gen': {'names': ['Deuil à Genève'], 'total': 1, 'facets': {'theme': {'grief': 1}, 'sector': {'life-events': 1}, 'kind': {'self_managed': 1}, 'format': {'in_person': 1}, 'language': {'fr': 1}, 'region': {'ge': 1}, 'audience': {'concerned': 1}}, 'elsewhere': []},
    'q=trauer': {'names': ['Deuil en ligne', 'Deuil à Genève', 'Trauergruppe Straße'], 'total': 4, 'facets': {'theme': {'grief': 4}, 'sector': {'life-events': 4}, 'kind': {'self_managed': 3, 'professional': 1}, 'format': {'online': 2, 'in_person': 1, 'hybrid': 1}, 'language': {'fr': 3, 'de': 1, 'it': 1}, 'region': {'online': 1, 'ge': 1, 'vd': 1, 'zh': 1}, 'audience': {'concerned': 4}}, 'elsewhere': []},
    'q=strasse': {'names': ['Trauergruppe Straße'], 'total': 1, 'facets': {'theme': {'grief': 1}, 'sector': {'life-events': 1}, 'kind': {'professional': 1}, 'format': {'hybrid': 1}, 'language': {'de': 1}, 'region': {'zh': 1}, 'audience': {'concerned': 1}}, 'elsewhere': []},
    'q=STRASSE': {'names': ['Trauergruppe Straße'], 'total': 1, 'facets': {'theme': {'grief': 1}, 'sector': {'life-events': 1}, 'kind': {'professional': 1}, 'format': {'hybrid': 1}, 'language': {'de': 1}, 'region': {'zh': 1}, 'audience': {'concerned': 1}}, 'elsewhere': []},
    'q=oeuvre': {'names': [], 'total': 0, 'facets': {'theme': {}, 'sector': {}, 'kind': {}, 'format': {}, 'language': {}, 'region': {}, 'audience': {}}, 'elsewhere': []},
    'q=proches+aidants': {'names': ['EPILEPSIE — parents', 'Proches aidants Vaud'], 'total': 2, 'facets': {'theme': {'epilepsy': 1, 'caregivers': 2}, 'sector': {'illness': 1, 'life-events': 2}, 'kind': {'self_managed': 1, 'professional': 1}, 'format': {'in_person': 1, 'hybrid': 1}, 'language': {'fr': 2, 'de': 1}, 'region': {'ge': 1, 'vd': 1}, 'audience': {'relatives': 2}}, 'elsewhere': []},
    'q=groupe': {'names': ['Alcool, parlons-en', 'Anxiété : groupe du jeudi', 'Œuvre commune'], 'total': 3, 'facets': {'theme': {'anxiety': 1, 'alcohol': 1, 'grief': 1}, 'sector': {'illness': 1, 'dependency': 1, 'life-events': 1}, 'kind': {'self_managed': 3}, 'format': {'online': 2, 'in_person': 1}, 'language': {'fr': 3, 'de': 1}, 'region': {'online': 1, 'be': 1, 'vd': 1}, 'audience': {'concerned': 3}}, 'elsewhere': []},
    'q=zzz': {'names': [], 'total': 0, 'facets': {'theme': {}, 'sector': {}, 'kind': {}, 'format': {}, 'language': {}, 'region': {}, 'audience': {}}, 'elsewhere': []},
    'q=epilepsie&format=online': {'names': ['Épilepsie entre nous'], 'total': 1, 'facets': {'theme': {'epilepsy': 1}, 'sector': {'illness': 1}, 'kind': {'self_managed': 1}, 'format': {'online': 1, 'in_person': 1}, 'language': {'fr': 1}, 'region': {'vd': 1}, 'audience': {'concerned': 1}}, 'elsewhere': []},
    'q=deuil&language=fr&format=online': {'names': ['Deuil en ligne', 'Œuvre commune'], 'total': 2, 'facets': {'theme': {'grief': 2}, 'sector': {'life-events': 2}, 'kind': {'self_managed': 2}, 'format': {'online': 2, 'in_person': 1}, 'language': {'fr': 2, 'it': 1}, 'region': {'online': 1, 'vd': 1}, 'audience': {'concerned': 2}}, 'elsewhere': []},
    'theme=grief&region=vd': {'names': ['Œuvre commune'], 'total': 1, 'facets': {'theme': {'cancer': 1, 'epilepsy': 1, 'grief': 1, 'caregivers': 1}, 'sector': {'life-events': 1}, 'kind': {'self_managed': 1}, 'format': {'online': 1}, 'language': {'fr': 1}, 'region': {'online': 1, 'ge': 1, 'vd': 1, 'zh': 1}, 'audience': {'concerned': 1}}, 'elsewhere': []},
    'sector=life-events&language=fr': {'names': ['Deuil en ligne', 'Deuil à Genève', 'EPILEPSIE — parents'], 'total': 5, 'facets': {'theme': {'epilepsy': 1, 'grief': 3, 'caregivers': 2}, 'sector': {'illness': 4, 'dependency': 1, 'life-events': 5}, 'kind': {'self_managed': 4, 'professional': 1}, 'format': {'online': 2, 'in_person': 2, 'hybrid': 1}, 'language': {'fr': 5, 'de': 2, 'it': 1}, 'region': {'online': 1, 'ge': 2, 'vd': 2}, 'audience': {'concerned': 3, 'relatives': 2}}, 'elsewhere': []},
    '': {'names': ['Alcool, parlons-en', 'Anxiété : groupe du jeudi', 'Cancer et travail'], 'total': 10, 'facets': {'theme': {'anxiety': 1, 'cancer': 1, 'epilepsy': 2, 'alcohol': 1, 'grief': 4, 'caregivers': 2}, 'sector': {'illness': 4, 'dependency': 1, 'life-events': 6}, 'kind': {'self_managed': 8, 'professional': 2}, 'format': {'online': 5, 'in_person': 3, 'hybrid': 2}, 'language': {'fr': 9, 'de': 3, 'it': 1, 'en': 1}, 'region': {'online': 2, 'be': 1, 'ge': 2, 'vd': 4, 'zh': 1}, 'audience': {'concerned': 8, 'relatives': 2}}, 'elsewhere': []},
    'q=groupe&page=2': {'names': ['Alcool, parlons-en', 'Anxiété : groupe du jeudi', 'Œuvre commune'], 'total': 3, 'facets': {'theme': {'anxiety': 1, 'alcohol': 1, 'grief': 1}, 'sector': {'illness': 1, 'dependency': 1, 'life-events': 1}, 'kind': {'self_managed': 3}, 'format': {'online': 2, 'in_person': 1}, 'language': {'fr': 3, 'de': 1}, 'region': {'online': 1, 'be': 1, 'vd': 1}, 'audience': {'concerned': 3}}, 'elsewhere': []},
    'kind=professional': {'names': ['Proches aidants Vaud', 'Trauergruppe Straße'], 'total': 2, 'facets': {'theme': {'grief': 1, 'caregivers': 1}, 'sector': {'life-events': 2}, 'kind': {'self_managed': 8, 'professional': 2}, 'format': {'hybrid': 2}, 'language': {'fr': 1, 'de': 1}, 'region': {'vd': 1, 'zh': 1}, 'audience': {'concerned': 1, 'relatives': 1}}, 'elsewhere': []},
    'q=d%27entraide': {'names': ['Alcool, parlons-en'], 'total': 1, 'facets': {'theme': {'alcohol': 1}, 'sector': {'dependency': 1}, 'kind': {'self_managed': 1}, 'format': {'in_person': 1}, 'language': {'fr': 1, 'de': 1}, 'region': {'be': 1}, 'audience': {'concerned': 1}}, 'elsewhere': []},
    'q=l%27anxiete': {'names': ['Anxiété : groupe du jeudi'], 'total': 1, 'facets': {'theme': {'anxiety': 1}, 'sector': {'illness': 1}, 'kind': {'self_managed': 1}, 'format': {'online': 1}, 'language': {'fr': 1}, 'region': {'online': 1}, 'audience': {'concerned': 1}}, 'elsewhere': []},
    'q=lutto': {'names': ['Deuil en ligne', 'Deuil à Genève', 'Trauergruppe Straße'], 'total': 4, 'facets': {'theme': {'grief': 4}, 'sector': {'life-events': 4}, 'kind': {'self_managed': 3, 'professional': 1}, 'format': {'online': 2, 'in_person': 1, 'hybrid': 1}, 'language': {'fr': 3, 'de': 1, 'it': 1}, 'region': {'online': 1, 'ge': 1, 'vd': 1, 'zh': 1}, 'audience': {'concerned': 4}}, 'elsewhere': []},
    'q=centre': {'names': [], 'total': 0, 'facets': {'theme': {}, 'sector': {}, 'kind': {}, 'format': {}, 'language': {}, 'region': {}, 'audience': {}}, 'elsewhere': []},
}
WITH_ELSEWHERE = {
    'q=epilep': {'names': ['EPILEPSIE — parents', 'Épilepsie entre nous'], 'total': 2, 'facets': {'theme': {'epilepsy': 3, 'caregivers': 1}, 'sector': {'illness': 3, 'life-events': 1}, 'kind': {'self_managed': 2}, 'format': {'online': 2, 'in_person': 1}, 'language': {'fr': 2, 'de': 2}, 'region': {'ge': 2, 'vd': 1}, 'audience': {'concerned': 1, 'relatives': 1}}, 'elsewhere': ['Forum épilepsie']},
    'q=ÉPILEP': {'names': ['EPILEPSIE — parents', 'Épilepsie entre nous'], 'total': 2, 'facets': {'theme': {'epilepsy': 3, 'caregivers': 1}, 'sector': {'illness': 3, 'life-events': 1}, 'kind': {'self_managed': 2}, 'format': {'online': 2, 'in_person': 1}, 'language': {'fr': 2, 'de': 2}, 'region': {'ge': 2, 'vd': 1}, 'audience': {'concerned': 1, 'relatives': 1}}, 'elsewhere': ['Forum épilepsie']},
    'q=Epilépsie': {'names': ['EPILEPSIE — parents', 'Épilepsie entre nous'], 'total': 2, 'facets': {'theme': {'epilepsy': 3, 'caregivers': 1}, 'sector': {'illness': 3, 'life-events': 1}, 'kind': {'self_managed': 2}, 'format': {'online': 2, 'in_person': 1}, 'language': {'fr': 2, 'de': 2}, 'region': {'ge': 2, 'vd': 1}, 'audience': {'concerned': 1, 'relatives': 1}}, 'elsewhere': ['Forum épilepsie']},
    'q=epilepsie+parents': {'names': ['EPILEPSIE — parents'], 'total': 1, 'facets': {'theme': {'epilepsy': 1, 'caregivers': 1}, 'sector': {'illness': 1, 'life-events': 1}, 'kind': {'self_managed': 1}, 'format': {'in_person': 1}, 'language': {'fr': 1, 'de': 1}, 'region': {'ge': 1}, 'audience': {'relatives': 1}}, 'elsewhere': []},
    'q=deuil': {'names': ['Deuil en ligne', 'Deuil à Genève', 'Trauergruppe Straße'], 'total': 4, 'facets': {'theme': {'grief': 5}, 'sector': {'life-events': 5}, 'kind': {'self_managed': 3, 'professional': 1}, 'format': {'online': 2, 'in_person': 2, 'hybrid': 1}, 'language': {'fr': 4, 'de': 1, 'it': 1}, 'region': {'online': 1, 'ge': 1, 'vd': 2, 'zh': 1}, 'audience': {'concerned': 4}}, 'elsewhere': ['Groupe deuil de Lausanne']},
    'q=DEUIL+gen': {'names': ['Deuil à Genève'], 'total': 1, 'facets': {'theme': {'grief': 1}, 'sector': {'life-events': 1}, 'kind': {'self_managed': 1}, 'format': {'in_person': 1}, 'language': {'fr': 1}, 'region': {'ge': 1}, 'audience': {'concerned': 1}}, 'elsewhere': []},
    'q=trauer': {'names': ['Deuil en ligne', 'Deuil à Genève', 'Trauergruppe Straße'], 'total': 4, 'facets': {'theme': {'grief': 5}, 'sector': {'life-events': 5}, 'kind': {'self_managed': 3, 'professional': 1}, 'format': {'online': 2, 'in_person': 2, 'hybrid': 1}, 'language': {'fr': 4, 'de': 1, 'it': 1}, 'region': {'online': 1, 'ge': 1, 'vd': 2, 'zh': 1}, 'audience': {'concerned': 4}}, 'elsewhere': ['Groupe deuil de Lausanne']},
    'q=strasse': {'names': ['Trauergruppe Straße'], 'total': 1, 'facets': {'theme': {'grief': 1}, 'sector': {'life-events': 1}, 'kind': {'professional': 1}, 'format': {'hybrid': 1}, 'language': {'de': 1}, 'region': {'zh': 1}, 'audience': {'concerned': 1}}, 'elsewhere': []},
    'q=STRASSE': {'names': ['Trauergruppe Straße'], 'total': 1, 'facets': {'theme': {'grief': 1}, 'sector': {'life-events': 1}, 'kind': {'professional': 1}, 'format': {'hybrid': 1}, 'language': {'de': 1}, 'region': {'zh': 1}, 'audience': {'concerned': 1}}, 'elsewhere': []},
    'q=oeuvre': {'names': [], 'total': 0, 'facets': {'theme': {}, 'sector': {}, 'kind': {}, 'format': {}, 'language': {}, 'region': {}, 'audience': {}}, 'elsewhere': []},
    'q=proches+aidants': {'names': ['EPILEPSIE — parents', 'Proches aidants Vaud'], 'total': 2, 'facets': {'theme': {'epilepsy': 1, 'caregivers': 2}, 'sector': {'illness': 1, 'life-events': 2}, 'kind': {'self_managed': 1, 'professional': 1}, 'format': {'in_person': 1, 'hybrid': 1}, 'language': {'fr': 2, 'de': 1}, 'region': {'ge': 1, 'vd': 1}, 'audience': {'relatives': 2}}, 'elsewhere': []},
    'q=groupe': {'names': ['Alcool, parlons-en', 'Anxiété : groupe du jeudi', 'Œuvre commune'], 'total': 3, 'facets': {'theme': {'anxiety': 1, 'alcohol': 1, 'grief': 2}, 'sector': {'illness': 1, 'dependency': 1, 'life-events': 2}, 'kind': {'self_managed': 3}, 'format': {'online': 2, 'in_person': 2}, 'language': {'fr': 4, 'de': 1}, 'region': {'online': 1, 'be': 1, 'vd': 2}, 'audience': {'concerned': 3}}, 'elsewhere': ['Groupe deuil de Lausanne']},
    'q=zzz': {'names': [], 'total': 0, 'facets': {'theme': {}, 'sector': {}, 'kind': {}, 'format': {}, 'language': {}, 'region': {}, 'audience': {}}, 'elsewhere': []},
    'q=epilepsie&format=online': {'names': ['Épilepsie entre nous'], 'total': 1, 'facets': {'theme': {'epilepsy': 2}, 'sector': {'illness': 2}, 'kind': {'self_managed': 1}, 'format': {'online': 2, 'in_person': 1}, 'language': {'fr': 1, 'de': 1}, 'region': {'ge': 1, 'vd': 1}, 'audience': {'concerned': 1}}, 'elsewhere': ['Forum épilepsie']},
    'q=deuil&language=fr&format=online': {'names': ['Deuil en ligne', 'Œuvre commune'], 'total': 2, 'facets': {'theme': {'grief': 2}, 'sector': {'life-events': 2}, 'kind': {'self_managed': 2}, 'format': {'online': 2, 'in_person': 2}, 'language': {'fr': 2, 'it': 1}, 'region': {'online': 1, 'vd': 1}, 'audience': {'concerned': 2}}, 'elsewhere': []},
    'theme=grief&region=vd': {'names': ['Œuvre commune'], 'total': 1, 'facets': {'theme': {'cancer': 1, 'epilepsy': 1, 'grief': 2, 'caregivers': 1}, 'sector': {'life-events': 2}, 'kind': {'self_managed': 1}, 'format': {'online': 1, 'in_person': 1}, 'language': {'fr': 2}, 'region': {'online': 1, 'ge': 1, 'vd': 2, 'zh': 1}, 'audience': {'concerned': 1}}, 'elsewhere': ['Groupe deuil de Lausanne']},
    'sector=life-events&language=fr': {'names': ['Deuil en ligne', 'Deuil à Genève', 'EPILEPSIE — parents'], 'total': 5, 'facets': {'theme': {'epilepsy': 1, 'grief': 4, 'caregivers': 2}, 'sector': {'illness': 4, 'dependency': 1, 'life-events': 6}, 'kind': {'self_managed': 4, 'professional': 1}, 'format': {'online': 2, 'in_person': 3, 'hybrid': 1}, 'language': {'fr': 6, 'de': 2, 'it': 1}, 'region': {'online': 1, 'ge': 2, 'vd': 3}, 'audience': {'concerned': 3, 'relatives': 2}}, 'elsewhere': ['Groupe deuil de Lausanne']},
    '': {'names': ['Alcool, parlons-en', 'Anxiété : groupe du jeudi', 'Cancer et travail'], 'total': 10, 'facets': {'theme': {'anxiety': 1, 'cancer': 1, 'epilepsy': 3, 'alcohol': 1, 'grief': 5, 'caregivers': 2}, 'sector': {'illness': 5, 'dependency': 1, 'life-events': 7}, 'kind': {'self_managed': 8, 'professional': 2}, 'format': {'online': 6, 'in_person': 4, 'hybrid': 2}, 'language': {'fr': 10, 'de': 4, 'it': 1, 'en': 1}, 'region': {'online': 2, 'be': 1, 'ge': 3, 'vd': 5, 'zh': 1}, 'audience': {'concerned': 8, 'relatives': 2}}, 'elsewhere': ['Groupe deuil de Lausanne', 'Forum épilepsie']},
    'q=groupe&page=2': {'names': ['Alcool, parlons-en', 'Anxiété : groupe du jeudi', 'Œuvre commune'], 'total': 3, 'facets': {'theme': {'anxiety': 1, 'alcohol': 1, 'grief': 2}, 'sector': {'illness': 1, 'dependency': 1, 'life-events': 2}, 'kind': {'self_managed': 3}, 'format': {'online': 2, 'in_person': 2}, 'language': {'fr': 4, 'de': 1}, 'region': {'online': 1, 'be': 1, 'vd': 2}, 'audience': {'concerned': 3}}, 'elsewhere': ['Groupe deuil de Lausanne']},
    'kind=professional': {'names': ['Proches aidants Vaud', 'Trauergruppe Straße'], 'total': 2, 'facets': {'theme': {'grief': 1, 'caregivers': 1}, 'sector': {'life-events': 2}, 'kind': {'self_managed': 8, 'professional': 2}, 'format': {'hybrid': 2}, 'language': {'fr': 1, 'de': 1}, 'region': {'vd': 1, 'zh': 1}, 'audience': {'concerned': 1, 'relatives': 1}}, 'elsewhere': []},
    'q=d%27entraide': {'names': ['Alcool, parlons-en'], 'total': 1, 'facets': {'theme': {'alcohol': 1}, 'sector': {'dependency': 1}, 'kind': {'self_managed': 1}, 'format': {'in_person': 1}, 'language': {'fr': 1, 'de': 1}, 'region': {'be': 1}, 'audience': {'concerned': 1}}, 'elsewhere': []},
    'q=l%27anxiete': {'names': ['Anxiété : groupe du jeudi'], 'total': 1, 'facets': {'theme': {'anxiety': 1}, 'sector': {'illness': 1}, 'kind': {'self_managed': 1}, 'format': {'online': 1}, 'language': {'fr': 1}, 'region': {'online': 1}, 'audience': {'concerned': 1}}, 'elsewhere': []},
    'q=lutto': {'names': ['Deuil en ligne', 'Deuil à Genève', 'Trauergruppe Straße'], 'total': 4, 'facets': {'theme': {'grief': 5}, 'sector': {'life-events': 5}, 'kind': {'self_managed': 3, 'professional': 1}, 'format': {'online': 2, 'in_person': 2, 'hybrid': 1}, 'language': {'fr': 4, 'de': 1, 'it': 1}, 'region': {'online': 1, 'ge': 1, 'vd': 2, 'zh': 1}, 'audience': {'concerned': 4}}, 'elsewhere': ['Groupe deuil de Lausanne']},
    'q=centre': {'names': [], 'total': 0, 'facets': {'theme': {'epilepsy': 1, 'grief': 1}, 'sector': {'illness': 1, 'life-events': 1}, 'kind': {}, 'format': {'online': 1, 'in_person': 1}, 'language': {'fr': 1, 'de': 1}, 'region': {'ge': 1, 'vd': 1}, 'audience': {}}, 'elsewhere': ['Groupe deuil de Lausanne', 'Forum épilepsie']},
}


@pytest.mark.parametrize("query_string", QUERIES)
def test_groups_alone_are_found_and_counted_as_before(groups, query_string):
    assert summary(search(query_string, page_size=3)) == WITHOUT_ELSEWHERE[query_string]


@pytest.mark.parametrize("query_string", QUERIES)
def test_groups_and_listings_from_elsewhere_are_found_and_counted_as_before(elsewhere, query_string):
    assert summary(search(query_string, page_size=3)) == WITH_ELSEWHERE[query_string]


def test_a_word_is_matched_from_its_start_not_from_its_middle(groups):
    # The one change from the LIKE over the folded text, which found "aid" in "entraide" too.
    assert summary(search("q=aid"))["names"] == ["EPILEPSIE — parents", "Proches aidants Vaud"]
