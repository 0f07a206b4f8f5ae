"""Safeguarding screening: tokens, concept rules, direction, the learned model, Finding.concept.

Each concept rule is tried in all four languages with the wordings that the old fixed-phrase
patterns missed (verb forms, filler words, typos, oblique phrasing), and each has a
quiet counterpart: hyperbole, fiction and children's own harmless secrets.
"""

import gzip
import json

import pytest
from django.utils import translation

from letters.models import Finding, FindingKind, FindingSeverity
from letters.screening import screen
from letters.screening.concepts import (
    CONCEPTS,
    ConceptLexicon,
    Hit,
    PhraseError,
    concept_lexicon,
    is_framed,
)
from letters.screening.model import (
    TOLD_SUFFIX,
    WEIGHTS_FILE,
    LinearModel,
    find_with_model,
    shipped_model,
)
from letters.screening.safeguarding import merge_hits
from letters.screening.tokens import tokenize
from letters.screening.training import fit, hold_out_batch, load_dev_corpus, sentence_features
from tests.letters.screening_checks import REGION
from tests.letters.test_moderation import submit

SAFEGUARDING = FindingKind.SAFEGUARDING


def concerns(text, language, author_role="mentor", **kwargs):
    """Return (concept, severity, covered text) of each safeguarding finding in `text`."""
    findings = screen(text, language=language, region=REGION[language], author_role=author_role, **kwargs)
    return [(f.concept, f.severity, text[f.start:f.end]) for f in findings if f.kind == SAFEGUARDING]


def rule_concerns(text, language, author_role="mentor"):
    return concerns(text, language, author_role, use_model=False)


# ------------------------------------------------------------------------------ tokens


def test_tokens_keep_offsets_into_the_original_text():
    text = "Jeg fortalte DET ikke — hun slår mig!"
    tokens = tokenize(text, "da")
    assert [text[t.start:t.end] for t in tokens] == ["Jeg", "fortalte", "DET", "ikke", "hun", "slår", "mig"]
    assert tokens[1].lemma == "fortælle"  # the dictionary form (folding strips accents; æ has none)
    assert tokens[5].lemma == "sla"


def test_french_elisions_are_words_of_their_own_and_english_apostrophes_join():
    text = "J'ai peur, l'école m'a dit"
    assert [text[t.start:t.end] for t in tokenize(text, "fr")] == ["J'", "ai", "peur", "l'", "école", "m'", "a", "dit"]
    assert [t.norm for t in tokenize("Don't tell", "en")] == ["dont", "tell"]


# ------------------------------------------------------------------------------ concept rules

RULE_CASES = [
    # self-harm said obliquely
    ("en", "I did the thing with the razor again last night.", "self_harm", "the thing with the razor"),
    ("da", "Jeg gjorde det med barberbladet igen i går.", "self_harm", "barberbladet igen"),
    ("nb", "Jeg brant meg med lighteren igjen, bare på armen under genseren.", "self_harm", "armen under genseren"),
    ("fr", "J'ai recommencé avec la lame hier soir.", "self_harm", "recommencé avec la lame"),
    # suicidal thoughts, obliquely
    ("en", "Honestly nobody would notice if I was gone.", "suicidal", "nobody would notice if I was gone"),
    ("da", "Ingen ville opdage det, hvis jeg var væk.", "suicidal", "Ingen ville opdage det, hvis jeg var væk"),
    ("nb", "Jeg orker ikke å leve lenger.", "suicidal", "orker ikke å leve lenger"),
    ("fr", "J'ai envie de ne plus exister.", "suicidal", "envie de ne plus exister"),
    # abuse in plain words and verb forms
    ("en", "My uncle shoves me around when mum is out.", "abuse", "My uncle shoves me"),
    ("da", "Far slår mig når han er sur.", "abuse", "Far slår mig"),
    ("nb", "Jeg er redd for å gå hjem.", "abuse", "redd for å gå hjem"),
    ("fr", "Hier mon père m'a cogné contre le mur.", "abuse", "mon père m'a cogné"),
    # neglect
    ("en", "There is no food at home again.", "neglect", "no food at home"),
    ("da", "Der er ingen mad derhjemme.", "neglect", "ingen mad derhjemme"),
    ("nb", "Det er ikke noe mat hjemme.", "neglect", "ikke noe mat hjemme"),
    ("fr", "Il n'y a rien à manger à la maison.", "neglect", "rien à manger à la maison"),
    # grooming: secrecy, with filler words and typos
    ("en", "This is our little secret, no need to tell your dad.", "grooming.secrecy", "no need to tell your dad"),
    ("en", "dont tell anyome about our letters", "grooming.secrecy", "dont tell anyome"),
    ("da", "Du må ikke fortælle dette til nogen.", "grooming.secrecy", "ikke fortælle dette til nogen"),
    ("nb", "Ikke fortell dette til noen.", "grooming.secrecy", "Ikke fortell dette til noen"),
    ("fr", "Surtout ne dis rien à ta mère.", "grooming.secrecy", "ne dis rien à ta mère"),
    # grooming: flattery
    ("en", "You seem much older than you are.", "grooming.flattery", "seem much older than you"),
    ("da", "Du virker meget ældre end du er.", "grooming.flattery", "virker meget ældre end du er"),
    ("nb", "Du virker mye eldre enn du er.", "grooming.flattery", "virker mye eldre enn du er"),
    ("fr", "Tu es bien plus mature que les filles de ton âge.", "grooming.flattery", "plus mature que les filles de ton âge"),
    # grooming: a gift near the child's school (two sentences apart)
    ("en", "Which school are you at? I could leave a present there.", "grooming.gift", "present"),
    ("da", "Hvilken skole går du på? Jeg kunne lægge en gave der.", "grooming.gift", "gave"),
    ("nb", "Hvilken skole går du på? Jeg kan legge igjen en gave der.", "grooming.gift", "gave"),
    ("fr", "Tu es dans quelle école ? Je pourrais y laisser un cadeau.", "grooming.gift", "cadeau"),
    # grooming: photo requests aimed at the child
    ("en", "Could you take a picture of yourself for me?", "grooming.photo", "take a picture of yourself for me"),
    ("da", "Kan du tage et billede af dig selv til mig?", "grooming.photo", "billede af dig selv"),
    ("nb", "Kan du ta et bilde av deg selv?", "grooming.photo", "bilde av deg selv"),
    ("fr", "Tu pourrais prendre une photo de toi ?", "grooming.photo", "photo de toi"),
    # grooming: meeting
    ("en", "I could wait for you outside your school on Friday.", "grooming.meeting", "wait for you outside your school"),
    ("da", "Skal vi ikke mødes en dag?", "grooming.meeting", "Skal vi ikke mødes"),
    ("nb", "Jeg kan hente deg etter skolen.", "grooming.meeting", "hente deg etter skolen"),
    ("fr", "On pourrait se voir en vrai samedi.", "grooming.meeting", "se voir en vrai"),
    # grooming: personal details
    ("en", "Are you home alone on Saturdays?", "grooming.personal_info", "Are you home alone"),
    ("da", "Hvilken vej bor du på?", "grooming.personal_info", "Hvilken vej bor du"),
    ("nb", "Hvor i byen bor du egentlig?", "grooming.personal_info", "Hvor i byen bor du"),
    ("fr", "Tu habites dans quelle rue ?", "grooming.personal_info", "Tu habites dans quelle rue"),
    # grooming: moving to another platform (from a mentor)
    ("en", "Add me on Telegram, nobody reads it there.", "grooming.platform", "Add me on Telegram"),
    ("da", "Hent Telegram, så kan vi skrive sammen om aftenen.", "grooming.platform", "Hent Telegram"),
    ("nb", "Vi kan bruke Telegram i stedet.", "grooming.platform", "bruke Telegram"),
    ("fr", "Ajoute-moi sur Telegram, personne ne lit là-bas.", "grooming.platform", "Ajoute-moi sur Telegram"),
]


@pytest.mark.parametrize(("language", "text", "concept", "fragment"), RULE_CASES)
def test_concept_rules_catch_what_fixed_phrases_missed(language, text, concept, fragment):
    start = text.index(fragment)
    end = start + len(fragment)
    findings = [f for f in screen(text, language=language, region=REGION[language], author_role="mentor",
                                  use_model=False) if f.kind == SAFEGUARDING]
    assert any(f.start <= start and f.end >= end and f.concept == concept and f.severity == FindingSeverity.URGENT
               for f in findings), [(f.concept, text[f.start:f.end]) for f in findings]


QUIET = [
    ("en", "I'm going to die of boredom in chapter 6."),
    ("en", "I could kill my brother, he spoiled the ending."),
    ("en", "In the book the old king dies and his daughter cuts her hair."),
    ("en", "Don't tell me the ending, I'm only on chapter 3!"),
    ("en", "Is it the same where you live? Our streets are named after trees."),
    ("en", "We sent pics of our books to the school newsletter."),
    ("da", "Jeg dør af grin, når jeg læser det kapitel."),
    ("da", "Du må ikke fortælle mig slutningen!"),
    ("nb", "Jeg dør av latter av den boka."),
    ("nb", "Ballen traff meg i hodet i gymmen."),
    ("fr", "Je vais mourir d'ennui avec ce livre."),
    ("fr", "Ne me dis pas la fin, je suis au chapitre 2."),
]


@pytest.mark.parametrize(("language", "text"), QUIET)
@pytest.mark.parametrize("author_role", ["mentor", "mentee"])
def test_hyperbole_fiction_and_ordinary_questions_raise_nothing_urgent(language, text, author_role):
    assert not [c for c in concerns(text, language, author_role) if c[1] == FindingSeverity.URGENT]


# ------------------------------------------------------------------------------ direction

GROOMING_MOVES = [
    ("en", "Send me a selfie so I know who I'm writing to.", "grooming.photo"),
    ("da", "Send mig et billede af dig selv.", "grooming.photo"),
    ("nb", "Skal vi møtes en dag?", "grooming.meeting"),
    ("fr", "C'est notre petit secret, ne dis rien à tes parents.", "grooming.secrecy"),
]


@pytest.mark.parametrize(("language", "text", "concept"), GROOMING_MOVES)
def test_a_grooming_move_is_urgent_from_a_mentor_and_at_most_a_look_from_a_child(language, text, concept):
    assert (concept, FindingSeverity.URGENT) in [(c, s) for c, s, _ in rule_concerns(text, language, "mentor")]
    assert not [s for _, s, _ in rule_concerns(text, language, "mentee") if s == FindingSeverity.URGENT]


CHILD_SECRETS = [
    ("en", "dont tell mum but I ate the last cookies, our secret haha"),
    ("da", "Sig ikke noget til min mor, men jeg har spist alle pebernødderne. Det er vores hemmelighed."),
    ("nb", "ikke si det til pappa, men jeg spiste opp sjokoladen hans, det er hemmeligheten vår"),
    ("fr", "Dis rien à ma mère mais j'ai mangé tous les bonbons, c'est notre secret."),
]


@pytest.mark.parametrize(("language", "text"), CHILD_SECRETS)
def test_a_childs_own_harmless_secret_is_not_a_finding(language, text):
    assert rule_concerns(text, language, "mentee") == []
    assert rule_concerns(text, language, "mentor")  # the same words from an adult are


DISCLOSURES = [
    ("en", "an older boy keeps asking me for pictures and says I can't tell anyone", "grooming.photo"),
    ("da", "en ældre dreng bliver ved med at bede mig om billeder", "grooming.photo"),
    ("nb", "Han sa at jeg ikke fikk lov til å si det til noen.", "grooming.secrecy"),
    ("fr", "Il m'a dit que si je le disais à quelqu'un, ce serait de ma faute.", "grooming.secrecy"),
]


@pytest.mark.parametrize(("language", "text", "concept"), DISCLOSURES)
def test_a_child_telling_what_was_done_to_them_is_urgent(language, text, concept):
    assert (concept, FindingSeverity.URGENT) in [(c, s) for c, s, _ in rule_concerns(text, language, "mentee")]


def test_an_adults_invitation_to_another_app_is_urgent_beside_the_contact_finding():
    text = "Add me on Telegram, nobody reads it there."
    mentor = screen(text, language="en", region="GB", author_role="mentor")
    assert {(f.kind, f.severity, f.concept) for f in mentor} >= {
        (FindingKind.SOCIAL, FindingSeverity.HOLD, ""),
        (SAFEGUARDING, FindingSeverity.URGENT, "grooming.platform"),
    }
    mentee = screen(text, language="en", region="GB", author_role="mentee", use_model=False)
    assert [f.kind for f in mentee] == [FindingKind.SOCIAL]


def test_unknown_authors_are_weighed_like_adults_except_for_apps():
    assert rule_concerns("Send me a photo of yourself.", "en", None)[0][:2] == ("grooming.photo", "urgent")
    assert rule_concerns("Add me on Telegram.", "en", None) == []


# ------------------------------------------------------------------------------ shape of findings


def test_a_finding_covers_its_sentence_and_its_excerpt_centres_on_the_words_recognised():
    text = ("Thank you for the lovely long letter about the football tournament and the book. " * 2
            + "By the way, which school do you go to these days, and which class are you in this year?")
    [finding] = [f for f in screen(text, language="en", region="GB", author_role="mentor", use_model=False)
                 if f.kind == SAFEGUARDING]
    assert text[finding.start:finding.end].startswith("By the way, which school")
    assert text[finding.start:finding.end].endswith("this year?")
    assert "which school do you" in finding.excerpt


def test_leetspeak_and_stretched_letters_do_not_hide_a_concern():
    text = "this is our s3cr3t, dont teeeell your mum"
    findings = [f for f in screen(text, language="en", region="GB", author_role="mentor", use_model=False)
                if f.kind == SAFEGUARDING]
    assert [(f.concept, text[f.start:f.end]) for f in findings] == [("grooming.secrecy", text)]


def test_overlapping_hits_of_one_concept_merge_into_the_gravest():
    hits = [Hit(0, 10, "abuse", "hold"), Hit(5, 20, "abuse", "urgent"), Hit(8, 12, "grooming.meeting", "hold"),
            Hit(30, 35, "sexual", "none")]
    assert merge_hits(hits) == [Hit(0, 20, "abuse", "urgent"), Hit(8, 12, "grooming.meeting", "hold")]


def test_switching_both_signals_off_leaves_no_safeguarding_finding():
    text = "My dad hits me. Nobody would notice if I was gone."
    assert concerns(text, "en")
    assert concerns(text, "en", use_rules=False, use_model=False) == []


# ------------------------------------------------------------------------------ lexicon data


def test_every_language_defines_every_concept():
    for language in ("en", "da", "nb", "fr"):
        names = {c.name for c in concept_lexicon(language).concepts}
        assert {"self_harm", "suicidal", "abuse", "neglect", "sexual", "grooming.secrecy", "grooming.flattery",
                "grooming.meeting", "grooming.gift", "grooming.photo", "grooming.platform",
                "grooming.personal_info"} <= names, language


def test_a_bad_phrase_fails_when_the_lexicon_is_loaded():
    with pytest.raises(PhraseError, match="unknown word group"):
        ConceptLexicon("en", {"suicidal": {"said": ["{nosuchgroup} die"]}})
    with pytest.raises(PhraseError, match="unknown concept"):
        ConceptLexicon("en", {"worry": {"said": ["sad"]}})
    with pytest.raises(PhraseError, match="severity"):
        ConceptLexicon("en", {"sexual": {"said": ["nude"], "from_mentee": "maybe"}})


def test_phrases_allow_one_filler_word_and_dots_allow_more():
    lexicon = ConceptLexicon("nb", {"grooming": {"secrecy": {"said": ["ikke fortell til noen", "hold ... hemmelig"]}}})

    def find(text):
        return [h.concept for h in lexicon.find(tokenize(text, "nb"), author_role="mentor")]

    assert find("ikke fortell dette til noen") == ["grooming.secrecy"]
    assert find("ikke fortell dette her til noen") == []
    assert find("hold alt dette mellom oss helt hemmelig") == ["grooming.secrecy"]


# ------------------------------------------------------------------------------ the learned model


def _fit_toy(sentences_by_class: dict[str, tuple[str, ...]]):
    """Return a model fitted on a few English sentences per class, thresholds 0.5 and 0.6."""
    examples = []
    for label, sentences in sentences_by_class.items():
        for sentence in sentences:
            tokens = tokenize(sentence, "en")
            examples.append(([f for f, _, _ in sentence_features(tokens, 0, len(tokens) - 1)], label))
    model = fit(examples)
    model.thresholds = {"hold": 0.5, "urgent": 0.6}
    return model


def _toy_model():
    return _fit_toy({
        "suicidal": ("i feel like disappearing for good", "i just want to disappear forever",
                     "everything would be easier if i disappeared"),
        "none": ("the magician made the coin disappear", "we read chapter four today",
                 "my favourite part was the storm", "the dragon flew over the town"),
    })


def test_the_model_says_which_concept_and_which_words():
    model = _toy_model()
    text = "We read chapter four today. Sometimes I want to disappear forever."
    [hit] = find_with_model(text, language="en", author_role="mentee", model=model)
    assert hit.concept == "suicidal" and hit.severity == "urgent"
    assert "disappear" in text[hit.start:hit.end]
    assert "chapter" not in text[hit.start:hit.end]


def test_a_model_finding_below_the_urgent_threshold_only_holds():
    model = _toy_model()
    model.thresholds = {"hold": 0.3, "urgent": 0.999}
    [hit] = find_with_model("I want to disappear forever.", language="en", author_role="mentee", model=model)
    assert hit.severity == "hold"


def _toy_secrecy_model():
    return _fit_toy({
        "grooming.secrecy": ("keep this just between us", "this stays between you and me",
                             "we keep our talks between us, no one else needs to know"),
        "none": ("we read chapter four today", "my favourite part was the storm", "the dragon flew over the town"),
    })


def test_a_model_finding_in_a_sentence_framed_by_the_programs_rules_is_dropped():
    """The model reads words: "between us" in a sentence about the program's rules is the frame
    the rules' `unless_sentence` names, and the model's finding there goes as theirs would."""
    model = _toy_secrecy_model()
    [hit] = find_with_model("Keep this between us.", language="en", author_role="mentor", model=model)
    assert hit.concept == "grooming.secrecy" and hit.severity == "urgent"
    framed = "The program's rules say everything stays between us and the coordinator."
    assert find_with_model(framed, language="en", author_role="mentor", model=model) == []


@pytest.mark.parametrize(("language", "framed", "plain"), [
    ("en", "The program's rules say we only write here.", "Keep this between us, okay?"),
    ("da", "Programmets regler siger at vi kun skriver her.", "Det her bliver mellem os to."),
    ("fr", "Les règles du programme disent qu'on s'écrit seulement ici.", "Ça reste entre nous deux."),
])
def test_a_sentence_about_the_programs_rules_is_a_frame_for_secrecy(language, framed, plain):
    for text, expected in ((framed, True), (plain, False)):
        tokens = tokenize(text, language)
        assert is_framed(tokens, 0, len(tokens) - 1, language=language, concept="grooming.secrecy") is expected


def test_the_model_round_trips_through_its_file(tmp_path):
    model = _toy_model()
    path = tmp_path / "weights.json.gz"
    model.save(path)
    loaded = LinearModel.load(path)
    tokens = tokenize("I want to disappear forever", "en")
    assert loaded.classify(tokens, 0, len(tokens) - 1)[0] == "suicidal"
    assert loaded.sentence_probabilities(tokens, 0, len(tokens) - 1) == pytest.approx(
        loaded.probabilities(f for f, _, _ in sentence_features(tokens, 0, len(tokens) - 1)))


def test_the_shipped_model_is_small_and_knows_every_concept():
    # Under 4 MB: the lemma n-grams of the eighth round took the file just past 1 MB, the
    # twelfth round's logistic regression on 15,200 letters to 2.4 MB (weights under 0.2 pruned)
    # the fourteenth round's, on 27,232 letters, to 3.4 MB and the fifteenth's, on 36,320, to 3.8 MB.
    # The sixteenth's, on 48,448, would have been 4.2 MB with four decimals; it keeps three (3.65 MB).
    assert WEIGHTS_FILE.stat().st_size < 4_000_000
    with gzip.open(WEIGHTS_FILE, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["classes"][0] == "none"
    # every concept, and "<concept>/told" for a child telling what an adult did (model.TOLD_SUFFIX)
    assert set(CONCEPTS) <= set(data["classes"][1:])
    assert all(c.removesuffix(TOLD_SUFFIX) in CONCEPTS for c in data["classes"][1:])
    assert 0 < data["thresholds"]["hold"] <= data["thresholds"]["urgent"] < 1
    assert shipped_model() is not None


def test_holding_out_a_batch_measures_only_that_batch_with_a_model_trained_without_it():
    def letter(ident, text, fragment=None, concept="suicidal"):
        expected = [{"kind": "safeguarding", "fragment": fragment, "severity": "urgent", "concept": concept}] if fragment else []
        return {"id": ident, "text": text, "language": "en", "region": "GB", "author": "mentee", "expected": expected}

    letters = [
        letter("a-1", "We read chapter four. I want to disappear forever.", "I want to disappear forever"),
        letter("a-2", "Football was fun and we won three nil."),
        letter("b-1", "Sometimes I wish I could disappear for good.", "I wish I could disappear for good"),
        letter("b-2", "The book was long but the ending was good."),
    ]
    results = hold_out_batch(letters, "b-")
    assert set(results) == {"rules", "model", "both"}
    # one expected item and one ordinary letter, both from batch b only
    assert results["both"][("recall", "all")][0] == 1
    assert results["both"][("alarm", "ordinary")][0] == 1
    with pytest.raises(ValueError, match="c-"):
        hold_out_batch(letters, "c-")


def test_training_never_reads_the_unseen_split(tmp_path):
    with pytest.raises(ValueError, match="unseen"):
        load_dev_corpus(tmp_path / "unseen")


# ------------------------------------------------------------------------------ stored and shown


def test_submit_stores_the_concept_of_each_finding(pair):
    letter = submit(pair, "Please send me a photo of yourself.", by="mentor")
    assert list(letter.findings.values_list("kind", "severity", "concept")) == [
        ("safeguarding", "urgent", "grooming.photo")
    ]


@pytest.mark.parametrize(("language", "label"), [
    ("en", "grooming: asks for a photo"),
    ("da", "grooming: beder om et billede"),
    ("nb", "grooming: ber om et bilde"),
    ("fr", "pédopiégeage : demande une photo"),
])
def test_the_concept_label_is_translated(language, label):
    with translation.override(language):
        assert Finding(concept="grooming.photo").concept_label == label
    assert Finding(concept="something.new").concept_label == "something.new"


def test_the_review_page_shows_the_concept_beside_the_finding(client, coordinator, pair):
    letter = submit(pair, "Please send me a photo of yourself.", by="mentor")
    client.force_login(coordinator)
    html = client.get(f"/letters/{letter.pk}/review/").content.decode()
    assert "(grooming: asks for a photo)" in html


def test_the_screen_command_reads_the_author_and_the_signal_switches():
    import io

    from django.core.management import call_command

    text = "Send me a photo of yourself."
    lines = [
        {"text": text, "language": "en", "region": "GB", "author_role": "mentor"},
        {"text": text, "language": "en", "region": "GB", "author": "mentee", "use_model": False},
        {"text": text, "language": "en", "region": "GB", "use_rules": False, "use_model": False},
    ]
    stdout = io.StringIO()
    call_command("screen", "--jsonl", stdin=io.StringIO("\n".join(map(json.dumps, lines)) + "\n"), stdout=stdout)
    first, second, third = (json.loads(line)["findings"] for line in stdout.getvalue().splitlines())
    assert [(f["kind"], f["severity"], f["concept"]) for f in first] == [("safeguarding", "urgent", "grooming.photo")]
    assert [(f["kind"], f["severity"]) for f in second] == [("safeguarding", "hold")]
    assert third == []


# ------------------------------------------------------------------------------ an adult's moves, as written

# Classes of grooming moves that the development letters showed fixed phrases missing, one
# case per class and language, each beside an ordinary sentence that shares its words.
# (language, author, text, concept)
ADULT_MOVES = [
    ('en', 'mentor', "There's no need to go through the office for something this small.", 'grooming.secrecy'),
    ('da', 'mentor', 'Det er nemmere at klare det uden om kontoret denne gang.', 'grooming.secrecy'),
    ('nb', 'mentor', 'Vi trenger ikke gå gjennom koordinatoren for noe så lite.', 'grooming.secrecy'),
    ('fr', 'mentor', "On n'a pas besoin de passer par l'association pour si peu.", 'grooming.secrecy'),
    ('en', 'mentor', 'On that app the chats vanish after a day, so nobody at home sees them.', 'grooming.secrecy'),
    ('da', 'mentor', 'Der forsvinder beskederne af sig selv bagefter.', 'grooming.secrecy'),
    ('nb', 'mentor', 'Der blir meldingene borte av seg selv.', 'grooming.secrecy'),
    ('fr', 'mentor', "Là-bas les messages s'effacent tout seuls.", 'grooming.secrecy'),
    ('en', 'mentor', "Honestly you're far more grown up than the girls your age.", 'grooming.flattery'),
    ('da', 'mentor', 'Du er meget mere voksen end de andre drenge i din klasse.', 'grooming.flattery'),
    ('nb', 'mentor', 'Du er mye klokere enn de andre på din alder.', 'grooming.flattery'),
    ('fr', 'mentor', 'Tu es la plus jolie de toute ta classe.', 'grooming.flattery'),
    ('en', 'mentor', 'I cycle past your house most mornings on my way to work.', 'grooming.meeting'),
    ('da', 'mentor', 'Jeg kunne komme forbi med en kage en eftermiddag.', 'grooming.meeting'),
    ('nb', 'mentor', 'Det blir best om du kommer alene på lørdag.', 'grooming.meeting'),
    ('fr', 'mentor', 'Je pourrais passer te chercher en voiture samedi.', 'grooming.meeting'),
    ('en', 'mentor', "I'll put some money on your account so you can buy the game.", 'grooming.gift'),
    ('da', 'mentor', 'Jeg har sat 200 kr ind på din MobilePay.', 'grooming.gift'),
    ('nb', 'mentor', 'Jeg kan sette inn penger på kontoen din i kveld.', 'grooming.gift'),
    ('fr', 'mentor', "J'ai rechargé ton compte de jeu de 15 euros.", 'grooming.gift'),
    ('en', 'mentor', 'Send me one of you in your swimsuit from the holiday.', 'grooming.photo'),
    ('da', 'mentor', 'Har du nogle billeder i badetøj fra stranden?', 'grooming.photo'),
    ('nb', 'mentor', 'Send meg et bilde i badedrakt fra stevnet.', 'grooming.photo'),
    ('fr', 'mentor', "Tu pourrais m'en envoyer une en maillot de bain ?", 'grooming.photo'),
    ('en', 'mentor', "I've set up a private email just for us two.", 'grooming.platform'),
    ('da', 'mentor', 'Jeg har oprettet en konto til dig, som ingen andre kender.', 'grooming.platform'),
    ('nb', 'mentor', 'Last ned Telegram, så kan vi snakke privat der.', 'grooming.platform'),
    ('fr', 'mentor', "Viens sur Snapchat, c'est plus simple.", 'grooming.platform'),
    ('en', 'mentor', 'What nights are your parents out late?', 'grooming.personal_info'),
    ('da', 'mentor', 'Hvornår er dine forældre ude om aftenen?', 'grooming.personal_info'),
    ('nb', 'mentor', 'Er det bare du hjemme om ettermiddagen?', 'grooming.personal_info'),
    ('fr', 'mentor', 'À quelle heure tu rentres seule le mercredi ?', 'grooming.personal_info'),
    ('en', 'mentee', 'the man at the shop keeps giving me vapes and money', 'grooming.gift'),
    ('da', 'mentee', 'han giver mig slik og penge hver gang jeg går forbi', 'grooming.gift'),
    ('nb', 'mentee', 'han har gitt meg masse robux', 'grooming.gift'),
    ('fr', 'mentee', 'il me donne des robux si je lui réponds', 'grooming.gift'),
]

ADULT_MOVE_NEAR_MISSES = [
    ('en', 'mentor', 'We always go through the office when we plan the summer trip.'),
    ('da', 'mentor', 'Vi skriver altid gennem kontoret, det er reglen.'),
    ('nb', 'mentor', 'Alle brevene går gjennom koordinatoren, sånn er det.'),
    ('fr', 'mentor', "Pour la sortie, on passe toujours par l'association."),
    ('en', 'mentor', 'The snow vanished overnight and the garden looked bare again.'),
    ('da', 'mentor', 'Sneen forsvandt i nat, og haven var grøn igen.'),
    ('nb', 'mentor', 'Snøen ble borte i natt, og hagen var grønn igjen.'),
    ('fr', 'mentor', 'La neige a fondu cette nuit et le jardin est redevenu vert.'),
    ('en', 'mentor', 'Honestly your handwriting is neater than it was last year.'),
    ('da', 'mentor', 'Din håndskrift er blevet meget pænere end sidste år.'),
    ('nb', 'mentor', 'Håndskriften din er mye penere enn i fjor.'),
    ('fr', 'mentor', "Ton écriture est plus jolie que l'an dernier."),
    ('en', 'mentor', 'I cycled past the lake most mornings when I was your age.'),
    ('da', 'mentor', 'Hvis du nogensinde kommer forbi Aarhus, så besøg museet.'),
    ('nb', 'mentor', 'Det blir best om du tar med deg boka på lørdag.'),
    ('fr', 'mentor', 'Ma sœur est passée me chercher en voiture samedi.'),
    ('en', 'mentor', 'I put some money in my savings account last week.'),
    ('da', 'mentor', 'Jeg har sat penge ind på min opsparing.'),
    ('nb', 'mentor', 'Jeg satte inn penger på sparekontoen min.'),
    ('fr', 'mentor', "J'ai rechargé la batterie de mon vélo électrique."),
    ('en', 'mentor', 'Send me a picture of your drawing from the holiday.'),
    ('da', 'mentor', 'Har du nogle billeder af tegningen fra stranden?'),
    ('nb', 'mentor', 'Her er et bilde av tegningen min fra stevnet.'),
    ('fr', 'mentor', "Tu pourrais m'envoyer le dessin de ton maillot de foot ?"),
    ('en', 'mentor', 'My mum texted me to come home for dinner.'),
    ('da', 'mentor', 'Min mor oprettede en konto til biblioteket.'),
    ('nb', 'mentor', 'Mamma lastet ned en app for å lære spansk.'),
    ('fr', 'mentor', 'Ma nièce passe ses journées sur Snapchat.'),
    ('en', 'mentor', 'My parents were out late last night at a concert.'),
    ('da', 'mentor', 'Mine forældre var ude om aftenen i går.'),
    ('nb', 'mentor', 'Det var bare meg hjemme i går ettermiddag, og jeg leste.'),
    ('fr', 'mentor', 'À quelle heure tu te lèves le mercredi ?'),
    ('en', 'mentee', 'nan gave me some money for my birthday'),
    ('da', 'mentee', 'mormor gav mig penge til min fødselsdag'),
    ('nb', 'mentee', 'bestemor ga meg penger til bursdagen'),
    ('fr', 'mentee', "ma grand-mère m'a donné un livre pour mon anniversaire"),
]


@pytest.mark.parametrize(("language", "author_role", "text", "concept"), ADULT_MOVES)
def test_the_rules_catch_classes_of_an_adults_moves(language, author_role, text, concept):
    assert (concept, FindingSeverity.URGENT) in [(c, s) for c, s, _ in rule_concerns(text, language, author_role)]


@pytest.mark.parametrize(("language", "author_role", "text"), ADULT_MOVE_NEAR_MISSES)
def test_ordinary_sentences_sharing_their_words_raise_nothing_urgent(language, author_role, text):
    assert not [c for c, s, _ in rule_concerns(text, language, author_role) if s == FindingSeverity.URGENT]

# ------------------------------------------------------------------------------ a child's disclosures, by class

# Each class of what children write when they tell of harm, in all four languages: a
# disclosure in words the phrase lists did not have, and a near miss that shares its words
# but is ordinary (a paper cut, a sibling's teasing, a holiday, a little brother at the door).
# Written for these tests, not copied from the corpus.
CHILD_CLASSES = [
    # self-harm: a tool and a part of the body
    ("en", "self_harm", "I took the blade out and used it on my thigh again.", "used it on my thigh",
     "I cut my finger with the bread knife making sandwiches."),
    ("da", "self_harm", "Jeg har brugt bladet fra blyantspidseren på maven.", "bladet fra blyantspidseren på maven",
     "Jeg skar mig på et stykke papir i dansktimen."),
    ("nb", "self_harm", "Jeg brukte kniven på låret i går kveld.", "kniven på låret",
     "Jeg skar meg på et ark i norsktimen."),
    ("fr", "self_harm", "Je me fais des traits sur la cuisse avec le compas.", "traits sur la cuisse",
     "Je me suis coupé le doigt avec le couteau à pain."),
    # self-harm: hiding the marks
    ("en", "self_harm", "I wear my jumper in PE too so nobody notices my arms.", "nobody notices my arms",
     "I wear my jumper in PE too because the hall is freezing."),
    ("da", "self_harm", "Jeg har lange ærmer på, så ingen ser mine arme.", "ingen ser mine arme",
     "Jeg har lange ærmer på, fordi det er koldt."),
    ("nb", "self_harm", "Jeg går i genser så ingen ser armene mine.", "ingen ser armene",
     "Jeg går i genser fordi det er kaldt i klasserommet."),
    ("fr", "self_harm", "Je mets un sweat pour cacher mes poignets.", "cacher mes poignets",
     "Je mets un sweat parce qu'il fait froid dans la classe."),
    # suicidal: a farewell in plain words
    ("en", "suicidal", "I won't be around much longer, so thank you for the letters.", "won't be around much longer",
     "I won't be around much next week because of the school trip."),
    ("da", "suicidal", "Jeg tror ikke jeg er her til jul, så tak for brevene.", "tror ikke jeg er her til jul",
     "Jeg er ikke hjemme til jul, vi skal til Norge."),
    ("nb", "suicidal", "Jeg tror ikke jeg er her lenger når du leser dette.", "tror ikke jeg er her lenger",
     "Jeg er ikke her i jula, vi skal til Spania."),
    ("fr", "suicidal", "Tout le monde serait plus tranquille sans moi.", "sans moi",
     "Mes parents seraient plus tranquilles sans mes disputes avec mon frère."),
    # suicidal: counting pills
    ("en", "suicidal", "I keep looking up how many tablets it would take.", "how many tablets it would take",
     "I keep looking up how many pages the last book has."),
    ("da", "suicidal", "Jeg har googlet hvor mange piller man skal tage.", "hvor mange piller",
     "Jeg har googlet hvor mange sider bogen har."),
    ("nb", "suicidal", "Jeg har sjekket hvor mange tabletter som skal til.", "hvor mange tabletter",
     "Jeg har sjekket hvor mange sider boka har."),
    ("fr", "suicidal", "J'ai cherché combien de cachets il faut prendre.", "combien de cachets",
     "J'ai cherché combien de pages il reste dans le livre."),
    # abuse: a parent's words
    ("en", "abuse", "My stepmum keeps telling me I'm worthless and a burden.", "telling me I'm worthless",
     "My brother says I'm rubbish at Mario Kart, which is true."),
    ("da", "abuse", "Min stedfar siger hele tiden at jeg er ubrugelig.", "jeg er ubrugelig",
     "Min storebror siger at jeg er dårlig til fodbold."),
    ("nb", "abuse", "Stefaren min sier at jeg er verdiløs.", "jeg er verdiløs",
     "Broren min sier at jeg er dårlig i FIFA."),
    ("fr", "abuse", "Ma belle-mère me traite de bonne à rien tous les soirs.", "bonne à rien",
     "Mon frère me traite de nul à la console."),
    # abuse: a threat, or a violent act told in words the lists did not have
    ("en", "abuse", "He says if I tell anyone he'll make it worse.", "he'll make it worse",
     "He says if I tell anyone about the party he'll be cross."),
    ("da", "abuse", "Han trak mig i håret og smed mig ned ad trappen.", "trak mig i håret",
     "Hun slår mig altid i skak, det er så irriterende."),
    ("nb", "abuse", "Han dyttet meg inn i veggen fordi jeg svarte.", "dyttet meg inn i veggen",
     "Jeg fikk blåmerker på leggen etter fotballkampen."),
    ("fr", "abuse", "Il m'a tiré par les cheveux jusqu'à ma chambre.", "tiré par les cheveux",
     "Mon père va me tuer quand il verra mon bulletin."),
    # neglect: nobody collects the child
    ("en", "neglect", "Nobody picked me up from football again, so I walked home in the dark.", "Nobody picked me up",
     "Mum picked me up late from football because of the traffic."),
    ("da", "neglect", "Der var ingen der hentede mig fra fritter igen.", "ingen der hentede mig",
     "Mor hentede mig lidt sent, fordi bussen var forsinket."),
    ("nb", "neglect", "Ingen hentet meg på SFO i dag heller.", "Ingen hentet meg",
     "Mamma hentet meg sent fordi hun var på jobb."),
    ("fr", "neglect", "Personne est venu me chercher à la garderie hier.", "Personne est venu me chercher",
     "Mamie est venue me chercher à la garderie en vélo."),
    # neglect: the facts of a home without heat or food
    ("en", "neglect", "The heating has been off for weeks and we sleep in our coats.", "heating has been off",
     "The heating broke at school so we all went home early."),
    ("da", "neglect", "Vi har ikke haft varme i to uger, og der er kun knækbrød tilbage.", "ikke haft varme",
     "Vi spiste knækbrød med ost til frokost."),
    ("nb", "neglect", "Strømmen ble stengt og vi har bare knekkebrød igjen.", "Strømmen ble stengt",
     "Vi spiste knekkebrød med brunost til frokost."),
    ("fr", "neglect", "On a pas de chauffage depuis décembre et il reste que du pain sec.", "pas de chauffage depuis",
     "On a mangé du pain avec du fromage au goûter."),
    # sexual abuse: someone comes in while the child is undressed or the others sleep
    ("en", "sexual", "He comes into the bathroom when I'm showering and won't leave.", "comes into the bathroom",
     "My little brother always bursts into the bathroom, so annoying."),
    ("da", "sexual", "Han kommer ind på mit værelse, når de andre sover.", "kommer ind på mit værelse",
     "Min lillesøster kommer ind på mit værelse, når hun har mareridt."),
    ("nb", "sexual", "Han kommer inn på badet når jeg dusjer.", "kommer inn på badet",
     "Lillebroren min kommer inn på rommet mitt når han ikke får sove."),
    ("fr", "sexual", "Il rentre dans la salle de bain quand je me douche et il reste à me regarder.", "reste à me regarder",
     "Mon petit frère rentre toujours dans ma chambre sans frapper."),
    # sexual abuse: a threat to share pictures or videos
    ("en", "sexual", "He filmed it and says he'll send it to everyone at school if I say no.", "send it to everyone",
     "We filmed our drama scene and sent it to everyone in the class."),
    ("da", "sexual", "Han siger han viser billederne til hele klassen, hvis jeg ikke sender flere.", "hvis jeg ikke",
     "Vi viste billederne fra lejrskolen til hele klassen."),
    ("nb", "sexual", "Han sier han skal legge ut videoen hvis jeg ikke gjør det igjen.", "legge ut videoen",
     "Vi skal legge ut videoen fra skoleavslutningen på skolens side."),
    ("fr", "sexual", "Il menace de mettre la vidéo sur internet si j'envoie pas d'autres photos.", "si j'envoie pas",
     "On a mis la vidéo du spectacle sur le site de l'école."),
]


@pytest.mark.parametrize(("language", "concept", "text", "fragment", "near_miss"), CHILD_CLASSES)
def test_a_childs_disclosure_in_its_own_words_is_urgent(language, concept, text, fragment, near_miss):
    start = text.index(fragment)
    end = start + len(fragment)
    findings = [f for f in screen(text, language=language, region=REGION[language], author_role="mentee",
                                  use_model=False) if f.kind == SAFEGUARDING]
    assert any(f.start <= start and f.end >= end and f.concept == concept and f.severity == FindingSeverity.URGENT
               for f in findings), [(f.concept, f.severity, text[f.start:f.end]) for f in findings]


@pytest.mark.parametrize(("language", "concept", "text", "fragment", "near_miss"), CHILD_CLASSES)
@pytest.mark.parametrize("author_role", ["mentor", "mentee"])
def test_the_ordinary_near_miss_of_each_disclosure_class_stays_quiet(language, concept, text, fragment, near_miss,
                                                                      author_role):
    assert not [c for c in rule_concerns(near_miss, language, author_role) if c[1] == FindingSeverity.URGENT]
