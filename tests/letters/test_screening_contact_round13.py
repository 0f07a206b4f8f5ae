"""Contact rules of the thirteenth round, from the misses of batch u11, in all four languages.

u11 (5,120 letters by eight writers who had not read the detector) was measured once as the
unseen split of the twelfth round and then folded into the development corpus; its contact
misses were read for this round. The sentences below are our own, written for these tests.
"""

import pytest

from letters.screening import screen

from tests.letters.screening_checks import REGION


def found(text: str, language: str, *, author: str = "mentee") -> list[tuple[str, str]]:
    return [(finding.kind, text[finding.start:finding.end])
            for finding in screen(text, language=language, region=REGION[language], author_role=author)
            if finding.kind.startswith("contact.")]


def held_within(kind: str, detail: str, text: str, language: str) -> bool:
    """True if one finding of `kind` covers the whole of `detail` (redaction hides it in one piece)."""
    return any(found_kind == kind and detail in span for found_kind, span in found(text, language))


@pytest.mark.parametrize("language, text, address", [
    ("da", "Min adresse er Kollegievej 4, værelse 4.12, 8200 Aarhus N, skriv gerne.",
     "Kollegievej 4, værelse 4.12, 8200 Aarhus N"),
    ("nb", "Adressen er Elgeseter gate 28, rom 412, 7030 Trondheim.", "Elgeseter gate 28, rom 412, 7030 Trondheim"),
    ("nb", "Send kortet til Kongens gate 22, hybel 4, 8006 Bodø.", "Kongens gate 22, hybel 4, 8006 Bodø"),
    ("fr", "je suis à l'internat, 5 rue Jean Macé, chambre 212, 29200 Brest",
     "5 rue Jean Macé, chambre 212, 29200 Brest"),
    ("en", "My halls address is Room 14, 22 Park Road, Leeds LS6 3AB.", "Room 14, 22 Park Road, Leeds LS6 3AB"),
])
def test_a_room_between_the_street_and_the_town_is_part_of_one_address(language, text, address):
    assert held_within("contact.address", address, text, language)


@pytest.mark.parametrize("language, text, number", [
    ("en", "The first bit of my number is 07542. The rest is 608 119.", "07542. The rest is 608 119"),
    ("da", "Første del af mit nummer er 53 81. Resten er 66 20.", "53 81. Resten er 66 20"),
    ("fr", "mon numéro ça commence par 07 45. après c'est 31 88 26.", "07 45. après c'est 31 88 26"),
    ("nb", "Nummeret mitt er 97 40. Resten er 58 21.", "97 40. Resten er 58 21"),
])
def test_a_number_and_its_rest_close_by_are_one_finding(language, text, number):
    assert held_within("contact.phone", number, text, language)


def test_a_number_and_its_rest_on_another_line_stay_two_findings():
    text = "Mit nummer starter med 53 81.\nResten er 66 20."
    phones = [span for kind, span in found(text, "da") if kind == "contact.phone"]
    assert phones == ["53 81", "66 20"]


@pytest.mark.parametrize("language, text, code", [
    ("en", "add me, KirstyLamb or SW-4182-2290-5537 on the switch", "SW-4182-2290-5537"),
    ("nb", "vennekoden min SW-5127-8830-6641", "SW-5127-8830-6641"),
    ("da", "Min trænerkode er 4417 2093 8865", "4417 2093 8865"),
    ("fr", "mon code dresseur c'est 4417 2093 8865", "4417 2093 8865"),
])
def test_a_switch_code_and_a_trainer_code_are_social_contacts(language, text, code):
    assert held_within("contact.social", code, text, language)


@pytest.mark.parametrize("language, text", [
    ("en", "The raffle ticket was 4417 2093 8865 and I won nothing."),
    ("da", "Ordrenummeret er 4417 2093 8865, pakken kommer fredag."),
])
def test_twelve_digits_without_a_code_word_are_not_a_trainer_code(language, text):
    assert not [kind for kind, _span in found(text, language) if kind == "contact.social"]


def test_a_mentor_who_says_call_me_between_six_and_eight_gives_their_own_number():
    # "entre" (between) is not the Danish "entré" (admission), which made this a venue's line.
    text = "Tes parents peuvent m'appeler au 07 69 40 22 18, plutôt entre 18h et 20h."
    assert found(text, "fr", author="mentor") == [("contact.phone", "07 69 40 22 18")]


@pytest.mark.parametrize("language, text", [
    ("fr", "Le musée est ouvert tous les jours, appelez-les au 01 43 72 58 10"),
    ("da", "Tivoli, Vesterbrogade 3, entré koster 160 kr."),
])
def test_a_venue_open_to_visitors_is_still_not_a_contact(language, text):
    assert found(text, language) == []
