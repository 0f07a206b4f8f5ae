"""Safeguarding rules for the classes the last unseen round missed, in all four languages.

Each concept rule added for those classes is tried here with wordings that are not in the
corpus (other verb forms, filler words, other objects), so that a rule fitted to one letter
fails here. Each has quiet counterparts: hyperbole, a child's harmless secret, a mentor
explaining the program's rules or inviting the child to say if something upset them,
sports, a child answering about their surname and town. The direction rule is checked in
every language: a grooming move from the adult is urgent, the same words from the child
are at most a look. The new phrase syntax (exact forms, sentence frames, `unless` kept to
its sentence) is tested on a lexicon built here.
"""

import pytest

from letters.management.commands.load_demo import FLAGGED_SENTENCE, MENTEE_LETTER, MENTOR_LETTER
from letters.screening import screen
from letters.screening.concepts import ConceptLexicon, find_concepts
from letters.screening.tokens import tokenize

REGION = {"en": "GB", "da": "DK", "nb": "NO", "fr": "FR"}


def urgent_concerns(text, language, author_role, **signals):
    """Return (concept, covered text) of each urgent safeguarding finding of `text`."""
    findings = screen(text, language=language, region=REGION[language], author_role=author_role, **signals)
    return [(f.concept, text[f.start:f.end]) for f in findings if f.kind == "safeguarding" and f.severity == "urgent"]


def rule_hits(text, language, author_role):
    """Return {concept: severity} the rules alone give `text` (the gravest per concept)."""
    rank = {"none": 0, "hold": 1, "urgent": 2}
    found: dict[str, str] = {}
    for hit in find_concepts(text, language=language, author_role=author_role):
        if rank[hit.severity] > rank[found.get(hit.concept, "none")]:
            found[hit.concept] = hit.severity
    return found


# (language, author, text, concept, words that must lie inside the urgent finding)
DISCLOSURES = [
    # neglect told by its facts
    ("en", "mentee", "My mum hasn't been home since Saturday, I've been eating crackers.", "neglect", "been home since"),
    ("en", "mentee", "there is literally nothing in the fridge and nobody is home at night", "neglect", "nothing in the fridge"),
    ("da", "mentee", "far er ikke kommet hjem siden i søndags", "neglect", "ikke kommet hjem siden"),
    ("da", "mentee", "skabene er helt tomme igen", "neglect", "skabene er helt tomme"),
    ("nb", "mentee", "mamma har ikke vært hjemme siden mandag", "neglect", "ikke vært hjemme siden"),
    ("nb", "mentee", "det er ingen voksne hjemme om kveldene", "neglect", "ingen voksne hjemme"),
    ("fr", "mentee", "ma mère est jamais rentrée depuis lundi", "neglect", "jamais rentrée depuis"),
    ("fr", "mentee", "les placards sont vides encore une fois", "neglect", "placards sont vides"),
    # violence told by its acts
    ("en", "mentee", "my stepdad chucked his phone at me yesterday", "abuse", "chucked his phone at me"),
    ("en", "mentee", "he put his hands round my neck and squeezed", "abuse", "hands round my neck"),
    ("en", "mentee", "I've been wearing a scarf so nobody notices the bruises", "abuse", "nobody notices the bruises"),
    ("da", "mentee", "han kaster tit ting efter mig når han er fuld", "abuse", "kaster tit ting efter mig"),
    ("da", "mentee", "hun greb mig i halsen", "abuse", "greb mig i halsen"),
    ("nb", "mentee", "han tar meg rundt halsen når han blir sint", "abuse", "tar meg rundt halsen"),
    ("nb", "mentee", "jeg må skjule blåmerkene med genser", "abuse", "skjule blåmerkene"),
    ("fr", "mentee", "il a jeté une chaise sur moi", "abuse", "jeté une chaise sur moi"),
    ("fr", "mentee", "je mets des manches longues pour cacher les bleus", "abuse", "cacher les bleus"),
    # sexual abuse told indirectly
    ("en", "mentee", "my mum's friend climbs into my bed when she's out", "sexual", "climbs into my bed"),
    ("en", "mentee", "he showed me some really weird videos on his laptop", "sexual", "showed me some really weird videos"),
    ("da", "mentee", "min stedfar lagde sig i min seng i nat", "sexual", "lagde sig i min seng"),
    ("nb", "mentee", "naboen viste meg noen ekle videoer", "sexual", "viste meg noen ekle videoer"),
    ("fr", "mentee", "mon voisin se glisse dans mon lit le soir", "sexual", "glisse dans mon lit"),
    # self-harm by its acts
    ("en", "mentee", "I keep picking at my arms until they bleed", "self_harm", "picking at my arms until they bleed"),
    ("en", "mentee", "after tea i made myself throw up again", "self_harm", "made myself throw up"),
    ("da", "mentee", "jeg bider mig selv i hånden til det bløder", "self_harm", "til det bløder"),
    ("da", "mentee", "jeg har knap spist noget i en hel uge", "self_harm", "knap spist"),
    ("nb", "mentee", "jeg kaster opp med vilje etter hvert måltid", "self_harm", "kaster opp med vilje"),
    ("nb", "mentee", "jeg river meg selv på armen til det blør", "self_harm", "til det blør"),
    ("fr", "mentee", "je me gratte les bras jusqu'au sang", "self_harm", "jusqu'au sang"),
    ("fr", "mentee", "je me suis fait vomir hier soir", "self_harm", "vomir"),
    # farewell signs and wishing to disappear
    ("en", "mentee", "this might be my last letter to you, sorry", "suicidal", "my last letter"),
    ("en", "mentee", "I've been collecting paracetamol in my drawer", "suicidal", "collecting paracetamol"),
    ("en", "mentee", "I wish I could just vanish for good", "suicidal", "vanish for good"),
    ("da", "mentee", "jeg har givet alle mine bamser væk", "suicidal", "givet alle mine bamser væk"),
    ("da", "mentee", "jeg har sparet sovepiller sammen", "suicidal", "sparet sovepiller"),
    ("nb", "mentee", "nå vet jeg hvordan jeg skal gjøre det", "suicidal", "nå vet jeg hvordan"),
    ("nb", "mentee", "jeg vil bare forsvinne for alltid", "suicidal", "forsvinne for alltid"),
    ("fr", "mentee", "je crois que c'est ma dernière lettre", "suicidal", "ma dernière lettre"),
    ("fr", "mentee", "j'ai envie de disparaître à jamais", "suicidal", "disparaître à jamais"),
    ("en", "mentee", "i havent had a proper meal since last week", "neglect", "had a proper meal since"),
    ("en", "mentee", "nobody comes home till really late", "neglect", "nobody comes home till"),
    ("en", "mentee", "i wrote a note for mum for when im gone", "suicidal", "when im gone"),
    ("en", "mentee", "a man online keeps asking for pics of me", "grooming.photo", "asking for pics"),
    ("da", "mentee", "jeg har ikke fået noget at spise siden i går", "neglect", "ikke fået noget at spise siden"),
    ("da", "mentee", "jeg skærer i mine arme om natten", "self_harm", "skærer i mine arme"),
    ("nb", "mentee", "jeg har ikke fått mat siden fredag", "neglect", "ikke fått mat siden"),
    ("fr", "mentee", "ce serait mieux si j'étais plus là", "suicidal", "étais plus là"),
]

# (language, text, concept, words): an adult's grooming move, urgent from a mentor.
GROOMING = [
    ("en", "Why not just email me, it's faster than these letters.", "grooming.platform", "just email me"),
    ("en", "Give me a ring tomorrow after school.", "grooming.platform", "Give me a ring"),
    ("en", "You can write to my personal email if you like.", "grooming.platform", "my personal email"),
    ("da", "Du kan bare sms'e mig i stedet.", "grooming.platform", "sms'e mig i stedet"),
    ("da", "Skriv til min private mail, så går det hurtigere.", "grooming.platform", "min private mail"),
    ("nb", "Send meg en melding på mobilen heller.", "grooming.platform", "Send meg en melding"),
    ("nb", "Bare ring meg når du kommer hjem.", "grooming.platform", "Bare ring meg"),
    ("fr", "Appelle-moi plutôt, c'est plus simple.", "grooming.platform", "Appelle-moi plutôt"),
    ("fr", "Tu peux m'écrire directement sur mon mail perso.", "grooming.platform", "écrire directement"),
    ("en", "No need to trouble the coordinators with any of this.", "grooming.secrecy", "No need to trouble the coordinators"),
    ("da", "Koordinatoren behøver ikke at vide det hele.", "grooming.secrecy", "Koordinatoren behøver ikke"),
    ("nb", "Koordinatoren trenger ikke å vite alt vi skriver.", "grooming.secrecy", "trenger ikke å vite"),
    ("fr", "Pas besoin d'en parler à la coordinatrice.", "grooming.secrecy", "coordinatrice"),
    ("en", "I bought you a little something for the holidays.", "grooming.gift", "bought you"),
    ("da", "Jeg har købt en lille ting til dig.", "grooming.gift", "købt en lille ting til dig"),
    ("nb", "Jeg har kjøpt noe fint til deg.", "grooming.gift", "kjøpt noe fint til deg"),
    ("fr", "Je t'ai acheté un petit bracelet.", "grooming.gift", "acheté"),
    ("en", "Tell your dad you're staying at a friend's house on Friday.", "grooming.meeting", "Tell your dad"),
    ("en", "I'll be near your school on Friday, I could pop by and say hi.", "grooming.meeting", "near your school"),
    ("da", "Sig til din far at du skal hjem til en ven.", "grooming.meeting", "Sig til din far"),
    ("nb", "Si til pappa at du skal hjem til en venn.", "grooming.meeting", "Si til pappa"),
    ("fr", "Dis à ton père que tu dors chez une amie.", "grooming.meeting", "Dis à ton père"),
]

# (language, author, text): ordinary letters that must raise nothing urgent.
QUIET = [
    ("en", "mentee", "I'm going to die of boredom if we read that chapter again"),
    ("en", "mentee", "that spelling test killed me lol"),
    ("en", "mentee", "I could kill my sister, she read my diary"),
    ("en", "mentee", "don't tell my mum but I fed my broccoli to the dog, it's our secret"),
    ("en", "mentor", "The programme rules say we can't meet outside the events or swap numbers, so we write here."),
    ("en", "mentor", "If anything I wrote upset you, you can always tell me or your coordinator."),
    ("en", "mentee", "We won 3-1 and I scored, the other team threw a tantrum"),
    ("en", "mentee", "you asked my surname, it's Okafor, and I live in Leeds"),
    ("en", "mentee", "Now I know how to do a cartwheel. My sister taught me."),
    ("en", "mentee", "this is my last letter before the summer holidays!"),
    ("en", "mentee", "my baby brother bit my arm, he is 1"),
    ("en", "mentor", "My sister rang me tonight to tell me about her new puppy."),
    ("da", "mentee", "jeg døde næsten af grin, og matematikprøven slog mig ihjel"),
    ("da", "mentee", "sig det ikke til mor, men jeg har spist al kagen, det er vores hemmelighed"),
    ("da", "mentor", "Reglerne i programmet siger at vi ikke må mødes eller give telefonnumre til hinanden."),
    ("da", "mentor", "Hvis noget af det jeg skrev gjorde dig ked af det, må du gerne sige det."),
    ("da", "mentee", "jeg passer min lillesøster om lørdagen, hun er sød"),
    ("nb", "mentee", "jeg holdt på å dø av latter, men testen tok livet av meg"),
    ("nb", "mentee", "ikke si det til pappa, men jeg har spist all isen, det er vår hemmelighet"),
    ("nb", "mentor", "Reglene i programmet sier at vi ikke kan møtes eller gi hverandre nummer."),
    ("nb", "mentee", "jeg har 3 permer med 360 plasser i hver"),
    ("nb", "mentee", "du spurte om etternavnet mitt, det er Berg, og jeg bor i Tromsø"),
    ("fr", "mentee", "ce devoir de maths m'a tuée, et je vais tuer mon frère"),
    ("fr", "mentee", "le dis pas à papa mais j'ai mangé tout le chocolat, c'est notre secret"),
    ("fr", "mentor", "Les règles du programme disent qu'on ne se voit pas en dehors des rencontres."),
    ("fr", "mentor", "Si quelque chose dans ma lettre t'a fait de la peine, dis-le à la coordinatrice."),
    ("fr", "mentor", "Le passage où Lou se griffe les bras jusqu'au sang m'a touchée."),
    ("fr", "mentee", "tu m'as demandé mon nom de famille, c'est Petit, et j'habite à Lille"),
    ("en", "mentee", "mum said no more screen time, I wanted to disappear into the floor"),
    ("en", "mentee", "my dad works away, he's been in Scotland for two weeks but he phones every night"),
    ("en", "mentee", "my nan sleeps all day now, she's really old"),
    ("da", "mentee", "køleskabet var tomt fordi vi skulle handle"),
    ("nb", "mentee", "pappa jobber offshore og er borte i to uker, men han ringer hver kveld"),
    ("fr", "mentee", "le frigo était vide parce qu'on n'avait pas fait les courses"),
    ("fr", "mentee", "on a joué à cache-cache et je me suis cachée dans l'armoire"),
]

# (language, text, concept): words that are a grooming move from the adult.
DIRECTION = [
    ("en", "just text me instead", "grooming.platform"),
    ("en", "let's keep it to ourselves", "grooming.secrecy"),
    ("da", "skriv hellere en sms til mig", "grooming.platform"),
    ("da", "det holder vi for os selv", "grooming.secrecy"),
    ("nb", "send meg heller en sms", "grooming.platform"),
    ("nb", "det holder vi for oss selv", "grooming.secrecy"),
    ("fr", "envoie-moi plutôt un texto", "grooming.platform"),
    ("fr", "on va garder ça pour nous", "grooming.secrecy"),
]


@pytest.mark.parametrize(("language", "author", "text", "concept", "words"), DISCLOSURES)
def test_a_disclosure_told_by_its_facts_is_urgent(language, author, text, concept, words):
    found = urgent_concerns(text, language, author, use_model=False)
    assert any(words in covered for _, covered in found), found
    assert concept in {c for c, _ in found}


@pytest.mark.parametrize(("language", "text", "concept", "words"), GROOMING)
def test_an_adults_grooming_move_is_urgent(language, text, concept, words):
    found = urgent_concerns(text, language, "mentor", use_model=False)
    assert (concept in {c for c, _ in found}) and any(words in covered for _, covered in found), found


@pytest.mark.parametrize(("language", "author", "text"), QUIET)
def test_ordinary_letters_raise_nothing_urgent(language, author, text):
    assert urgent_concerns(text, language, author) == []


@pytest.mark.parametrize(("language", "text", "concept"), DIRECTION)
def test_the_same_words_are_urgent_from_the_adult_and_not_from_the_child(language, text, concept):
    assert rule_hits(text, language, "mentor").get(concept) == "urgent"
    assert rule_hits(text, language, "mentee").get(concept, "none") in {"none", "hold"}


@pytest.mark.parametrize(("language", "author", "text"), [
    ("en", "mentee", "I gave my old bike to my cousin because it's too small now"),
    ("en", "mentee", "my dad works away a lot, he's been in Scotland for two weeks"),
    ("da", "mentor", "Jeg har købt en ny notesbog til vores breve."),
    ("da", "mentee", "jeg har givet min gamle cykel til min fætter fordi den er for lille"),
    ("fr", "mentee", "j'ai donné mon vieux vélo à mon cousin"),
    ("nb", "mentee", "jeg ga den gamle sykkelen min til fetteren min"),
])
def test_the_model_does_not_even_hold_an_ordinary_sentence(language, author, text):
    findings = screen(text, language=language, region=REGION[language], author_role=author, use_rules=False)
    assert [f for f in findings if f.kind == "safeguarding"] == []


def test_the_model_alone_raises_nothing_on_the_demo_letters():
    for author, text in (("mentee", MENTEE_LETTER), ("mentor", MENTOR_LETTER),
                         ("mentee", MENTEE_LETTER.replace("cat", "lighthouse")), ("mentee", MENTEE_LETTER + FLAGGED_SENTENCE)):
        findings = screen(text, language="en", region="DK", author_role=author, use_rules=False)
        assert [f for f in findings if f.kind == "safeguarding"] == [], text


# ------------------------------------------------------------------------------ phrase syntax


def lexicon_with(**tables):
    return ConceptLexicon("en", {"words": {"org": ["coordinator", "the office"]}, **tables})


def hits(lexicon, text, author_role="mentor"):
    tokens = tokenize(text, "en")
    from letters.screening.concepts import _sentence_numbers

    return [(h.concept, text[h.start:h.end]) for h in
            lexicon.find(tokens, author_role=author_role, sentence_of=_sentence_numbers(text, tokens))]


def test_an_exact_word_matches_only_as_written():
    lexicon = lexicon_with(grooming={"platform": {"said": ["=ring me"]}})
    assert hits(lexicon, "ring me tonight") == [("grooming.platform", "ring me")]
    assert hits(lexicon, "she rang me tonight") == []  # "rang" is a form of "ring", not what was written
    assert hits(lexicon, "rings me") == []


def test_a_sentence_frame_silences_its_sentence_only():
    lexicon = lexicon_with(grooming={"meeting": {"said": ["meet up"], "unless_sentence": ["rules say"]}})
    assert hits(lexicon, "The rules say we can't meet up outside the events.") == []
    assert hits(lexicon, "The rules say a lot. But we could meet up.") == [("grooming.meeting", "meet up")]


def test_a_frame_never_silences_what_a_child_reports():
    lexicon = lexicon_with(sexual={"reported": ["showed me videos"], "unless_sentence": ["rules say"]})
    assert hits(lexicon, "the rules say so but he showed me videos", "mentee") == [("sexual", "showed me videos")]


def test_unless_stays_inside_its_sentence():
    lexicon = lexicon_with(suicidal={"said": ["now i know how"], "unless": ["how to"]})
    assert hits(lexicon, "now I know how to swim") == []
    assert hits(lexicon, "now I know how. To be honest I am tired.") == [("suicidal", "now I know how")]


def test_a_group_may_hold_exact_words_and_phrases():
    lexicon = ConceptLexicon("en", {"words": {"reach": ["=text", "=e-mail"]},
                                    "grooming": {"platform": {"said": ["{reach} me instead"]}}})
    assert hits(lexicon, "e-mail me instead") == [("grooming.platform", "e-mail me instead")]
    assert hits(lexicon, "texted me instead") == []


# Fifth round: an adult's moves u3 missed, one class per row, worded unlike the letters.
# (language, text, concept, words that must lie inside the urgent finding)
FIFTH_ROUND_MOVES = [
    # a confidence traded for the child's own
    ("en", "I've told you stuff I've never told anybody, so it's only fair you share too.", "grooming.secrecy", "never told anybody"),
    ("da", "Jeg har sagt dig ting jeg aldrig har fortalt nogen.", "grooming.secrecy", "aldrig"),
    ("nb", "Jeg har fortalt deg ting som jeg aldri har sagt til noen andre.", "grooming.secrecy", "aldri"),
    ("fr", "Je t'ai raconté des choses que je n'ai jamais dites à personne.", "grooming.secrecy", "jamais"),
    # a picture asked for with the next letter
    ("en", "Pop a selfie in with your next letter, would you?", "grooming.photo", "selfie"),
    ("da", "Læg en selfie ved dit næste brev.", "grooming.photo", "selfie"),
    ("nb", "Legg ved et bilde av deg i neste brev.", "grooming.photo", "neste brev"),
    ("fr", "Glisse une photo dans ta prochaine lettre.", "grooming.photo", "prochaine lettre"),
    # an app named as the place that is only for the two of them
    ("en", "Telegram is better, it's only us on there.", "grooming.platform", "only us"),
    ("da", "På Snapchat er det bare os.", "grooming.platform", "bare os"),
    ("nb", "Jeg er på Signal. Der er det bare oss.", "grooming.platform", "bare oss"),
    ("fr", "Sur Snap, c'est juste toi et moi.", "grooming.platform", "toi et moi"),
    # more mature than the adult's own friends
    ("nb", "Du virker modnere enn vennene mine, ærlig talt.", "grooming.flattery", "modnere enn vennene"),
    ("fr", "Tu es plus mûre que la plupart de mes collègues.", "grooming.flattery", "plus mûre"),
    # a spare ticket, something ordered, a present pushed through the door
    ("en", "I've got an extra ticket for the gig, fancy it?", "grooming.gift", "extra ticket"),
    ("en", "I'll slip it through your letterbox on Sunday.", "grooming.gift", "letterbox"),
    ("da", "Jeg har to billetter til overs til FCK på søndag.", "grooming.gift", "til overs"),
    ("da", "Jeg kan lægge den i jeres postkasse.", "grooming.gift", "postkasse"),
    ("nb", "Vi har en plass til overs i bilen til konserten.", "grooming.gift", "til overs"),
    ("nb", "Jeg har bestilt en ny sekk til deg.", "grooming.gift", "bestilt"),
    ("fr", "Je t'ai réservé une place au concert.", "grooming.gift", "réservé"),
    ("fr", "J'ai deux places en trop pour le match.", "grooming.gift", "en trop"),
    # the child's number, or the address to send something to
    ("en", "Which address is best to post it to?", "grooming.personal_info", "address"),
    ("da", "Hvad er dit telefonnummer, så jeg kan skrive?", "grooming.personal_info", "telefonnummer"),
    ("nb", "Hvilken adresse er best å sende den til?", "grooming.personal_info", "adresse"),
    ("fr", "Quel est ton numéro ? Je t'écrirai le soir.", "grooming.personal_info", "ton numéro"),
]

# Near misses of those classes: the same words in an ordinary letter raise no urgent grooming finding.
FIFTH_ROUND_NEAR_MISSES = [
    ("en", "mentor", "I told you I had never seen snow before last winter."),
    ("en", "mentor", "You could draw a picture of your cat and put it in your next letter."),
    ("en", "mentee", "my class has a group on WhatsApp, it's just for homework"),
    ("en", "mentor", "We had an extra ticket so my brother came along."),
    ("en", "mentor", "The postman pushed the parcel through our door this morning."),
    ("en", "mentor", "What's your favourite number? Mine is seven."),
    ("da", "mentor", "Du kan tegne et billede af hunden og lægge det i dit næste brev."),
    ("da", "mentor", "Der var kage til overs efter festen."),
    ("da", "mentor", "Hvad er dit yndlingstal?"),
    ("da", "mentor", "Jeg har fortalt dig om Rom, og jeg har aldrig været der før."),
    ("da", "mentor", "Jeg lagde brevet i min postkasse ved en fejl."),
    ("nb", "mentor", "Hvis du vil, kan du tegne et bilde av hunden og legge det ved neste brev."),
    ("nb", "mentor", "Søsteren min er mer moden enn meg."),
    ("nb", "mentor", "Det var mat til overs etter festen."),
    ("nb", "mentor", "Jeg la brevet i postkassen i går."),
    ("fr", "mentor", "Tu peux dessiner une image de ton chat pour ta prochaine lettre."),
    ("fr", "mentor", "Ma sœur est plus mature que moi."),
    ("fr", "mentor", "Il y avait du gâteau en trop après la fête."),
    ("fr", "mentor", "J'ai mis ta lettre dans ma boîte aux lettres par erreur."),
]


@pytest.mark.parametrize(("language", "text", "concept", "words"), FIFTH_ROUND_MOVES)
def test_an_adults_fifth_round_move_is_urgent(language, text, concept, words):
    found = urgent_concerns(text, language, "mentor", use_model=False)
    assert (concept in {c for c, _ in found}) and any(words in covered for _, covered in found), found


@pytest.mark.parametrize(("language", "author", "text"), FIFTH_ROUND_NEAR_MISSES)
def test_a_fifth_round_near_miss_raises_no_urgent_grooming(language, author, text):
    found = urgent_concerns(text, language, author, use_model=False)
    assert [c for c, _ in found if c.startswith("grooming.")] == [], found
