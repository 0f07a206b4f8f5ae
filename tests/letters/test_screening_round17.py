"""Screening rules of the seventeenth round, from u15's misses.

u15 (16,160 letters by eight writers who had not read the detector) was measured once as the
unseen split of the sixteenth round and then folded into the development corpus; its misses
were read for this round. Four gaps stood out:

- names with the letters that fold() keeps ("ø", "æ", "œ", "ß") were not read as user names or
  e-mail names ("snøuglen2012@gmail.com", "emilie.rosegrøt");
- a number written with a served country's code ("+45 31 04 72 88", "0033 6 …") was held only
  when its range was in service, and "telefonen", "landline", "le fixe" were no phone cues;
- an address was found without the farm's or addressee's name before it, or without the town
  after a bare space, a French article, a US state or an arrondissement;
- a child's disclosures in the plainest words ("I'll end it", "far slår mig", "jeg kaster op
  efter alle måltider"), and some that a cover-story phrase silenced because a time or a place
  stood next to them ("I'm going to take my life after the showcase").

Every case is checked with the rules alone (safeguarding) or as submit screens it (contact),
in all four languages, next to ordinary sentences that must stay quiet; the sentences are our own.
"""

import pytest

from tests.letters.screening_checks import covered, urgent_concepts

# ---------------------------------------------------------------- names with ø, æ, œ


@pytest.mark.parametrize("language, kind, text, detail", [
    ("da", "contact.email", "mail med ø: søs.lindberg@hotmail.dk (virker den?)", "søs.lindberg@hotmail.dk"),
    ("nb", "contact.email", "en mail mamma ikke vet om: snøuglen2012@gmail.com", "snøuglen2012@gmail.com"),
    ("fr", "contact.email", "écris-moi sur cœur.de.lion12@gmail.com", "cœur.de.lion12@gmail.com"),
    ("en", "contact.email", "my cousin's email is bjørn_olsen_11@outlook.com", "bjørn_olsen_11@outlook.com"),
    ("nb", "contact.social", "snapen min!! emilie.rosegrøt (ja med ø)", "emilie.rosegrøt"),
    ("da", "contact.social", "min snap er kagebagær_2012", "kagebagær_2012"),
])
def test_a_name_with_a_letter_folding_keeps_is_held(language, kind, text, detail):
    assert any(detail in found for found in covered(kind, text, language))


def test_a_file_name_with_underscores_is_no_handle():
    text = 'Gem den som PDF – "Ansøgning_Ida_2025.pdf" ser bedre ud end "dok1(3).docx"'
    assert covered("contact.social", text, "da") == []


# ---------------------------------------------------------------- phone numbers


@pytest.mark.parametrize("language, text, number", [
    ("da", "ring til min bror hvis du ikke kan fange mig, han har altid telefonen: +45 31 04 72 88",
     "+45 31 04 72 88"),
    ("fr", "le portable de ma tante c'est le 0033 6 92 47 18 03", "0033 6 92 47 18 03"),
    ("nb", "telefonen til pappa: 31 04 72 88", "31 04 72 88"),
    ("en", "my nans landline is 01632 960 214 i'm there every weds", "01632 960 214"),
    ("fr", "le fixe de mamie c'est 05 55 32 18 40, elle répond toujours", "05 55 32 18 40"),
])
def test_a_number_with_its_country_code_or_a_home_phone_cue_is_held(language, text, number):
    assert number in covered("contact.phone", text, language)


@pytest.mark.parametrize("language, text", [
    ("fr", "L'étiquette retour dit colis n° 8R 0044 1187 2290 5 et il faut le déposer avant 17h."),
    ("en", "the sticker on my fossil from the shop says 00447 911 203 4, a stock code i think"),
])
def test_a_code_with_a_country_prefix_but_no_national_number_stays_unheld(language, text):
    assert covered("contact.phone", text, language) == []


def test_an_email_on_a_foreign_provider_is_held():
    text = "my email got changed by a hacker to hax0r666@mail.ru and i can't get in"
    assert "hax0r666@mail.ru" in covered("contact.email", text, "en")


# ---------------------------------------------------------------- addresses held whole


@pytest.mark.parametrize("language, text, address", [
    ("en", "send the card to 61 Hawthorn Avenue Hull", "61 Hawthorn Avenue Hull"),
    ("en", "we moved to 2214 Elm Creek Rd, Lexington KY", "2214 Elm Creek Rd, Lexington KY"),
    ("en", "it's Flat 12B Riverside Court, Cardiff CF10 5AN", "Flat 12B Riverside Court, Cardiff CF10 5AN"),
    ("fr", "j'habite 45 boulevard Carnot, Le Mans", "45 boulevard Carnot, Le Mans"),
    ("fr", "c'est au 101 cours Lafayette, 69006 Lyon, 5e gauche", "101 cours Lafayette, 69006 Lyon, 5e gauche"),
    ("fr", "écris-moi au 18 rue Saint-Jacques, Paris 5e", "18 rue Saint-Jacques, Paris 5e"),
    ("da", "vores gård hedder Solgården, Parkvej 4, 6000 Kolding", "Solgården, Parkvej 4, 6000 Kolding"),
    ("nb", "send det til Lien gård, Sætervegen 41, 3560 Hemsedal", "Lien gård, Sætervegen 41, 3560 Hemsedal"),
])
def test_an_address_is_held_with_its_name_town_and_floor(language, text, address):
    assert any(address in found for found in covered("contact.address", text, language))


# ---------------------------------------------------------------- a child's disclosures


@pytest.mark.parametrize("language, text, concept", [
    ("en", "i've been thinking about ending it", "suicidal"),
    ("en", "honestly i'd rather be dead", "suicidal"),
    ("en", "i have a rope in my wardrobe", "suicidal"),
    ("da", "jeg tager livet af mig inden jul", "suicidal"),
    ("da", "jeg har ikke lyst til at være i live", "suicidal"),
    ("nb", "jeg skal ta livet av meg på bursdagen min", "suicidal"),
    ("nb", "det er ingen vits i at jeg lever", "suicidal"),
    ("fr", "je n'ai plus envie de vivre", "suicidal"),
    ("en", "i cut again after my mom sold my pony", "self_harm"),
    ("da", "jeg kaster op efter alle måltider", "self_harm"),
    ("nb", "jeg kaster opp etter hvert måltid", "self_harm"),
    ("fr", "j'ai acheté des coupe-faim sur internet", "self_harm"),
    ("en", "my dad beats me when he's drunk", "abuse"),
    ("da", "far slår mig når han er sur", "abuse"),
    ("nb", "gutta i parallellklassen banket meg opp bak kantina", "abuse"),
    ("fr", "mon père me frappe quand il a bu", "abuse"),
    ("en", "nobody makes dinner at ours", "neglect"),
    ("da", "ingen laver mad hjemme hos os", "neglect"),
    ("nb", "det er ingen voksne hjemme på fire dager", "neglect"),
    ("fr", "personne ne fait à manger à la maison", "neglect"),
    # Dangers of another kind, read as abuse: marriage, carrying, papers kept.
    ("en", "they made me carry a bag to birmingham on the train", "abuse"),
    ("da", "min far har lovet mig væk til en mand i Syrien", "abuse"),
    ("nb", "pappa har forlovet meg med en mann på 30", "abuse"),
    ("fr", "je garde la drogue chez moi sous mon lit", "abuse"),
])
def test_a_childs_disclosure_in_plain_words_is_urgent(language, text, concept):
    assert concept in urgent_concepts(text, language)


@pytest.mark.parametrize("language, text", [
    # A time, a place or an event next to the words once silenced them as a cover story.
    ("en", "I'm going to take my life after the showcase"),
    ("en", "i'll end it tonight"),
    ("da", "jeg har tænkt på hvordan man kan gøre det så det ikke gør ondt, og jeg vil dø"),
    ("fr", "j'ai regardé comment faire pour que ça fasse pas mal, je veux mourir"),
])
def test_a_disclosure_next_to_a_time_or_place_is_not_silenced(language, text):
    assert "suicidal" in urgent_concepts(text, language)


@pytest.mark.parametrize("language, text", [
    ("en", "our homecoming game is friday, last year they beat us 28-3"),
    ("en", "I got sacked from the café today cos I dropped a whole tray."),
    ("en", "I'm eating like 3,200 calories a day to bulk up for rugby"),
    ("da", "den matematikprøve slår mig ihjel"),
    ("da", "De slog os sidste år med 9 mål, så det bliver hævn!!"),
    ("da", "Oliver kastede op efter karrusellen, haha"),
    ("nb", "bestefar fikk slag og snakker rart nå"),
    ("nb", "du slår meg i sjakk hver gang"),
    ("nb", "knuter jeg har planlagt: 24"),
    ("fr", "ce qui me frappe, c'est la fin du livre"),
    ("fr", "je vais pas me battre avec l'arbitre hein"),
    ("fr", "le boss final m'a tuée genre 15 fois avant que je le batte"),
])
def test_ordinary_sentences_with_the_same_words_stay_quiet(language, text):
    assert urgent_concepts(text, language) == set()
