"""Screening rules of the nineteenth round, from u17's misses.

u17 (29,112 letters by eight writers who had not read the detector) was measured as the unseen
split of the eighteenth round and then folded into the development corpus; its misses were read
for this round. Three gaps stood out:

- home addresses given after "my address is", "I live at", "adressen min er", "vi bor på",
  "j'habite au" in shapes no street pattern knew: no street word ("27 Castle View"), the number
  after an English street ("lavender road 23"), the number as a word ("twenty two primrose
  way"). After such a lead-in the clause is read as the address when a house number opens it
  (`addresses._lead_in_addresses`);
- addresses found only in part, their town, state or postcode written on after a comma, a slash
  or a line break ("31 beech drive / nottingham / NG5 3JK"): an address found runs on over such
  short lines (`addresses._over_address_lines`);
- a child's disclosures and an adult's grooming moves in plain words the lexicons lacked, in all
  four languages (the phrases marked "r19" in the lexicon files).

The model retrained this round needed two frames that silence it as they silence the rules: a
greeting is no offer to meet, and a ball that hits the writer is no blow.

Each case is screened as on submit (contact) or by the rules alone (safeguarding), unless it is
about the model, next to ordinary sentences that must stay quiet; the sentences are our own.
"""

import pytest

from letters.screening import screen
from tests.letters.screening_checks import REGION, covered, urgent_concepts

# ---------------------------------------------------------------- an address after a lead-in


@pytest.mark.parametrize("language, text, address", [
    ("en", "my address is thirty one hollybush way, kendal", "thirty one hollybush way, kendal"),
    ("en", "I live at 14 orchard view, ripon if you want to write", "14 orchard view, ripon"),
    ("en", "my address is juniper road 8 in wigan", "juniper road 8 in wigan"),
    ("en", "my address is 52 heron rise, flat 3, luton", "52 heron rise, flat 3, luton"),
    ("da", "adressen min er Skovbrynet 19 i Ribe", "Skovbrynet 19 i Ribe"),
    ("da", "min adresse er Egelunden 6, 6000 Kolding", "Egelunden 6, 6000 Kolding"),
    ("nb", "adressa mi er Solbakken 23 på Voss", "Solbakken 23 på Voss"),
    ("nb", "adressen min er tjuefem Haugen, Hamar", "tjuefem Haugen, Hamar"),
    ("fr", "mon adresse c'est Les Mûriers, 9, 44000 Nantes", "Les Mûriers, 9, 44000 Nantes"),
    ("fr", "mon adresse c'est lotissement Le Clos 31, Dijon", "lotissement Le Clos 31, Dijon"),
])
def test_an_address_told_after_a_lead_in_is_held_whole(language, text, address):
    assert any(address in found for found in covered("contact.address", text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "I live at the end of the road, 2 minutes from school"),
    ("en", "I'm at 126 pages now, only 40 to go"),
    ("en", "we are at 3 wins and 2 losses this season"),
    ("da", "jeg bor i Aarhus og har 2 katte"),
    ("da", "vi bor på 4. sal uden elevator"),
    ("da", "jeg bor på værelse 14 med 3 andre piger på lejrskolen"),
    ("nb", "jeg bor i 9. etasje og ser hele byen"),
    ("nb", "jeg er på side 143 av 287"),
    ("fr", "on habite au 11e étage sur 16, escalier 3"),
    ("fr", "j'habite au 3e étage, c'est haut"),
])
def test_a_lead_in_without_a_house_is_no_address(language, text):
    assert covered("contact.address", text, language) == []


# ---------------------------------------------------------------- the lines of an address


@pytest.mark.parametrize("language, text, address", [
    ("en", "its 12 birch drive\nderby\nDE22 3LB thanks", "12 birch drive\nderby\nDE22 3LB"),
    ("en", "write to 640 Maple St, Dayton, Ohio 45402", "640 Maple St, Dayton, Ohio 45402"),
    ("da", "Hasselvej 7, 2. th, vejle, nøglen ligger under måtten", "Hasselvej 7, 2. th, vejle"),
    ("nb", "Torvgata 3 / 2. etasje / Gjøvik", "Torvgata 3 / 2. etasje / Gjøvik"),
])
def test_an_address_runs_on_over_its_lines(language, text, address):
    assert any(address in found for found in covered("contact.address", text, language))


def test_the_letter_going_on_after_an_address_is_not_taken_as_a_line():
    found = covered("contact.address", "I live at 7 Larch Close, and my cat is called Biscuit", "en")
    assert found == ["7 Larch Close"]


# ---------------------------------------------------------------- disclosures and moves in plain words


@pytest.mark.parametrize("language, text, concept, author", [
    ("en", "honestly i hate being alive right now", "suicidal", "mentee"),
    ("en", "some nights i think my family would be fine if i died tomorrow", "suicidal", "mentee"),
    ("en", "i keep pulling out my eyelashes when mum shouts", "self_harm", "mentee"),
    ("en", "my uncle whips us when grandma is at work", "abuse", "mentee"),
    ("en", "we've been sleeping in the car since the landlord changed the locks", "neglect", "mentee"),
    ("en", "Please keep it hidden in your room, it's our thing.", "grooming.secrecy", "mentor"),
    ("da", "nogle gange er jeg ligeglad om jeg lever eller dør", "suicidal", "mentee"),
    ("da", "jeg river skorperne af så det bløder igen", "self_harm", "mentee"),
    ("da", "jeg fik en knytnæve i maven af min far", "abuse", "mentee"),
    ("da", "Det må ingen vide, heller ikke din mor.", "grooming.secrecy", "mentor"),
    ("nb", "jeg er så lei av å puste", "suicidal", "mentee"),
    ("nb", "jeg river opp de gamle sårene hver kveld", "self_harm", "mentee"),
    ("nb", "stefaren min spytter på meg når han er full", "abuse", "mentee"),
    ("nb", "Vi kan fortsette på Signal, det er enklere.", "grooming.platform", "mentor"),
    ("fr", "j'ai envie de crever, vraiment", "suicidal", "mentee"),
    ("fr", "je m'entaille les bras le soir", "self_harm", "mentee"),
    ("fr", "mon père m'a donné un coup de poing hier", "abuse", "mentee"),
    ("fr", "On communiquera seulement par Signal désormais.", "grooming.platform", "mentor"),
])
def test_a_disclosure_or_move_in_plain_words_is_urgent(language, text, concept, author):
    assert concept in urgent_concepts(text, language, author)


@pytest.mark.parametrize("language, text", [
    ("en", "I finished the series and now I don't know what to do with my life lol"),
    ("en", "my little sister whipped up pancakes for the whole family"),
    ("da", "min lillebror bed mig i armen fordi jeg tog hans bamse, han er 2 år"),
    ("da", "mine forældre glemte at hente mig efter træning, de sagde undskyld"),
    ("nb", "jeg har lest 143 sider av boka og den er spennende"),
    ("fr", "personne n'est venu à mon anniversaire, j'étais trop déçue"),
])
def test_ordinary_words_near_the_new_phrases_stay_quiet(language, text):
    assert urgent_concepts(text, language) == set()


# ---------------------------------------------------------------- frames the retrained model needs


@pytest.mark.parametrize("language, text", [
    ("en", "Nice to meet you."),
    ("da", "Dejligt at møde dig."),
    ("nb", "Hyggelig å møte deg."),
    ("fr", "Ravi de te rencontrer."),
])
@pytest.mark.parametrize("author", ["mentor", "mentee"])
def test_a_greeting_is_no_offer_to_meet(language, text, author):
    """The retrained model read "Nice to meet you." alone as a meeting (0.95): the greeting frame
    (`unless_sentence` of grooming.meeting) silences it for the model as for the rules."""
    findings = screen(text, language=language, region=REGION[language], author_role=author)
    assert [f for f in findings if f.kind == "safeguarding"] == []


@pytest.mark.parametrize("language, text", [
    ("en", "The ball hit me in the face at football."),
    ("da", "Bolden ramte mig i hovedet til idræt."),
    ("nb", "Ballen traff meg i hodet i gymmen."),
])
def test_a_ball_that_hits_the_writer_is_no_blow_to_the_model(language, text):
    assert urgent_concepts(text, language, use_model=True) == set()
