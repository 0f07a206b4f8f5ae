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

from tests.letters.screening_checks import REGION


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


# Fifth round: a child's disclosures the spent split u3 missed, one class per row group, in
# all four languages and in wordings that are not in the corpus. Each class has a quiet
# near miss next to it: the same words about something harmless.
# (language, text, concept)
CHILD_R5 = [
    # self-harm by heat
    ("en", "I pressed my palm against the hob until it blistered", "self_harm"),
    ("da", "jeg holdt hånden på strygejernet med vilje", "self_harm"),
    ("nb", "jeg holdt hånda på panelovnen til jeg fikk blemmer", "self_harm"),
    ("fr", "j'ai posé ma main sur la plaque exprès", "self_harm"),
    # purging
    ("en", "after tea I go upstairs and put two fingers down my throat", "self_harm"),
    ("da", "jeg stikker en finger i halsen efter aftensmaden", "self_harm"),
    ("nb", "jeg stikker fingeren i halsen etter middag", "self_harm"),
    ("fr", "je mets mes doigts dans la gorge après le dîner", "self_harm"),
    # pills hidden or collected
    ("en", "I've been stashing mum's sleeping pills in a sock", "suicidal"),
    ("da", "jeg har samlet sovepiller i en æske i skabet", "suicidal"),
    ("nb", "jeg har gjemt paracet i en sokk i skapet", "suicidal"),
    ("fr", "j'ai planqué des cachets dans ma trousse", "suicidal"),
    # a note left for the family where they will find it
    ("en", "I wrote a letter for my dad and put it in my drawer", "suicidal"),
    ("da", "jeg har skrevet et brev til min mor og lagt det under hovedpuden", "suicidal"),
    ("nb", "jeg har skrevet en lapp til pappa som ligger i skuffen", "suicidal"),
    ("fr", "j'ai écrit une lettre pour papa, elle est dans mon tiroir", "suicidal"),
    # a wish to stop existing
    ("en", "some nights I just want to stop being alive", "suicidal"),
    ("da", "jeg vil bare holde op med at eksistere", "suicidal"),
    ("nb", "jeg vil bare slutte å eksistere", "suicidal"),
    ("fr", "je voudrais juste arrêter d'exister", "suicidal"),
    # a wrist twisted
    ("en", "my stepdad twisted my wrist behind my back", "abuse"),
    ("da", "min stedfar vred mit håndled rundt", "abuse"),
    ("nb", "stefaren min vridde armen min bak ryggen", "abuse"),
    ("fr", "mon beau-père m'a tordu le bras dans le dos", "abuse"),
    # a head banged on a table or wall
    ("en", "she slammed my head against the kitchen wall", "abuse"),
    ("da", "han slog mit hoved ned i bordet", "abuse"),
    ("nb", "mamma slo hodet mitt mot veggen", "abuse"),
    ("fr", "il m'a cogné la tête contre le mur", "abuse"),
    # a threat of broken bones
    ("en", "he said he'll snap my arm if I tell", "abuse"),
    ("da", "han siger han vil brække mine fingre hvis jeg siger noget", "abuse"),
    ("nb", "han sier han skal brekke armen min hvis jeg sier noe", "abuse"),
    ("fr", "il a dit qu'il allait me casser les doigts si je parle", "abuse"),
    # put out in the cold
    ("en", "when I'm naughty mum locks me out on the balcony", "abuse"),
    ("da", "mor sætter mig ud på altanen uden sko", "abuse"),
    ("nb", "når jeg er slem stenger pappa meg ut på balkongen", "abuse"),
    ("fr", "ma mère me met dehors sans manteau quand je réponds", "abuse"),
    # gripped hard enough to leave marks
    ("en", "he squeezed my arm so hard it left purple marks", "abuse"),
    ("da", "han greb min arm så hårdt at der kom mærker", "abuse"),
    ("nb", "hun klemte armen min så hardt at jeg fikk blåmerker", "abuse"),
    ("fr", "il m'a serré le bras si fort que j'ai des bleus", "abuse"),
    # exploitation by older youths: deliveries at night, beatings if he stops
    ("en", "the older lads make my brother carry bags for them late at night", "abuse"),
    ("en", "they said they'll batter him if he stops", "abuse"),
    ("da", "de store drenge får ham til at køre pakker ud for dem om natten", "abuse"),
    ("da", "de banker ham hvis han stopper", "abuse"),
    ("nb", "de eldre gutta får ham til å levere pakker for dem om natta", "abuse"),
    ("nb", "de juler ham hvis han slutter", "abuse"),
    ("fr", "les grands lui font livrer des paquets pour eux la nuit", "abuse"),
    ("fr", "ils vont le tabasser s'il arrête", "abuse"),
    # a parent always in bed
    ("en", "my dad stays in bed all the time now", "neglect"),
    ("da", "min mor ligger i sengen hele tiden", "neglect"),
    ("nb", "pappa ligger i senga hele tiden", "neglect"),
    ("fr", "ma mère reste au lit tout le temps", "neglect"),
    # no heating for weeks
    ("en", "we have had no heating for three weeks", "neglect"),
    ("da", "vi har ingen varme haft i tre uger", "neglect"),
    ("nb", "vi har ikke hatt strøm på to uker", "neglect"),
    ("fr", "on a plus d'électricité depuis deux semaines", "neglect"),
    # broken glasses never replaced
    ("en", "I have had no glasses for months", "neglect"),
    ("da", "jeg har ikke haft briller i flere måneder", "neglect"),
    ("nb", "jeg har ikke hatt briller på mange uker", "neglect"),
    ("fr", "j'ai pas de lunettes depuis la rentrée", "neglect"),
    # kept home to mind a sibling
    ("en", "I couldn't go to school because I had to mind my baby sister", "neglect"),
    ("da", "jeg var ikke i skole i dag fordi jeg skulle passe min lillebror", "neglect"),
    ("nb", "jeg var ikke på skolen fordi jeg måtte passe lillebroren min", "neglect"),
    ("fr", "je suis pas allée à l'école pour garder ma petite sœur", "neglect"),
    # home alone all weekend
    ("en", "I'm home alone the whole weekend again", "neglect"),
    ("da", "jeg er alene hjemme hele weekenden igen", "neglect"),
    ("nb", "jeg er alene hjemme hele helgen igjen", "neglect"),
    ("fr", "je suis seule à la maison tout le week-end", "neglect"),
    # touched while asleep
    ("en", "my uncle touches me when I'm sleeping", "sexual"),
    ("da", "han rører ved mig mens jeg sover", "sexual"),
    ("nb", "han rører på meg når jeg sover", "sexual"),
    ("fr", "il me touchait pendant que je dormais", "sexual"),
]

# (language, text): the same words about something harmless; no urgent finding.
CHILD_R5_QUIET = [
    ("en", "I held my hands on the radiator to warm them after football"),
    ("da", "jeg holdt hænderne hen over radiatoren for at få varmen"),
    ("nb", "jeg holdt hendene over ovnen for å få varmen"),
    ("fr", "j'ai mis mes mains sur le radiateur pour les réchauffer"),
    ("en", "I had a fishbone stuck in my throat at dinner"),
    ("da", "jeg har ondt i halsen og feber"),
    ("nb", "jeg har vondt i halsen i dag"),
    ("fr", "j'ai mal à la gorge depuis hier"),
    ("en", "mum keeps the headache pills on the top shelf"),
    ("da", "mor har hovedpinepillerne i det øverste skab"),
    ("nb", "mamma har tablettene i det øverste skapet"),
    ("fr", "maman range les médicaments en haut du placard"),
    ("en", "I left a note for mum on the fridge saying I was at Ella's"),
    ("da", "jeg lagde en seddel til mor på køleskabet om at jeg var hos Ida"),
    ("nb", "jeg la en lapp til mamma på kjøleskapet om at jeg var hos Ida"),
    ("fr", "j'ai laissé un mot pour maman sur la table: je suis chez Léa"),
    ("en", "I want to stop being so shy at school"),
    ("da", "jeg vil holde op med at spise slik"),
    ("nb", "jeg vil slutte å spise godteri"),
    ("fr", "je voudrais arrêter de manger des bonbons"),
    ("en", "I twisted my wrist at netball"),
    ("da", "jeg vred om på foden til håndbold"),
    ("nb", "jeg vred håndleddet på håndballtreningen"),
    ("fr", "je me suis tordu le poignet au hand"),
    ("en", "my little brother banged his head on the table and cried"),
    ("da", "jeg slog hovedet mod bordet da jeg samlede blyanten op"),
    ("nb", "jeg slo hodet i bordet da jeg plukket opp blyanten"),
    ("fr", "je me suis cogné le coude contre la table en ramassant mon crayon"),
    ("en", "I'll break my fingers if I practise the drums any harder"),
    ("da", "jeg brækker nok mine fingre hvis jeg spiller mere klaver"),
    ("nb", "jeg brekker fingrene mine hvis jeg øver mer på piano"),
    ("fr", "je vais me casser les doigts si je joue encore du piano"),
    ("en", "mum sent me out to play in the snow"),
    ("da", "mor sendte mig ud for at lege i sneen"),
    ("nb", "mamma sendte meg ut for å leke i snøen"),
    ("fr", "maman m'a envoyé jouer dehors dans la neige"),
    ("en", "my friend squeezed my hand so hard on the rollercoaster"),
    ("da", "min veninde klemte min hånd så hårdt i rutsjebanen"),
    ("nb", "venninna mi klemte hånda mi så hardt i berg-og-dal-banen"),
    ("fr", "ma copine m'a serré la main si fort dans le grand huit"),
    ("en", "my brother delivers newspapers in the morning for pocket money"),
    ("da", "min bror bringer aviser ud om morgenen for lommepenge"),
    ("nb", "broren min leverer aviser om morgenen for lommepenger"),
    ("fr", "mon frère livre des journaux le matin pour son argent de poche"),
    ("en", "mum was in bed on Sunday with a cold"),
    ("da", "mor lå i sengen i søndags med feber"),
    ("nb", "mamma lå i senga på søndag med forkjølelse"),
    ("fr", "maman est restée au lit dimanche avec la grippe"),
    ("en", "the heating broke at school so we went home early"),
    ("da", "varmen gik i stykker på skolen i dag"),
    ("nb", "varmen ble borte på skolen i dag så vi fikk gå tidlig"),
    ("fr", "il y avait plus de chauffage au gymnase ce matin"),
    ("en", "my glasses broke yesterday and we get new ones on friday"),
    ("da", "mine briller gik i stykker i går, vi får nye på fredag"),
    ("nb", "brillene mine ble knust i går, vi får nye på fredag"),
    ("fr", "mes lunettes sont cassées, on va en chercher des nouvelles samedi"),
    ("en", "I didn't go to school because I had a cold"),
    ("da", "jeg var ikke i skole i dag fordi jeg var syg"),
    ("nb", "jeg var ikke på skolen i dag fordi jeg var syk"),
    ("fr", "je suis pas allée à l'école parce que j'étais malade"),
    ("en", "I was home alone for an hour on Friday and watched a film"),
    ("da", "jeg var alene hjemme en time i fredags"),
    ("nb", "jeg var alene hjemme en time på fredag"),
    ("fr", "j'étais seule à la maison une heure vendredi"),
    ("en", "my cat touches my face when I'm sleeping"),
    ("da", "min kat rører ved mit ansigt mens jeg sover"),
    ("nb", "katten rører på meg når jeg sover"),
    ("fr", "ma sœur a touché mon téléphone pendant que je dormais"),
]


@pytest.mark.parametrize(("language", "text", "concept"), CHILD_R5)
def test_a_childs_disclosure_of_the_fifth_round_is_urgent(language, text, concept):
    found = urgent_concerns(text, language, "mentee", use_model=False)
    assert concept in {c for c, _ in found}, found


@pytest.mark.parametrize(("language", "text"), CHILD_R5_QUIET)
def test_the_same_words_about_something_harmless_stay_quiet(language, text):
    assert urgent_concerns(text, language, "mentee", use_model=False) == []

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
