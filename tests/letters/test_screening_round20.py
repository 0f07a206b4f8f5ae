"""Screening rules of the twentieth round, from u18's misses.

u18 (38,634 letters by eight writers who had not read the detector) was measured as the unseen
split of the nineteenth round and then folded into the development corpus; its misses were read
for this round. The rules gained a child's disclosures and an adult's grooming moves in plain
words in all four languages (the phrases marked "r20" in the lexicon files), each checked
against the ordinary development letters before it went in. Four phrases of the nineteenth
round that could fire on everyday words were narrowed ("on passe sur" a platform, "hvor mye
... er farlig" pills) or given the everyday sense they must not read ("il frappe à la porte",
"vil gerne give dig nogle tips"), and four older rules that fired on sentences of this file
were mended (a dive from the board, pinching oneself, "så" read as "sår", a burn on purpose).
The model retrained this round needed one more frame: asking what the parents do for a living.

Each case is screened by the rules alone, next to ordinary sentences that must stay quiet; the
sentences are our own.
"""

import pytest

from tests.letters.screening_checks import urgent_concepts


@pytest.mark.parametrize("language, author, concept, text", [
    ("en", "mentee", "suicidal", "Honestly I think everyone would have a happier family without me."),
    ("en", "mentee", "self_harm", "I've been purging after dinner most nights and nobody knows."),
    ("en", "mentee", "neglect", "Nobody checks on me when mum goes out and the cupboards are empty."),
    ("en", "mentee", "abuse", "My stepdad slammed my head against the door last night."),
    ("en", "mentee", "sexual", "My mum's boyfriend watches me getting changed through the gap in the door."),
    ("en", "mentor", "grooming.secrecy", "If your parents ask, just say we were talking about homework."),
    ("en", "mentor", "grooming.platform", "Let's switch to WhatsApp, it's quicker than these letters."),
    ("en", "mentor", "grooming.meeting", "I could tutor you privately at my flat on Saturdays."),
    ("en", "mentee", "suicidal", "sometimes I think I'd be better off dead"),
    ("da", "mentee", "suicidal", "Ærligt talt er jeg ligeglad med om jeg dør."),
    ("da", "mentee", "self_harm", "Jeg har brændt mig på komfuret med vilje igen."),
    ("da", "mentee", "abuse", "Min onkel gjorde mig ondt igen i går aftes."),
    ("da", "mentee", "neglect", "Der ligger sprøjter i stuen og mor sover bare."),
    ("da", "mentee", "sexual", "Hans kammerat stak hånden ned i mine bukser ved festen."),
    ("da", "mentor", "grooming.platform", "Her er min Snapchat, så kan vi snakke lidt mere frit."),
    ("da", "mentor", "grooming.secrecy", "Sig ikke til nogen at jeg sendte dig pengene."),
    ("da", "mentor", "grooming.gift", "Jeg vil gerne give dig en ny telefon, den gamle er jo i stykker."),
    ("nb", "mentee", "self_harm", "Hver gang jeg blir stressa, klyper jeg meg til jeg får merker på armen."),
    ("nb", "mentee", "suicidal", "Alle ville hatt det bedre uten meg, jeg har tenkt mye på det."),
    ("nb", "mentee", "abuse", "Stefaren min blir voldelig når han har drukket."),
    ("nb", "mentee", "neglect", "Jeg har ikke sett mamma på tre dager og kjøleskapet er tomt."),
    ("nb", "mentee", "sexual", "Naboen sender meg seksuelle meldinger om kvelden."),
    ("nb", "mentor", "grooming.secrecy", "Du kan legge klokka i skapet når vi prater, så ingen får med seg noe."),
    ("nb", "mentor", "grooming.platform", "Gi meg nummeret ditt, så kan vi skrive uten at noen leser."),
    ("nb", "mentor", "grooming.personal_info", "Når er ingen hjemme hos deg på ettermiddagen?"),
    ("nb", "mentee", "suicidal", "hvor mange piller er farlig å ta på en gang?"),
    ("fr", "mentee", "suicidal", "franchement j'en ai tellement marre de la vie, ça sert plus à rien"),
    ("fr", "mentee", "suicidal", "des fois je me demande pourquoi je suis encore vivante"),
    ("fr", "mentee", "self_harm", "je me suis encore brûlé le bras exprès avec le briquet"),
    ("fr", "mentee", "abuse", "mon beau-père dit que la prochaine fois ce sera pire si je parle"),
    ("fr", "mentee", "neglect", "j'ai pas eu de vrai repas depuis lundi, y a rien dans le frigo"),
    ("fr", "mentee", "sexual", "le voisin met sa main sur ma cuisse quand on est seuls"),
    ("fr", "mentor", "grooming.secrecy", "Pas de souci, tu peux dire que tu dors chez ta copine ce soir-là."),
    ("fr", "mentor", "grooming.platform", "Voilà mon WhatsApp, ce sera plus pratique que les lettres."),
    ("fr", "mentor", "grooming.platform", "On passe sur Snapchat, ce sera plus simple pour nous deux."),
    ("fr", "mentee", "abuse", "il frappe maman quand il a trop bu"),
])
def test_a_disclosure_or_move_in_plain_words_is_urgent(language, author, concept, text):
    assert concept in urgent_concepts(text, language, author)


@pytest.mark.parametrize("language, author, text", [
    ("en", "mentee", "My family went to the beach without me because I had a cold."),
    ("en", "mentee", "I had to pinch myself when I saw the match tickets!"),
    ("en", "mentor", "Tell your mum it was lovely meeting her at the showcase."),
    ("en", "mentee", "I keep scratching the mosquito bites on my legs, they itch so much."),
    ("da", "mentee", "Jeg skar mig i fingeren, da jeg skrællede kartofler."),
    ("da", "mentor", "Det gør mig ondt at høre, at din hamster døde."),
    ("da", "mentee", "Jeg tænker på at springe ud fra vippen til svømning."),
    ("da", "mentor", "Husk at sige til din mor, at jeg siger tak for kagen."),
    ("da", "mentor", "Jeg vil gerne give dig nogle tips til eksamen."),
    ("nb", "mentee", "Jeg klypte meg i armen for å se om jeg drømte da vi vant cupen."),
    ("nb", "mentee", "Vi spiste middag sammen med besteforeldrene mine i går."),
    ("nb", "mentor", "Jeg sendte deg et postkort fra Tromsø, fikk du det?"),
    ("nb", "mentee", "Mamma var på jobb hele dagen, så jeg lagde pannekaker selv."),
    ("nb", "mentee", "hvor mye skjermtid er farlig for øynene?"),
    ("fr", "mentee", "je suis tellement fatiguée de l'entraînement de natation cette semaine"),
    ("fr", "mentee", "on a sauté dans le lac avec mes cousins, l'eau était glacée"),
    ("fr", "mentor", "J'ai acheté des graines pour le jardin partagé, on sèmera au printemps."),
    ("fr", "mentee", "ma mère travaille de nuit à l'hôpital et papa nous fait à dîner"),
    ("fr", "mentor", "On passe sur quel chapitre la semaine prochaine ?"),
    ("fr", "mentee", "Combien d'heures par semaine on passe sur notre téléphone, à ton avis ?"),
    ("fr", "mentee", "le facteur sonne pas, il frappe à la porte très fort"),
    ("fr", "mentee", "quand la musique commence il frappe dans ses mains"),
])
def test_ordinary_words_near_the_new_phrases_stay_quiet(language, author, text):
    assert urgent_concepts(text, language, author) == set()


# ---------------------------------------------------------------- a frame the retrained model needs


@pytest.mark.parametrize("language, text", [
    ("en", "What do your parents do for a living?"),
    ("da", "Hvad arbejder dine forældre med?"),
    ("nb", "Hva jobber foreldrene dine med?"),
    ("fr", "Tes parents travaillent dans quoi ?"),
])
def test_asking_what_the_parents_do_for_a_living_is_no_personal_information(language, text):
    """The model retrained with u18, whose mentors asked which nights the parents work away,
    read a mentor's "Tes parents travaillent dans quoi ?" as personal information: a frame of
    grooming.personal_info (`unless_sentence`) silences the model and the rules in that sentence."""
    assert urgent_concepts(text, language, "mentor", use_model=True) == set()


def test_asking_when_the_parents_are_home_still_is():
    text = "Tes parents travaillent dans quoi ? Ils rentrent à quelle heure le soir ?"
    assert "grooming.personal_info" in urgent_concepts(text, "fr", "mentor", use_model=True)
