"""Contact word lists read from each language's lexicon (`[contact]` in letters/screening/lexicon/*.toml).

These lists were written in the code before; a translator now edits them in the lexicon. Every
language has each of them, and each list still does its work, in more than one language:

* `rest_of_number_cues` ("the rest", "resten", "la suite"): after them the rest of a number may
  be a short part with letters for digits;
* `not_a_name_words` ("to", "til", "på", "sur"): the word before an e-mail typed with spaces is
  not taken into its name;
* `own_address_words` and `own_address_possessives` ("live", "bor", "habite"; "our", "vores",
  "notre"): the writer's own address outweighs opening hours told beside it;
* `building_words` ("bât.", "opgang", "oppgang", "block"): a building between the street and the
  town keeps the address in one piece.
"""

import pytest

from letters.screening.contact_lexicon import LANGUAGES, contact_words
from tests.letters.test_screening_contact_forms import ADDRESS, EMAIL, PHONE, assert_covered, findings

MOVED_KEYS = ("rest_of_number_cues", "not_a_name_words", "own_address_words", "own_address_possessives", "building_words")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_the_moved_contact_words(language):
    for key in MOVED_KEYS:
        assert contact_words(language, key), key


def test_var_is_not_a_norwegian_address_possessive():
    # Folded, "vår adresse" reads "var adresse" ("was address"): a verb, not the writer's own.
    assert "vår" in contact_words("nb", "own_address_words")
    assert "vår" not in contact_words("nb", "own_address_possessives")


@pytest.mark.parametrize(("language", "region", "text", "fragment"), [
    ("en", "GB", "my mobile starts 07700 and the rest is 9OO 123", "07700 and the rest is 9OO 123"),
    ("da", "DK", "mit nummer er 20 og resten er 4I 87 36", "20 og resten er 4I 87 36"),
    ("nb", "NO", "nummeret mitt er 47 og resten er 8I 22 3O", "47 og resten er 8I 22 3O"),
    ("fr", "FR", "mon numéro c'est 06 12 et la suite c'est 4S 87 3O", "06 12 et la suite c'est 4S 87 3O"),
])
def test_the_rest_of_a_number_after_its_cue_is_a_phone_part(language, region, text, fragment):
    assert_covered(text, language, PHONE, fragment, region)


@pytest.mark.parametrize(("language", "text", "address"), [
    ("en", "write to lucy (at) gmail (dot) com (no spaces)", "lucy (at) gmail (dot) com"),
    ("da", "skriv til frida snabel-a hotmail punktum dk (uden mellemrum)", "frida snabel-a hotmail punktum dk"),
    ("nb", "skriv til meg på ida (krøll) gmail (punktum) com (uten mellomrom)", "ida (krøll) gmail (punktum) com"),
    ("fr", "écris-moi sur lina arobase gmail point com (sans espaces)", "lina arobase gmail point com"),
])
def test_the_word_before_an_email_typed_with_spaces_is_not_its_name(language, text, address):
    assert (EMAIL, address) in findings(text, language)


@pytest.mark.parametrize(("language", "region", "text", "fragment"), [
    # The writer lives there ("live at", "bor på", "bor i", "habite au").
    ("en", "GB", "Me and mum live at 14 Oak Street, Leeds. The cafe downstairs is open 8 to 6.", "14 Oak Street, Leeds"),
    ("da", "DK", "Vi to bor på Rosenvej 12, 8000 Aarhus C. Bageren nedenunder har åbent til kl 22.",
     "Rosenvej 12, 8000 Aarhus C"),
    ("nb", "NO", "Vi to bor i Storgata 5, 0155 Oslo. Kiosken nede i gata har åpent til kl 23.", "Storgata 5, 0155 Oslo"),
    ("fr", "FR", "Ma famille habite au 12 rue des Lilas, 69003 Lyon. La boulangerie en bas est ouverte de 7h à 19h.",
     "12 rue des Lilas, 69003 Lyon"),
    # "our address", "vores adresse", "notre adresse".
    ("en", "GB", "Our address is 14 Oak Street, Leeds. The cafe downstairs is open 8 to 6.", "14 Oak Street, Leeds"),
    ("da", "DK", "Vores adresse er Rosenvej 12, 8000 Aarhus C. Bageren nedenunder har åbent til kl 22.",
     "Rosenvej 12, 8000 Aarhus C"),
    ("fr", "FR", "Notre adresse c'est 12 rue des Lilas, 69003 Lyon. La boulangerie en bas est ouverte de 7h à 19h.",
     "12 rue des Lilas, 69003 Lyon"),
])
def test_the_writers_own_address_outweighs_opening_hours_beside_it(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "we live at 14 Mill Road, Block C, Leeds LS1 4DJ", "14 Mill Road, Block C, Leeds LS1 4DJ"),
    ("da", "vi bor på Rosenvej 12, opgang B, 8000 Aarhus C", "Rosenvej 12, opgang B, 8000 Aarhus C"),
    ("nb", "vi bor i Storgata 5, oppgang B, 0155 Oslo", "Storgata 5, oppgang B, 0155 Oslo"),
    ("fr", "j'habite 8 rue des Lilas, bât. C, 69003 Lyon", "8 rue des Lilas, bât. C, 69003 Lyon"),
    ("fr", "j'habite 8 rue des Lilas, esc. 2, 69003 Lyon", "8 rue des Lilas, esc. 2, 69003 Lyon"),
])
def test_a_building_between_street_and_town_keeps_the_address_whole(language, text, fragment):
    assert_covered(text, language, ADDRESS, fragment)
