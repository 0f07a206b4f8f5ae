"""Screening rules of the eighteenth round, from u16's misses.

u16 (21,600 letters by eight writers who had not read the detector) was measured once as the
unseen split of the seventeenth round and then folded into the development corpus; its misses
were read for this round. Four gaps stood out:

- a mentor who tells a child's disclosure back in the second person ("you told me you've
  been cutting yourself again", "your stepdad grabbed you by the hair"), and a child who tells
  a sibling's or a friend's in the third ("my sister keeps hurting herself on purpose"): the
  phrases are written in the child's first person, so the told-back reading
  (`ConceptLexicon.find_told_back`, the `[told_back]` tables of the lexicon files) reads such
  a letter as the child would have written it;
- a child's disclosures in plain words the lexicons lacked ("did the thing again", "jeg cutter",
  "kutter seg", "je me suis encore coupée", "far spærrer mig inde");
- phone numbers whose parts are separated by commas and called a number only after them
  ("07700, 900, 861. whatsapp me", "53, 67, 12, 08 er mit nummer"), by long dashes, or with the
  trunk zero in brackets after the country code ("+44 (0)7700 900 922");
- the learned model outgrew the weights file's budget: training now keeps at most
  `MAX_FEATURES` features.

Every case is checked with the rules alone (safeguarding) or as submit screens it (contact),
in all four languages, next to ordinary sentences that must stay quiet; the sentences are our own.
"""

import numpy
import pytest

from letters.screening.training import _weight_cut
from tests.letters.screening_checks import covered, urgent_concepts

# ---------------------------------------------------------------- told back by a mentor


@pytest.mark.parametrize("language, text, concept", [
    ("en", "Thank you for trusting me. You wrote that you've been cutting yourself again since the exams.", "self_harm"),
    ("en", "I'm so sorry your stepdad grabbed you by the hair last night.", "abuse"),
    ("da", "Tak fordi du fortalte mig, at du skærer i dig selv, når det bliver for meget.", "self_harm"),
    ("da", "Du skrev at din stedfar slår dig, når han har drukket.", "abuse"),
    ("nb", "Du skrev at du kutter deg når det blir for mye hjemme.", "self_harm"),
    ("nb", "Jeg er lei meg for at stefaren din slår deg når han er sint.", "abuse"),
    ("fr", "Tu m'as écrit que tu te scarifies le soir dans ta chambre.", "self_harm"),
    ("fr", "Tu m'as dit que ton beau-père te frappe quand il a bu.", "abuse"),
])
def test_a_disclosure_a_mentor_tells_back_is_urgent(language, text, concept):
    assert concept in urgent_concepts(text, language, "mentor")


@pytest.mark.parametrize("language, text", [
    ("en", "Well done at the match! I hope you didn't hurt yourself when you fell in the second half."),
    ("da", "Hvor var det godt, at du fik klaret dig selv hele vejen hjem på cyklen."),
    ("nb", "Du må ikke være så streng mot deg selv når du øver på piano."),
    ("fr", "Tu as le droit d'être fier de toi, ta chorale a très bien chanté."),
])
def test_a_mentors_ordinary_words_to_the_child_stay_quiet(language, text):
    assert urgent_concepts(text, language, "mentor") == set()


def test_a_childs_own_you_is_not_read_as_i():
    """A child's "you" is the mentor: the second-person reading is a mentor's letter's only."""
    text = "do you ever feel like you hit yourself when you get angry? just wondering lol"
    assert urgent_concepts(text, "en", "mentor") >= {"self_harm"}
    assert "self_harm" not in urgent_concepts(text, "en", "mentee")


@pytest.mark.parametrize("text, concept", [
    ("my big sister keeps cutting herself and she made me promise not to say", "self_harm"),
    ("my friend Jonah burns himself with a lighter when his dad shouts", "self_harm"),
])
def test_someone_elses_self_harm_told_in_the_third_person_is_urgent(text, concept):
    assert concept in urgent_concepts(text, "en")


@pytest.mark.parametrize("text", [
    "we are reading a book in english where the boy cuts himself because of the bullies",
    "the bit where the girl hurts herself made me cry in class",
])
def test_a_story_told_in_the_third_person_stays_quiet(text):
    assert "self_harm" not in urgent_concepts(text, "en")


# ---------------------------------------------------------------- a child's plain words


@pytest.mark.parametrize("language, text, concept", [
    ("en", "did the thing again last night, don't tell anyone", "self_harm"),
    ("en", "i'm on day 4 of not eating and nobody noticed", "self_harm"),
    ("en", "how much longer i can keep going i really don't know", "suicidal"),
    ("en", "i keep thinking about overdosing when everyone is asleep", "suicidal"),
    ("en", "my foster carer shakes me really hard when i cry", "abuse"),
    ("en", "he put a pillow over my face until i stopped screaming", "abuse"),
    ("da", "jeg cutter igen og jeg ved ikke hvordan jeg stopper", "self_harm"),
    ("da", "jeg vil bare ikke være til mere", "suicidal"),
    ("da", "jeg tænker på at tage en overdosis i ferien", "suicidal"),
    ("da", "plejefar spærrer mig inde i kælderen når jeg er uartig", "abuse"),
    ("da", "vi bor i bilen nu fordi vi blev sat ud", "neglect"),
    ("nb", "bestevenninna mi kutter seg hver kveld", "self_harm"),
    ("nb", "jeg har ønsket å være død i hele vinter", "suicidal"),
    ("nb", "stefar låste meg inne på badet hele kvelden", "abuse"),
    ("nb", "vi sover i bilen siden vi ble kastet ut", "neglect"),
    ("fr", "je me suis encore coupée hier soir", "self_harm"),
    ("fr", "mon grand frère a dit qu'il allait se tuer", "suicidal"),
    ("fr", "je suis couverte de bleus et je dis que c'est le hand", "abuse"),
    ("fr", "il n'y a rien à manger à la maison depuis lundi", "neglect"),
])
def test_a_childs_disclosure_in_plain_words_is_urgent(language, text, concept):
    assert concept in urgent_concepts(text, language)


@pytest.mark.parametrize("language, text", [
    ("da", "mit snit er 8,9 nu, så jeg kan komme på gymnasiet"),
    ("da", "vores hund giver kys til alle der kommer ind ad døren"),
    ("da", "min lillesøster bed mig i armen fordi jeg tog hendes bamse, hun er 3 lol"),
    ("nb", "jeg sov i bilen hele veien til Bergen"),
    ("nb", "revysjefen kutta nummeret mitt to dager før premieren"),
    ("nb", "jeg slo ham med 12 sekunder på 60-meteren"),
    ("fr", "Chère Martine, merci pour ta carte de Bretagne !"),
    ("fr", "papi a eu une rechute mais il va mieux"),
    ("en", "I have to stab myself with the insulin pen four times a day, you get used to it"),
    ("en", "my nan's dog bit me on the arm but it was only playing"),
])
def test_ordinary_words_near_the_new_phrases_stay_quiet(language, text):
    assert urgent_concepts(text, language) == set()


# ---------------------------------------------------------------- phone numbers in parts


@pytest.mark.parametrize("language, text, number", [
    ("en", "07700, 900, 418. whatsapp me after school", "07700, 900, 418"),
    ("en", "txt me 07700,900,536", "07700,900,536"),
    ("da", "61, 84, 27, 39 er mit nummer, skriv efter kl 16", "61, 84, 27, 39"),
    ("fr", "06, 72, 19, 84, 30 - c'est mon numéro", "06, 72, 19, 84, 30"),
    ("nb", "48, 91, 27, 63 - det er nummeret mitt", "48, 91, 27, 63"),
    ("nb", "ring meg på 93 41 — 27 — 68", "93 41 — 27 — 68"),
    ("en", "new sim! +44 (0)7700 900 614", "+44 (0)7700 900 614"),
    ("da", "+45 (0)31 04 72 88 er min mobil", "+45 (0)31 04 72 88"),
])
def test_a_number_in_parts_called_a_number_after_them_is_held(language, text, number):
    assert any(number in found for found in covered("contact.phone", text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "we scored 12, 15, 22, 30 points. call me a champion"),
    ("da", "lottotal: 12, 23, 34, 45 er mine numre i denne uge"),
    ("fr", "les notes : 12, 14, 16, 18 - c'est mon meilleur trimestre"),
])
def test_lists_of_numbers_stay_lists(language, text):
    assert covered("contact.phone", text, language) == []


# ---------------------------------------------------------------- the model's size


def test_the_weight_cut_keeps_at_most_the_budgeted_features():
    strongest = numpy.array([0.1, 0.3, 0.5, 0.25, 0.9, 0.4])
    assert _weight_cut(strongest, 0.22, 10) == 0.22  # five pass 0.22: within budget
    assert _weight_cut(strongest, 0.22, 3) == 0.4  # the third strongest sets the cut
    assert (strongest >= _weight_cut(strongest, 0.22, 3)).sum() == 3
