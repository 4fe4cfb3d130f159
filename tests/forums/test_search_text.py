"""The word normaliser shared by the stored search text and the query."""

import pytest

from forums.search_text import indexed_text, stem_de, stem_fr, stems, words


@pytest.mark.parametrize("forms", [
    ("deuil", "deuils", "Deuils"),
    ("journal", "journaux"),
    ("pleurer", "pleurez", "pleure", "pleurées", "Pleurés"),
    ("épilepsie", "Epilepsies", "ÉPILEPSIE"),
    ("fatigue", "fatigué", "fatiguée", "fatigues"),
    ("bureau", "bureaux"),
])
def test_french_word_forms_share_one_stem(forms):
    assert len({stem_fr(word) for text in forms for word in words(text)}) == 1


@pytest.mark.parametrize("forms", [
    ("Trauer", "trauern", "trauernde", "Trauernden"),
    ("Kind", "Kinder", "Kindern"),
    ("Gruppe", "Gruppen"),
    ("Mutter", "Mütter"),
    ("Schmerz", "Schmerzen"),
    ("Sucht", "Süchte"),
])
def test_german_word_forms_share_one_stem(forms):
    assert len({stem_de(word) for text in forms for word in words(text)}) == 1


def test_different_words_keep_different_stems():
    assert stem_fr("deuil") != stem_fr("deux")
    assert stem_de("Trauer") != stem_de("Traum")


def test_no_rule_leaves_a_stem_shorter_than_three_letters():
    for word in ("mer", "les", "ses", "nez", "eux", "aux", "Tee", "ist", "ein", "es"):
        assert len(stem_fr(word)) >= min(3, len(word))
        assert len(stem_de(word)) >= min(3, len(word))


def test_words_are_folded_and_split_on_punctuation_and_underscores():
    assert words("L'Épilepsie, c'est_dur : 3 crises!") == ["epilepsie", "est", "dur", "3", "crises"]


def test_like_wildcards_never_reach_the_stored_text():
    assert "%" not in indexed_text("100 % de réussite, un_mot", "fr")
    assert "_" not in indexed_text("100 % de réussite, un_mot", "fr")


def test_the_stored_text_puts_every_stem_between_spaces():
    assert indexed_text("Mes deuils", "fr") == " mes deuil "


def test_italian_and_english_are_folded_without_stemming():
    assert stems("Città Houses", "it") == ["citta", "houses"]
    assert stems("Houses", "en") == ["houses"]
