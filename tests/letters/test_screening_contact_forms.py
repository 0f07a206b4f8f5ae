"""Contact details written in the shapes children use to slip past a filter, in all four languages.

Each rule of this round has positive cases in English, Danish, Norwegian and French and
ordinary sentences, full of numbers and platform names, that must stay quiet:

* digits written as keycaps, full-width or circled digits count as a hidden number even when
  the phone metadata calls the number unused (as a number spelled out in words does);
* a number broken over a line right after a dot or a dash joins;
* spaced Norwegian compounds ("sytti to") read as one number;
* an e-mail spelled out with a number set apart at the end of its name;
* ".edu" links, addresses with the house number after the street, a building name before
  the postcode, lower-case towns and US states behind a street;
* a name offered after "I'm on there as", "søg på", "kanalen heter", "sous le nom";
* a platform after a phone number, with "use" before it.
"""

import pytest

from letters.models import FindingKind
from letters.screening import screen
from letters.screening.normalise import normalise

from tests.letters.screening_checks import REGION

PHONE, EMAIL, URL, SOCIAL, ADDRESS = (
    str(FindingKind.PHONE), str(FindingKind.EMAIL), str(FindingKind.URL), str(FindingKind.SOCIAL),
    str(FindingKind.ADDRESS),
)
CONTACT_KINDS = {PHONE, EMAIL, URL, SOCIAL, ADDRESS}


def findings(text: str, language: str, region: str | None = None) -> list[tuple[str, str]]:
    """(kind, covered text) of every contact finding of `text`, rules only."""
    found = screen(text, language=language, region=region or REGION[language], use_model=False)
    return [(f.kind, text[f.start:f.end]) for f in found if f.kind in CONTACT_KINDS]


def assert_covered(text: str, language: str, kind: str, fragment: str, region: str | None = None) -> None:
    """Assert that one finding of `kind` covers all of `fragment` (which must be in `text`)."""
    start = text.index(fragment)
    end = start + len(fragment)
    found = screen(text, language=language, region=region or REGION[language], use_model=False)
    assert any(f.kind == kind and f.start <= start and f.end >= end for f in found), findings(text, language, region)


# ------------------------------------------------------------------------------ normalised view


def test_a_break_after_a_dot_between_digit_groups_becomes_a_space():
    view = normalise("voila 06.39.98.\n63.04 merci")
    assert view.text == "voila 06.39.98. 63.04 merci"
    assert view.keeps_offsets


def test_a_break_after_a_full_stop_between_words_stays():
    assert normalise("I was 12.\nThen we moved").text == "I was 12.\nThen we moved"


@pytest.mark.parametrize("text", [
    "ring 0️⃣7️⃣ now",      # keycaps: an ASCII digit and two invisible marks
    "ring ０７ now",          # full-width digits
    "ring ⓪⑦ now",           # circled digits
])
def test_disguised_digits_are_known_by_position(text):
    view = normalise(text)
    start = view.text.index("07")
    assert view.disguised_digits == (start, start + 1)
    assert view.has_disguised_digit(0, len(view.text))
    assert not view.has_disguised_digit(0, start)


def test_plain_digits_are_not_disguised():
    assert not normalise("ring 07 now").has_disguised_digit(0, 11)
    # A letter that needed normalising for another reason still has plain digits.
    view = normalise("ring\u00a007 now")
    assert view.disguised_digits == ()


# ------------------------------------------------------------------------------ phone numbers

HIDDEN_PHONE_CASES = [
    # Numbers the metadata calls unused, written so that a filter misses them.
    ("en", "0️⃣7️⃣7️⃣0️⃣0️⃣9️⃣0️⃣0️⃣2️⃣8️⃣1️⃣ thats me!!", "0️⃣7️⃣7️⃣0️⃣0️⃣9️⃣0️⃣0️⃣2️⃣8️⃣1️⃣"),
    ("fr", "regarde ０６ ３９ ９８ ０７ ５２ trop beau", "０６ ３９ ９８ ０７ ５２"),
    ("fr", "regarde ０６\u3000３９\u3000９８\u3000０７\u3000５２", "０６\u3000３９\u3000９８\u3000０７\u3000５２"),
    ("da", "2️⃣6️⃣ 4️⃣1️⃣ 7️⃣7️⃣ 0️⃣3️⃣ det er mig", "2️⃣6️⃣ 4️⃣1️⃣ 7️⃣7️⃣ 0️⃣3️⃣"),
    ("nb", "her: ⑨⑧⑦⑥⑤④③② hehe", "⑨⑧⑦⑥⑤④③②"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), HIDDEN_PHONE_CASES)
def test_numbers_in_disguised_digits_are_phones(language, text, fragment):
    assert_covered(text, language, PHONE, fragment)


def test_the_same_unused_number_in_plain_digits_needs_a_cue():
    # 07700 900281 is a possible but unused UK number: plain, it is a code or an id.
    assert findings("the code on the box was 07700900281", "en") == []
    assert_covered("my number is 07700900281", "en", PHONE, "07700900281")


BROKEN_PHONE_CASES = [
    ("fr", "voila mon numero\n06.39.98.\n63.04\nmerci", "06.39.98.\n63.04"),
    ("fr", "le num de ma mère 06.12.45.\n78.91 elle est gentille", "06.12.45.\n78.91"),
    ("en", "my number is 07911.\n123.456 ok", "07911.\n123.456"),
    ("da", "mit nummer 22-47-\n81-93 ring", "22-47-\n81-93"),
    ("nb", "nummeret mitt 46.22.\n81.39", "46.22.\n81.39"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), BROKEN_PHONE_CASES)
def test_a_number_broken_after_a_dot_or_dash(language, text, fragment):
    assert_covered(text, language, PHONE, fragment)


SPELLED_PHONE_CASES = [
    ("nb", "nummeret mitt er ni åtte, null fire, sytti to, femti åtte. send", "ni åtte, null fire, sytti to, femti åtte"),
    ("nb", "ring meg: førti seks, tjue to, åtti en, tretti ni", "førti seks, tjue to, åtti en, tretti ni"),
    ("da", "ring på fireogtyve, seksoghalvtreds, tolv, nioghalvfems", "fireogtyve, seksoghalvtreds, tolv, nioghalvfems"),
    ("fr", "appelle : zéro six, douze, quarante-cinq, soixante-dix-huit, quatre-vingt-onze",
     "zéro six, douze, quarante-cinq, soixante-dix-huit, quatre-vingt-onze"),
    ("en", "text me on oh seven nine one one, one two three, four five six",
     "oh seven nine one one, one two three, four five six"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), SPELLED_PHONE_CASES)
def test_numbers_spelled_in_pairs_with_commas(language, text, fragment):
    assert_covered(text, language, PHONE, fragment)


JOINED_PHONE_CASES = [
    ("da", "det er 3172 og til sidst 0586", "3172 og til sidst 0586"),
    ("nb", "det er 4622 og til slutt 8139", "4622 og til slutt 8139"),
    ("fr", "mon num c'est 0612 et à la fin 457891", "0612 et à la fin 457891"),
    ("en", "my number starts 07911 and finally 123456", "07911 and finally 123456"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), JOINED_PHONE_CASES)
def test_parts_joined_by_words_that_say_the_number_ends(language, text, fragment):
    assert_covered(text, language, PHONE, fragment)


ORDINARY_NUMBER_CASES = [
    ("en", "In maths we counted in sevens: 7 14 21 28 35 42 49 56 63 70."),
    ("en", "Chapter 12.\n2024 was a great year for books."),
    ("en", "My Lego set is number 75192 and it has 7541 pieces!!"),
    ("en", "The quiz scores were 18, 21, 19, 24 and 20 out of 25."),
    ("da", "Tabellen: 2024 til 2025 var vi nummer 3, og i år 2025/2026 er vi nummer 1."),
    ("da", "Jeg har 2 katte og 1 hund.\n3 af dem sover i min seng"),
    ("nb", "Resultatene: 12 14 16 18 poeng i de fire rundene."),
    ("nb", "Boka har ISBN 978-82-02-45678-9 hvis du vil låne den."),
    ("fr", "Le match de volley : 25-23, 18-25, 25-20, on a gagné !"),
    ("fr", "Le train 6213 part à 14 h 05 voie 7, on arrive à 17 h 32."),
]


@pytest.mark.parametrize(("language", "text"), ORDINARY_NUMBER_CASES)
def test_ordinary_numbers_stay_quiet(language, text):
    assert findings(text, language) == []


# ------------------------------------------------------------------------------ e-mails and links

SPELLED_EMAIL_CASES = [
    ("en", "my email is lily dot hart 11 at outlook dot com, write", "lily dot hart 11 at outlook dot com"),
    ("da", "min mail er freja punktum holm 12 snabel-a hotmail punktum dk", "freja punktum holm 12 snabel-a hotmail punktum dk"),
    ("nb", "send mail til ola punktum nordmann 07 krøllalfa gmail punktum com",
     "ola punktum nordmann 07 krøllalfa gmail punktum com"),
    ("fr", "écris moi : lea point martin 12 arobase orange point fr", "lea point martin 12 arobase orange point fr"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), SPELLED_EMAIL_CASES)
def test_spelled_out_email_with_a_number_set_apart(language, text, fragment):
    assert_covered(text, language, EMAIL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "There were 12 at free swim today and 3 at live music club."),
    ("en", "we were 4 at orange juice club"),
    ("da", "vi var 12 at live koncert"),  # English "at" in a Danish letter
    ("fr", "on était 3 at free style"),
])
def test_a_count_before_at_is_not_an_email(language, text):
    assert findings(text, language) == []


LINK_CASES = [
    ("nb", "du kan spille det her scratch.mit.edu/projects/918273645 det heter", "scratch.mit.edu/projects/918273645"),
    ("en", "its at tillydraws.blogspot.co.uk/2025/03/my-first-comic have a look", "tillydraws.blogspot.co.uk/2025/03/my-first-comic"),
    ("da", "se dem på freja-tegner.dk/galleri/2025 der er mange", "freja-tegner.dk/galleri/2025"),
    ("fr", "mon blog : leadessine.over-blog.com/2025/01/mes-dessins", "leadessine.over-blog.com/2025/01/mes-dessins"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), LINK_CASES)
def test_links_with_paths_on_multi_part_domains(language, text, fragment):
    assert_covered(text, language, URL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We went to the park.It was freezing."),
    ("da", "Jeg var hjemme.Det var lidt kedeligt."),
    ("nb", "Vi var på hytta.Der var det kjempekaldt."),
    ("fr", "J'étais chez moi.Il pleuvait tout le temps."),
])
def test_a_forgotten_space_after_a_full_stop_is_not_a_link(language, text):
    assert findings(text, language) == []


# ------------------------------------------------------------------------------ addresses

ADDRESS_CASES = [
    ("en", "GB", "our new house is on maple avenue, number 22, its got a garden", "maple avenue, number 22"),
    ("en", "US", "my new address is 2210 west pine st apt 3b, columbus oh 43210", "2210 west pine st apt 3b, columbus oh 43210"),
    ("da", "DK", "send det til vestergade 23, 2. tv, 8000 aarhus c", "vestergade 23, 2. tv, 8000 aarhus c"),
    ("da", "DK", "vi bor på egevej nr. 4 i det gule hus", "egevej nr. 4"),
    ("nb", "NO", "vi bor i kirkeveien nr 12, 0368 oslo", "kirkeveien nr 12, 0368 oslo"),
    ("fr", "FR", "c'est 12 rue des lilas, bâtiment C, 69003 lyon. et si", "12 rue des lilas, bâtiment C, 69003 lyon"),
    ("fr", "FR", "j'habite au 8 rue des tilleuls, résidence les pins, 31000 toulouse",
     "8 rue des tilleuls, résidence les pins, 31000 toulouse"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), ADDRESS_CASES)
def test_address_shapes(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region=region)


@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "US", "Our zip code area is huge and the road number 66 goes through it"),
    ("en", "GB", "i live on the same road as my best friend, number 12 is her house"),
    ("da", "DK", "Vi kørte ad motorvejen og så 4 rådyr."),
    ("nb", "NO", "Vi bor i gata bak skolen, det tar 5 minutter å gå."),
    ("fr", "FR", "J'habite à 3 rues de l'école, au numéro 5 il y a une boulangerie"),
])
def test_streets_and_numbers_in_ordinary_sentences(language, region, text):
    assert findings(text, language, region) == []


# ------------------------------------------------------------------------------ handles

OFFERED_NAME_CASES = [
    ("en", "do u play roblox?? im on there as Blue Fox 88, add me pls", "Blue Fox 88"),
    ("en", "im on roblox as Captain Pickle 99 add me!!", "Captain Pickle 99"),
    ("en", "look me up, I'm Ninja Toast 7", "Ninja Toast 7"),
    ("da", "spiller du fortnite? jeg er derinde som Sorte Kat 07", "Sorte Kat 07"),
    ("da", "du kan finde den hvis du søger på Lyn Ulven 12 derinde", "Lyn Ulven 12"),
    ("nb", "spiller du minecraft? jeg er der som Grå Ulv 5", "Grå Ulv 5"),
    ("nb", "vi streamer på fredager, kanalen heter Iskrigeren 99, kom og se", "Iskrigeren 99"),
    ("fr", "tu joues à roblox? moi j'y suis sous le nom Chat Botté 31", "Chat Botté 31"),
    ("fr", "ajoute moi mon pseudo c Loup Noir 47 avec le skin doré", "Loup Noir 47"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), OFFERED_NAME_CASES)
def test_names_offered_without_a_platform_cue(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'm on there as much as I can, like 24/7 lol"),
    ("en", "My channel is called Cool Stuff and it has 3 videos."),
    ("en", "I searched for page 12 in the index"),
    ("da", "hun var der som nummer 1 og jeg kom som nummer 3"),
    ("da", "Jeg søgte på side 45 og fandt det på side 112"),
    ("da", "Det kommer på TV 2 klokken 20.00, kanalen hedder TV 2"),
    ("nb", "Jeg var der som Julenisse 2 ganger i fjor"),
    ("fr", "ma chaîne s'appelle Les Petits Chats et j'ai 12 abonnés"),
])
def test_ordinary_words_and_numbers_after_a_name_cue(language, text):
    assert findings(text, language) == []


PLATFORM_AFTER_NUMBER_CASES = [
    ("en", "+44 7911 123456 is my mum's phone but she lets me use whatsapp on it", "use whatsapp"),
    ("en", "this is my dads mobile 07956 321847 whatsapp or just text", "whatsapp"),
    ("da", "mobil: 22 47 81 93 eller messenger", "messenger"),
    ("nb", "mobil 46 22 81 39 eller snap", "snap"),
    ("fr", "06 12 45 78 91 ou sur insta", "insta"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), PLATFORM_AFTER_NUMBER_CASES)
def test_a_bare_platform_after_a_phone_number(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Do you use TikTok? my mom says it rots your brain"),
    ("da", "Min bror bruger snapchat hele tiden"),
    ("nb", "Broren min spiller Fortnite hele dagen, mamma blir sur."),
    ("fr", "Ma sœur est tout le temps sur snapchat, ça m'énerve."),
])
def test_using_a_platform_is_not_an_invitation(language, text):
    assert findings(text, language) == []


def test_a_handle_cut_by_a_space_after_its_underscore_is_hidden_whole():
    text = "my insta is ellie.draws_ x if you want to see them"
    assert_covered(text, "en", SOCIAL, "ellie.draws_ x")
    # A handle that does not end in "_" does not take the next word.
    assert (SOCIAL, "my insta is ellie.draws") in findings("my insta is ellie.draws x", "en")


# ------------------------------------------------------------------------------ read near hints


def test_a_link_longer_than_the_reach_around_its_hint_is_found_whole():
    path = "/".join(["chapter"] * 40)  # some 300 characters after "www"
    text = f"{'We read a lot this week. ' * 12}look: www.bokorm.no/{path} bye"
    assert_covered(text, "nb", URL, f"www.bokorm.no/{path}")


@pytest.mark.parametrize(("language", "text", "kind", "fragment"), [
    ("en", "Dear Owl, " + "we went to the park and played. " * 40 + "ps my email is pip.reads@example.com", EMAIL,
     "pip.reads@example.com"),
    ("da", "Kære Ugle, " + "vi var i parken og legede. " * 40 + "min mail er ida punktum bog snabel-a gmail punktum com",
     EMAIL, "ida punktum bog snabel-a gmail punktum com"),
    ("fr", "Coucou ! " + "on est allés au parc 2.5 km à pied. " * 40 + "mon blog : leadessine.fr/dessins", URL,
     "leadessine.fr/dessins"),
])
def test_contact_details_far_into_a_long_letter(language, text, kind, fragment):
    assert_covered(text, language, kind, fragment)


# ------------------------------------------------------------------------------ round w3
# Classes found on letters written without reading the rules: "@" shortened inside brackets,
# a mail provider split in two, a name and its digits set apart before a spaced "@"; user
# names right before "on <platform>", after "I'm called", or later in a sentence about the
# writer's own account; a handle starting with "_"; a flat before a street, a floor and a
# town after it, a Scandinavian floor-and-door after any word and number; and a platform
# cue inside a reported question ("you asked whether I'm on …"), which is no offer.

BRACKETED_AT_CASES = [
    ("en", "write to me: milo.k (a) outlook.com ok", "milo.k (a) outlook.com"),
    ("da", "skriv til asta.berg(snabel)hotmail.dk i morgen", "asta.berg(snabel)hotmail.dk"),
    ("nb", "mailen er ola_99 (krøll) online.no", "ola_99 (krøll) online.no"),
    ("fr", "mon mail : lea.m [a] free.fr voilà", "lea.m [a] free.fr"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), BRACKETED_AT_CASES)
def test_a_short_word_for_at_between_brackets(language, text, fragment):
    assert_covered(text, language, EMAIL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Pick answer (a) or answer (b) in the quiz."),
    ("da", "Se figur (a) på side 12, den med solen."),
    ("nb", "Oppgave (a) var lett, oppgave (b) tok 20 minutter."),
    ("fr", "La réponse (a) est juste, page 14 du cahier."),
])
def test_a_bracketed_letter_in_ordinary_text_is_not_an_at(language, text):
    assert [kind for kind, _ in findings(text, language) if kind == EMAIL] == []


SPLIT_PROVIDER_CASES = [
    ("en", "it's jonas.p11 at g mail dot com", "jonas.p11 at g mail dot com"),
    ("da", "skriv til ida.kr snabel-a hot mail punktum dk", "ida.kr snabel-a hot mail punktum dk"),
    ("nb", "eposten er sondre.h krøllalfa g mail punktum com", "sondre.h krøllalfa g mail punktum com"),
    ("fr", "c'est ines.v arobase g mail point com", "ines.v arobase g mail point com"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), SPLIT_PROVIDER_CASES)
def test_a_mail_provider_written_in_two_pieces(language, text, fragment):
    assert_covered(text, language, EMAIL, fragment)


NAME_DIGITS_AT_CASES = [
    ("en", "mail me at rory 2013 @ gmail . com please", "rory 2013 @ gmail . com"),
    ("da", "min mail er sofie 11 @ hotmail . dk (uden mellemrum)", "sofie 11 @ hotmail . dk"),
    ("nb", "eposten min er jonas 2012 @ online . no", "jonas 2012 @ online . no"),
    ("fr", "mon adresse mail est lucas 2014 @ orange . fr", "lucas 2014 @ orange . fr"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), NAME_DIGITS_AT_CASES)
def test_a_name_set_apart_from_its_digits_before_a_spaced_at(language, text, fragment):
    assert_covered(text, language, EMAIL, fragment)


NAME_BEFORE_PLATFORM_CASES = [
    ("en", "look for milly.draws on insta, I post there", "milly.draws"),
    ("da", "du kan finde mig som kasper_fisk på tiktok", "kasper_fisk"),
    ("nb", "søk opp nora.hopper på snap", "nora.hopper"),
    ("fr", "cherche leo_foot13 sur insta stp", "leo_foot13"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), NAME_BEFORE_PLATFORM_CASES)
def test_a_user_name_right_before_on_a_platform(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


CALLED_CASES = [
    ("en", "I play on lichess a lot and I'm called knight_rider there", "knight_rider"),
    ("en", "I'm called mossyfrog on Wordfeud, challenge me", "mossyfrog"),
    ("da", "jeg hedder ulvepige på Wordfeud, så du kan finde mig", "ulvepige"),
    ("da", "på chess.com hedder jeg springer_ole", "springer_ole"),
    ("nb", "jeg heter sjakk_ulven der, spill med meg", "sjakk_ulven"),
    ("nb", "jeg heter tigerjente på roblox", "tigerjente"),
    ("fr", "je m'appelle lapin_bleu dessus si tu veux jouer", "lapin_bleu"),
    ("fr", "je m'appelle chatnoir sur roblox", "chatnoir"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), CALLED_CASES)
def test_the_name_a_writer_goes_by_on_a_platform(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'm called Anna and I'm in year 6, I love horses."),
    ("da", "Jeg hedder Karin og jeg er 64 år. Jeg elsker bøger."),
    ("nb", "Jeg heter Ragnar og spiller sjakk på klubben hver tirsdag."),
    ("fr", "Je m'appelle Corinne et j'ai 3 petits-enfants."),
])
def test_a_first_name_after_i_am_called_is_ordinary(language, text):
    assert [kind for kind, _ in findings(text, language) if kind == SOCIAL] == []


OWN_ACCOUNT_CASES = [
    ("en", "my snap name is my dog's name plus my age, so biscuit12", "biscuit12"),
    ("da", "mit snapnavn er det samme som min hund plus 9, altså fido9", "fido9"),
    ("nb", "instanavnet mitt er lett å huske: mitt insta er katten og 2012, altså pusur2012", "pusur2012"),
    ("fr", "mon discord c'est le nom de mon lapin + 2011, donc caramel2011", "caramel2011"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), OWN_ACCOUNT_CASES)
def test_a_user_name_later_in_a_sentence_about_the_writers_account(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "My insta has mostly drawings. I play fifa23 with my brother."),
    ("da", "Mit snap har jeg ikke brugt længe. Vi spiller fifa23 hver fredag."),
    ("nb", "Mitt insta har bare hestebilder. Jeg spiller fifa23 med pappa."),
    ("fr", "Mon insta a surtout des dessins. Je joue à fifa23 avec mon frère."),
])
def test_my_account_then_numbers_in_the_next_sentence_stay_quiet(language, text):
    assert [kind for kind, _ in findings(text, language) if kind == SOCIAL] == []


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "follow @_maisie.bakes_ for cakes", "@_maisie.bakes_"),
    ("da", "min insta er @_emil.tegner", "@_emil.tegner"),
    ("nb", "følg @_ingrid_hopp", "@_ingrid_hopp"),
    ("fr", "mon compte c'est @_zoe.danse_ voilà", "@_zoe.danse_"),
])
def test_an_at_handle_starting_with_an_underscore(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


ADDRESS_DETAIL_CASES = [
    ("en", "GB", "we're now at flat 2, 14 Dover Road, Leeds. it's small", "flat 2, 14 Dover Road, Leeds"),
    ("en", "GB", "our place is 8 Elm Street, 3rd floor, above the shop", "8 Elm Street, 3rd floor"),
    ("da", "DK", "vi bor nu i egelunden 4, 2. tv ved skolen", "egelunden 4, 2. tv"),
    ("da", "DK", "Vi bor på Rosenvej 12, 1. sal i Odense", "Rosenvej 12, 1. sal i Odense"),
    ("nb", "NO", "Nå bor vi i Bergveien 9 i Tromsø, ved havna", "Bergveien 9 i Tromsø"),
    ("nb", "NO", "adressen er leil. 3, Storgata 5, Bodø", "leil. 3, Storgata 5, Bodø"),
    ("fr", "FR", "j'habite 7 rue des lilas, 3e étage à droite", "7 rue des lilas, 3e étage à droite"),
    ("fr", "FR", "on habite appartement 12, 3 rue de la Gare, Nantes", "appartement 12, 3 rue de la Gare, Nantes"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), ADDRESS_DETAIL_CASES)
def test_flats_floors_and_towns_belong_to_the_address(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region)


@pytest.mark.parametrize(("language", "region", "text"), [
    ("en", "GB", "We read chapter 3, floor plans were on page 12."),
    ("da", "DK", "Vi læste kapitel 5, 2. gang var bedre. Klokken 10."),
    ("nb", "NO", "Vi bodde i 3. etasje på hotellet i 5 netter."),
    ("fr", "FR", "On a lu 3 chapitres, au 2e étage de la bibliothèque."),
])
def test_floors_and_numbers_without_a_street_stay_quiet(language, region, text):
    assert [kind for kind, _ in findings(text, language, region) if kind == ADDRESS] == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "You asked whether I'm on Instagram; that stays out of our letters."),
    ("da", "Du spurgte, om jeg har TikTok. Det holder vi uden for brevene."),
    ("nb", "Du lurte på om jeg har Snapchat, men det skriver vi ikke om."),
    ("fr", "Tu m'as demandé si je suis sur insta, mais on n'en parle pas ici."),
])
def test_a_platform_cue_inside_a_reported_question_is_no_offer(language, text):
    assert [kind for kind, _ in findings(text, language) if kind == SOCIAL] == []


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "I'm on Instagram, add me!", "I'm on Instagram"),
    ("da", "jeg har TikTok, følg mig", "jeg har TikTok"),
    ("nb", "jeg har Snapchat, legg meg til", "jeg har Snapchat"),
    ("fr", "je suis sur insta, ajoute-moi", "insta"),
])
def test_the_same_cue_as_an_offer_is_still_found(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


@pytest.mark.parametrize(("language", "text", "fragment"), [
    ("en", "I wonder if add me on Snapchat works for you?", "add me on Snapchat"),
    ("da", "Jeg spørger, om har du snap?", "har du snap"),
    ("nb", "Jeg lurer på om har du Snapchat?", "har du Snapchat"),
    ("fr", "Je me demande si t'as snap ?", "snap"),
])
def test_asking_whether_the_reader_has_a_platform_is_still_a_cue(language, text, fragment):
    assert_covered(text, language, SOCIAL, fragment)


# Fifth round: a house letter written apart and in lower case ("14 b") still joins the street to
# its postcode and town, so the whole address is redacted. The Nordic shape (street, number) is
# where children write it; the English and French shapes put the number first and are checked quiet.
HOUSE_LETTER_APART_CASES = [
    ("nb", "NO", "jeg bor i bjerkeveien 14 b, 1362 hosle, det røde huset", "bjerkeveien 14 b, 1362 hosle"),
    ("da", "DK", "vi bor på skolevej 7 c, 8000 aarhus c nu", "skolevej 7 c, 8000 aarhus c"),
]


@pytest.mark.parametrize(("language", "region", "text", "fragment"), HOUSE_LETTER_APART_CASES)
def test_a_house_letter_apart_keeps_the_address_whole(language, region, text, fragment):
    assert_covered(text, language, ADDRESS, fragment, region=region)


@pytest.mark.parametrize(("language", "region", "text", "expected"), [
    # a unit or a word after the number is not its letter
    ("nb", "NO", "vi løp Storgata 3 m bortover og snudde", []),
    ("nb", "NO", "vi bor i storgata 5 i sentrum", [("contact.address", "storgata 5")]),
    ("da", "DK", "vi bor på Nørregade 12 i Aarhus", [("contact.address", "Nørregade 12 i Aarhus")]),
    ("en", "GB", "we scored 14 b goals, well nearly, in the b league", []),
    ("fr", "FR", "on a fini 14 e sur 30 au cross, pas mal", []),
])
def test_a_lone_letter_or_unit_after_a_number_is_not_a_house_letter(language, region, text, expected):
    assert findings(text, language, region) == expected
