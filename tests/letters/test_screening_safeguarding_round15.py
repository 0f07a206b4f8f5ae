"""Safeguarding rules of the fifteenth round: suicide methods and plans, and neglect, from u13.

u13 (9,088 letters by eight writers who had not read the detector) was measured once as the
unseen split of the fourteenth round and then folded into the development corpus; its
children's missed disclosures were read for this round. The rules alone missed plain words
for a method ("I tried to hang myself"), someone else's suicide asked about, and a child left
alone or without care for days. Every case is checked with the rules alone, in all four
languages, next to an ordinary sentence of the same words; the sentences are our own.
"""

import pytest

from tests.letters.screening_checks import urgent_concepts


@pytest.mark.parametrize("language, text", [
    ("en", "Dear Ruth, on Tuesday I tried to hang myself in the shed but the beam cracked."),
    ("da", "Kære Lone, i tirsdags prøvede jeg at hænge mig i skuret, men bjælken knækkede."),
    ("nb", "Kjære Kari, på tirsdag prøvde jeg å henge meg i boden, men bjelken knakk."),
    ("fr", "Chère Anne, mardi j'ai essayé de me pendre dans l'abri de jardin mais la poutre a cassé."),
])
def test_a_method_said_plainly_is_urgent(language, text):
    assert "suicidal" in urgent_concepts(text, language)


@pytest.mark.parametrize("language, text", [
    ("en", "last night I looked up painless ways to die until 3am"),
    ("da", "i nat søgte jeg på smertefri måder at dø på til kl 3"),
    ("nb", "i natt leste jeg om måter å dø på helt til klokka 3"),
    ("fr", "cette nuit j'ai lu sur les façons de mourir jusqu'à 3h"),
])
def test_reading_about_ways_to_die_is_urgent(language, text):
    assert "suicidal" in urgent_concepts(text, language)


@pytest.mark.parametrize("language, text", [
    ("en", "My great-gran died at 97 in her sleep, mum says it was a good way to go."),
    ("da", "Min oldemor døde som 97-årig i søvne, far siger det var en god måde at dø på."),
    ("nb", "Oldemor døde 97 år gammel i søvne, pappa sier det var en fin måte å dø på."),
    ("fr", "Je me suis perdue trois fois dans le nouveau collège la première semaine."),
])
def test_ordinary_sentences_with_the_same_words_stay_quiet(language, text):
    assert urgent_concepts(text, language) == set()


@pytest.mark.parametrize("language, text", [
    ("en", "my dad leaves me on my own for days when he goes to his girlfriend's"),
    ("da", "min astmamedicin løb tør for tre uger siden og ingen henter ny"),
    ("nb", "mamma vil ikke ta meg til legen selv om øret har vondt i ukevis"),
    ("fr", "j'ai une otite depuis deux semaines et personne m'a soignée"),
])
def test_a_child_left_alone_or_without_care_is_urgent(language, text):
    assert "neglect" in urgent_concepts(text, language)
