"""Phone numbers of the twenty-second round, from u19's phone misses.

u19 was folded into the development corpus in the twenty-first round, which did not work on contact
details; its 347 missed phone numbers were read for this round. The classes that recur across
writers and languages (`phones.py`, `normalise.py`, the `[contact]` lexicon):

- the ranges kept for fiction (01632 960xxx, 07700 900xxx, 0115 496 0xxx, 06 39 98 xx xx, 555-01xx)
  are read as the real numbers of the same shape would be, in service: a British landline of that
  shape is held without a phone word, as "01865 960 458" is;
- a North American number of seven digits, without its area code ("555-0147", "867-5309"), is
  possible, never valid: it is held with a phone word before or after it, written in words or
  spaced out, and the area code or the extension told after it is hidden with it;
- a number split by an aside (in brackets, between dashes, after an ellipsis) or by a few words of
  the writer's own after "and then"/"og så"; a number given twice running; a number's end given
  before its start;
- a number written backwards, said so;
- digits spelled as words glued to the digits ("2otte6nul4ni1syv", "0seven7zero0nine00two6one");
- a phone word right after a number ("42 06 59 81 ring ring"); a few more phone words ("skriv på",
  "mit nr", "my #", "area code").

Each case is screened as on submit, next to ordinary sentences that must stay quiet; the
sentences are our own.
"""

import pytest

from letters.screening import screen
from letters.screening.normalise import normalise
from tests.letters.test_screening_contact_forms import PHONE, assert_covered

REGION = {"en": "GB", "da": "DK", "nb": "NO", "fr": "FR"}


def _phones(text: str, language: str, region: str | None = None) -> list[str]:
    found = screen(text, language=language, region=region or REGION[language], use_model=False)
    return [text[f.start:f.end] for f in found if f.kind == PHONE]


# ---------------------------------------------------------------- fiction ranges, read as real numbers


@pytest.mark.parametrize("region, text, number", [
    # Ofcom's drama landline and a real landline of the same shape, each with no phone word.
    ("GB", "my nan's house, 01632 960 493, I'm there on Tuesdays", "01632 960 493"),
    ("GB", "my nan's house, 01865 960 493, I'm there on Tuesdays", "01865 960 493"),
    ("GB", "the flat we're viewing: 0115 496 0372, ask for Gary", "0115 496 0372"),
    ("GB", "the flat we're viewing: 0116 496 0372, ask for Gary", "0116 496 0372"),
    # The mobile ranges, with a phone word.
    ("GB", "text me on 07700 900 418 after tea", "07700 900 418"),
    ("GB", "text me on 07911 123 456 after tea", "07911 123 456"),
    ("FR", "mon portable c'est le 06 39 98 41 27", "06 39 98 41 27"),
    ("FR", "mon portable c'est le 06 12 98 41 27", "06 12 98 41 27"),
])
def test_a_number_in_a_fiction_range_is_read_as_the_real_number_of_its_shape(region, text, number):
    language = "fr" if region == "FR" else "en"
    assert_covered(text, language, PHONE, number, region)


# ---------------------------------------------------------------- seven-digit North American numbers


@pytest.mark.parametrize("text, number", [
    ("Call my mom at 555-0162 about the star party", "555-0162"),
    ("Call my mom at 867-5309 about the star party", "867-5309"),   # a real one of the same shape
    ("my new # is 555-0143 (prepaid)", "555-0143"),
    ("555-0131 text me if you want to talk", "555-0131"),
    ("Text me!!! 555-01-88", "555-01-88"),
    ("my phone: 555.0112 area code 312", "555.0112 area code 312"),
    ("hit me up at 555 0129, it's a 773 number", "555 0129, it's a 773 number"),
    ("Mom says you can call her at work, 555-0102 extension 4", "555-0102 extension 4"),
    ("here's my cell, five five five, zero one seven one", "five five five, zero one seven one"),
    ("MY NUMBER 5 5 5 0 1 7 1 TEXT ME", "5 5 5 0 1 7 1"),
    ("my mom's number is 1-555-0188 she said its ok", "1-555-0188"),
    ("You can try 555-0195, my grandpa's landline", "555-0195"),
])
def test_a_seven_digit_local_number_is_held_in_the_us(text, number):
    assert_covered(text, "en", PHONE, number, "US")


@pytest.mark.parametrize("text", [
    "We raised 555-0147 dollars? No, it was $5,550.",
    "I counted 867 5309 grains of sand in my head, not really",
    "The score was 555-1 after the long innings",
    "page 212-2134 of the catalogue",
])
def test_seven_digits_without_a_phone_word_stay_quiet_in_the_us(text):
    assert _phones(text, "en", "US") == []


def test_seven_digits_are_no_number_outside_north_america():
    assert _phones("Call my mom at 555-0162 about the star party", "en", "GB") == []


# ---------------------------------------------------------------- a number split by an aside or words


@pytest.mark.parametrize("language, text, number", [
    ("en", "phone me 07700 (my dads) 900 644 after school", "07700 (my dads) 900 644"),
    ("en", "my number is 07911 (sorry my pen ran out) 123 456", "07911 (sorry my pen ran out) 123 456"),
    ("en", "write it on your hand: 07700 900 ... wait ... 512", "07700 900 ... wait ... 512"),
    ("da", "skriv til mig på 29 (min fars) 40 71 33 efter skole", "29 (min fars) 40 71 33"),
    ("da", "mit nummer er 28 94 - vent - 16 35", "28 94 - vent - 16 35"),
    ("nb", "ring meg når du ser dette: 46 (sorry, blekket gikk tomt) 81 20 93", "46 (sorry, blekket gikk tomt) 81 20 93"),
    ("nb", "nummeret mitt 928 61 3... beklager, pennen gikk tom 05", "928 61 3... beklager, pennen gikk tom 05"),
    ("fr", "mon numéro c'est le 06 (désolée mon stylo a lâché) 73 18 40 25", "06 (désolée mon stylo a lâché) 73 18 40 25"),
    ("fr", "écris au 06 29 18 ~ 53 07", "06 29 18 ~ 53 07"),
    ("da", "mit nummer: 26 ◽ 73 ◽ 18 ◽ 40", "26 ◽ 73 ◽ 18 ◽ 40"),
])
def test_a_number_split_by_an_aside_is_held(language, text, number):
    assert_covered(text, language, PHONE, number)


@pytest.mark.parametrize("language, text, number", [
    # Given twice running: the number ends where its first part comes again.
    ("da", "mit nummer er 29 og så 84 og så 72 og så 13 29 og så 84 og så 72 og så 13", "29 og så 84 og så 72 og så 13"),
    ("fr", "mon numéro c'est 06 et puis 92 et puis 84 et puis 72 et puis 13 06 et puis 92",
     "06 et puis 92 et puis 84 et puis 72 et puis 13"),
    # A phone word after the parts.
    ("nb", "47 62 og 19 35 er nummeret mitt", "47 62 og 19 35"),
    # A few words of the writer's own after "and then", after a phone word.
    ("en", "text me, its 07700 900 and then my birthday 1 2 0 lol", "07700 900 and then my birthday 1 2 0"),
    ("da", "ring til mig, det er 28 44 og så min fødselsdag 1 2 0 3", "28 44 og så min fødselsdag 1 2 0 3"),
])
def test_a_number_told_in_parts_is_held(language, text, number):
    assert_covered(text, language, PHONE, number)


@pytest.mark.parametrize("language, text, number", [
    ("en", "the last digits are 418 and the start is 07700 900 so you know the rest", "418 and the start is 07700 900"),
    ("en", "my number ends in 229 and starts 07911 123", "229 and starts 07911 123"),
    ("da", "mine sidste cifre er 47 92 og mine første er 51 26", "47 92 og mine første er 51 26"),
    ("fr", "les derniers chiffres c'est 47 92 et les premiers 06 51 26", "47 92 et les premiers 06 51 26"),
])
def test_a_number_whose_end_comes_before_its_start_is_held(language, text, number):
    assert_covered(text, language, PHONE, number)


@pytest.mark.parametrize("language, text", [
    ("da", "Jeg har slettet 9.000, så der er 3.418 billeder tilbage."),
    ("en", "maths paper 1 is 2nd May 09:00-10:05 then paper 2 is 10:35-12:20 which is evil"),
    ("da", "Bookingnummer 41 88 20 93 71 (det er ikke et telefonnummer)"),
    ("en", "we did the countdown 10 9 8 7 6 5 4 3 2 1 and then the fireworks"),
    ("en", "my nan always picks 07 14 22 31 38 44 in the lottery"),
    ("en", "We scored 21 (a record!) and then 45 the week after."),
    ("nb", "Vi vant 12 - nesten - 4 og så 3 - 1 i finalen."),
    ("fr", "J'ai lu 120 pages... puis 45 pages... puis 80 pages ce week-end."),
    ("en", "the last 3 chapters were 45 pages and the start was 12 pages"),
])
def test_numbers_with_words_between_them_stay_quiet(language, text):
    assert _phones(text, language) == []


# ---------------------------------------------------------------- a number written backwards


@pytest.mark.parametrize("language, text, number", [
    ("en", "my number backwards is 436 009 00770 figure it out", "436 009 00770"),
    ("da", "her er mit nummer baglæns så ingen kan stjæle det: 83 72 19 24", "83 72 19 24"),
    ("nb", "nummeret mitt baklengs (så ingen skjønner det): 651 32 849 – snu det", "651 32 849"),
    ("fr", "mon numéro à l'envers : 52 69 71 48 60", "52 69 71 48 60"),
])
def test_a_number_written_backwards_is_held(language, text, number):
    assert_covered(text, language, PHONE, number)


@pytest.mark.parametrize("language, text", [
    ("en", "We counted backwards from 100 to 91 and then 1998 to 2005."),
    ("da", "Vi talte baglæns 10 9 8 7 6 5 4 3 2 1 og så sprang vi."),
    ("fr", "J'ai lu le livre à l'envers : page 320 puis 319."),
])
def test_counting_backwards_stays_quiet(language, text):
    assert _phones(text, language) == []


# ---------------------------------------------------------------- digit words glued to digits


@pytest.mark.parametrize("text, read", [
    ("mit nummer er 2otte6nul4ni1syv haha", "mit nummer er 28604917 haha"),
    ("my number is 0seven7zero0nine00two6one", "my number is 07700900261"),
    ("Phone: 07700 900 2six9", "Phone: 07700 900 269"),
    ("c'est le Zéro6 12 34 56 78", "c'est le 06 12 34 56 78"),
])
def test_digit_words_glued_to_digits_read_as_digits(text, read):
    view = normalise(text)
    assert view.text == read
    assert view.disguised_digits


@pytest.mark.parametrize("text", ["the 1st, 2nd and 3rd of May at 10pm", "add me @2otte6", "ida.2seks", "B12 and 4ever",
                                  "6a Milton Street, Nottingham NG1 3EN", "whitby yo21 3en"])
def test_other_words_with_digits_stay_as_written(text):
    assert normalise(text).text == text


@pytest.mark.parametrize("language, text, number", [
    ("da", "mit nummer er 2otte6nul4ni1syv haha tror ikke du kan læse det", "2otte6nul4ni1syv"),
    ("en", "my number is 0seven7zero0nine00two6one haha", "0seven7zero0nine00two6one"),
    ("nb", "ring meg på 4åtte 2seks 7ni 18", "4åtte 2seks 7ni 18"),
    ("fr", "mon num c'est 0six 39 98 55 12", "0six 39 98 55 12"),
])
def test_a_number_with_glued_digit_words_is_held(language, text, number):
    assert_covered(text, language, PHONE, number)


# ---------------------------------------------------------------- phone words, before and after


@pytest.mark.parametrize("language, text, number", [
    ("da", "42 06 59 81 ring ring ring. jeg har sladder", "42 06 59 81"),
    ("da", "skriv på 29 03 16 58 hvis du vil have billederne", "29 03 16 58"),
    ("da", "mit nr er 2 og så 6 og så 41 53 90", "2 og så 6 og så 41 53 90"),
    ("da", "min kusines nr er 53 20 19 88, hun har lige født", "53 20 19 88"),
    ("da", "det er et fastnet, mit er 29 47 23 90 (fire-syv var forkert)", "29 47 23 90"),
    ("da", "0045 (0) 40 91 25 68 det er min mobil", "0045 (0) 40 91 25 68"),
    ("nb", "Mitt nummer på biblioteket der jeg har leksehjelp er 22 03 27 41.", "22 03 27 41"),
    ("fr", "Ma ligne directe à la médiathèque, c'est le 02 40 71 36 25.", "02 40 71 36 25"),
    ("fr", "Papa dit que tu peux l'appeler au bureau, 01 86 12 34 00, poste 24, pour le drone",
     "01 86 12 34 00, poste 24"),
    ("en", "call the house after 6 01632 960 223 ask for Ella", "01632 960 223"),
    ("en", "my number is: 0 seven 700 9 hundred 8 2 5", "0 seven 700 9 hundred 8 2 5"),
    ("en", "dont tell anyone but my number is 7700 900 482 with a 0 in front", "7700 900 482 with a 0 in front"),
    ("fr", "la première partie c'est 06 81 et la deuxième 39 24 57", "06 81 et la deuxième 39 24 57"),
    ("nb", "er direktenummeret mitt på jobben 22 41 38 90.", "22 41 38 90"),
    ("nb", "leseklubben på biblioteket har tanta mi, ring henne på 55 31 27 49", "55 31 27 49"),
    ("nb", "fire-seks-to | åtte-åtte | null-to-sju skrev det sånn", "fire-seks-to | åtte-åtte | null-to-sju"),
    ("en", "Just so you have it for the museum trip: 07700 913 227.", "07700 913 227"),
    ("fr", "le portable de ma mère pour le colis : 06.23.98.14.70", "06.23.98.14.70"),
    ("fr", "envoie un SMS quand t'as lu le chapitre 3 06 28 50 17 64", "06 28 50 17 64"),
])
def test_numbers_next_to_phone_words_are_held(language, text, number):
    assert_covered(text, language, PHONE, number)


@pytest.mark.parametrize("language, text", [
    ("da", "Vores fire hold fik 42 16 59 81 point i turneringen."),
    ("da", "skriv på dansk, side 45 til 60"),
    ("en", "Ring 3 of the tree had 120 rings, 45 of them thin."),
    ("nb", "Han ringte 4 ganger klokka 10 og 11."),
    ("fr", "Chapitre 3 : 45 pages, puis le chapitre 4."),
    ("en", "we had 9 hundred people at the match and 45 67 of them sang"),
    ("en", "My school code for the library system is 0771 4092 336 and it never works"),
    ("fr", "le numéro de dossier QXTR4B et le numéro de commande 0745 2218 93"),
    ("fr", "1914-1918 la Première Guerre, 1939-1945 la Seconde, le 8 mai 1945."),
    ("en", "My booking reference for the dentist in March is 0781 552 903 which looks like a phone number"),
])
def test_ordinary_numbers_near_those_words_stay_quiet(language, text):
    assert _phones(text, language) == []
