"""Screening rules of the sixteenth round, from u14's misses.

u14 (12,128 letters by eight writers who had not read the detector) was measured once as the
unseen split of the fifteenth round and then folded into the development corpus; its misses
were read for this round. Three gaps stood out:

- home addresses told with the house number first ("nr 66 på Pilevej", "number twenty-six,
  Cedar Walk"), the town between the street and its number, a floor and a block before the
  estate, a postcode told before the house, and a street right after someone's garage, which
  was taken for a venue;
- an adult's moves in everyday words: paying for lessons, a parcel sent, a door code or a
  login asked for, a room booked for two, "you're basically family", "tell your mum it's a
  choir thing";
- a child's disclosures in words the phrase tables lacked: a hand burned, being locked in, no
  one fetching the medicine, a goodbye letter written, work without pay and a passport taken;
- social handles with the "@" set apart or spelled as a word, a hyphen or a leading dot in the
  handle, or the underscore written as a word in brackets; e-mail addresses spelled one
  character at a time; Google's short links for a shared album.

Every case is checked with the rules alone (safeguarding) or as submit screens it (contact),
in all four languages, next to ordinary sentences that must stay quiet; the sentences are our own.
"""

import pytest

from tests.letters.screening_checks import covered, urgent_concepts


# ---------------------------------------------------------------- addresses with the number first

#: (language, text, the address that must be held whole), by the shape u14's letters showed.
HOMES_TOLD_NUMBER_FIRST = {
    "the house number before its street": [
        ("en", "we're at number 14 on Larkspur Road now, mum painted the door green", "number 14 on Larkspur Road"),
        ("da", "vi bor i nr. 22 på Kastanjevej nu, mor har malet døren grøn", "nr. 22 på Kastanjevej"),
        ("nb", "vi bor i nr 22 i Bjørkeveien nå, mamma har malt døra grønn", "nr 22 i Bjørkeveien"),
        ("fr", "on est au numéro 22, rue des Peupliers maintenant, maman a peint la porte en vert",
         "numéro 22, rue des Peupliers"),
    ],
    "the house number in words": [
        ("en", "our new address is number forty-one, Heather Close, Ripon", "number forty-one, Heather Close, Ripon"),
        ("da", "vi bor på nummer syvogtyve, Birkevej, Viborg", "nummer syvogtyve, Birkevej, Viborg"),
        ("nb", "nå bor vi i nummer tjuesju, Granveien, Elverum", "nummer tjuesju, Granveien, Elverum"),
        ("fr", "on habite au quarante et un, rue des Mésanges, à Niort", "quarante et un, rue des Mésanges, à Niort"),
    ],
    "the town between the street and its number": [
        ("en", "it's the house on Mill Lane in Ashby, number 12, with the trampoline", "Mill Lane in Ashby, number 12"),
        ("da", "det er huset på Møllevej i Tarm, nummer 12, med trampolinen", "Møllevej i Tarm, nummer 12"),
        ("nb", "det er huset i Kvernveien på Lena, nummer 12, med trampolinen", "Kvernveien på Lena, nummer 12"),
    ],
    "a postcode told before the house": [
        ("en", "my postcode is LS6 2QT and we're at number 9, send the book there", "LS6 2QT and we're at number 9"),
        ("da", "mit postnummer er 7400 og jeg bor i nr. 9 på Solvej, send bogen dertil",
         "7400 og jeg bor i nr. 9 på Solvej"),
        ("nb", "postnummeret er 2609 og vi bor i Solveien 9, send boka dit", "2609 og vi bor i Solveien 9"),
        ("fr", "le code postal c'est 79000 et on est au 9 rue des Lilas, envoie le livre là-bas",
         "79000 et on est au 9 rue des Lilas"),
    ],
    "a flat by number, floor and estate": [
        ("en", "the flat is number 8 on the 2nd floor of Beacon House, Stockport",
         "number 8 on the 2nd floor of Beacon House"),
        ("da", "lejligheden er nr. 8 på 2. sal i blok B i Vollsmose", "nr. 8 på 2. sal i blok B i Vollsmose"),
        ("nb", "leiligheten er nr 8 i 2. etasje i blokk B på Furuset", "nr 8 i 2. etasje i blokk B på Furuset"),
    ],
    "a street after someone's garage, which is no venue": [
        ("en", "we rehearse in Sam's garage, 7 Poplar Grove, Witney. come along!", "7 Poplar Grove"),
        ("da", "vi øver i Oskars garage, Poppelvej 7 i Struer. kom og hør!", "Poppelvej 7"),
        ("nb", "vi øver i garasjen til Oskar, Poppelveien 7 i Moss. kom og hør!", "Poppelveien 7"),
        ("fr", "on répète dans le garage de Théo, 7 allée des Peupliers à Niort. viens écouter !",
         "7 allée des Peupliers"),
    ],
}


@pytest.mark.parametrize("language, text, address", [
    pytest.param(*case, id=f"{shape}-{case[0]}") for shape, cases in HOMES_TOLD_NUMBER_FIRST.items() for case in cases
])
def test_a_home_told_number_first_is_held_whole(language, text, address):
    assert any(address in found for found in covered("contact.address", text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "The new flat is number 6 on the 4th floor and I counted 80 stairs."),
    ("en", "We went to the Science Museum, Exhibition Road, it was free!"),
    ("da", "Bus nummer 14 på vej til stranden var fyldt med turister."),
    ("nb", "Vi kom på plass nummer 3 i stafetten på Bislett."),
    ("fr", "J'ai eu le numéro 4 au tirage et on a joué sur le terrain 2."),
    ("da", "Vi kom på en plads som nr 2 i Danmark til DM i holdgymnastik."),
])
def test_numbers_near_places_that_are_no_home_stay_unheld(language, text):
    assert covered("contact.address", text, language) == []


# ---------------------------------------------------------------- social handles

@pytest.mark.parametrize("language, text, handle", [
    ("en", "my tiktok is @ SketchesBySol, I post every Friday", "@ SketchesBySol"),
    ("da", "min insta er @ TegnMedTilde hvis du vil se", "@ TegnMedTilde"),
    ("en", "follow @noah-builds for the lego stuff", "@noah-builds"),
    ("fr", "mon compte c'est @lina-dessine sur insta", "@lina-dessine"),
    ("nb", "kontoen min er @.triste.dikt", "@.triste.dikt"),
    ("nb", "insta: krøllalfa kakermedkaja", "krøllalfa kakermedkaja"),
    ("fr", "sur insta c'est arobase gateauxdeines", "arobase gateauxdeines"),
    ("en", "find my baking page at crumbsbycharlie", "at crumbsbycharlie"),
    ("da", "mit brugernavn er svømmer(underscore)ida(underscore)2013", "svømmer(underscore)ida(underscore)2013"),
    ("fr", "mon pseudo c'est danse(tiret bas)lou(tiret bas)2012", "danse(tiret bas)lou(tiret bas)2012"),
])
def test_a_handle_with_its_at_apart_or_spelled_is_held(language, text, handle):
    assert any(handle in found for found in covered("contact.social", text, language))


@pytest.mark.parametrize("language, text", [
    ("en", "meet @ the park at 5, bring the ball"),
    ("en", "we had tea at grandmas and then at mcdonalds"),
    ("en", "we stopped at Perranporth and then at Waterstones for the new book"),
    ("da", "mor sagde at husmesteren ville komme i morgen"),
    ("nb", "læreren sa at chromebooken min var ødelagt"),
    ("en", "she's at boarding school till July"),
    ("fr", "on se voit au parc à 17h"),
])
def test_an_at_before_ordinary_words_is_no_handle(language, text):
    assert covered("contact.social", text, language) == []


@pytest.mark.parametrize("language, text, address", [
    ("en", "write to me: t o m . r i d e s @ g m a i l . c o m", "t o m . r i d e s @ g m a i l . c o m"),
    ("da", "min mail er e m m a 1 2 @ hotmail . dk", "e m m a 1 2 @ hotmail . dk"),
    ("nb", "mailen min: s i v e r t @ g m a i l . c o m", "s i v e r t @ g m a i l . c o m"),
    ("fr", "mon mail c'est l u c i e 0 9 @ orange . fr", "l u c i e 0 9 @ orange . fr"),
])
def test_an_email_spelled_one_character_at_a_time_is_held(language, text, address):
    assert any(address in found for found in covered("contact.email", text, language))


def test_a_sum_with_an_at_sign_is_no_email():
    assert covered("contact.email", "in maths we wrote 1 2 3 @ home . ok", "en") == []


@pytest.mark.parametrize("language, text", [
    ("en", "the holiday album is on photos.app.goo.gl/Tq7ZxK2pLm9"),
    ("da", "billederne fra turen: photos.app.goo.gl/Tq7ZxK2pLm9"),
    ("nb", "bildene fra turen: photos.app.goo.gl/Tq7ZxK2pLm9"),
    ("fr", "les photos du voyage : photos.app.goo.gl/Tq7ZxK2pLm9"),
])
def test_a_shared_album_link_is_held_whole(language, text):
    assert "photos.app.goo.gl/Tq7ZxK2pLm9" in covered("contact.url", text, language)


def test_a_mobile_number_grouped_in_threes_is_no_quantity():
    text = "mum says message her about the lift: 07 512 338 900"
    assert "07 512 338 900" in covered("contact.phone", text, "en")


def test_a_quantity_with_its_thousands_apart_stays_unheld():
    assert covered("contact.phone", "Light travels 299 792 458 metres a second, 1 079 252 848 km an hour.", "en") == []


# ---------------------------------------------------------------- an adult's moves

@pytest.mark.parametrize("language, text, concept", [
    ("en", "I'd like to pay for your drum lessons from now on.", "grooming.gift"),
    ("da", "Jeg vil gerne betale dine trommetimer fra nu af.", "grooming.gift"),
    ("nb", "Jeg vil gjerne betale trommetimene dine fra nå av.", "grooming.gift"),
    ("fr", "Je vais te payer les cours de batterie à partir de maintenant.", "grooming.gift"),
    ("en", "Did you get my parcel? The jacket should fit.", "grooming.gift"),
    ("da", "Fik du min pakke? Jakken burde passe.", "grooming.gift"),
    ("fr", "Tu as reçu mon colis ? Le blouson devrait t'aller.", "grooming.gift"),
    ("en", "what's the door code for your building?", "grooming.personal_info"),
    ("da", "hvad er dørkoden til jeres opgang?", "grooming.personal_info"),
    ("nb", "hva er portkoden til blokka deres?", "grooming.personal_info"),
    ("fr", "c'est quoi le digicode de ton immeuble ?", "grooming.personal_info"),
    ("en", "send me your login so I can check your marks", "grooming.personal_info"),
    ("nb", "send meg passordet ditt så sjekker jeg karakterene", "grooming.personal_info"),
    ("en", "I've booked a cabin for the two of us, it has two beds.", "grooming.meeting"),
    ("da", "Jeg har booket en hytte til os to, der er to senge.", "grooming.meeting"),
    ("fr", "On partagera une chambre à l'hôtel pour économiser.", "grooming.meeting"),
    ("en", "Come round after school on Tuesday, nobody else will be in.", "grooming.meeting"),
    ("en", "I'm basically family now, aren't I?", "grooming.flattery"),
    ("da", "Jeg er nærmest familie nu, ikke?", "grooming.flattery"),
    ("nb", "Jeg er nesten familie nå, ikke sant?", "grooming.flattery"),
    ("fr", "Je suis presque de la famille maintenant, non ?", "grooming.flattery"),
    ("en", "Your parents don't really understand your art, do they? I do.", "grooming.flattery"),
    ("en", "Tell your mum it's a choir thing, she doesn't need the details.", "grooming.secrecy"),
    ("da", "Sig til dine forældre at det er en klubtur, de behøver ikke vide det.", "grooming.secrecy"),
    ("nb", "Hold det for deg selv, ingen trenger å vite det.", "grooming.secrecy"),
    ("fr", "N'en parle à personne, c'est rien que pour nous.", "grooming.secrecy"),
])
def test_an_adults_move_in_everyday_words_is_urgent(language, text, concept):
    assert concept in urgent_concepts(text, language, author_role="mentor")


@pytest.mark.parametrize("language, text", [
    ("en", "Shoe sizes are so confusing, a 38 is about a 5 in England."),
    ("da", "Mit kortnummer til biblioteket er ikke hemmeligt."),
    ("en", "The school pays for the drum lessons, so ask your teacher."),
    ("fr", "Le wifi de la médiathèque demande un identifiant à chaque fois, c'est pénible."),
])
def test_ordinary_mentor_sentences_with_the_same_words_stay_quiet(language, text):
    assert urgent_concepts(text, language, author_role="mentor") == set()


# ---------------------------------------------------------------- a child's disclosures

@pytest.mark.parametrize("language, text, concept", [
    ("en", "dad burned my hand on the iron because I was late", "abuse"),
    ("da", "far brændte min hånd på strygejernet fordi jeg kom for sent", "abuse"),
    ("nb", "pappa brente hånda mi på strykejernet fordi jeg kom for seint", "abuse"),
    ("en", "she locks me in the shed when I get bad marks", "abuse"),
    ("nb", "stefar låser meg inne på badet når jeg får dårlige karakterer", "abuse"),
    ("fr", "mon beau-père m'enferme dans la cave quand j'ai des mauvaises notes", "abuse"),
    ("en", "my inhaler ran out in May and nobody got the prescription", "neglect"),
    ("da", "min inhalator har været tom siden maj og ingen har hentet recepten", "neglect"),
    ("nb", "det er ikke noe i kjøleskapet de fleste dagene", "neglect"),
    ("fr", "il n'y a rien dans le frigo la plupart du temps", "neglect"),
    ("en", "I wrote a goodbye letter and hid it in my guitar case", "suicidal"),
    ("da", "jeg har skrevet et farvelbrev og gemt det i guitarkassen", "suicidal"),
    ("nb", "jeg har skrevet et avskjedsbrev og gjemt det i gitarkassa", "suicidal"),
    ("fr", "j'ai écrit une lettre d'adieu et je l'ai cachée dans l'étui de ma guitare", "suicidal"),
    # Dangers of another kind, read as abuse: work without pay, a debt, a passport taken.
    ("en", "I clean his flats every night with no pay and he says I owe him for the ticket", "abuse"),
    ("da", "jeg arbejder i hans butik hver aften uden løn og han har taget mit pas", "abuse"),
    ("nb", "jeg jobber i butikken hans hver kveld uten lønn, og han har tatt passet mitt", "abuse"),
    ("fr", "je travaille dans son resto tous les soirs sans être payée et il a pris mon passeport", "abuse"),
])
def test_a_childs_disclosure_in_plain_words_is_urgent(language, text, concept):
    assert concept in urgent_concepts(text, language)


@pytest.mark.parametrize("language, text", [
    ("en", "I burned my hand on the oven tray making cookies, it's fine now"),
    ("da", "far siger hvis jeg spiller den sang igen efterlader han mig på en mark haha"),
    ("nb", "Det har regnet i ni dager og ingen vil kjøre meg til byen."),
    ("fr", "La lettre d'adieu du héros à la fin du roman m'a fait pleurer."),
    ("en", "Box 14 had my passport in it and it took three weeks to find after the move."),
])
def test_ordinary_childrens_sentences_with_the_same_words_stay_quiet(language, text):
    assert urgent_concepts(text, language) == set()
