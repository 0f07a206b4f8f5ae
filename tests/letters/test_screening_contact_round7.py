"""Contact details in the shapes the u6 letters showed (seventh round), and what stays quiet.

u6 was written by people who had not read the detector, measured once as an unseen split and
then folded into the development corpus. Each class of its contact misses (other than home
addresses) and false alarms has cases here in our own words, never the corpus letters:

* a user name a writer says they are "there" ("I'm X on there", "jeg hedder X derinde", "je
  suis X dessus"), or after a platform named earlier in the sentence;
* the words of the offer around a name found alone ("mon snap c …", "mit brugernavn er …");
* a game's friend code after a code word ("my friend code is #…");
* a number with letters for digits across line breaks, a number in parts with the words that
  open it ("første del er …", "d'abord …"), a fiction-range British mobile without a cue;
* an e-mail with the name's digits set apart before "at", or with "krøll"/"snabel" for "@";
* quiet: a public place's switchboard (named before, or opening hours after), a platform
  followed by a time or a percentage, "I'm" with no user-name-shaped word.
"""

import pytest

from tests.letters.test_screening_contact_forms import EMAIL, PHONE, SOCIAL, assert_covered, findings

# ------------------------------------------------------------------ user names said to be "there"

THERE_CASES = [
    ("en", "if you ever play, im frost_panda9 on there so add me", "im frost_panda9 on there"),
    ("en", "got tiktok at last! I'm cloud.nugget.4 on there, mostly cat videos", "I'm cloud.nugget.4 on there"),
    ("da", "hvis du spiller, så hedder jeg ulvepote_12 derinde", "hedder jeg ulvepote_12 derinde"),
    ("da", "jeg er sorte.ravn3 der, skriv bare", "jeg er sorte.ravn3 der"),
    ("nb", "jeg er snøugle.77 der inne, legg meg til", "jeg er snøugle.77 der inne"),
    ("nb", "heter jeg fjellrev_8 derinne hvis du lurer", "heter jeg fjellrev_8 derinne"),
    ("fr", "si tu joues je suis loupiot_42 dessus, on fait une partie", "je suis loupiot_42 dessus"),
    ("fr", "g insta maintenant, jsuis _clem.dessin dessus", "jsuis _clem.dessin dessus"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), THERE_CASES)
def test_a_user_name_said_to_live_there_is_held_with_its_words(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


AFTER_PLATFORM_CASES = [
    ("en", "if you have discord then I'm sky_rider.5, add me", "I'm sky_rider.5"),
    ("da", "hvis du har snap så er jeg rødhætte.09", "hvis du har snap så er jeg rødhætte.09"),
    ("nb", "hvis du har discord så er jeg tunfisk.88", "er jeg tunfisk.88"),
    ("fr", "si t'as discord je suis moka.choco22", "je suis moka.choco22"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), AFTER_PLATFORM_CASES)
def test_a_user_name_after_a_platform_in_the_same_sentence(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


OFFER_WORDS_CASES = [
    ("en", "my username is pixel_pup22 btw", "my username is pixel_pup22"),
    ("da", "mit brugernavn er fodbold_freja22, skriv", "mit brugernavn er fodbold_freja22"),
    ("nb", "jeg heter kari.maler på insta, følg meg", "jeg heter kari.maler på insta"),
    ("nb", "add meg på snap da, ola_fisker7", "add meg på snap da, ola_fisker7"),
    ("fr", "mon snap c lili.prune ajoute moi", "mon snap c lili.prune"),
    ("fr", "ajoute moi c tom.brx stp", "ajoute moi c tom.brx"),
    ("fr", "mon pseudo c LoupGris77 on joue ce soir", "mon pseudo c LoupGris77"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), OFFER_WORDS_CASES)
def test_the_words_of_the_offer_are_part_of_the_finding(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


FRIEND_CODE_CASES = [
    ("en", "my friend code is #7TQ2KX9L if you want to play", "friend code is #7TQ2KX9L"),
    ("da", "min kode i spillet er #Q8L2XP7R", "kode i spillet er #Q8L2XP7R"),
    ("nb", "koden min er #P9Q2LX7T, legg meg til", "koden min er #P9Q2LX7T"),
    ("fr", "mon code clash c #9PL2QRV8 ajoute moi", "mon code clash c #9PL2QRV8"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), FRIEND_CODE_CASES)
def test_a_game_friend_code_after_a_code_word(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


QUIET_THERE_CASES = [
    ("en", "I'm 13 on there too but nobody believes me"),
    ("en", "we played Roblox till 2am and my mum was cross"),
    ("en", "the class project is on discord but its like 80% memes"),
    ("da", "jeg er ny der og kender ingen endnu"),
    ("nb", "jeg er best der inne på fotball"),
    ("fr", "je suis nul dessus mais j'adore ce jeu"),
    ("fr", "on a joué à fortnite jusqu'à 22h hier"),
]


@pytest.mark.parametrize(("language", "text"), QUIET_THERE_CASES)
def test_ordinary_sentences_about_being_there_stay_quiet(language, text):
    assert [kind for kind, _ in findings(text, language) if kind == SOCIAL] == []


# ------------------------------------------------------------------------------- phone numbers

PHONE_CASES = [
    ("en", "GB", "new number lol\nO7\n7OO\n9OO\nl24\nfrom now on", "O7\n7OO\n9OO\nl24"),
    ("en", "US", "my cell is (3l2) 5O4-l876 text me", "(3l2) 5O4-l876"),
    ("da", "DK", "mit nummer er\n4l 7O\n33 2l\nshh", "4l 7O\n33 2l"),
    ("nb", "NO", "nummeret mitt\n9l4O\n22l7\nikke si det", "9l4O\n22l7"),
    ("fr", "FR", "mon num O6 l2 44 8O 9l c secret", "O6 l2 44 8O 9l"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), PHONE_CASES)
def test_letters_for_digits_across_lines_and_with_litres(language, region, text, fragment):
    assert_covered(text, language, PHONE, fragment, region)


PARTS_CASES = [
    ("da", "DK", "første del er 61 42 og så kommer 77 90, skriv", "første del er 61 42 og så kommer 77 90"),
    ("nb", "NO", "første del er 47 12\nog resten er 88 31", "første del er 47 12\nog resten er 88 31"),
    ("fr", "FR", "mon numéro: d'abord 0612 puis 44 87 90", "d'abord 0612 puis 44 87 90"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), PARTS_CASES)
def test_a_number_in_parts_keeps_the_words_that_open_it(language, region, text, fragment):
    assert_covered(text, language, PHONE, fragment, region)


@pytest.mark.parametrize("text", [
    "just text me instead its way faster than waiting, 07700 900 461. ok?",
    "Best wishes, Sam\nMob: +44 7700 900461",
])
def test_a_fiction_range_mobile_as_someones_own_number(text):
    assert [kind for kind, _ in findings(text, "en") if kind == PHONE] == [PHONE]


SWITCHBOARD_CASES = [
    ("en", "GB", "if parents want to help they should ring the school office on 0161 496 0123 by Friday"),
    ("en", "US", "the museum is at the park, phone (212) 555-0199, open 9 to 5 every day"),
    ("da", "DK", "vi skulle skrive skolens kontor 43 12 45 67 ind i bogen"),
    ("da", "DK", "Akvariet, tlf 33 12 45 67, åben 10-16 hver dag"),
    ("nb", "NO", "man skal ringe skolens kontor på 22 33 44 55 før fredag"),
    ("nb", "NO", "Museet, tlf 23 45 67 89, åpent 10-17, barn gratis"),
    ("fr", "FR", "il faut appeler le secrétariat au 01 45 67 89 12 avant jeudi"),
    ("fr", "FR", "Planétarium, tél. 05 61 22 33 44, ouvert de 10h à 18h"),
]


@pytest.mark.parametrize(("language", "region", "text"), SWITCHBOARD_CASES)
def test_a_public_places_switchboard_is_not_a_contact(language, region, text):
    assert [kind for kind, _ in findings(text, language, region) if kind == PHONE] == []


@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "GB", "the library was shut so ring me on 07911 123456 instead"),
    ("da", "DK", "kontoret var lukket, så ring til mig på 42 61 77 90"),
    ("nb", "NO", "biblioteket stengte, ring meg på 912 34 567"),
    ("fr", "FR", "la médiathèque était fermée, appelle moi au 06 12 44 87 90"),
])
def test_an_own_number_after_a_public_place_is_still_held(language, region, text):
    assert PHONE in [kind for kind, _ in findings(text, language, region)]


def test_a_ticket_number_abbreviated_is_not_a_phone():
    assert [kind for kind, _ in findings("billetnr. 88 41 02 73 har jeg gemt", "da") if kind == PHONE] == []


# ---------------------------------------------------------------------------------- e-mails

EMAIL_CASES = [
    ("en", "its frostbite 12 at hotmail dot com, no spaces", "frostbite 12 at hotmail dot com"),
    ("nb", "send til ola.n07 krøll hotmail prikk no", "ola.n07 krøll hotmail prikk no"),
    ("da", "skriv til lars.k12 snabel gmail punktum com", "lars.k12 snabel gmail punktum com"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), EMAIL_CASES)
def test_an_email_spelled_with_digits_apart_or_a_short_at_word(language, text, fragment):
    assert_covered(text, language, EMAIL, fragment)


# ------------------------------------------------------- more shapes: glued number words, @names

GLUED_CASES = [
    ("en", "GB", "ring me, oh seven seven double oh nine hundred forty2 one", "oh seven seven double oh nine hundred forty2 one"),
    ("da", "DK", "ring til mig: 2 fyrre2 17 tres8 0", "2 fyrre2 17 tres8 0"),
    ("nb", "NO", "ring meg på 9 tre 4 femti6 78 én etter kampen", "9 tre 4 femti6 78 én"),
    ("fr", "FR", "appelle moi au 06 douze 44 vingt7 90", "06 douze 44 vingt7 90"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), GLUED_CASES)
def test_a_tens_word_with_its_unit_glued_on_as_a_digit(language, region, text, fragment):
    assert_covered(text, language, PHONE, fragment, region)


@pytest.mark.parametrize("text", ["I was twenty3 when I moved there", "we need forty2 more points"])
def test_a_glued_number_word_alone_is_not_a_phone(text):
    assert [kind for kind, _ in findings(text, "en") if kind == PHONE] == []


AT_NAME_ON_PLATFORM_CASES = [
    ("en", "follow me @lily.bakes.uk on tiktok pls", "@lily.bakes.uk on tiktok"),
    ("da", "følg mig @sofie.dk på insta", "@sofie.dk på insta"),
    ("nb", "følg meg @tegne.no på tiktok", "@tegne.no på tiktok"),
    ("fr", "abonne toi @manga.fr sur insta", "@manga.fr sur insta"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), AT_NAME_ON_PLATFORM_CASES)
def test_an_at_name_with_a_domain_ending_on_a_platform_is_a_handle(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


def test_a_real_email_with_a_space_before_the_at_is_still_an_email():
    assert_covered("write to lea.k @outlook.com please", "en", EMAIL, "@outlook.com")


PLACE_COLON_CASES = [
    ("en", "add me on disc: frost_byte", "add me on disc: frost_byte"),
    ("da", "tilføj mig på disc: ravne_kongen", "tilføj mig på disc: ravne_kongen"),
    ("nb", "legg meg til på disc: bjørne_far", "legg meg til på disc: bjørne_far"),
    ("fr", "ajoute moi sur disc : loulou_lgd", "ajoute moi sur disc : loulou_lgd"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), PLACE_COLON_CASES)
def test_add_me_on_a_place_and_a_colon_then_a_user_name(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


def test_add_me_on_a_day_then_a_plain_word_stays_quiet():
    assert [kind for kind, _ in findings("add me on saturday: tomorrow is busy", "en") if kind == SOCIAL] == []


# -------------------------------------------------------------------------- public site names

PUBLIC_SITE_CASES = [
    ("en", "I read about it on bbc.com last night"),
    ("da", "jeg så det på dr.dk i går"),
    ("nb", "pappa sitter på finn.no hele dagen"),
    ("fr", "j'ai joué sur roblox.com avec mon cousin"),
]


@pytest.mark.parametrize(("language", "text"), PUBLIC_SITE_CASES)
def test_a_public_sites_short_domain_is_not_a_contact(language, text):
    assert [kind for kind, _ in findings(text, language)] == []


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "my site is emma.dk, have a look", "emma.dk"),
    ("da", "min blog er lotte.dk", "lotte.dk"),
    ("nb", "bloggen min: frida.blogg.no", "frida.blogg.no"),
    ("fr", "mon site c'est lili.fr", "lili.fr"),
    ("en", "look at booknerd-sam.blogspot.com", "booknerd-sam.blogspot.com"),
])
def test_a_site_called_the_writers_own_or_on_a_blog_host_is_held(language, text, fragment):
    assert_covered(text, language, "contact.url", fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "the code on the gate is 07700900281 so nobody gets in"),
    ("da", "dørkoden er 4512 7789 haha"),
    ("nb", "pinkode 4512 7789 må jeg aldri glemme"),
    ("fr", "le code de la porte c'est 06 12 44 87 90"),
])
def test_a_number_called_a_code_is_not_a_phone(language, text):
    assert [kind for kind, _ in findings(text, language) if kind == PHONE] == []


APP_PLACE_CASES = [
    ("en", "I'm moss.frog7 on the app with the ghost lol", "I'm moss.frog7 on the app"),
    ("da", "jeg hedder lille.ugle4 på appen med billeder", "jeg hedder lille.ugle4 på appen"),
    ("nb", "jeg heter tegne.tove på det stedet med videoer", "jeg heter tegne.tove på det stedet"),
    ("fr", "jsuis noa.foot9 sur l'appli avec le fantôme", "jsuis noa.foot9 sur l'appli"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), APP_PLACE_CASES)
def test_a_user_name_on_an_app_described_but_not_named(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "tag me in #art2023 if you post it"),
    ("da", "vi brugte #sommer2024 til alle billederne"),
    ("nb", "tagg oss med #russ2025 lol"),
    ("fr", "mets #vacances2024 sous la photo"),
])
def test_a_hashtag_with_digits_is_not_a_friend_code(language, text):
    assert findings(text, language) == []


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "my tag is #2LQ9VP8R, add me", "my tag is #2LQ9VP8R"),
    ("fr", "mon tag c'est #2LQ9VP8R on fait un clan", "mon tag c'est #2LQ9VP8R"),
])
def test_a_player_tag_called_my_tag(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)
