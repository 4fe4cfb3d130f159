"""Crisis words: the prompt appears for crisis phrases in every language and never for
ordinary text, and `crisis_prompt_context` gives the include what it needs."""

import pytest

from moderation import crisis
from moderation.crisis import crisis_prompt_context, entry_pattern, normalise, suggests_crisis, word_list
from tests.factories import UserFactory, join, make_group

ORDINARY = [
    # French
    "Je meurs de rire en lisant vos messages.",
    "Ce film m'a tué, quelle fin !",
    "Je suis mort de fatigue après la réunion.",
    "On va mourir de faim si le repas n'arrive pas.",
    "Je suis en deuil de mon père depuis le printemps.",
    "Le deuil prend du temps, soyez doux avec vous-même.",
    "J'ai envie de mourir de honte quand je repense à cette scène, mais ça passe.",
    "Il faut en finir avec les idées reçues sur l'épilepsie.",
    "Je veux en finir avec ce dossier administratif avant vendredi.",
    "Cette crise d'épilepsie m'a fait peur, mais je vais mieux.",
    "Je me suis fait mal au dos en portant les cartons.",
    "Je n'ai plus envie de vivre à Paris, je cherche un logement ailleurs.",
    "Ça me tue de devoir attendre trois mois pour un rendez-vous.",
    "Tu vas me tuer avec tes blagues !",
    "La rencontre de jeudi est annulée, on se retrouve la semaine prochaine.",
    "Je me suis coupé en cuisinant, rien de grave.",
    "Ma grand-mère est morte paisiblement l'an dernier.",
    "J'ai lu un livre sur la prévention : très instructif pour les proches.",
    "Merci à tous pour votre accueil, je me sens moins seule.",
    "Je dors mal en ce moment, quelqu'un a des conseils ?",
    # German
    "Ich sterbe vor Hunger, wann gibt es Essen?",
    "Ich lache mich tot über deine Geschichte.",
    "Die Hitze bringt mich um, ich bleibe heute drinnen.",
    "Ich will nicht mehr in Berlin leben, wir ziehen um.",
    "Mein Vater ist letztes Jahr gestorben, die Trauer ist noch da.",
    "Ich habe mich beim Sport verletzt, nichts Schlimmes.",
    "Das Treffen am Donnerstag fällt leider aus.",
    "Der Film war zum Totlachen.",
    "Ich bin todmüde nach der Arbeit.",
    "Danke für eure Unterstützung, das tut gut.",
    "Wie lange habt ihr auf den Termin beim Neurologen gewartet?",
    "Mein Hund ist alt und wird nicht mehr lange leben.",
    # Italian
    "Muoio dal ridere con le vostre storie.",
    "Sto morendo di fame, a che ora si mangia?",
    "Bisogna farla finita con la burocrazia.",
    "Mio padre è morto l'anno scorso e il lutto è ancora forte.",
    "Mi sono fatto male al ginocchio giocando a calcio.",
    "Questo caldo mi uccide, resto a casa.",
    "L'incontro di giovedì è rimandato alla settimana prossima.",
    "Grazie a tutti per l'accoglienza.",
    "Non voglio più vivere in città, cerco una casa in campagna.",
    "Vorrei morire dal ridere ogni volta che lo vedo.",
    # English
    "The deadline is killing me this week.",
    "I'm dying to see the new film.",
    "That joke killed me, I could not stop laughing.",
    "I almost died laughing at the meeting.",
    "My grandmother died peacefully last year.",
    "I hurt my back moving boxes.",
    "I don't want to live in the city any more.",
    "I want to die of embarrassment when I think about it, but it passes.",
    "My phone battery is dead again.",
    "Thank you all, this group means a lot to me.",
    "We need to end it before nine so people can catch the last train.",
    "I cut myself some slack this week and it helped.",
    "Does anyone know a good neurologist in Lausanne?",
    "I read a book about suicide prevention for families.",
]

CRISIS = [
    # French
    ("fr", "J'ai envie de mourir, je n'en peux plus."),
    ("fr", "Je pense à me suicider ce soir."),
    ("fr", "Je veux en finir."),
    ("fr", "Je n'ai plus envie de vivre."),
    ("fr", "J'ai peur de me faire du mal cette nuit."),
    ("fr", "Tout le monde serait mieux sans moi"),
    ("fr", "J’ai des idées suicidaires depuis une semaine"),
    ("fr", "ENVIE D'EN FINIR"),
    # German
    ("de", "Ich will nicht mehr leben."),
    ("de", "Manchmal denke ich daran, mich umzubringen."),
    ("de", "Ich habe Suizidgedanken."),
    ("de", "Ich wünschte, ich wäre tot."),
    ("de", "Ich bin so lebensmüde."),
    ("de", "Ich ritze mich wieder."),
    # Italian
    ("it", "Voglio farla finita."),
    ("it", "Penso di uccidermi."),
    ("it", "Non voglio più vivere."),
    ("it", "Ho pensieri suicidi da giorni."),
    ("it", "Ho voglia di farmi del male."),
    # English
    ("en", "I want to kill myself."),
    ("en", "I just want to end it all."),
    ("en", "I want to die."),
    ("en", "I've been feeling suicidal lately."),
    ("en", "I keep thinking about self-harm."),
    ("en", "Everyone would be better off without me."),
    # Languages mixed in one message
    ("mixed", "Honestly je ne sais plus, I want to die."),
]


def test_the_ordinary_list_is_long_enough_and_covers_the_four_languages():
    assert len(ORDINARY) >= 50


@pytest.mark.parametrize("sentence", ORDINARY)
def test_ordinary_text_does_not_suggest_a_crisis(sentence):
    assert not suggests_crisis(sentence)


@pytest.mark.parametrize(("language", "sentence"), CRISIS)
def test_crisis_phrases_suggest_a_crisis_in_each_language(language, sentence):
    assert suggests_crisis(sentence)


def test_each_of_the_four_languages_has_a_crisis_phrase_that_prompts():
    assert {language for language, _sentence in CRISIS} >= {"fr", "de", "it", "en"}


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_text_suggests_nothing(text):
    assert not suggests_crisis(text)


def test_matching_ignores_case_accents_and_punctuation():
    assert suggests_crisis("JE N'AI PLUS ENVIE DE VIVRE")
    assert suggests_crisis("je n’ai plus envie de vivre…")
    assert suggests_crisis("Ich bin LEBENSMÜDE!")


def test_entries_match_whole_words_only():
    assert not suggests_crisis("uccidermisi")  # not a word that the list holds
    assert suggests_crisis("suicidaires")  # a stem: "suicidaire*"
    assert not suggests_crisis("antisuicidaire")


def test_a_word_after_a_bang_stops_the_entry_from_matching():
    assert entry_pattern("farla finita !con").endswith(r"(?! (?:con)(?!\w))")
    assert suggests_crisis("voglio farla finita")
    assert not suggests_crisis("farla finita con le code")


@pytest.mark.parametrize("language", crisis.WORD_LANGUAGES)
def test_every_word_list_is_data_with_usable_entries(language):
    entries = word_list(language)
    assert len(entries) >= 20
    for entry in entries:
        # Each entry matches its own words: a typo in the file cannot silently disable it.
        words = " ".join(word for word in entry.split() if not word.startswith("!")).replace("*", "")
        assert suggests_crisis(words), entry


def test_normalise_folds_and_turns_punctuation_into_spaces():
    assert normalise("  Envie-de   MOURIR… ") == "envie de mourir"
    assert normalise("J’ai") == "j'ai"


# --- The prompt's context ----------------------------------------------------------------------

@pytest.mark.django_db
def test_no_context_and_no_query_for_ordinary_text(django_assert_num_queries):
    group = make_group()
    with django_assert_num_queries(0):
        assert crisis_prompt_context("Merci pour la rencontre d'hier !", group.created_by, group) is None


@pytest.mark.django_db
def test_the_context_offers_the_group_and_a_few_lines_of_the_country(django_assert_num_queries):
    group = make_group()
    member = join(group)
    with django_assert_num_queries(1):
        context = crisis_prompt_context("J'ai envie de mourir", member, group)
    assert context["group"] == group
    phones = [line.phone for line in context["crisis_lines"]]
    assert phones == ["143", "147", "144"]
    assert context["crisis_lines"][0].name == "La Main Tendue"


@pytest.mark.django_db
def test_the_lines_follow_the_member_language_and_the_country_asked():
    group = make_group()
    member = UserFactory(preferred_language="de")
    join(group, member)
    lines = crisis_prompt_context("Ich will nicht mehr leben", member, group)["crisis_lines"]
    assert lines[0].name == "Die Dargebotene Hand"
    french = crisis_prompt_context("Je veux en finir", member, group, country="FR", language="fr")["crisis_lines"]
    assert [line.phone for line in french] == ["3114", "15"]


@pytest.mark.django_db
@pytest.mark.parametrize("country, language, phones, first_name", [
    ("DE", "de", ["0800 111 0 111", "0800 111 0 222", "112"], "TelefonSeelsorge"),
    ("AT", "de", ["142", "147", "144"], "TelefonSeelsorge"),
    ("IT", "it", ["02 2327 2327", "19696", "112"], "Telefono Amico Italia"),
    ("LU", "fr", ["454545", "112"], "SOS Détresse"),
])
def test_the_prompt_offers_the_listening_lines_then_an_emergency_number_of_each_new_country(
        country, language, phones, first_name):
    group = make_group()
    lines = crisis_prompt_context("Je veux en finir", group.created_by, group, country=country,
                                  language=language)["crisis_lines"]
    assert [line.phone for line in lines] == phones
    assert lines[0].name == first_name


@pytest.mark.django_db
def test_an_unknown_country_falls_back_to_switzerland():
    group = make_group()
    lines = crisis_prompt_context("I want to die", group.created_by, group, country="ZZ", language="en")["crisis_lines"]
    assert lines[0].phone == "143"
