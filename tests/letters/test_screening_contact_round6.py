"""Contact details in the shapes the u4 and u5 letters showed, in all four languages, and what stays quiet.

u4 and u5 were written by people who had not read the detector, measured once as unseen
splits and then folded into the development corpus. Each class of their contact misses and
false alarms has cases here in our own words (never the corpus letters):

* a number named as something else right before it (an order, a raffle ticket, a member
  number, "numéro de commande"), a public helpline, a quantity written with its thousands
  apart, and a range ("tickets 4512 to 4559"): not the writer's phone;
* a number given in parts with "the middle bit", "den andre delen", "le milieu", and a
  made-up or fictional mobile number written as mobile numbers are;
* Danish and Norwegian streets ending -vænget, -vangen, -alleen; "number 9 on Kestrel Way";
  a lower-case British postcode where the writer says it is their new home;
* a venue that "ligger på" / "holder til på" / "se trouve" an address: a public place.
"""

import pytest

from tests.letters.test_screening_contact_forms import ADDRESS, PHONE, assert_covered, findings

# ------------------------------------------------------------------ numbers that are not phones

OTHER_NUMBER_CASES = [
    ("en", "GB", "my booking reference is 4471 9920 1836 so we can check the seats"),
    ("en", "GB", "the raffle tickets were 7702 1234 567 and I lost"),
    ("da", "DK", "kundenummeret er 20 45 67 89 hvis mor skal ringe til butikken"),
    ("da", "DK", "mine lodder er 31 22 45 80 og 31 22 45 81, krydser fingre"),
    ("nb", "NO", "startnummeret mitt i løpet er 41 20 33 58 lol"),
    ("nb", "NO", "sporingsnummer 90 11 22 43 sier at pakka kommer fredag"),
    ("fr", "FR", "le numéro de commande c'est 06 12 44 87 90, il arrive mardi"),
    ("fr", "FR", "mon numéro d'adhérent 07 55 12 39 48 est sur la carte du club"),
]


@pytest.mark.parametrize(("language", "region", "text"), OTHER_NUMBER_CASES)
def test_a_number_named_as_something_else_is_not_a_phone(language, region, text):
    assert [kind for kind, _ in findings(text, language, region) if kind == PHONE] == []


HELPLINE_CASES = [
    ("en", "GB", "If it ever gets too much, Childline is free on 0800 1111, day or night."),
    ("da", "DK", "Du kan altid ringe til Livslinien på 70 201 201, hvis det bliver for tungt."),
    ("nb", "NO", "Husk at Kors på halsen svarer på 800 33 321 om du vil snakke med noen."),
    ("fr", "FR", "Si un jour ça ne va pas, Fil Santé Jeunes répond au 0 800 235 236, c'est gratuit."),
]


@pytest.mark.parametrize(("language", "region", "text"), HELPLINE_CASES)
def test_a_public_helpline_is_not_the_writers_number(language, region, text):
    assert [kind for kind, _ in findings(text, language, region) if kind == PHONE] == []


QUANTITY_CASES = [
    ("en", "GB", "light travels 299 792 458 metres every second, mad"),
    ("da", "DK", "der bor 5 960 000 mennesker i Danmark, sagde læreren"),
    ("nb", "NO", "jeg regnet ut at et år har 31 536 000 sekunder"),
    ("fr", "FR", "la Terre est à 149 600 000 km du Soleil, c'est énorme"),
]


@pytest.mark.parametrize(("language", "region", "text"), QUANTITY_CASES)
def test_a_quantity_with_its_thousands_apart_is_not_a_phone(language, region, text):
    assert findings(text, language, region) == []


RANGE_CASES = [
    ("en", "GB", "we sold raffle numbers 3301 to 3399 at the fair"),
    ("da", "DK", "vi har solgt nummer 5120 til 5168 til skolefesten"),
    ("nb", "NO", "jeg fikk billettene 7710 til 7755 i år"),
    ("fr", "FR", "on a vendu les billets 4401 à 4450 pour la kermesse"),
]


@pytest.mark.parametrize(("language", "region", "text"), RANGE_CASES)
def test_a_range_of_numbers_is_not_a_phone(language, region, text):
    assert [kind for kind, _ in findings(text, language, region) if kind == PHONE] == []


def test_a_number_named_as_something_else_is_still_a_phone_after_a_phone_cue():
    # The name must stand right before the number: "order" earlier in the sentence does not hide a phone.
    text = "my order came today!! text me on 07911 123456 when you get this"
    assert_covered(text, "en", PHONE, "07911 123456")


# ------------------------------------------------------------------ phones the letters hid

PARTS_CASES = [
    ("en", "GB", "ok so it starts 07931 and the middle bit is 284 and then it ends with 660. text me",
     "07931 and the middle bit is 284 and then it ends with 660"),
    ("da", "DK", "første del er 31 48, og den anden del er 27 90", "31 48, og den anden del er 27 90"),
    ("nb", "NO", "Første del er 912, og den andre delen er 44 018.", "912, og den andre delen er 44 018"),
    ("fr", "FR", "le début c'est 06 48 et le milieu c'est 22 puis 71 90", "06 48 et le milieu c'est 22 puis 71 90"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), PARTS_CASES)
def test_a_number_given_in_parts_is_one_phone(language, region, text, fragment):
    assert_covered(text, language, PHONE, fragment, region)


MADE_UP_MOBILE_CASES = [
    ("en", "GB", "you can get me on 07700 900 731 after school", "07700 900 731"),
    ("en", "US", "my cell is (312) 555-0186 if you wanna talk", "(312) 555-0186"),
    ("fr", "FR", "voilà mon 06 39 98 41 27 bisous", "06 39 98 41 27"),
    ("nb", "NO", "bare send til 412 09 883 så svarer jeg", "412 09 883"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), MADE_UP_MOBILE_CASES)
def test_a_mobile_number_outside_the_ranges_in_service_is_still_a_phone(language, region, text, fragment):
    assert_covered(text, language, PHONE, fragment, region)


def test_a_lottery_line_of_increasing_pairs_is_not_a_mobile_shape_when_named():
    text = "mes numéros de loto : 07 14 22 31 45 et le 3"
    # Named as lottery numbers, with a colon between: not a phone.
    assert [kind for kind, _ in findings(text, "fr", "FR") if kind == PHONE] == []


# ------------------------------------------------------------------ addresses

ADDRESS_CASES = [
    ("da", "DK", "vi er flyttet til bøgevænget 14 i 4000 roskilde, kom og se", "bøgevænget 14 i 4000 roskilde"),
    ("da", "DK", "jeg bor på Egevangen 3 i Køge nu", "Egevangen 3 i Køge"),
    ("nb", "NO", "nå bor vi i Lindealleen 22 i Bodø, rett ved skolen", "Lindealleen 22 i Bodø"),
    ("en", "GB", "come to my party, we're number 14 on Juniper Road, the one with the trampoline", "number 14 on Juniper Road"),
    ("en", "GB", "we moved!! new flat is on the top floor, leeds ls6 2ab, no garden tho", "ls6 2ab"),
    ("en", "GB", "My address is 3 Birch Close, Upper Weston, Bath BA1 4DF. Write soon",
     "3 Birch Close, Upper Weston, Bath BA1 4DF"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), ADDRESS_CASES)
def test_home_addresses_of_the_shapes_u4_and_u5_showed(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


PUBLIC_VENUE_CASES = [
    ("da", "DK", "Den Blå Planet ligger på Jacob Fortlingsvej 1, 2770 Kastrup, og der er hajer."),
    ("nb", "NO", "Vitenskapsmuseet holder til på Erling Skakkes gate 47, 7012 Trondheim, gratis for barn."),
    ("en", "GB", "The science centre is located at 12 Harbour Road, Bristol BS1 5DB, and it opens at ten."),
    ("fr", "FR", "La Cité de l'espace se trouve avenue Jean Gonord, 31500 Toulouse, on y va en juin."),
]


@pytest.mark.parametrize(("language", "region", "text"), PUBLIC_VENUE_CASES)
def test_the_address_of_a_venue_that_lies_there_is_public(language, region, text):
    assert [kind for kind, _ in findings(text, language, region) if kind == ADDRESS] == []


def test_a_home_address_after_i_live_is_kept_even_near_a_venue_verb():
    text = "jeg bor på Kirkevænget 8 i Vejle, skolen ligger på hjørnet"
    assert_covered(text, "da", ADDRESS, "Kirkevænget 8 i Vejle")
