"""The `exploitation` concept of the twenty-first round.

Until this round the writers' brief had no concept for a child whom others use: forced
marriage and honour-based control, criminal exploitation (carrying, selling or holding for
older people, a debt that binds), trafficking and forced work, sexual exploitation,
radicalisation, a child who has run away and sleeps at a stranger's. The corpus labelled these
"other" and no lexicon table read them; on u19 the detector found half of them, mostly through
the abuse table. Each language's lexicon now has an `[concepts.exploitation]` table, and the
model learns the corpus's "other" items as this concept (letters.screening.training
.CORPUS_CONCEPTS).

Each case is screened by the rules alone, next to ordinary sentences on the same subjects
(weddings, music, a stolen bike, a documentary) that must stay quiet; the sentences are ours.
"""

import pytest

from letters.models import CONCEPT_LABELS
from letters.screening.concepts import CONCEPTS, DISCLOSURES
from letters.screening.training import _fragment_concept
from tests.letters.screening_checks import urgent_concepts

EXPLOITATION = "exploitation"


@pytest.mark.parametrize("language, author, text", [
    # forced marriage
    ("en", "mentee", "My dad says I'm getting married back home this summer and I'm only 14."),
    ("en", "mentee", "they've arranged my marriage to a man I have never met"),
    ("da", "mentee", "Min far siger at jeg skal giftes med min fætter når vi rejser ned til sommer."),
    ("nb", "mentee", "foreldrene mine har lovet meg bort til en mann i hjemlandet"),
    ("fr", "mentee", "mes parents veulent me marier au bled cet été, j'ai 14 ans"),
    # criminal exploitation
    ("en", "mentee", "an older lad gave me a phone and said I'm on call now for his mates"),
    ("en", "mentee", "I have to take parcels on the train to another city every Saturday"),
    ("da", "mentee", "de store drenge får mig til at køre pakker på knallerten for dem om aftenen"),
    ("nb", "mentee", "noen eldre gutter får meg til å oppbevare en kniv for dem i boden"),
    ("fr", "mentee", "des grands de la cité m'ont mis guetteur et je dois cacher des trucs dans mon sac pour eux"),
    # trafficking, forced work, sexual exploitation
    ("en", "mentee", "my uncle kept my passport and I clean his houses for no money"),
    ("da", "mentee", "jeg arbejder i min onkels kiosk hver aften og får ikke løn"),
    ("nb", "mentee", "han har tatt passet mitt og sier at jeg må jobbe til gjelden er betalt"),
    ("fr", "mentee", "il garde mon passeport et je travaille au restaurant sans être payé, pas payé du tout"),
    # a child who has run away to a stranger's
    ("da", "mentee", "jeg er stukket af hjemmefra og sover i en opgang ved stationen"),
    ("nb", "mentee", "jeg har rømt fra fosterhjemmet og bor hos en fyr jeg møtte på nettet"),
    ("fr", "mentee", "j'ai fugué il y a trois jours et je dors chez un mec que j'ai rencontré sur Snap"),
    # radicalisation and violence planned with others
    ("en", "mentee", "a guy on Telegram keeps saying I should be ready to fight for the cause"),
    ("da", "mentee", "en fyr på nettet siger at jeg er udvalgt og skal være klar til at kæmpe"),
    ("nb", "mentee", "de på Discord sier vi må forberede oss på krigen og at jeg er utvalgt"),
    ("fr", "mentee", "un type sur Telegram m'envoie des tutos pour fabriquer des explosifs"),
])
def test_a_child_used_by_others_is_urgent_exploitation(language, author, text):
    assert EXPLOITATION in urgent_concepts(text, language, author)


@pytest.mark.parametrize("language, text", [
    ("en", "You wrote that your family has arranged your marriage for the summer holidays. I've told the coordinator."),
    ("da", "Du skrev, at de store drenge får dig til at køre pakker for dem efter skole."),
    ("fr", "Tu m'as écrit que des grands te donnent des sacs à livrer en trottinette pour eux."),
])
def test_a_mentor_telling_it_back_is_urgent_too(language, text):
    assert EXPLOITATION in urgent_concepts(text, language, "mentor")


@pytest.mark.parametrize("language, author, text", [
    ("en", "mentee", "My aunt is getting married in the summer and I'm going to be a bridesmaid!"),
    ("en", "mentee", "We watched a film about county lines in class and it was really sad."),
    ("en", "mentee", "Mum keeps our passports in the kitchen drawer so we don't lose them."),
    ("en", "mentee", "I owe him a tenner for the cinema, I'll pay him back on Friday."),
    ("en", "mentee", "I'm choosing between the red trainers and the blue ones."),
    ("en", "mentor", "My old phone was replaced by a new one, the battery was being replaced anyway."),
    ("da", "mentee", "Min moster skal giftes til sommer og jeg skal være brudepige."),
    ("da", "mentee", "Jeg blev stukket af en hveps i går, det gjorde ondt."),
    ("da", "mentee", "Vi hjalp Ældre Sagen med at samle penge ind til julefrokosten."),
    ("da", "mentee", "Min cykel blev solgt på DBA for 800 kr."),
    ("nb", "mentee", "Tanta mi skal gifte seg i sommer og jeg skal være brudepike."),
    ("nb", "mentee", "Jeg logget inn med BankID for å betale for skoleturen."),
    ("nb", "mentee", "Vi sov ute i telt i hagen i helgen, det var kjempegøy."),
    ("fr", "mentee", "Je fais mes devoirs de maths avant le dîner."),
    ("fr", "mentee", "Au foot j'ai fait des passes décisives samedi !"),
    ("fr", "mentee", "On a écouté une fugue de Bach en musique, c'était beau."),
    ("fr", "mentee", "Je vais à la mairie avec maman pour ma carte d'identité."),
])
def test_ordinary_sentences_on_the_same_subjects_stay_quiet(language, author, text):
    assert EXPLOITATION not in urgent_concepts(text, language, author)


@pytest.mark.parametrize("author, text", [
    # two phrases from u19's misses read these before they were narrowed
    ("mentor", "The ice creams are all on me at the library's summer party."),
    ("mentee", "Practice gives me a reason to keep going with the violin."),
])
def test_everyday_english_near_the_round_s_phrases_stays_quiet(author, text):
    assert urgent_concepts(text, "en", author) == set()


@pytest.mark.parametrize("author, concept, text", [
    ("mentee", "suicidal", "honestly I don't have any reason to keep going"),
])
def test_the_narrowed_phrases_still_read_what_they_were_for(author, concept, text):
    assert concept in urgent_concepts(text, "en", author)


def test_the_concept_is_a_disclosure_with_a_label_for_coordinators():
    """A mentor's "you told me …" is read in the child's words only for DISCLOSURES, and the
    coordinator's finding list shows CONCEPT_LABELS; a concept missing from either would be
    caught in a child's letter and lost in a mentor's, or shown by its code name."""
    assert EXPLOITATION in CONCEPTS
    assert EXPLOITATION in DISCLOSURES
    assert EXPLOITATION in CONCEPT_LABELS


def test_training_reads_the_corpus_label_other_as_exploitation():
    """Before this round `_fragment_concept` dropped "other" items, so the model never learnt them."""
    letter = {"text": "my dad says I'm getting married there this summer", "language": "en"}
    expected = {"kind": "safeguarding", "concept": "other", "fragment": "I'm getting married there"}
    assert _fragment_concept(letter, expected) == EXPLOITATION
