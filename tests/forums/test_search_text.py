"""The word normaliser shared by the stored search text and the query."""

import pytest

from forums.search_text import indexed_text, stem, stems, words


def one_stem(forms, language):
    return len({found for text in forms for found in stems(text, language)}) == 1


@pytest.mark.parametrize("forms", [
    ("deuil", "deuils", "Deuils"),
    ("journal", "journaux"),
    ("pleurer", "pleurez", "pleure", "pleurées", "Pleurés"),
    ("épilepsie", "Epilepsies", "ÉPILEPSIE"),
    ("fatigue", "fatigué", "fatiguée", "fatigues"),
    ("bureau", "bureaux"),
])
def test_french_word_forms_share_one_stem(forms):
    assert one_stem(forms, "fr")


@pytest.mark.parametrize("forms", [
    ("Trauer", "trauern"),
    ("trauernde", "Trauernden"),
    ("Kind", "Kinder", "Kindern"),
    ("Gruppe", "Gruppen"),
    ("Mutter", "Mütter"),
    ("Schmerz", "Schmerzen"),
    ("Sucht", "Süchte"),
])
def test_german_word_forms_share_one_stem(forms):
    assert one_stem(forms, "de")


@pytest.mark.parametrize("forms", [
    ("malattia", "malattie"),
    ("bambino", "bambini", "bambina", "bambine"),
    ("piangere", "piango", "piangendo"),
    ("città", "Citta"),
    ("depressione", "depressioni"),
])
def test_italian_word_forms_share_one_stem(forms):
    assert one_stem(forms, "it")


@pytest.mark.parametrize("forms", [
    ("house", "houses", "Houses"),
    ("grieving", "grieved", "grieves"),
    ("crying", "cries", "cried"),
    ("group", "groups"),
])
def test_english_word_forms_share_one_stem(forms):
    assert one_stem(forms, "en")


def test_the_stem_of_a_word_starts_the_stems_of_its_longer_forms():
    # A query word must start a stored stem: "Trauer" finds "trauernde".
    assert stem("trauernde", "de").startswith(stem("trauer", "de"))


def test_different_words_keep_different_stems():
    assert stem("deuil", "fr") != stem("deux", "fr")
    assert stem("trauer", "de") != stem("traum", "de")
    assert stem("lutto", "it") != stem("lotta", "it")
    assert stem("grief", "en") != stem("grill", "en")


@pytest.mark.parametrize("language", ["fr", "de", "it", "en"])
def test_no_stem_is_shorter_than_three_letters(language):
    for word in ("mer", "les", "ses", "nez", "eux", "aux", "tee", "ist", "ein", "es", "gli", "the", "is"):
        assert len(stem(word, language)) >= min(3, len(word))


def test_words_are_folded_and_split_on_punctuation_and_underscores():
    assert words("L'Épilepsie, c'est_dur : 3 crises!") == ["epilepsie", "est", "dur", "3", "crises"]


def test_like_wildcards_never_reach_the_stored_text():
    assert "%" not in indexed_text("100 % de réussite, un_mot", "fr")
    assert "_" not in indexed_text("100 % de réussite, un_mot", "fr")


def test_the_stored_text_puts_every_stem_between_spaces():
    assert indexed_text("Mes deuils", "fr") == " mes deuil "


def test_stems_are_folded_after_stemming_words_with_their_accents():
    assert stems("Pleurées", "fr") == ["pleur"]
    assert stems("Süchte", "de") == ["sucht"]
    assert stems("Città", "it") == ["citt"]


def test_stems_read_compatibility_forms_and_leave_out_single_letters():
    assert stems("L'Ｅｐｉｌｅｐｓｉｅ ﬁn", "fr") == ["epileps", "fin"]
