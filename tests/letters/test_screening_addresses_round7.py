"""Home addresses in the shapes the u6 letters showed, in all four languages, and venues that stay quiet.

u6 was written by five people who had not read the detector, measured once as the unseen
split and then folded into the development corpus. Each class of its address misses and
false alarms has cases here in our own words (never the corpus letters):

* a venue whose letter tells its opening hours or entry fee is a public place, whatever its
  name ("Dokk1", "Cité de l'espace"), unless the writer says the address is theirs;
* the town after a home's street, in any case, after "i", "in", "à", "på" or a comma, with a
  district letter or the first half of a British postcode, and the floors after the town;
  but not the next words of the sentence ("i morgen", "à midi", ", and then");
* streets whose type is also an ordinary word ("close", "drive", "way") or written in lower
  case, where the writer has just said the place is theirs ("we moved", "send it to my house");
* "maple ridge dr 2217 apt 3b": the street type, then the number;
* "jernbanegata, nummer 17": a comma before a named number; a French housing estate with its
  building ("résidence les Ormes, bâtiment C").
"""

import pytest

from tests.letters.test_screening_contact_forms import ADDRESS, assert_covered, findings

# ------------------------------------------------------------------ venues with opening hours

VENUE_CASES = [
    ("en", "GB", "The science centre is at 4 Harbour Walk, Dundee DD1 4XA and it's open 10 till 5 at weekends."),
    ("en", "US", "Ask your dad about the railroad museum trip: 2200 W Pine St, Denver, CO 80204, opens 9am daily."),
    ("da", "DK", "Prøv Kulturværftet, Allégade 2, 3000 Helsingør – der er åbent fra 10 til 16 om lørdagen."),
    ("nb", "NO", "Vitensenteret ligger ved Kongens gate 17, 7013 Trondheim. Det er åpent til kl. 17 i helgene."),
    ("fr", "FR", "Va voir la Ferme des étoiles, 12 route de Mauroux, 32380 Saint-Clar, ouvert de 14h à 19h l'été."),
    ("fr", "FR", "Le planétarium de Vaulx, place de la Nation, 69120 Vaulx-en-Velin : horaires sur le site, entrée gratuite le dimanche."),
]


@pytest.mark.parametrize(("language", "region", "text"), VENUE_CASES)
def test_a_place_that_tells_its_opening_hours_is_a_venue(language, region, text):
    assert [kind for kind, _ in findings(text, language, region) if kind == ADDRESS] == []


HOME_WITH_HOURS_CASES = [
    ("en", "GB", "We live at 31 Thornfield Avenue, Leeds LS8 2QT, and the shop under us is open 8 till 10."),
    ("da", "DK", "Jeg bor på Egernvej 9, 8210 Aarhus V, bageren ved siden af har åbent fra 6."),
    ("nb", "NO", "Vi bor i Solbakken 12, 1430 Ås, og butikken på hjørnet er åpen til 23."),
    ("fr", "FR", "J'habite au 8 rue des Cerisiers, 35000 Rennes, la boulangerie en bas ouvre à 7h."),
]


@pytest.mark.parametrize(("language", "region", "text"), HOME_WITH_HOURS_CASES)
def test_a_home_stays_held_when_a_shop_nearby_tells_its_hours(language, region, text):
    assert ADDRESS in [kind for kind, _ in findings(text, language, region)]


# ------------------------------------------------------------------ the town after the street

TOWN_AFTER_CASES = [
    ("en", "GB", "new house is 6 heron close, tamworth. come visit!", "6 heron close, tamworth"),
    ("en", "GB", "i live at 22 ash grove, bolton BL3 and we have a dog", "22 ash grove, bolton BL3"),
    ("da", "DK", "vi bor på bøgevej 21 i ringsted, det røde hus", "bøgevej 21 i ringsted"),
    ("da", "DK", "min adresse er vestergade nr 4, 1. sal, odense c.", "vestergade nr 4, 1. sal, odense c"),
    ("nb", "NO", "vi bor i granveien 3 på stabekk nå", "granveien 3 på stabekk"),
    ("nb", "NO", "jeg bor i kirkegata 40 i moss, i 2. etasje", "kirkegata 40 i moss, i 2. etasje"),
    ("fr", "FR", "on habite rue des roses, au 9, à lorient, passe quand tu veux", "rue des roses, au 9, à lorient"),
    ("fr", "FR", "j'habite 5 rue du port à sète, viens", "5 rue du port à sète"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), TOWN_AFTER_CASES)
def test_the_town_after_a_home_street_is_part_of_the_address(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


NOT_A_TOWN_CASES = [
    ("en", "GB", "I live at 14 Oak Street, and then my nan lives next door", "14 Oak Street"),
    ("da", "DK", "Jeg bor på Rosenvej 12 i weekenden hos far", "Rosenvej 12"),
    ("nb", "NO", "Vi bor i Storgata 5 i helgen, ellers hos mamma", "Storgata 5"),
    ("fr", "FR", "J'habite 3 rue des Lilas à midi je mange chez mamie", "3 rue des Lilas"),
    ("fr", "FR", "J'habite 3 rue des Lilas, avec ma mère et mon frère", "3 rue des Lilas"),
]


@pytest.mark.parametrize(("language", "region", "text", "street"), NOT_A_TOWN_CASES)
def test_the_next_words_of_the_sentence_are_not_a_town(language, region, text, street):
    assert (ADDRESS, street) in findings(text, language, region)


# ------------------------------------------------------------------ streets told as the writer's own

OWN_STREET_CASES = [
    ("en", "GB", "we moved last week! new place is 27 willow close, just behind the school", "27 willow close"),
    ("en", "GB", "post it to my house not school, its larch drive number 8", "larch drive number 8"),
    ("en", "US", "you can mail it to my house, its cedar hill dr 1460 apt 2c", "cedar hill dr 1460 apt 2c"),
    ("da", "DK", "vi bor på lærkevej i hobro nr 5", "lærkevej i hobro nr 5"),
    ("nb", "NO", "send det hit: jeg bor i skolegata, nummer 11, 2. etasje", "skolegata, nummer 11, 2. etasje"),
    ("fr", "FR", "passe chez nous, c'est résidence les Ormes, bâtiment C, appartement 12", "résidence les Ormes, bâtiment C, appartement 12"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), OWN_STREET_CASES)
def test_a_street_the_writer_says_is_theirs(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


ORDINARY_STREET_WORD_CASES = [
    ("en", "GB", "we moved to the flat on main street 3 weeks ago and it's fine"),
    ("en", "GB", "we came close to winning, it was 2 close games in a row"),
    ("en", "US", "we live near the park so we walked the long way 2 times"),
    ("fr", "FR", "la cité de la musique, escalier A, c'était le concert de l'école ouvert à 19h"),
]


@pytest.mark.parametrize(("language", "region", "text"), ORDINARY_STREET_WORD_CASES)
def test_ordinary_words_of_a_street_type_stay_quiet(language, region, text):
    assert [kind for kind, _ in findings(text, language, region) if kind == ADDRESS] == []
