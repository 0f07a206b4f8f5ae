"""Contact details in the shapes the w5 letters showed, in all four languages, and what stays quiet.

The w5 batch was written by people who had not read the detector. Each class of its misses
and false alarms has positive cases here in English, Danish, Norwegian and French (in our own
words, never the corpus letters) and ordinary sentences that must stay quiet:

* letters that stand for digits inside a written number ("O7gI2", "2O 4S");
* numbers read out with "double" before a digit, "plus" for a country code, "hundred",
  a pair too many after a cue, asterisks, and a line that starts with the dot;
* e-mails with "chez"/"på", the domain after the provider without its dot, "dått", and a
  name spelled with dot words and a number word;
* user names: an underscore name with a digit alone, a name with its platforms after it,
  from the platform to the name, and dotted names spelled out or spaced;
* addresses kept whole across flats, floors, buildings, doors and a "lieu-dit";
* public places, groups that belong to a class, descriptions of a name, and scores that the
  sentence counts, which are not contact details.
"""

import pytest

from letters.screening.normalise import normalise
from tests.letters.test_screening_contact_forms import (
    ADDRESS, EMAIL, PHONE, SOCIAL, assert_covered, findings,
)

# ------------------------------------------------------------------ letters standing for digits

LOOKALIKE_CASES = [
    ("en", "GB", "ring me on O79OO 9I2 345 haha", "O79OO 9I2 345"),
    ("da", "DK", "sms mig hellere på 3I 4O 2S 69 ok", "3I 4O 2S 69"),
    ("nb", "NO", "send melding til 4I 5O g2 8Z i stedet", "4I 5O g2 8Z"),
    ("fr", "FR", "tu peux appeler ma mère au O6 I4 2S 9O B3 ce soir", "O6 I4 2S 9O B3"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), LOOKALIKE_CASES)
def test_letters_standing_for_digits_inside_a_number(language, region, text, fragment):
    assert_covered(text, language, PHONE, fragment, region)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "SOS! OK so vitamin B12 and 100g of flour, the 1990s and an I2C chip"),
    ("da", "Vi vandt 3-2 og 21-19 i sidste kamp, og jeg tog 200g slik"),
    ("nb", "Vi tapte 1-3 og 2-2 og så vant vi 12-9, Og så var det ferie"),
    ("fr", "la salle B12, 250g de farine et les années 1990s, SOS"),
])
def test_words_with_look_alike_letters_stay_words(language, text):
    assert normalise(text).text == text
    assert findings(text, language) == []


def test_a_unit_after_digits_is_not_a_look_alike():
    # "6g", "90s", "12B" end in a unit, a plural or a flat letter: the word stays as written.
    assert normalise("ring 3I 4O 2S 6g").text == "ring 3I 4O 2S 6g"


def test_look_alike_letters_keep_offsets():
    view = normalise("ring O6 l2 SS 8O 47 now")
    assert view.text == "ring 06 12 55 80 47 now"
    assert view.keeps_offsets
    assert view.has_disguised_digit(5, 7)


# ------------------------------------------------------------------ numbers read out

@pytest.mark.parametrize(("language", "region", "text", "fragment"), [
    ("en", "GB", "text me: 07 double 9 one 4 - 55 - 6 two 8 ok", "07 double 9 one 4 - 55 - 6 two 8"),
    ("en", "GB", "mine: zero seven nine double-one, six hundred, two three four", "zero seven nine double-one, six hundred, two three four"),
    ("da", "DK", "ring til mig på 2 dobbelt 5 1 tre 4 8 7", "2 dobbelt 5 1 tre 4 8 7"),
    ("nb", "NO", "legg meg til: pluss førti sju, ni åtte, sju seks, fem fire, tre to",
     "pluss førti sju, ni åtte, sju seks, fem fire, tre to"),
    ("fr", "FR", "ajoute-moi : plus trente-trois, six, douze, trente-quatre, cinquante-six, soixante-dix-huit",
     "plus trente-trois, six, douze, trente-quatre, cinquante-six, soixante-dix-huit"),
    ("fr", "FR", "son numéro c'est zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit, quatre-vingt-dix",
     "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit, quatre-vingt-dix"),
    ("da", "DK", "skriv til 31*42*57*86 i aften", "31*42*57*86"),
])
def test_numbers_read_out_with_double_plus_hundred_and_a_slip(language, region, text, fragment):
    assert_covered(text, language, PHONE, fragment, region)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I threw double 6 twice and then a 5, nine hundred points in all"),
    ("da", "Der var halvfjerds elever og fire hundrede forældre til festen"),
    ("nb", "Vi var pluss minus tretti stykker, og det kostet fire hundre kroner"),
    ("fr", "il y avait soixante-dix élèves et quatre-vingt-huit parents, trois cents en tout"),
])
def test_number_words_in_ordinary_sentences_stay_quiet(language, text):
    assert [kind for kind, _ in findings(text, language)] == []


def test_a_line_that_starts_with_the_dot_joins_the_number():
    view = normalise("note :\n06.44\n.21.87.\n09\nmerci")
    assert view.text == "note :\n06.44 .21.87. 09\nmerci"
    assert_covered("note :\n06.44\n.21.87.\n09\nmerci", "fr", PHONE, "06.44\n.21.87.\n09")


# ------------------------------------------------------------------ e-mails

@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "ok my email is ruby underscore fox at hotmail com lol", "ruby underscore fox at hotmail com"),
    ("en", "write to ida.k hotmail.com if you want", "ida.k hotmail.com"),
    ("da", "skriv til freja punktum holm tolv på gmail punktum com", "freja punktum holm tolv på gmail punktum com"),
    ("nb", "mail meg på ida.berg12 på gmail dått com så skriver vi", "ida.berg12 på gmail dått com"),
    ("fr", "écrivez à lucie.martin85 chez orange.fr pour la sortie", "lucie.martin85 chez orange.fr"),
])
def test_emails_with_chez_pa_and_a_domain_without_its_dot(language, text, fragment):
    assert_covered(text, language, EMAIL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "there were 12 at free swim and 3 at live music"),
    ("da", "jeg var hjemme hos mormor og vi så live tv"),
    ("nb", "vi var på hytta, og jeg dått nesten i vannet"),
    ("fr", "je dors chez mamie, point final"),
])
def test_ordinary_sentences_with_at_and_provider_words_stay_quiet(language, text):
    assert findings(text, language) == []


# ------------------------------------------------------------------ user names

@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "add me if u want, i'm ruby_fox12 on snap and tiktok", "ruby_fox12 on snap and tiktok"),
    ("en", "snap me if u want its ruby_fox12", "snap me if u want its ruby_fox12"),
    ("da", "find mig som freja_2012 på insta og tiktok", "freja_2012 på insta og tiktok"),
    ("nb", "legg meg til da!! ola_nordmann07 🙂", "ola_nordmann07"),
    ("nb", "ny insta! den er @ ida . berg . 2012 følg meg", "@ ida . berg . 2012"),
    ("fr", "je suis lou_danse09 sur insta et snap", "lou_danse09 sur insta et snap"),
    ("da", "add mig på snap, jeg hedder emil dot b dot 2013 derinde", "emil dot b dot 2013"),
])
def test_user_names_with_an_underscore_and_digits_platforms_and_spaced_dots(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "My friends and I have a group chat on WhatsApp for the book club"),
    ("en", "My Instagram is so quiet lately, nobody posts"),
    ("en", "my gamertag is kinda embarrassing so i won't say it"),
    ("en", "we learnt about snake_case in coding club"),
    ("da", "Min klasse har en gruppe på Messenger til lektier"),
    ("nb", "Klassen min har en gruppe på Snapchat, men jeg er ikke med"),
    ("fr", "Ma classe a un groupe sur WhatsApp pour les devoirs"),
])
def test_a_platform_named_with_no_offer_stays_quiet(language, text):
    assert [kind for kind, _ in findings(text, language) if kind == SOCIAL] == []


def test_the_writers_own_group_is_still_an_invitation():
    assert_covered("Jeg har lavet en gruppe på Snapchat, vil du være med?", "da", SOCIAL, "gruppe på Snapchat")


# ------------------------------------------------------------------ addresses

@pytest.mark.parametrize(("language", "region", "text", "fragment"), [
    ("en", "GB", "send it to flat 2, 3rd floor, 14 Mill Road, Leeds LS6 2AB please",
     "flat 2, 3rd floor, 14 Mill Road, Leeds LS6 2AB"),
    ("en", "GB", "I live at 4 elm road, basement flat, york yo1 7hh lol", "4 elm road, basement flat, york yo1 7hh"),
    ("da", "DK", "send den til Skovvej 12, opgang B, 8000 Aarhus C tak", "Skovvej 12, opgang B, 8000 Aarhus C"),
    ("nb", "NO", "du kan sende det til Storgata 12, leil. H0101, 0155 Oslo", "Storgata 12, leil. H0101, 0155 Oslo"),
    ("nb", "NO", "send til meg på kirkeveien 8, oppgang A, drammen.", "kirkeveien 8, oppgang A, drammen"),
    ("fr", "FR", "c'est 12 rue des lilas bat B 2e étage porte droite 69003 lyon merci",
     "12 rue des lilas bat B 2e étage porte droite 69003 lyon"),
    ("fr", "FR", "chez ma tante : 3 chemin des vignes, lieu-dit Les Combes, 24200 Sarlat",
     "3 chemin des vignes, lieu-dit Les Combes, 24200 Sarlat"),
    ("fr", "FR", "mon adresse : rue Jean Jaurès 14, résidence les Pins, 33000 Bordeaux",
     "rue Jean Jaurès 14, résidence les Pins, 33000 Bordeaux"),
])
def test_an_address_stays_whole_across_flats_floors_and_buildings(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "GB", "We went to the Science Museum, Exhibition Road, London SW7 2DD, on the coach"),
    ("da", "DK", "Vi var i Zoologisk Have, Roskildevej 32, og så elefanterne"),
    ("da", "DK", "Finalen er i Idrætshallen, Vestergade 14, på lørdag"),
    ("nb", "NO", "Vi så kampen på Ullevaal stadion (Sognsveien 75) i går"),
    ("nb", "NO", "Samlingen er på Nordstrandshallen, Kastellveien 14, kl. 12"),
    ("fr", "FR", "La visite du musée, 57 rue Cuvier à Paris, dure deux heures"),
])
def test_the_address_of_a_public_place_stays_quiet(language, region, text):
    assert [kind for kind, _ in findings(text, language, region) if kind == ADDRESS] == []


@pytest.mark.parametrize(("language", "region", "text", "fragment"), [
    ("en", "GB", "I live right by the park at 12 Oak Street", "12 Oak Street"),
    ("en", "GB", "Come to my party at the park, 12 Oak Street", "12 Oak Street"),
    ("da", "DK", "Jeg bor lige ved museet, på Rosenvej 12", "Rosenvej 12"),
    ("nb", "NO", "Jeg bor ved siden av biblioteket, Storgata 5", "Storgata 5"),
    ("fr", "FR", "J'habite juste à côté du stade, 12 rue des Lilas", "12 rue des Lilas"),
])
def test_the_writers_own_address_next_to_a_public_place_is_found(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


# ------------------------------------------------------------------ scores counted as scores

@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "DK", "my four darts scores were 45 60 81 26 and dad won"),
    ("da", "DK", "I de fire kampe fik vi 21 34 18 27 point"),
    ("nb", "NO", "Etter fire runder hadde jeg 45 58 62 71 poeng"),
    ("fr", "DK", "mes quatre scores aux fléchettes : 45 60 81 26"),
])
def test_scores_the_sentence_counts_are_not_a_number(language, region, text):
    assert [kind for kind, _ in findings(text, language, region) if kind == PHONE] == []


@pytest.mark.parametrize(("language", "region", "text", "fragment"), [
    ("en", "DK", "call me on 45 60 81 26 after four", "45 60 81 26"),
    ("da", "DK", "ring til mig på 21 34 18 27", "21 34 18 27"),
    ("nb", "NO", "ring meg på 45 58 62 71", "45 58 62 71"),
    ("fr", "DK", "appelle-moi au 45 60 81 26", "45 60 81 26"),
])
def test_the_same_pairs_without_a_count_are_a_number(language, region, text, fragment):
    assert_covered(text, language, PHONE, fragment, region)
