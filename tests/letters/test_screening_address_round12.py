"""Home addresses told in pieces, in all four languages, beside near misses.

u10 (3,840 letters by eight writers who had not read the detector) was measured as the
unseen split and then folded into the development corpus at the start of the twelfth round.
Its home addresses were the weakest contact class (75 of 133 held). Three shapes explain most
of the misses the round read; each has cases here in our own words (never the corpus
letters), each beside a near miss that must stay quiet or stay as it was:

* a street with a comma and a named number after it ("Bækkevej, nr. 42", "Granveien,
  nummeret er 9", "husnummeret er 7"); a street followed by a comma and a bare count is not;
* the postcode told after the address, in its sentence or one of the next two, after a
  postcode word (`postcode_words`: "postcode", "postnummeret er", "le code postal c'est"): the
  address is widened over it; a postcode word with no address before it makes none;
* a public place named right after a word of nearness (`landmark_words`: "next to the
  church", "rett ved Domkirka", "derrière la pharmacie") tells where the home stands: the
  address is still held; a public place's own address is still left alone.
"""

import pytest

from tests.letters.test_screening_contact_forms import assert_covered, findings

ADDRESS = "contact.address"


def held_addresses(text: str, language: str, region: str) -> list[str]:
    """Return the text of every address finding in `text`."""
    return [covered for kind, covered in findings(text, language, region) if kind == ADDRESS]

NAMED_NUMBER_AFTER_A_COMMA_CASES = [
    ("da", "DK", "Du kan skrive til mig på Hyldebærvej, nr. 31, 2. sal, så kommer det frem.", "Hyldebærvej, nr. 31, 2. sal"),
    ("da", "DK", "Vi er flyttet! Vi bor på Tjørnevej, husnummeret er 12, i det røde hus.", "Tjørnevej, husnummeret er 12"),
    ("nb", "NO", "Jeg bor i Blåbærveien, nummeret er 14, helt nederst i bakken.", "Blåbærveien, nummeret er 14"),
    ("nb", "NO", "Send brevet til Kirkegata, nummer 58, så får jeg det.", "Kirkegata, nummer 58"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), NAMED_NUMBER_AFTER_A_COMMA_CASES)
def test_a_street_with_a_comma_and_a_named_number_is_an_address(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


@pytest.mark.parametrize(("language", "region", "text"), [
    ("da", "DK", "Vi gik hele Strandvejen, 12 kilometer, og så tog vi bussen hjem."),
    ("nb", "NO", "I Storgata, 40 personer i kø foran kinoen, og vi kom ikke inn."),
])
def test_a_street_with_a_comma_and_a_bare_count_is_not(language, region, text):
    assert held_addresses(text, language, region) == []


POSTCODE_TOLD_AFTER_CASES = [
    ("en", "GB", "We moved to Cedar Close, number 9, in Banbury. the postcode is OX16 4TW if you need it.",
     "Cedar Close, number 9, in Banbury. the postcode is OX16 4TW"),
    ("en", "US", "our new place is 1520 Juniper Street, in Akron. zip is 44310",
     "1520 Juniper Street, in Akron. zip is 44310"),
    ("da", "DK", "Vi bor på Pilevej 17 i Brande. Det er huset med den blå port. Postnummeret er 7330.",
     "Pilevej 17 i Brande. Det er huset med den blå port. Postnummeret er 7330"),
    ("nb", "NO", "Vi har flyttet til Fjordgata, nummer 6, og postnummeret er 7010 Trondheim.",
     "Fjordgata, nummer 6, og postnummeret er 7010 Trondheim"),
    ("fr", "FR", "J'habite 12 rue des Lilas, à Albi, le code postal c'est 81000.",
     "12 rue des Lilas, à Albi, le code postal c'est 81000"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), POSTCODE_TOLD_AFTER_CASES)
def test_a_postcode_told_after_the_address_is_held_with_it(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "GB", "In geography we learnt what a postcode is. Ours start with two letters, like OX or LS, and Mr Hill "
                 "made us guess which city each one was."),
    ("da", "DK", "Postnummeret 8000 er Aarhus, det lærte vi i dag. Vi skulle finde 10 byer på kortet."),
    ("fr", "FR", "En géo on a appris que le code postal de Paris commence par 75. Trop facile."),
])
def test_a_postcode_word_without_an_address_makes_none(language, region, text):
    assert held_addresses(text, language, region) == []


LANDMARK_CASES = [
    ("en", "GB", "We live at 14 Rowan Road, Ely, next to the church with the tall spire.", "14 Rowan Road, Ely"),
    ("da", "DK", "Nu bor vi på Lærkevej 8, 7100 Vejle, lige ved biblioteket.", "Lærkevej 8, 7100 Vejle"),
    ("nb", "NO", "Nå bor vi i Sjøgata 3B, 8006 Bodø, rett ved museet.", "Sjøgata 3B, 8006 Bodø"),
    ("fr", "FR", "On habite 7 rue Pasteur, à Niort, juste derrière la mairie.", "7 rue Pasteur, à Niort"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), LANDMARK_CASES)
def test_a_public_place_next_to_the_home_is_a_landmark(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "GB", "On Saturday we went to the museum, 12 Castle Street, and saw the dinosaur bones."),
    ("da", "DK", "Vi var på biblioteket, Vestergade 21, og lånte tre bøger om heste."),
    ("nb", "NO", "Vi var på museet i Storgata 7 og så på vikingskipene."),
    ("fr", "FR", "Mercredi on est allés à la médiathèque, 3 rue Victor Hugo, pour l'atelier manga."),
])
def test_a_public_places_own_address_is_still_left_alone(language, region, text):
    assert held_addresses(text, language, region) == []
