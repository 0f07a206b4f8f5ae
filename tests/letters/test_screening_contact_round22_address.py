"""Street addresses in the shapes u19's letters showed (r22), in our own words, and what stays quiet.

* the flat, floor and entrance before the street, which house it is before the address, and a
  house's or addressee's name with small words or "c/o" before it (widening only);
* a house number and its street told as two facts, a postcode told first with the house after it,
  the writer's own postcode with its town, and post office boxes;
* an addressee after a sending verb is no venue; "hos mig" is the writer's place; Norwegian floors;
* a flat, room or pitch in a named estate or campsite where the writer says they live;
* a street, what tells the house, then its number at the end of the clause;
* a capitalised name and a house number after "jeg bor på", "we're at".
"""

import pytest

from tests.letters.test_screening_contact_forms import ADDRESS, assert_covered, findings

WIDENED_CASES = [
    ("nb", "NO", "vi har flyttet til 3. etasje, oppgang A, Fjordgata 12", "3. etasje, oppgang A, Fjordgata 12"),
    ("da", "DK", "vi bor nu opgang C, 3. tv., Søndergade 40, 8000 Aarhus C", "opgang C, 3. tv., Søndergade 40, 8000 Aarhus C"),
    ("fr", "FR", "notre appart c'est escalier A, 3e étage, 12 rue Nationale, 59000 Lille",
     "escalier A, 3e étage, 12 rue Nationale, 59000 Lille"),
    ("en", "GB", "our house is the blue one on Mill Lane, number 9", "the blue one on Mill Lane, number 9"),
    ("da", "DK", "vores hus er det røde på Bakkevej, nr. 3", "det røde på Bakkevej, nr. 3"),
    ("fr", "FR", "chez nous c'est la porte bleue au 9 rue du Pont, Vannes", "la porte bleue au 9 rue du Pont, Vannes"),
    ("fr", "FR", "écris-moi à la Ferme des Chênes, route de Rennes, 35000 Rennes",
     "Ferme des Chênes, route de Rennes, 35000 Rennes"),
    ("nb", "NO", "send pakken til c/o Berit Lund, Granveien 4, 0580 Oslo", "c/o Berit Lund, Granveien 4, 0580 Oslo"),
    ("en", "GB", "please post it to Mr T. Green, 5 Ash Road, Leeds LS6 1AA", "Mr T. Green, 5 Ash Road, Leeds LS6 1AA"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), WIDENED_CASES)
def test_what_stands_before_an_address_is_part_of_it(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


TOLD_IN_PARTS_CASES = [
    ("en", "GB", "our house number is 14 and the street is Birch Avenue", "14 and the street is Birch Avenue"),
    ("en", "GB", "house: 9, street: Mill Road, town: Ripon", "9, street: Mill Road, town: Ripon"),
    ("da", "DK", "vores husnummer er 12 og vejen hedder Kløvervej", "12 og vejen hedder Kløvervej"),
    ("nb", "NO", "husnummeret mitt er 3 og gata heter Sagveien. Det ligger i Hamar", "3 og gata heter Sagveien. Det ligger i Hamar"),
    ("fr", "FR", "notre numéro c'est le 18 et la rue c'est rue des Mimosas", "18 et la rue c'est rue des Mimosas"),
    ("en", "GB", "my street is Oak Avenue and we're the house with the swing, number 8",
     "Oak Avenue and we're the house with the swing, number 8"),
    ("en", "GB", "my postcode is LS2 9JT and the house number is 17", "LS2 9JT and the house number is 17"),
    ("da", "DK", "mit postnummer er 7100 Vejle og husnummeret er 8", "7100 Vejle og husnummeret er 8"),
    ("nb", "NO", "postnummeret mitt: 7030 Trondheim", "7030 Trondheim"),
    ("fr", "FR", "mon code postal c'est 69003 Lyon et le numéro c'est 12", "69003 Lyon et le numéro c'est 12"),
    ("en", "US", "you can mail it to PO Box 318, Dayton OH 45402", "PO Box 318, Dayton OH 45402"),
    ("da", "DK", "skriv til Postboks 44, 8000 Aarhus C", "Postboks 44, 8000 Aarhus C"),
    ("fr", "FR", "écris à BP 45, 35000 Rennes", "BP 45, 35000 Rennes"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), TOLD_IN_PARTS_CASES)
def test_an_address_told_in_parts_is_found(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


OTHER_NEW_CASES = [
    ("da", "DK", "du kan sende tegningen til Karen Holm, Egevej 3, 5000 Odense C.", "Karen Holm, Egevej 3, 5000 Odense C"),
    ("fr", "FR", "tu peux envoyer le dessin à Paul Martin, 8 rue des Lilas, 44000 Nantes.",
     "Paul Martin, 8 rue des Lilas, 44000 Nantes"),
    ("da", "DK", "Bogen ligger hos mig på Lærkevej 5, 4000 Roskilde", "Lærkevej 5, 4000 Roskilde"),
    ("nb", "NO", "vi bor i Storgata 210, 4. etasje", "Storgata 210, 4. etasje"),
    ("en", "GB", "i live in Maple Court, flat 12, Hull", "Maple Court, flat 12"),
    ("nb", "NO", "jeg bor i Solsiden, leilighet 31, Tromsø", "Solsiden, leilighet 31"),
    ("fr", "FR", "on habite cité des Lilas, bâtiment B, appartement 14", "cité des Lilas, bâtiment B, appartement 14"),
    ("en", "GB", "I live on Park Terrace, the house with the blue gate, number 5", "Park Terrace, the house with the blue gate, number 5"),
    ("da", "DK", "jeg bor på Lindevej i Ribe, huset med den gule dør, nr. 4", "Lindevej i Ribe, huset med den gule dør, nr. 4"),
    ("fr", "FR", "j'habite rue des Roses, la maison avec le portail vert, au 7", "rue des Roses, la maison avec le portail vert, au 7"),
    ("nb", "NO", "huset mitt er det siste i Bjørkeveien (nr. 11), Moss", "Bjørkeveien (nr. 11), Moss"),
    ("da", "DK", "jeg bor på Højen 7 i Vejle", "Højen 7"),
    ("nb", "NO", "vi bor på Haugen 4, Os", "Haugen 4"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), OTHER_NEW_CASES)
def test_more_homes_are_found(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


QUIET_CASES = [
    ("en", "GB", "my zip code is 60614 but the exam centre is far away"),
    ("en", "GB", "we have maths in Science Block, room 14 on Tuesdays"),
    ("en", "GB", "the match is at Hartley Park, pitch 3, at 10 o'clock"),
    ("da", "DK", "vi bor på et vandrerhjem i Skagen, værelse 12, på lejrskolen"),
    ("nb", "NO", "vi var 10 dager i leilighet 4C, 3. etasje, på Kreta"),
    ("fr", "FR", "Papi est à l'hôpital, chambre 214 au 2e étage, on y va dimanche"),
    ("fr", "FR", "on a dormi au camping à Biarritz, emplacement 42, trop bien"),
    ("da", "DK", "jeg bor i Danmark 2 år nu og kan godt lide det"),
    ("en", "GB", "we walked down Station Road, past the shops, number 6 bus was late"),
    ("nb", "NO", "vi var på biblioteket i Storgata, rom 3, og lånte bøker"),
    ("en", "GB", "the library on Main Street has a new reading corner"),
    ("da", "DK", "min klasse er 7B og vi har 28 elever"),
]


@pytest.mark.parametrize(("language", "region", "text"), QUIET_CASES)
def test_ordinary_sentences_stay_without_an_address(language, region, text):
    assert [found for kind, found in findings(text, language, region) if kind == ADDRESS] == []
