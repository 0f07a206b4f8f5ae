"""English screening rules of the twenty-first round, from u19's misses.

u19's letters were folded into the development corpus in this round; the English items that
neither the rules nor the model caught were read, and the English lexicon gained the phrases
marked "r21: from u19's misses": a child's disclosures of suicidal plans, self-harm, abuse,
neglect, sexual abuse and exploitation (forced work, a passport kept, trafficking, radicalised
talk), and an adult's grooming moves (a private channel, questions about when the house is
empty, requests for photos, gifts of money, meetings after everyone has gone, secrecy, flattery).
Each phrase was checked against the ordinary development letters before it went in.

Each case is screened by the rules alone, next to ordinary sentences near the new words that
must stay quiet; the sentences are our own.
"""

import pytest

from tests.letters.screening_checks import urgent_concepts


@pytest.mark.parametrize("author, concept, text", [
    ("mentee", "suicidal", "Lately I've been planning my funeral in my head, songs and all."),
    ("mentee", "self_harm", "I tried to break my own thumb on the door frame."),
    ("mentee", "self_harm", "I poured boiling water on my wrist so I'd feel something."),
    ("mentee", "abuse", "My stepmum shut me in the shed again because I was late."),
    ("mentee", "neglect", "We've been living without electricity since March and it's freezing."),
    ("mentee", "neglect", "Mum left me in the car for hours again outside the bingo."),
    ("mentee", "exploitation", "My neighbour's girl is being made to work in a nail salon and they keep her passport."),
    ("mentee", "exploitation", "My cousin was brought here to work and she sleeps on the kitchen floor."),
    ("mentee", "sexual", "The caretaker tried to touch me in the store room."),
    ("mentor", "grooming.platform", "If you ever want to swap to Kik, that works for me."),
    ("mentor", "grooming.personal_info", "Tell me which evenings the house is empty so I know when."),
    ("mentor", "grooming.photo", "Next time keep your camera on, I like to see you."),
    ("mentor", "grooming.secrecy", "Nobody will ever know about our chats, I promise."),
    ("mentor", "grooming.meeting", "Could you stay behind once everyone has gone so we can talk?"),
])
def test_round21_disclosures_and_moves_are_urgent(author, concept, text):
    assert concept in urgent_concepts(text, "en", author)


@pytest.mark.parametrize("author, text", [
    ("mentee", "The storm knocked the power out, we had no electricity for an evening."),
    ("mentee", "We went swimming and I jumped off the pier with my cousins."),
    ("mentee", "My sister's hamster bit me but it didn't even bleed."),
    ("mentee", "I'm ending things with my football team, I'd rather do drama now."),
    ("mentor", "Keep writing about whatever you want, I love reading your stories."),
    ("mentor", "Find somewhere quiet where you can revise, and put your phone on silent."),
])
def test_round21_ordinary_sentences_stay_quiet(author, text):
    assert urgent_concepts(text, "en", author) == set()
