"""Seventh round: an adult's moves that the u6 letters showed and the rules did not name.

u6 was written by people who had not read the detector. Its mentors flattered a child for
seeming older than a given age or for their looks "at your age", called them "more like a
friend than a child" or "one of the smartest kids I've met"; asked that the letters not be
mentioned to a parent who "might misunderstand", or that it not be "made a big deal of" with
the programme; asked "which school is it again?", whether the child has their own phone,
for a username to invite them; set an app up on a device they gave; had spare tickets and
"thought of you" a sentence later; bought something in the child's size; offered to pay
for a meal; proposed a visit "while your mum is at work" or "to say hi one day"; looked
forward to holiday photos.

Each class is tried here in all four languages with wordings of our own (other verbs,
objects, ages, places), so that a phrase fitted to one letter fails, and each false alarm
class silenced this round has ordinary sentences that must stay quiet. The rules are
checked alone: the learned model is retrained separately and is not what this round tunes.
"""

import pytest

from letters.screening import screen

from tests.letters.screening_checks import REGION


def urgent_concerns(text, language, author_role):
    """Return (concept, covered text) of each urgent safeguarding finding the rules make."""
    findings = screen(text, language=language, region=REGION[language], author_role=author_role, use_model=False)
    return [(f.concept, text[f.start:f.end]) for f in findings if f.kind == "safeguarding" and f.severity == "urgent"]


# (language, text, words that must lie inside an urgent finding): a mentor's move.
MENTOR_MOVES = [
    # flattery: older than a given age
    ("en", "Honestly, you reason like someone far older than 14.", "older than 14"),
    ("da", "Du skriver som en, der er meget ældre end 12.", "ældre end 12"),
    ("nb", "Du tenker mye eldre enn 14, det merker jeg.", "eldre enn 14"),
    ("fr", "Tu parles de façon bien plus mature que tes 13 ans.", "plus mature que tes 13"),
    # flattery: mature "for / til at være / for å være" an age
    ("en", "You're very sensible for a 12 year old.", "sensible for a 12"),
    ("da", "Du er så moden til at være 11.", "moden til at være 11"),
    ("nb", "Du er veldig klok for å være 13.", "klok for å være 13"),
    # flattery: looks at the child's age, the looks "for it", turning heads
    ("en", "You are so pretty for your age, you know.", "pretty for your age"),
    ("en", "You've definitely got the looks for modelling.", "got the looks"),
    ("da", "Du har helt sikkert udseendet til at blive model.", "har helt sikkert udseendet"),
    ("nb", "Du har jo utseendet til å bli skuespiller.", "har jo utseendet"),
    ("fr", "Avec ton sourire, tu vas faire tourner les têtes au lycée.", "tourner les têtes"),
    # flattery: more a friend than a child, spoken to as an adult
    ("en", "You feel more like a friend to me than a kid.", "more like a friend to me than a kid"),
    ("da", "Du er mere som en ven for mig end et barn.", "mere som en ven for mig end et barn"),
    ("nb", "Du er mer som en venn enn et barn for meg.", "mer som en venn enn et barn"),
    ("fr", "Tu es plus comme une amie qu'une enfant pour moi.", "plus comme une amie qu'une enfant"),
    ("fr", "Je discute avec toi comme avec une adulte.", "discute avec toi comme avec une adulte"),
    # flattery: the cleverest / sweetest I have met
    ("en", "You're the cleverest girl I have ever known.", "cleverest girl I have ever known"),
    ("da", "Du er den sødeste pige, jeg har mødt.", "sødeste pige, jeg har mødt"),
    ("nb", "Du er den smarteste gutten jeg har møtt.", "smarteste gutten jeg har møtt"),
    ("fr", "Tu es la fille la plus intelligente que j'ai rencontrée.", "plus intelligente que j'ai rencontrée"),
    # flattery: a bond of two
    ("en", "You and I really are on the same wavelength.", "You and I really are on the same wavelength"),
    ("da", "Du og jeg har noget helt særligt.", "Du og jeg har noget helt særligt"),
    ("nb", "Vi to har et spesielt bånd.", "Vi to har et spesielt bånd"),
    ("fr", "Toi et moi, on a un lien unique.", "Toi et moi, on a un lien unique"),
    # flattery: the favourite
    ("en", "You're my favourite, don't tell the others.", "You're my favourite"),
    ("da", "Du er min favorit af dem alle.", "Du er min favorit"),
    ("nb", "Du er min favoritt av alle jeg skriver med.", "Du er min favoritt"),
    ("fr", "Tu es ma préférée, tu sais.", "Tu es ma préférée"),
    # secrecy: a parent who would misunderstand, letters not to be shown to them
    ("en", "Your dad would probably get the wrong idea about our chats.", "get the wrong idea"),
    ("da", "Du skal ikke vise brevene til din far, han ville misforstå det.", "ikke vise brevene til din far"),
    ("nb", "Ikke nevn brevene mine for pappa, han kan misforstå.", "Ikke nevn brevene mine for pappa"),
    ("fr", "Ne montre jamais mes lettres à ton père, il risque de mal comprendre.", "mal comprendre"),
    # secrecy: not bringing it up, not making a fuss with the programme or the family
    ("en", "There's no need to bring this up with the coordinator.", "bring this up with the coordinator"),
    ("en", "Don't make a fuss about it with your parents.", "make a fuss about it with your parents"),
    ("da", "Lad os ikke gøre noget stort postyr ud af det over for koordinatoren.", "postyr ud af det over for koordinatoren"),
    ("da", "Der er ingen grund til at blande foreningen ind i det.", "blande foreningen ind"),
    ("nb", "Vi trenger ikke gjøre noe stort nummer ut av det overfor koordinatoren.", "nummer ut av det overfor koordinatoren"),
    ("fr", "Pas la peine d'en faire toute une histoire avec l'asso.", "en faire toute une histoire avec l'asso"),
    # secrecy: it stays between the two of us; nobody reading along there
    ("en", "Whatever you write stays between you and me.", "stays between you and me"),
    ("da", "Det her holder vi mellem os to.", "holder vi mellem os to"),
    ("nb", "Det blir mellom oss to, ikke sant?", "blir mellom oss to"),
    ("fr", "Ce que tu me racontes restera entre nous deux.", "restera entre nous deux"),
    ("da", "Der er ingen der læser med derinde.", "ingen der læser med"),
    ("nb", "På Snapchat er det ingen som leser med.", "ingen som leser med"),
    ("fr", "Là-bas, personne ne surveille nos messages.", "personne ne surveille"),
    # secrecy: the lie about where a gift came from
    ("en", "If your mum asks, say you won it in a raffle.", "say you won it"),
    ("da", "Hvis din mor spørger, så sig at du har fundet den.", "sig at du har fundet"),
    ("nb", "Hvis mamma spør, si at du har vunnet den.", "si at du har vunnet"),
    ("fr", "Si ton père demande, raconte que tu l'as trouvé dans la rue.", "raconte que tu l'as trouvé"),
    # personal details: asked again; finishing late; the child's own phone; parents away
    ("en", "Which school was it again?", "Which school was it again"),
    ("en", "Remind me which street you live on?", "Remind me which street you live on"),
    ("da", "Hvilken skole var det nu, du gik på?", "Hvilken skole var det nu"),
    ("nb", "Hvilken gate bor du i igjen?", "Hvilken gate bor du i igjen"),
    ("fr", "Tu prends quel bus déjà ?", "quel bus déjà"),
    ("en", "Which days do you finish late at school?", "finish late"),
    ("da", "Hvilke dage slutter du sent?", "slutter du sent"),
    ("nb", "Når på dagen er du ferdig sent på trening?", "ferdig sent"),
    ("fr", "Quels jours tu sors tard du collège ?", "sors tard"),
    ("en", "Have you got your own mobile now?", "got your own mobile"),
    ("da", "Har du fået din egen mobil endnu?", "din egen mobil"),
    ("nb", "Har du egen mobil nå?", "Har du egen mobil"),
    ("fr", "Tu as ton propre portable maintenant ?", "ton propre portable"),
    ("en", "When are your parents away at work?", "your parents away at work"),
    ("da", "Hvilke dage er dine forældre på arbejde til sent?", "dine forældre på arbejde"),
    ("nb", "Når er foreldrene dine ikke hjemme?", "foreldrene dine ikke hjemme"),
    ("fr", "Quand est-ce que tes parents sont absents ?", "tes parents sont absents"),
    ("en", "Put your gamertag in your next letter.", "gamertag in your next letter"),
    ("da", "Send mig dit brugernavn i dit næste brev.", "brugernavn i dit næste brev"),
    ("nb", "Skriv brukernavnet ditt i neste brev.", "brukernavnet ditt i neste brev"),
    ("fr", "Mets ton pseudo dans ta prochaine lettre.", "pseudo dans ta prochaine lettre"),
    # another channel: a username to invite, an app set up on a device, easier than letters
    ("en", "Send me your username and I'll add you to my server.", "username and I'll add"),
    ("nb", "Gi meg brukernavnet så kan jeg legge deg til.", "brukernavnet så kan jeg legge"),
    ("fr", "Donne-moi ton pseudo, je t'ajoute ce soir.", "pseudo, je t'ajoute"),
    ("en", "I'll install Snapchat on it for you before I hand it over.", "install Snapchat on it"),
    ("da", "Jeg kan installere Snapchat på den til dig.", "installere Snapchat på den"),
    ("nb", "Jeg kan sette opp Snapchat på den før du får den.", "sette opp Snapchat"),
    ("fr", "Je peux installer Snapchat dessus avant de te le donner.", "installer Snapchat dessus"),
    ("en", "Honestly, Telegram is way quicker than all this.", "Telegram is way quicker"),
    # gifts: spare tickets and the offer a sentence later; the child's size; money by app
    ("en", "I've got two tickets for the cup final. My brother can't make it, so I thought of you.", "tickets"),
    ("da", "Jeg har to billetter til koncerten på lørdag. Min søster er syg, så har du lyst til at tage med?", "billetter"),
    ("nb", "Jeg har to billetter til kampen. Kollegaen min kan ikke, så jeg tenkte på deg.", "billetter"),
    ("fr", "J'ai deux billets pour le match. Mon frère ne peut pas venir, alors j'ai pensé à toi.", "billets"),
    ("en", "I ordered a hoodie in your size, it's on its way.", "ordered a hoodie in your size"),
    ("da", "Jeg har købt en jakke i din størrelse til dig.", "i din størrelse"),
    ("nb", "Jeg fant en jakke i din størrelse på salg.", "i din størrelse"),
    ("fr", "Je t'ai acheté un sweat à ta taille.", "acheté un sweat à ta taille"),
    ("en", "I'll send 30 quid via PayPal for your trip.", "30 quid via PayPal"),
    ("nb", "Jeg sender 300 kroner på Vipps til deg.", "300 kroner på Vipps"),
    ("fr", "Je t'envoie 20 euros par Lydia.", "20 euros par Lydia"),
    ("en", "I'll slip a tenner into my next letter for you.", "tenner into my next letter"),
    # meeting: while the parents are out; saying hi one day; paying for a meal
    ("en", "I could pop round while your dad is at work.", "while your dad is at work"),
    ("da", "Jeg kan komme forbi, mens din mor er på arbejde.", "mens din mor er på arbejde"),
    ("nb", "Jeg kan stikke innom mens mora di er på jobb.", "mens mora di er på jobb"),
    ("fr", "Je peux passer pendant que ta mère travaille.", "pendant que ta mère travaille"),
    ("en", "It would be lovely to meet up some day.", "would be lovely to meet up some day"),
    ("da", "Det ville være dejligt at mødes en dag.", "ville være dejligt at mødes en dag"),
    ("nb", "Det ville vært hyggelig å treffes en gang.", "ville vært hyggelig å treffes en gang"),
    ("fr", "Ce serait cool de se rencontrer un de ces jours.", "cool de se rencontrer"),
    ("en", "I'll buy you a pizza after your match.", "buy you a pizza"),
    ("da", "Jeg giver en burger, hvis du har lyst.", "Jeg giver en burger"),
    ("nb", "Jeg spanderer pizza etter kampen.", "Jeg spanderer pizza"),
    ("fr", "Je te paie une glace samedi.", "Je te paie une glace"),
    ("en", "I'm often driving through your neighbourhood for work.", "driving through your neighbourhood"),
    # photos: holiday photos looked forward to
    ("en", "Can't wait to see your photos from the beach!", "see your photos from the beach"),
    ("da", "Jeg glæder mig til at se dine billeder fra stranden.", "se dine billeder fra stranden"),
    ("nb", "Gleder meg til å se bildene fra ferien!", "se bildene fra ferien"),
    ("fr", "J'ai hâte de voir tes photos à la piscine.", "voir tes photos à la piscine"),
]

# (language, text): a mentor's ordinary sentence that shares the words and must raise nothing
# urgent from the rules: the false alarm classes silenced this round, and near misses.
QUIET = [
    # the mentor's own night shift
    ("da", "Jeg har haft nattevagt hele weekenden, så jeg er lidt træt."),
    ("da", "Efter min nattevagt sov jeg til klokken to."),
    # someone else on a different level
    ("da", "Cyklisterne i Touren er på et helt andet niveau end mig."),
    # the mentor's own family sending pictures
    ("da", "Min mor sender mig billeder af sine roser hver morgen."),
    # prices and free entry
    ("da", "Voksne betaler 150 kr., og det er gratis for børn under 12."),
    # a school office booking a school trip
    ("en", "Your school office can book the museum for a class trip."),
    # memories of meeting, not a plan
    ("fr", "Avec mes amis de fac, on se voyait tous les mardis."),
    # nobody could read it: the past
    ("fr", "J'avais écrit un mot si mal que personne n'a pu le lire."),
    # coming home to one's own place
    ("fr", "Je rentre chez moi à vélo tous les soirs vers 18h."),
    ("fr", "J'arrive chez moi épuisée après le travail."),
    # a family member making an account for the mentor
    ("fr", "Mon fils m'a créé un compte Instagram pour mes photos de jardin."),
    # everyone has secrets
    ("nb", "Vi har alle våre hemmeligheter, sa bestefaren min alltid."),
    # the parents may read along
    ("da", "Der er ingen hemmeligheder her, dine forældre må gerne læse med."),
    # a compliment on handwriting
    ("nb", "Håndskriften din har blitt mye penere siden i fjor."),
    # tickets the mentor used with their own family
    ("en", "We had tickets for the theatre on Saturday and my daughter loved it."),
    # the mentor's own phone and own parents
    ("en", "My mum finally has her own phone, and she texts me all day."),
    ("en", "My parents are away at work all week, so I'm feeding their cat."),
    # the mentor's own past
    ("en", "When I was your age I was older than most of my class, because of my birthday."),
    # near misses of this round's phrases: the same words about other things
    ("en", "You play chess pretty well for your age, and better than me."),
    ("en", "I'm working on it as fast as I can."),
    ("en", "The text is so much easier to read in the new edition."),
    ("en", "Next time you're in London you could stop by the Science Museum."),
    ("en", "Is it easy to cycle in your area?"),
    ("nb", "I helgen så jeg en voksen elg ved hytta."),
    ("nb", "Jeg gir katten mat hver morgen før jobb."),
    ("da", "Huset har udseendet af et lille slot."),
    ("da", "Min hund er ældre end 12 år nu."),
    ("fr", "Tu as eu ton contrôle de physique ?"),
    ("fr", "C'était bien de se retrouver en famille à Noël."),
    ("fr", "Je n'ai jamais parlé de ça à personne avant toi, mais j'ai peur des araignées."),
]


@pytest.mark.parametrize(("language", "text", "words"), MENTOR_MOVES)
def test_a_mentors_move_is_urgent(language, text, words):
    found = urgent_concerns(text, language, "mentor")
    assert any(c.startswith("grooming.") and words in covered for c, covered in found), found


@pytest.mark.parametrize(("language", "text"), QUIET)
def test_ordinary_mentor_sentences_of_the_same_words_raise_nothing_urgent(language, text):
    assert urgent_concerns(text, language, "mentor") == []
