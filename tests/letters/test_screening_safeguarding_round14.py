"""Safeguarding rules of the fourteenth round: two phrases that matched ordinary letters.

Read from the rules' urgent alarms on the ordinary letters of the development corpus: "kms"
(kill myself) matched "km" by its lemma, and "ferait ... sauter" matched "en faisant sauter
la crêpe". Each case is checked in all four languages, with the rules alone; the sentences
are our own.
"""

import pytest

from tests.letters.screening_checks import urgent_concepts


@pytest.mark.parametrize("language, text", [
    ("en", "we walked about 12 km with the scouts and got back at 6."),
    ("da", "vi gik omkring 12 km med spejderne, about 12 km siger min engelsklærer."),
    ("nb", "vi gikk omtrent 12 km med speiderne, about 12 km som læreren sier."),
    ("fr", "on a marché about 12 km avec les scouts, comme dit mon cousin anglais."),
])
def test_a_distance_in_kilometres_is_no_kms(language, text):
    assert urgent_concepts(text, language) == set()


@pytest.mark.parametrize("language, text", [
    ("en", "honestly i might kms fr"),
    ("da", "ærligt jeg might kms fr"),
    ("nb", "ærlig talt i might kms fr"),
    ("fr", "franchement i might kms fr"),
])
def test_kms_itself_is_still_urgent(language, text):
    assert "suicidal" in urgent_concepts(text, language)


@pytest.mark.parametrize("language, text", [
    ("fr", "Pour la Chandeleur on devient riche en faisant sauter la crêpe avec une pièce dans la main."),
    ("en", "On pancake day we flip them high, faisant sauter la crêpe as my French teacher says."),
    ("da", "Til fastelavn vendte vi pandekager, faisant sauter la crêpe som fransklæreren siger."),
    ("nb", "På pannekakedagen snudde vi dem i lufta, faisant sauter la crêpe som fransklæreren sier."),
])
def test_flipping_a_pancake_is_no_jump(language, text):
    assert urgent_concepts(text, language) == set()


def test_lacking_the_courage_to_jump_is_still_urgent():
    assert "suicidal" in urgent_concepts("parfois je me dis que j'aurais pas le courage de sauter", "fr")
