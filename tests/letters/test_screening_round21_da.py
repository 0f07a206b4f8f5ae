"""Danish screening rules of the twenty-first round, from u19's misses.

u19 was folded into the development corpus this round; its Danish safeguarding items that
neither the rules nor the model caught were read, and the Danish lexicon gained the phrases
marked "r21: from u19's misses": a child's disclosures (a parent biting or pouring cold water
on the bed, no food at home, the highest building looked up, scalding oneself, a man showing
himself), the exploitation of a friend (sold to men, a model job abroad), and an adult's
grooming moves (a cabin to visit, asking when the flat is empty, a private chat, a cover story,
money sent). Each phrase was checked against the ordinary development letters before it went
in; several that fired on everyday words were narrowed (jumping from the pier, a parcel
courier, "sig bare til", "så smuk").

Each case is screened by the rules alone, next to ordinary sentences near the same words that
must stay quiet; the sentences are our own.
"""

import pytest

from tests.letters.screening_checks import urgent_concepts


@pytest.mark.parametrize("author, concept, text", [
    ("mentee", "abuse", "Min mor bider mig i armen, når hun bliver vred."),
    ("mentee", "abuse", "Min stedmor hældte iskoldt vand ud over min seng i nat."),
    ("mentee", "neglect", "Der er aldrig mad derhjemme, så jeg spiser kun i skolen."),
    ("mentee", "neglect", "Min lillesøster græder af sult når vi skal sove."),
    ("mentee", "suicidal", "Jeg har googlet den højeste bygning i byen og tænker meget på den."),
    ("mentee", "suicidal", "Jeg er helt færdig med livet og gider ikke mere."),
    ("mentee", "self_harm", "Jeg skoldede mine hænder under vandhanen med vilje."),
    ("mentee", "sexual", "En mand i parken blottede sig for os i går."),
    ("mentee", "exploitation", "Min kusine bliver solgt til ældre mænd af en fyr hun kender."),
    ("mentor", "grooming.meeting", "Du er velkommen til at komme til min hytte en weekend."),
    ("mentor", "grooming.personal_info", "Hvornår er lejligheden tom om eftermiddagen?"),
    ("mentor", "grooming.platform", "Jeg har lavet en privat chat til os to, så er det nemmere."),
    ("mentor", "grooming.secrecy", "Hvis din far spørger, så er det en gave fra klubben."),
    ("mentor", "grooming.gift", "Jeg har sat 200 kr. på dit rejsekort, så du kan komme rundt."),
])
def test_round21_da_catches(author, concept, text):
    assert concept in urgent_concepts(text, "da", author)


@pytest.mark.parametrize("author, text", [
    ("mentee", "Vi sprang fra molen ned i vandet hele sommeren."),
    ("mentee", "Jeg fik en ny cykel til min fødselsdag af mormor."),
    ("mentee", "Min mor sagde jeg skulle hælde koldt vand over pastaen."),
    ("mentor", "Sig bare til, hvis du har brug for hjælp til lektierne."),
    ("mentor", "Solnedgangen over fjorden var så smuk i går aftes."),
    ("mentor", "Min far kører pakker ud til folk, det er hans arbejde."),
])
def test_round21_da_everyday_stays_quiet(author, text):
    assert urgent_concepts(text, "da", author) == set()
