"""Safeguarding classes the u7 letters showed, in all four languages (ninth round).

u7 (1,680 letters written by people who had not read the detector) was measured as the unseen
split and then folded into the development letters. Both signals together still missed 335 of
its 1,177 urgent safeguarding items and alarmed 38 of its 672 ordinary letters. This round read
those misses and alarms and wrote the *class* behind each in the lexicon files (phrases after a
`# c9:` comment; several-word alternatives are `c9_*` word groups):

* a child's farewell and plan (a last letter, no more letters from me, nobody would miss me,
  asking not to wake up, rather dead than go on, no longer afraid to die, floors counted);
* a mentor writing back what the child told ("you wrote that you think about taking your life");
* restricting and purging (calories a day, one meal every other day, deserving hunger, throwing
  up after meals), burning a hand with a lighter, bleeding that "makes it better";
* exploitation and silencing: threats to the family if the child stops, a debt, parcels carried
  for older boys, "whoever tells is off the team", a call that would give the child away, being
  hit in a group with an object, being scared to go home, a cover story for an injury;
* neglect by its facts: school lunch as the only meal, a parent gone since a day;
* sexual abuse told by what happens: "he says it's normal in families", a much older boyfriend,
  "the others would be jealous if", being asked on camera without a top;
* an adult's moves: a lift or a visit, what the child will wear, when a parent is out, age
  flattery, a device the mentor no longer uses, "do you have Discord?", "we could play
  together", letters not to mention something in.

Each row is written for this file in our own words, not copied from the corpus. Beside each
class stand quiet rows with the same words in an ordinary sentence (a game, a race, a holiday,
a footballer's diet, a library event). The false alarms of u7 are classes too, with their own
quiet rows: a mentor's own husband, a novelist's draft written on a phone, a video call already
had, parents invited along, "j'avais envie de disparaître" after a bad moment, "la dictée m'a
tuée". The rules are measured alone (no model), as in the earlier rounds' tests.
"""

import pytest

from tests.letters.screening_checks import urgent_concepts


CHILD = [
    # a farewell: the last letter, no more letters from me
    ("en", "so yeah, this will be my last letter to you", "suicidal"),
    ("da", "det her bliver sidste gang jeg skriver til dig", "suicidal"),
    ("nb", "det blir siste gangen jeg skriver til deg", "suicidal"),
    ("fr", "ça sera ma dernière lettre je pense", "suicidal"),
    ("en", "you don't have to wait for any more letters from me", "suicidal"),
    ("nb", "du trenger ikke å vente på flere brev fra meg", "suicidal"),
    ("fr", "pas besoin d'attendre d'autres lettres de moi", "suicidal"),
    ("da", "du skal ikke vente på flere breve fra mig", "suicidal"),
    # not holding back next time
    ("en", "I really don't know whether I can stop next time", "suicidal"),
    ("da", "jeg er ikke sikker på om jeg lader være næste gang", "suicidal"),
    ("nb", "er ikke sikker på om jeg lar være neste gang", "suicidal"),
    ("fr", "je sais vraiment pas si je le referai pas la prochaine fois", "suicidal"),
    # nobody would miss me
    ("en", "honestly nobody would miss me", "suicidal"),
    ("da", "ingen ville savne mig alligevel", "suicidal"),
    ("nb", "ingen ville savne meg uansett", "suicidal"),
    ("fr", "je manquerais à personne de toute façon", "suicidal"),
    # asking not to wake up, sleeping for ever
    ("en", "every night I hope I never wake up", "suicidal"),
    ("da", "jeg beder hver aften om at jeg ikke vågner igen", "suicidal"),
    ("nb", "jeg håper hver kveld at jeg ikke våkner igjen", "suicidal"),
    ("fr", "j'ai juste envie de dormir pour toujours", "suicidal"),
    # rather dead than go on; no longer afraid to die
    ("en", "I'd rather be dead than carry on like this", "suicidal"),
    ("da", "jeg vil hellere være død end at have det sådan", "suicidal"),
    ("nb", "jeg vil heller være død enn å ha det sånn", "suicidal"),
    ("fr", "j'aime mieux mourir que continuer comme ça", "suicidal"),
    ("en", "I'm not afraid of dying anymore", "suicidal"),
    ("da", "jeg er ikke bange for at dø længere", "suicidal"),
    ("nb", "jeg er ikke redd for å dø lenger", "suicidal"),
    ("fr", "j'ai plus peur de mourir", "suicidal"),
    # floors counted
    ("en", "I counted the floors of the multi-storey by the station", "suicidal"),
    ("da", "jeg har talt etagerne i parkeringshuset", "suicidal"),
    ("nb", "jeg har telt etasjene i blokka ved stasjonen", "suicidal"),
    ("fr", "j'ai compté les étages de la tour derrière la gare", "suicidal"),
    # restricting food
    ("en", "I only let myself have 400 calories a day", "self_harm"),
    ("da", "jeg spiser max 600 kalorier om dagen", "self_harm"),
    ("nb", "det er maks 700 kalorier om dagen nå", "self_harm"),
    ("fr", "je m'autorise que 400 calories par jour", "self_harm"),
    ("en", "I'm down to one meal every other day", "self_harm"),
    ("da", "jeg spiser et måltid hver anden dag", "self_harm"),
    ("nb", "jeg spiser ett måltid annenhver dag", "self_harm"),
    ("fr", "je fais un repas tous les deux jours", "self_harm"),
    ("en", "I don't deserve dinner, I deserve to go hungry", "self_harm"),
    ("da", "jeg fortjener at gå sulten i seng", "self_harm"),
    ("nb", "jeg fortjener å gå sulten", "self_harm"),
    ("fr", "je mérite d'avoir faim, c'est tout", "self_harm"),
    # throwing up after meals
    ("en", "I keep throwing up after tea so I don't gain", "self_harm"),
    ("da", "jeg kaster op efter aftensmaden hver dag", "self_harm"),
    ("nb", "jeg kaster opp etter middagen hver dag", "self_harm"),
    ("fr", "je me fais vomir après le repas", "self_harm"),
    # exploitation: threats to the family if the child stops
    ("en", "they said if I quit they know where my nan lives", "abuse"),
    ("da", "hvis jeg siger nej, ved de hvor min mormor bor", "abuse"),
    ("nb", "hvis jeg sier nei vet de hvor mormor bor", "abuse"),
    ("fr", "si je refuse ils savent où habite ma grand-mère", "abuse"),
    # whoever tells is off the team
    ("en", "coach says anyone who tells their parents gets kicked off the team", "abuse"),
    ("da", "hvis vi siger det til forældrene, ryger vi af holdet", "abuse"),
    ("nb", "hvis vi sier det til foreldrene får vi ikke være med på stevnet", "abuse"),
    ("fr", "si quelqu'un le dit aux parents il est viré de l'équipe", "abuse"),
    # a call would give the child away
    ("en", "please don't ring him, he'll know it was me", "abuse"),
    ("da", "ikke ring til ham, han finder ud af at det var mig", "abuse"),
    ("nb", "ikke ring ham, for da vet han at det var meg", "abuse"),
    ("fr", "appelle pas chez moi, il saura que c'est moi", "abuse"),
    # hit in a group with an object
    ("en", "if we talk she whacks us with a ruler", "abuse"),
    ("da", "træneren slår os med en pind når vi taber", "abuse"),
    ("nb", "læreren slår oss med linjalen", "abuse"),
    ("fr", "il nous frappe avec une règle quand on parle", "abuse"),
    # scared to go home
    ("en", "I'm scared to go home tonight", "abuse"),
    ("da", "jeg er bange for at tage hjem i aften", "abuse"),
    ("nb", "jeg vil ikke hjem i kveld", "abuse"),
    ("fr", "j'ai peur de rentrer chez moi ce soir", "abuse"),
    # a cover story for an injury
    ("en", "if anyone asks I have to say I fell off my bike", "abuse"),
    ("da", "hvis nogen spørger, skal jeg sige at jeg faldt", "abuse"),
    ("nb", "hvis noen spør skal jeg si at jeg falt", "abuse"),
    ("fr", "si on te demande, tu dis que tu es tombé", "abuse"),
    # neglect: school lunch is the only meal
    ("en", "school dinner is my only meal most days", "neglect"),
    ("da", "jeg spiser kun toast hele ugen", "neglect"),
    ("nb", "jeg får frokost på skolen, ellers blir det ingenting", "neglect"),
    ("fr", "la cantine c'est mon seul repas de la journée", "neglect"),
    # the power cut off, told beside a book (the English "booked" frame read every "book")
    ("en", "we read our book by torchlight because the electricity got cut off", "neglect"),
    ("da", "jeg læser bogen med lommelygte, for strømmen er blevet lukket", "neglect"),
    ("nb", "jeg leser boka med lommelykt fordi strømmen er stengt", "neglect"),
    ("fr", "je lis mon livre à la bougie, l'électricité est coupée depuis lundi", "neglect"),
    # sexual: "it's normal in families", a much older boyfriend, on camera without a top
    ("en", "he says it's normal and that everybody does it in families", "sexual"),
    ("da", "han siger det er normalt og at alle gør det i familier", "sexual"),
    ("nb", "han sier det er normalt og at alle gjør det i familier", "sexual"),
    ("fr", "il dit que c'est normal, que dans les familles tout le monde le fait", "sexual"),
    ("en", "my boyfriend is 22 and I'm 14", "sexual"),
    ("da", "min kæreste er 21 og jeg er 14", "sexual"),
    ("nb", "kjæresten min er 23 og jeg er 14", "sexual"),
    ("fr", "mon copain a 22 ans et moi 14", "sexual"),
    ("en", "he wants me without a top on webcam", "sexual"),
    ("da", "han vil have mig uden trøje på kamera", "sexual"),
    ("nb", "han vil ha meg uten genser på kamera", "sexual"),
    ("fr", "il veut que je sois sans t-shirt devant la caméra", "sexual"),
    ("en", "he asked me to go on facetime in my underwear", "sexual"),
    ("fr", "il veut que je me mette en webcam torse nu", "sexual"),
    ("en", "my cousin made me do things under the duvet", "sexual"),
    ("da", "min fætter fik mig til at gøre ting under dynen", "sexual"),
    ("nb", "fetteren min fikk meg til å gjøre ting under dyna", "sexual"),
    ("fr", "mon cousin m'a fait faire des trucs sous la couette", "sexual"),
]


@pytest.mark.parametrize("language,text,concept", CHILD)
def test_a_childs_disclosure_of_u7_is_urgent(language, text, concept):
    assert concept in urgent_concepts(text, language)


MENTOR = [
    # a lift or a visit
    ("en", "I could pop round and give you a lift to football", "grooming.meeting"),
    ("da", "jeg kan komme forbi og give dig et lift til håndbold", "grooming.meeting"),
    ("nb", "jeg kan stikke innom og gi deg skyss til fotballen", "grooming.meeting"),
    ("fr", "je peux passer te chercher après l'entraînement", "grooming.meeting"),
    # what will you wear; when is a parent out
    ("en", "so what are you going to wear to the disco?", "grooming.personal_info"),
    ("da", "hvad skal du have på til festen?", "grooming.personal_info"),
    ("nb", "hva skal du ha på deg til festen?", "grooming.personal_info"),
    ("fr", "tu vas mettre quoi pour la boum ?", "grooming.personal_info"),
    ("en", "when is she normally not home?", "grooming.personal_info"),
    ("da", "hvornår er hun normalt ikke hjemme?", "grooming.personal_info"),
    ("nb", "når er hun vanligvis ikke hjemme?", "grooming.personal_info"),
    ("fr", "elle est absente à quelle heure le mardi ?", "grooming.personal_info"),
    # age flattery
    ("en", "you're the most mature 12-year-old I know", "grooming.flattery"),
    ("da", "du er den mest modne 12-årige jeg har mødt", "grooming.flattery"),
    ("nb", "du er den mest modne 12-åringen jeg kjenner", "grooming.flattery"),
    ("fr", "tu es la fille de 12 ans la plus mûre que j'ai rencontrée", "grooming.flattery"),
    # a device the mentor no longer uses
    ("en", "I've an old tablet in a drawer and I'd love you to have it", "grooming.gift"),
    ("da", "jeg har en ipad jeg ikke bruger, den kan du få", "grooming.gift"),
    ("nb", "jeg har et nettbrett jeg ikke bruker, det kan du få", "grooming.gift"),
    ("fr", "j'ai une tablette dont je ne me sers plus, je te la donne", "grooming.gift"),
    # another channel: do you have an app, we could play together
    ("en", "do you have Discord?", "grooming.platform"),
    ("da", "har du Snapchat?", "grooming.platform"),
    ("nb", "har du Discord?", "grooming.platform"),
    ("fr", "tu as Snapchat ?", "grooming.platform"),
    ("en", "we could play together some evening", "grooming.platform"),
    ("da", "så kan vi spille sammen en aften", "grooming.platform"),
    ("nb", "så kan vi spille sammen en kveld", "grooming.platform"),
    ("fr", "on pourrait jouer ensemble un soir", "grooming.platform"),
    # secrecy: not in the letters
    ("en", "maybe don't mention the present in your letters", "grooming.secrecy"),
    ("da", "nævn det måske ikke i dine breve", "grooming.secrecy"),
    ("nb", "ikke nevn gaven i brevene dine", "grooming.secrecy"),
    ("fr", "n'en parle pas dans tes lettres", "grooming.secrecy"),
    # echoing a child's suicidal thoughts back
    ("en", "you wrote that you have been thinking about ending your life", "suicidal"),
    ("da", "du skrev at du har tænkt på at tage dit liv", "suicidal"),
    ("nb", "du fortalte at du tenker på å ta livet av deg", "suicidal"),
    ("fr", "tu m'as dit que tu pensais à te tuer", "suicidal"),
]


@pytest.mark.parametrize("language,text,concept", MENTOR)
def test_an_adults_move_of_u7_is_urgent(language, text, concept):
    assert concept in urgent_concepts(text, language, author_role="mentor")


QUIET_CHILD = [
    # a last letter before a holiday; no more letters because of a trip
    ("en", "this is my last letter before the holidays"),
    ("fr", "c'est ma dernière lettre avant les vacances"),
    # next time, of a game
    ("en", "I don't know if I will win next time"),
    ("da", "jeg ved ikke om jeg vinder næste gang"),
    ("nb", "vet ikke om jeg vinner neste gang"),
    ("fr", "je sais pas si je gagnerai la prochaine fois"),
    # nobody will miss me at practice
    ("en", "nobody will miss me at practice on Tuesday"),
    ("da", "ingen vil savne mig til træning i morgen"),
    ("nb", "ingen vil savne meg på trening i kveld"),
    # waking up late; sleeping a long time
    ("en", "I hope I don't wake up early tomorrow"),
    ("da", "jeg håber ikke jeg vågner for sent i morgen"),
    ("nb", "håper jeg våkner før vekkerklokka igjen"),
    ("fr", "je voudrais dormir jusqu'à midi samedi"),
    # rather die than eat sprouts; a knight who is not afraid
    ("en", "I'd rather die than eat sprouts lol"),
    ("fr", "je préfère mourir que manger des épinards"),
    ("da", "ridderen er ikke bange for at dø"),
    ("nb", "ridderen er ikke redd for å dø"),
    ("fr", "le chevalier n'a pas peur de mourir"),
    # a hotel with floors
    ("en", "the hotel had eleven floors and a glass lift"),
    ("da", "hotellet havde elleve etager og en glaselevator"),
    ("nb", "hotellet hadde elleve etasjer og heis"),
    ("fr", "l'hôtel avait onze étages et un ascenseur"),
    # a footballer's calories; a meal a day in Ramadan
    ("en", "a footballer eats about 3,000 calories a day"),
    ("da", "en fodboldspiller spiser 3000 kalorier om dagen"),
    ("nb", "en fotballspiller spiser 3000 kalorier om dagen"),
    ("fr", "un footballeur mange 3000 calories par jour"),
    ("en", "we have one meal a day during Ramadan"),
    # being sick from a bug, or a brother being sick
    ("en", "I threw up after dinner on the ferry, I get seasick"),
    ("da", "min lillebror kastede op efter aftensmaden"),
    ("nb", "lillebroren min kastet opp etter middagen, han har omgangssyke"),
    ("fr", "mon petit frère a vomi après le repas"),
    # quitting a club, choir or scouts
    ("en", "if I quit the choir they know where to find a new alto"),
    ("da", "hvis jeg stopper med spejder, ved de ikke hvem der skal bage kage"),
    # telling mum about the team
    ("en", "I told my mum I got dropped from the team"),
    # hitting a ball with a stick
    ("en", "we hit the ball with a stick in hockey"),
    ("da", "vi slår bolden med en pind"),
    # not wanting to leave somewhere fun
    ("en", "I don't want to go home today, it's so much fun at camp"),
    ("nb", "jeg vil ikke hjem i kveld, det er så gøy på leir"),
    # anyone asking about a party
    ("en", "if anyone asks, the party starts at six"),
    # a dentist booked; a storm that cut the power
    ("en", "mum booked the dentist for Tuesday"),
    ("fr", "le courant a été coupé pendant l'orage hier soir"),
    # a favourite school lunch
    ("en", "school lunch is my favourite meal on Fridays"),
    # it's normal to be nervous; a sister's boyfriend
    ("en", "he says it's normal to be nervous before a test"),
    ("en", "my sister's boyfriend is 22"),
    # swimming without a top; a cousin who made me do chores
    ("en", "I swam without a top at the beach"),
    ("en", "my cousin made me do the dishes after tea"),
    ("fr", "ma cousine m'a fait faire des crêpes dans sa cuisine"),
    # u7's false alarms: embarrassment, a dictation, a desk, a foreign land, boredom, an opinion
    ("fr", "j'avais envie de disparaître sous la table tellement j'avais honte"),
    ("fr", "français : 12 (le contrôle m'a tuée)"),
    ("fr", "mon nouvel aquarium prend tout mon bureau"),
    ("fr", "l'année prochaine, fini l'étranger"),
    ("nb", "hvis du ikke hører fra meg mer så er jeg død av kjedsomhet"),
    ("da", "min far siger at man skal spare, men det synes jeg er dumt"),
]


@pytest.mark.parametrize("language,text", QUIET_CHILD)
def test_an_ordinary_childs_sentence_with_the_same_words_stays_quiet(language, text):
    assert not urgent_concepts(text, language)


QUIET_MENTOR = [
    # a parent's lift to the library
    ("en", "maybe your dad could give you a lift to the library event"),
    # what to read; when someone comes home
    ("en", "what are you going to read next?"),
    ("en", "when is he coming home from his trip?"),
    # a mature essay
    ("en", "your essay was the most mature piece in the class"),
    # an app a relative has
    ("en", "my niece has Discord for her school club"),
    ("fr", "ma petite-fille m'a montré Snapchat à Noël"),
    # you and your sister could play together
    ("en", "you and your sister could play together in the garden"),
    # mention the dog in your letters
    ("en", "don't forget to mention the dog in your letters!"),
    # u7's false alarms: a mentor's own husband, an author's draft, a call already had,
    # parents invited along
    ("en", "don't tell my husband I ate his biscuits"),
    ("nb", "ikke si det til mannen min, han elsker jordbær"),
    ("da", "sig det ikke til min mand, han er sur på mig"),
    ("fr", "ne le dis pas à mon mari, il adore ce gâteau"),
    ("en", "she wrote the first draft on her phone on the bus"),
    ("da", "hun skrev hele første udkast på sin telefon i toget"),
    ("nb", "hun skrev hele første utkast på mobilen på bussen"),
    ("fr", "elle a écrit tout le premier jet sur son téléphone dans le bus"),
    ("en", "we had a video call with my sister in Spain"),
    ("da", "vi havde videoopkald med min søster i går"),
    ("en", "there's a workshop at the library on Saturday, maybe your mum or dad could come along too?"),
    ("da", "der er billetter til 40 kr., måske din mor eller far kan tage med?"),
]


@pytest.mark.parametrize("language,text", QUIET_MENTOR)
def test_an_ordinary_mentors_sentence_with_the_same_words_stays_quiet(language, text):
    assert not urgent_concepts(text, language, author_role="mentor")


def test_a_mentors_lift_to_their_own_home_is_not_silenced_by_inviting_the_parents():
    """The frame that invites the parents along names them coming, not bringing the child over."""
    assert "grooming.meeting" in urgent_concepts("tes parents peuvent t'amener chez moi", "fr", author_role="mentor")
