"""A child's disclosures the u6 letters missed, by class, in all four languages (seventh round).

Each row is written for this file, not taken from the corpus: other verbs, other places, other
objects than the letters had, so that a rule fitted to one letter fails here. The quiet rows are
ordinary sentences with the same words (a game, a race, a drill, embarrassment, someone else's
photos). The rules are measured alone (no model), as in the sixth round's tests.
"""

import pytest

from tests.letters.screening_checks import urgent_concepts


DISCLOSURES = [
    # looking down from a height, thinking how quick it would be
    ("en", "after school I stand on the footbridge over the railway and look down and think about it", "suicidal"),
    ("en", "on the car park roof I keep thinking how easy it would be", "suicidal"),
    ("da", "jeg stod på gangbroen og tænkte på at hoppe", "suicidal"),
    ("nb", "jeg sto på brua og kikket ned, og tenkte på det igjen", "suicidal"),
    ("fr", "je monte sur le toit de l'immeuble et ça me calme", "suicidal"),
    # wanting to be dead, not wanting to be here
    ("en", "honestly I just want to be dead", "suicidal"),
    ("en", "I'm really tired of being here", "suicidal"),
    ("da", "jeg vil bare være død", "suicidal"),
    ("nb", "jeg vil bare være død", "suicidal"),
    ("fr", "je veux plus être ici", "suicidal"),
    # not waking up, colloquial negation
    ("da", "jeg vil sove og ikk vågne op igen", "suicidal"),
    # a plan with a day
    ("en", "I've planned how I'll do it and which day", "suicidal"),
    ("da", "jeg ved hvordan jeg skal gøre det og hvilken dag", "suicidal"),
    ("nb", "jeg vet hvordan jeg skal gjøre det og hvilken dag", "suicidal"),
    ("nb", "jeg vil gjøre slutt på livet", "suicidal"),
    # a goodbye: no more letters, and farewell
    ("fr", "je pourrai plus t'écrire. adieu", "suicidal"),
    ("da", "jeg kan ikke skrive mere. tak for alt", "suicidal"),
    ("nb", "jeg kan ikke skrive mer. takk for alt", "suicidal"),
    # they would be rid of me; nobody has to tidy after me
    ("en", "then my dad would finally be rid of me", "suicidal"),
    ("da", "så var de fri for mig", "suicidal"),
    ("da", "så skal ingen rydde op efter mig", "suicidal"),
    # a way out
    ("nb", "det er godt å vite at det finnes en vei ut", "suicidal"),
    ("en", "it's comforting to know there is a way out", "suicidal"),
    # self-harm: sh slang, burning, hot water, punching one's legs, relapse near a blade
    ("da", "jeg er begyndt at sh igen", "self_harm"),
    ("nb", "jeg har vært uten sh i tre uker", "self_harm"),
    ("en", "I was off sh for two months", "self_harm"),
    ("da", "jeg brændte mig med en tændstik i aftes", "self_harm"),
    ("nb", "jeg brente meg med lighteren igjen", "self_harm"),
    ("en", "I held my hand under the hot tap until it went red", "self_harm"),
    ("fr", "je garde ma main sous l'eau brûlante jusqu'à ce qu'elle soit rouge", "self_harm"),
    ("en", "I keep punching my thighs when I'm angry", "self_harm"),
    ("fr", "je me frappe les jambes quand ça va pas", "self_harm"),
    ("nb", "jeg slår meg selv på lårene til de blir blå", "self_harm"),
    ("fr", "petite rechute cette nuit avec le cutter", "self_harm"),
    ("nb", "jeg risser igjen", "self_harm"),
    # abuse: locked out, hiding when he is angry, next time it will be me
    ("nb", "hun låste meg ute på balkongen i kulda", "abuse"),
    ("da", "han låser mig ude på altanen om natten", "abuse"),
    ("en", "when he gets angry I go under my bed and wait", "abuse"),
    ("en", "he smashed the plate and said next time it would be me", "abuse"),
    ("da", "han smadrede glasset og sagde næste gang er det mig", "abuse"),
    ("fr", "il a cassé la chaise et a dit que la prochaine fois ce sera moi", "abuse"),
    # being hit: the belt, a punch, beatings
    ("da", "jeg fik remmen igen i går aftes", "abuse"),
    ("da", "min stedfar tæsker mig", "abuse"),
    ("fr", "ma daronne m'a mis une gifle devant mes potes", "abuse"),
    # a parent regretting the child, a threat to send or throw the child out
    ("en", "mum says she regrets having me", "abuse"),
    ("da", "min mor siger at hun fortryder mig", "abuse"),
    ("nb", "mamma sier hun skulle ønske hun aldri fikk meg", "abuse"),
    ("nb", "han sier at jeg ødela livet hans", "abuse"),
    ("fr", "ma mère dit qu'elle regrette de m'avoir eu", "abuse"),
    ("da", "han siger han smider mig ud hvis jeg siger noget", "abuse"),
    # a threat to a pet if the child tells
    ("en", "he said he would hurt my cat if I told", "abuse"),
    ("nb", "han sa han skulle drepe katten hvis jeg sa noe", "abuse"),
    ("fr", "il va tuer mon chat si je dis quelque chose", "abuse"),
    # neglect: no power, unpaid bills, no food since, nobody to collect a sibling
    ("nb", "vi har ikke strøm i huset", "neglect"),
    ("en", "the electric bill hasn't been paid", "neglect"),
    ("fr", "on a plus de chauffage depuis lundi", "neglect"),
    ("da", "jeg har ikke fået mad siden i forgårs", "neglect"),
    ("nb", "ingen henter lillesøsteren min", "neglect"),
    ("en", "nobody ever collects my little sister so I have to", "neglect"),
    ("nb", "pappa ligger i senga i flere uker", "neglect"),
    # sexual: pictures of his body, touching between the legs, being made to do things
    ("en", "he keeps sending me photos of his privates", "sexual"),
    ("nb", "han sender meg bilder av seg selv naken", "sexual"),
    ("da", "han rører ved mig på måder jeg ikke kan lide", "sexual"),
    ("fr", "il me touche entre les jambes", "sexual"),
    ("nb", "han tvinger meg til å gjøre ting med ham", "sexual"),
    ("fr", "il me montre des films porno sur sa tablette", "sexual"),
    # second batch: no adults home, a parent drinking, no food but one thing, no dentist
    ("da", "der har ikke været nogen voksne hjemme siden lørdag", "neglect"),
    ("da", "min mor er på druk igen", "neglect"),
    ("en", "my dad's been at his girlfriend's since monday", "neglect"),
    ("en", "there's nothing in the fridge except butter", "neglect"),
    ("fr", "il y a rien dans les placards à part du riz", "neglect"),
    ("nb", "det er ingen mat i kjøleskapet", "neglect"),
    ("nb", "ingen har bestilt tannlegen selv om det gjør vondt", "neglect"),
    ("da", "ingen har ringet til lægen selvom jeg har ondt", "neglect"),
    # the family would manage without me; better if I did not exist; would it hurt for long
    ("da", "min familie ville klare sig bedre uden mig", "suicidal"),
    ("nb", "familien min ville klart seg fint uten meg", "suicidal"),
    ("fr", "ce serait mieux pour tout le monde si j'existais plus", "suicidal"),
    ("fr", "je me demande si ça ferait mal longtemps", "suicidal"),
    ("en", "I've written goodbye letters to everyone", "suicidal"),
    ("fr", "j'ai commencé à donner mes livres à mes cousins", "suicidal"),
    ("nb", "jeg vil bare forsvinne ned og ikke komme opp igjen", "suicidal"),
    # self-harm: marks one makes oneself, banging one's head, scratching till it bleeds
    ("en", "the cuts on my arm are ones I made myself", "self_harm"),
    ("en", "when my head is too loud I hit it against the door", "self_harm"),
    ("nb", "jeg klorer meg på armen til det blir blodig", "self_harm"),
    ("nb", "slår jeg meg på lårene til de blir blå", "self_harm"),
    # abuse and sexual abuse told with the verb first, or with other objects
    ("nb", "i går slo stefaren meg i magen", "abuse"),
    ("da", "hun holdt mig fast i håret og råbte", "abuse"),
    ("fr", "il me frappe avec sa ceinture quand je réponds", "abuse"),
    ("nb", "han tar bilder av meg når jeg skifter", "sexual"),
    ("en", "he takes pictures of me when I'm changing", "sexual"),
    ("da", "han rører ved mig dernede", "sexual"),
]

QUIET = [
    # a child's own hyperbolic threat to a sibling
    ("fr", "je vais la tuer ma sœur, elle a pris mon chargeur"),
    ("nb", "hvis søsteren min tar mobilen min en gang til så dreper jeg henne"),
    # beaten at a game or a race
    ("fr", "mon frère m'a battu à FIFA trois fois de suite"),
    ("nb", "hun sier hun skal slå meg med fem minutter på løpet"),
    # a basketball drill, embarrassment
    ("en", "coach made us run suicides till we nearly threw up"),
    ("en", "I wanted to die, I was so embarrassed when I tripped on stage"),
    # someone else's photos deleted; a photo of someone at a sight
    ("da", "vi har slettet alle billeder af hende fra telefonen"),
    ("fr", "mon oncle m'a envoyé une photo de lui devant la tour Eiffel"),
    # a TV character feared, a family member far away in the sentence
    ("da", "min lillebror er bange for trolden i serien og gemmer sig, og min farmor griner"),
    # 'so' in Norwegian is not 'said'
    ("nb", "så dreper vi tiden med kortspill"),
    # ordinary pictures from a parent
    ("nb", "mamma sender meg bilder av katten hver dag"),
    # practice without food, a day that is not a silencer
    ("en", "I'm always hungry after swimming practice"),
    # ordinary views from a height
    ("en", "we stood on the bridge and looked down at the boats"),
    ("nb", "vi sto på brua og så ned på båtene"),
    # regret and decisions about ordinary things
    ("en", "I've decided to quit piano, it's better for everyone"),
    # needing nothing after school is lunch at gran's, not a goodbye
    ("en", "I won't need a packed lunch after school today"),
    # shopping done
    ("da", "far har handlet ind til hele ugen"),
]


@pytest.mark.parametrize("language,text,concept", DISCLOSURES)
def test_disclosure_is_urgent(language, text, concept):
    assert concept in urgent_concepts(text, language)


@pytest.mark.parametrize("language,text", QUIET)
def test_ordinary_sentence_stays_quiet(language, text):
    assert not urgent_concepts(text, language)
