"""Sixth round: an adult's moves and a child's account of being groomed or exploited.

The u4 and u5 batches missed some ways of saying a mentor's move (guessing how the child
looks, "you write like an 18-year-old", "the coordinators read everything", a gift "you
needn't show your parents", "do your parents work late?", "it's easier to chat there") and
some ways a child tells of an older person using them (paid to carry a package or keep
watch, a phone only for talking to them, gifts of money, trainers or game currency, being
told they are "not like the other kids", a threat if they tell, being shown nude videos).

Each class is tried in all four languages with wordings that are not in the corpus (other
verb forms, other objects, other amounts), so that a rule fitted to one letter fails here,
and each has quiet counterparts that must raise nothing urgent: a parent's present, pocket
money for chores, a first phone for calling mum, a compliment on a drawing, games.
"""

import pytest

from letters.screening import screen

from tests.letters.screening_checks import REGION


def urgent_concerns(text, language, author_role, **signals):
    """Return (concept, covered text) of each urgent safeguarding finding of `text`."""
    findings = screen(text, language=language, region=REGION[language], author_role=author_role, **signals)
    return [(f.concept, text[f.start:f.end]) for f in findings if f.kind == "safeguarding" and f.severity == "urgent"]


# (language, text, words that must lie inside an urgent finding): what a child tells of an
# older person using them. Urgent whoever writes it, so checked as the child's letter.
CHILD_REPORTS = [
    # paid to carry or deliver a package for someone
    ("en", "this older guy said he'd pay me forty quid to drop a parcel round at his mate's flat", "parcel"),
    ("en", "they give me cash every time i carry a rucksack to a house in Leeds for them", "rucksack"),
    ("da", "en fyr på 20 siger jeg kan tjene 300 kr på at køre en taske ud til en adresse", "taske"),
    ("da", "de betaler mig for at aflevere nogle poser til en mand i Køge", "poser"),
    ("nb", "noen eldre gutter betaler meg 200 kr for å levere en pose til en fyr i Drammen", "pose"),
    ("nb", "jeg tjente tusen kroner på å frakte en sekk med toget for dem", "sekk"),
    ("fr", "un mec du quartier me paye 20 euros pour déposer un sac chez un pote à lui", "sac"),
    ("fr", "je gagne de la thune si je ramène des colis à des gens en bas", "colis"),
    # paid to keep watch for the police
    ("en", "they pay me to keep lookout for the feds outside the shop", "lookout"),
    ("da", "de giver mig penge for at holde udkig efter politiet ved kiosken", "udkig"),
    ("nb", "jeg får penger for å holde vakt for dem ved kiosken", "vakt"),
    ("fr", "ils me filent de la thune pour faire le chouf devant le hall", "chouf"),
    # a phone given for talking only to them
    ("en", "he got me a second phone that i'm only supposed to use for texting him", "phone"),
    ("da", "han har givet mig en mobil som jeg kun skal bruge til at ringe til ham", "mobil"),
    ("nb", "de ga meg en egen telefon som jeg bare skal bruke til å snakke med dem", "telefon"),
    ("fr", "il m'a donné un portable que je dois utiliser juste pour lui écrire", "portable"),
    # gifts of money, trainers, game currency from an older person
    ("en", "an older lad keeps buying me nikes and vapes", "nikes"),
    ("da", "han har sendt mig 400 v-bucks", "v-bucks"),
    ("nb", "en fyr på 18 har kjøpt nye joggesko og snus til meg", "joggesko"),
    ("fr", "des grands m'ont acheté des jordans et une puff", "jordans"),
    # told they are not like the other children, or one of them
    ("en", "he keeps telling me i'm not like other kids my age", "not like other kids"),
    ("da", "han siger at jeg ikke er som de andre børn", "ikke er som de andre"),
    ("nb", "de sier at jeg ikke er som de andre på min alder", "ikke er som de andre"),
    ("fr", "il me répète que je suis pas comme les autres jeunes", "pas comme les autres"),
    # a threat if they tell
    ("en", "if i talk to anyone about it he says it'll go bad for me and my mum", "talk to anyone"),
    ("da", "hvis jeg siger noget til nogen så går det ud over min familie", "siger noget til nogen"),
    ("nb", "hvis jeg forteller det til noen, sier han at det går ille for meg", "forteller det til noen"),
    ("fr", "si j'en parle à quelqu'un ils disent que ça va mal se passer pour ma famille", "parle à quelqu'un"),
    # shown nude pictures or films
    ("en", "my cousin's boyfriend keeps showing me rude videos of grown ups with no clothes on", "showing me rude videos"),
    ("da", "han viste mig film med nøgne voksne på sin telefon", "viste mig film med nøgne"),
    ("nb", "han viser meg videoer av nakne damer på mobilen sin", "viser meg videoer av nakne"),
    ("fr", "il me montre des films de gens tout nus sur sa tablette", "montre des films de gens tout nus"),
]

# (language, text, concept, words): a mentor's move, urgent from the adult.
MENTOR_MOVES = [
    # guessing how the child looks, in praise
    ("en", "I bet you looked gorgeous in it.", "grooming.flattery", "you looked gorgeous"),
    ("da", "Du ser sikkert helt fantastisk ud i den.", "grooming.flattery", "ser sikkert helt fantastisk ud"),
    ("nb", "Jeg er helt sikker på at du ser nydelig ut.", "grooming.flattery", "du ser nydelig ut"),
    ("fr", "Je suis sûr que tu es magnifique dedans.", "grooming.flattery", "tu es magnifique"),
    # treating the child as an adult
    ("en", "Honestly you sound like someone of twenty.", "grooming.flattery", "sound like someone of twenty"),
    ("en", "Sometimes I forget you aren't a grown-up.", "grooming.flattery", "forget you aren't a grown-up"),
    ("da", "Du taler som en på 20.", "grooming.flattery", "taler som en på 20"),
    ("da", "Jeg glemmer helt at du ikke er voksen endnu.", "grooming.flattery", "glemmer helt at du ikke er voksen"),
    ("nb", "Du høres ut som en på 20 år.", "grooming.flattery", "som en på 20"),
    ("nb", "Jeg glemmer hele tiden at du bare er 13.", "grooming.flattery", "glemmer hele tiden at du bare er 13"),
    ("fr", "Tu écris comme une fille de 18 ans.", "grooming.flattery", "écris comme une fille de 18 ans"),
    ("fr", "J'oublie toujours que tu n'es pas encore adulte.", "grooming.flattery", "oublie toujours que tu n'es pas encore adulte"),
    # the program reads the letters, said as a nuisance
    ("da", "Koordinatoren læser jo alt hvad vi skriver, det er lidt irriterende.", "grooming.secrecy", "Koordinatoren læser"),
    ("nb", "Koordinatorene leser alle brevene våre, det er litt kjedelig.", "grooming.secrecy", "Koordinatorene leser"),
    # a gift the child needn't show at home
    ("da", "Det behøver du ikke at vise din mor.", "grooming.secrecy", "behøver du ikke at vise din mor"),
    ("nb", "Den trenger du ikke å vise foreldrene dine.", "grooming.secrecy", "trenger du ikke å vise foreldrene"),
    ("fr", "T'as pas besoin de la montrer à tes parents.", "grooming.secrecy", "pas besoin de la montrer à tes parents"),
    # when the parents are out
    ("en", "Do your parents work late on Thursdays?", "grooming.personal_info", "parents work late"),
    ("da", "Arbejder dine forældre sent om fredagen?", "grooming.personal_info", "Arbejder dine forældre sent"),
    ("nb", "Jobber foreldrene dine sent på torsdager?", "grooming.personal_info", "Jobber foreldrene dine sent"),
    ("fr", "Ta mère bosse tard le vendredi ?", "grooming.personal_info", "Ta mère bosse tard"),
    # the other app made to sound easier, in the sentence after it is named
    ("en", "Do you use Snapchat? Would be way quicker to talk on there.", "grooming.platform", "quicker to talk on there"),
    ("da", "Har du Discord? Det er meget nemmere at skrive derinde.", "grooming.platform", "nemmere at skrive derinde"),
    ("nb", "Har du Discord? Det er mye lettere å prate der.", "grooming.platform", "lettere å prate der"),
    ("fr", "T'as Insta ? Ce serait plus simple de discuter là-bas.", "grooming.platform", "plus simple de discuter là-bas"),
]

QUIET = [
    # pocket money for chores, a bag of one's own
    ("en", "mentee", "mum pays me £2 to carry the shopping bags in from the car"),
    ("en", "mentee", "I'm 12 and I have to carry my school bag up the hill every day"),
    ("da", "mentee", "jeg tjener 50 kr om ugen på at bære mormors indkøbsposer op"),
    ("nb", "mentee", "jeg får 50 kr i ukelønn for å bære min egen sekk og tømme søpla"),
    ("fr", "mentee", "mamie me donne 5 euros pour porter ses sacs de courses"),
    # games
    ("en", "mentee", "in hide and seek I was the lookout and Sam found everyone"),
    ("fr", "mentee", "on a joué au loup et je faisais le guet derrière l'arbre"),
    # a first phone for calling home
    ("en", "mentee", "I got my first phone but I can only use it to call mum and dad"),
    ("da", "mentee", "jeg har fået en telefon men jeg må kun bruge den til at ringe til mor og far"),
    ("nb", "mentee", "jeg fikk mobil, men jeg får bare bruke den til å ringe mamma"),
    ("fr", "mentee", "j'ai eu un portable mais je peux l'utiliser seulement pour appeler mes parents"),
    # a parent's present
    ("en", "mentee", "my dad bought me new trainers for school"),
    ("da", "mentee", "mormor har sendt mig 200 kr til min fødselsdag"),
    ("nb", "mentee", "pappa kjøpte nye joggesko til meg før sommeren"),
    ("fr", "mentee", "mes parents m'ont offert des Nike pour mon anniversaire"),
    # a compliment on a thing, not the child's looks
    ("en", "mentor", "I'm sure your drawing looks amazing, send it in with your next letter."),
    ("da", "mentor", "Jeg er sikker på at din tegning ser fantastisk ud."),
    ("nb", "mentor", "Jeg er sikker på at kaka så nydelig ut."),
    ("fr", "mentor", "Je suis sûr que ton dessin est magnifique."),
    ("en", "mentor", "I'm sure you'll do great in the match on Saturday."),
    # a mentor's own family, or what the parents do for a living
    ("en", "mentor", "My parents worked late every day when I was your age."),
    ("fr", "mentor", "Tes parents travaillent dans quoi ?"),
    ("nb", "mentor", "Min sønn skriver som en på 5, med store bokstaver overalt."),
    # a teacher's film about animals; a sibling's funny video
    ("en", "mentee", "our teacher showed us a video about naked mole rats"),
    ("en", "mentee", "my brother showed me a funny video of a cat falling off the sofa"),
    ("fr", "mentee", "mon frère m'a montré une vidéo d'un chat tout mignon"),
    # the shared book and hyperbole
    ("fr", "mentee", "si je raconte la fin du livre à quelqu'un ma sœur va me tuer"),
    ("en", "mentee", "if I tell anyone the ending my sister will kill me haha"),
    ("da", "mentee", "min mor siger at jeg ikke er som de andre børn fordi jeg elsker matematik"),
    ("en", "mentor", "The library is quieter, so it's easier to talk there."),
]


@pytest.mark.parametrize(("language", "text", "words"), CHILD_REPORTS)
def test_a_child_telling_of_an_older_person_using_them_is_urgent(language, text, words):
    found = urgent_concerns(text, language, "mentee", use_model=False)
    assert any(words in covered for _, covered in found), found


@pytest.mark.parametrize(("language", "text", "concept", "words"), MENTOR_MOVES)
def test_a_mentors_move_is_urgent(language, text, concept, words):
    found = urgent_concerns(text, language, "mentor", use_model=False)
    assert any(c == concept and words in covered for c, covered in found), found


@pytest.mark.parametrize(("language", "author", "text"), QUIET)
def test_ordinary_letters_of_the_same_words_raise_nothing_urgent(language, author, text):
    assert urgent_concerns(text, language, author) == []
