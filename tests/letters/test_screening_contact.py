"""Tests for the contact-detail side of screening: the normalised view and the contact matchers.

Every rule has cases in English, Danish, Norwegian and French, and the numbers ordinary
letters are full of (seasons, counting, scores, dates, times, prices, ISBNs, pages, class
numbers) are tested to stay quiet.
"""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from letters.models import FindingKind
from letters.screening import screen
from letters.screening.normalise import normalise

from tests.letters.screening_checks import REGION

PHONE, EMAIL, URL, SOCIAL, ADDRESS = (
    FindingKind.PHONE,
    FindingKind.EMAIL,
    FindingKind.URL,
    FindingKind.SOCIAL,
    FindingKind.ADDRESS,
)
CONTACT_KINDS = {str(PHONE), str(EMAIL), str(URL), str(SOCIAL), str(ADDRESS)}
#: A program serving all four countries, as a multi-country program is set up.
ALL_REGIONS = ("GB", "DK", "NO", "FR")


def covered(text: str, kind: str, fragment: str, language: str, regions=()) -> bool:
    """Return True if a finding of `kind` covers all of `fragment` (its first occurrence) in `text`."""
    start = text.index(fragment)
    end = start + len(fragment)
    findings = screen(text, language=language, region=REGION[language], regions=regions, use_model=False)
    return any(f.kind == kind and f.start <= start and f.end >= end for f in findings)


def contact_findings(text: str, language: str, regions=()) -> list[tuple[str, str]]:
    findings = screen(text, language=language, region=REGION[language], regions=regions, use_model=False)
    return [(f.kind, text[f.start:f.end]) for f in findings if f.kind in CONTACT_KINDS]


def pieces(text: str, words: bool = False) -> list[str]:
    """Return, for each normalised character, the original text it came from."""
    view = normalise(text, words=words)
    return [text[slice(*view.original_span(i, i + 1))] for i in range(len(view.text))]


# ------------------------------------------------------------------------------ normalise

NORMALISE_CASES = [
    # (text, words, expected normalised text)
    ("ring me 0️⃣7️⃣7️⃣0️⃣0️⃣ 900123", False, "ring me 07700 900123"),
    ("ring til ２０ １２ ３４ ５６", False, "ring til 20 12 34 56"),
    ("nummeret mitt er ⑨⑧⑦ ⑥⑤ ④③②", False, "nummeret mitt er 987 65 432"),
    ("mon num c'est 0\u200b6 1\u200d2 🔟", False, "mon num c'est 06 12 10"),
    ("first part 0612\n884201", False, "first part 0612 884201"),
    ("skriv 20,12,34,56 og 1,000,000 kr", False, "skriv 20 12 34 56 og 1,000,000 kr"),
    ("hemmeligt\u00a0sn\u200bap", False, "hemmeligt snap"),
    ("our s3cr3t, add me on sn4p", True, "our secret, add me on snap"),
    ("det er vores hemm3lig", True, "det er vores hemmelig"),
    ("c'est n0tre s3cret", True, "c'est notre secret"),
    ("snaaap pleeease, jeg er sååå glad", True, "snap please, jeg er så glad"),
    ("good all 1000 b2011 4th 2 000 mp3 covid19", True, "good all 1000 b2011 4th 2 000 mp3 covid19"),
    ("skriiiv på snaaapen", True, "skriv på snapen"),
    ("legg meg til på sn4pch4t, det er h3mm3lig", True, "legg meg til på snapchat, det er hemmelig"),
    ("ajoute-moi sur snaaap, stp", True, "ajoute-moi sur snap, stp"),
    ("ring 2️⃣0️⃣ 1️⃣2️⃣", False, "ring 20 12"),
    ("ring meg 9️⃣1️⃣2️⃣", False, "ring meg 912"),
    ("appelle le 0️⃣6️⃣", False, "appelle le 06"),
    ("mitt nummer:\r\n912 34\r\n567", False, "mitt nummer:\r\n912 34  567"),
]


@pytest.mark.parametrize(("text", "words", "expected"), NORMALISE_CASES)
def test_normalise_text(text, words, expected):
    assert normalise(text, words=words).text == expected


def test_keycap_digit_maps_back_to_all_its_code_points():
    text = "ring 0️⃣6️⃣"
    assert pieces(text)[-2:] == ["0\ufe0f\u20e3", "6\ufe0f\u20e3"]
    view = normalise(text)
    assert view.original_span(5, 7) == (5, len(text))


def test_stretched_letters_map_back_to_the_whole_run():
    text = "add me on snaaap"
    view = normalise(text, words=True)
    start = view.text.index("snap")
    assert text[slice(*view.original_span(start, start + 4))] == "snaaap"


def test_multi_character_forms_map_to_their_one_source_character():
    assert pieces("⑩ ﬁne") == ["⑩", "⑩", " ", "ﬁ", "ﬁ", "n", "e"]


def test_plain_ascii_letter_is_an_identity_view():
    text = "Dear Owl, I read 45 pages on 12/05/2025."
    view = normalise(text)
    assert view.is_identity and view.keeps_offsets and view.text is text
    assert view.original_span(3, 9) == (3, 9)


def test_line_break_between_words_is_kept():
    assert normalise("page 12\nthe end 3,5").text == "page 12\nthe end 3 5"
    assert normalise("I live here\n12 cats").text == "I live here\n12 cats"


def test_folded_keeps_fold_semantics():
    view = normalise("Ｃafé PÅ ０6")
    assert view.text == "Café PÅ 06"
    assert view.folded == "cafe pa 06"


# ------------------------------------------------------------------------------ phones

PHONE_CASES = [
    # Split by words, commas or a line break.
    ("en", "first part is 0612 and the rest is 884201, ok?", "0612 and the rest is 884201", ("FR",)),
    ("en", "my number is 07700\n900123 but only after six", "07700\n900123", ()),
    ("en", "ring me: 07700, 900, 123", "07700, 900, 123", ()),
    ("da", "ring til mig 41 77 og bagefter 09 13", "41 77 og bagefter 09 13", ()),
    ("da", "mit nummer er 20,12,34,56", "20,12,34,56", ()),
    ("da", "skriv til 2012\n3456 i aften", "2012\n3456", ()),
    ("nb", "nummeret mitt er 912 34 og så 567", "912 34 og så 567", ()),
    ("nb", "ring meg 9123\n4567", "9123\n4567", ()),
    ("fr", "mon 06 c'est 12 34 56 78", "06 c'est 12 34 56 78", ()),
    ("fr", "mon num: 06 12 34, et après 56 78", "06 12 34, et après 56 78", ()),
    # Keycap, full-width, circled digits and zero-width characters.
    ("en", "text me 0️⃣7️⃣7️⃣0️⃣0️⃣ 9️⃣0️⃣0️⃣1️⃣2️⃣3️⃣", "0️⃣7️⃣7️⃣0️⃣0️⃣ 9️⃣0️⃣0️⃣1️⃣2️⃣3️⃣", ()),
    ("da", "ring ２０ １２ ３４ ５６", "２０ １２ ３４ ５６", ()),
    ("nb", "nummeret er ⑨①② ③④ ⑤⑥⑦", "⑨①② ③④ ⑤⑥⑦", ()),
    ("fr", "appelle 06\u200b12\u200b34\u200b56\u200b78", "06\u200b12\u200b34\u200b56\u200b78", ()),
    ("da", "ring 2️⃣0️⃣ 1️⃣2️⃣ 3️⃣4️⃣ 5️⃣6️⃣", "2️⃣0️⃣ 1️⃣2️⃣ 3️⃣4️⃣ 5️⃣6️⃣", ()),
    ("nb", "ring meg 9️⃣1️⃣2️⃣ 3️⃣4️⃣ 5️⃣6️⃣7️⃣", "9️⃣1️⃣2️⃣ 3️⃣4️⃣ 5️⃣6️⃣7️⃣", ()),
    ("fr", "appelle le 0️⃣6️⃣ 1️⃣2️⃣ 3️⃣4️⃣ 5️⃣6️⃣ 7️⃣8️⃣", "0️⃣6️⃣ 1️⃣2️⃣ 3️⃣4️⃣ 5️⃣6️⃣ 7️⃣8️⃣", ()),
    ("en", "my mobile: ０７７００ ９００１２３", "０７７００ ９００１２３", ()),
    # A number of another of the program's countries.
    ("en", "call me on 20 12 34 56", "20 12 34 56", ("DK",)),
    ("fr", "mon numéro norvégien : 912 34 567", "912 34 567", ("NO",)),
]


@pytest.mark.parametrize(("language", "text", "fragment", "regions"), PHONE_CASES)
def test_phone_numbers_across_gaps_and_digit_forms(language, text, fragment, regions):
    assert covered(text, PHONE, fragment, language, regions)


def test_joined_phone_finding_covers_every_part():
    text = "mon 06 c'est 12 34 56 78 !"
    (finding,) = [f for f in screen(text, language="fr", region="FR") if f.kind == PHONE]
    assert text[finding.start:finding.end] == "06 c'est 12 34 56 78"


ORDINARY_NUMBER_CASES = [
    ("en", "The 2024-2025 season was our best, and 2025-2026 will be even better."),
    ("en", "We counted 3 6 9 12 15 18 21 in maths today."),
    ("en", "We won 21-18,19-21,21-17 and the bus left at 14:30, the tickets were £12.50."),
    ("en", "I read pages 112 to 140, ISBN 978-0-14-032872-1, and I am in class 6B, room 2.14."),
    ("en", "Born 12/05/2013. My brother was 8 in 2019 and 12 in 2023."),
    ("da", "Sæsonen 2023-2024 var god, og 2024/2025 bliver bedre."),
    ("da", "Vi talte 2 4 6 8 10 12 14 i idræt, og kampen endte 21-18."),
    ("da", "Bogen kostede 149,95 kr og jeg læste side 45 til 120 den 23.07.2024 kl. 15.00."),
    ("nb", "Sesongen 2024-2025 startet, og vi vant 3-2 og 4-1 etter 90 minutter."),
    ("nb", "Vi telte 5 10 15 20 25 30 og jeg går i 6B, rom 214, klokka 08.15."),
    ("nb", "Boka har ISBN 9788202512345 og 350 sider, jeg er på side 120 og 121."),
    ("fr", "La saison 2024-2025 commence, on a gagné 3 à 1 puis 2 à 0."),
    ("fr", "On a compté 1 2 4 8 16 32 64 et j'ai eu 15/20 le 12/03/2024 à 8 h 30."),
    ("fr", "Le livre coûte 12,50 € et j'en suis à la page 45, puis 67, puis 89."),
]


@pytest.mark.parametrize(("language", "text"), ORDINARY_NUMBER_CASES)
def test_ordinary_numbers_are_not_phone_numbers(language, text):
    assert [k for k, _ in contact_findings(text, language, ALL_REGIONS)] == []


def test_words_between_numbers_need_a_cue_to_join():
    # Two numbers a sentence apart with no cue stay two numbers.
    assert contact_findings("I was 2012 words in and then 3456 more", "en", ALL_REGIONS) == []
    assert contact_findings("Vi var 4177 personer og bagefter 0913 til festen", "da", ()) == []


# ------------------------------------------------------------------------------ handles

SOCIAL_CASES = [
    ("en", "my ig is night owl 42 btw", "my ig is night owl 42"),
    ("en", "add me, I'm Night Owl 42", "add me, I'm Night Owl 42"),
    ("en", "sc: lunabear", "sc: lunabear"),
    ("en", "add me on sn4p, it's quicker", "add me on sn4p"),
    ("en", "follow me on snaaapchat", "follow me on snaaapchat"),
    ("da", "følg mig på inst4gr4m", "følg mig på inst4gr4m"),
    ("nb", "legg meg til på snaaappen", "legg meg til på snaaappen"),
    ("fr", "ajoute-moi sur sn4p", "ajoute-moi sur sn4p"),
    ("da", "min insta er kattepigen", "min insta er kattepigen"),
    ("da", "tilføj mig, jeg hedder Natugle42", "tilføj mig, jeg hedder Natugle42"),
    ("da", "snap: hestepigen_9", "snap: hestepigen_9"),
    ("nb", "snapen min er sol_jente", "snapen min er sol_jente"),
    ("nb", "legg meg til, jeg heter snøugle_9", "legg meg til, jeg heter snøugle_9"),
    ("nb", "insta = fotballgutten", "insta = fotballgutten"),
    ("fr", "mon snap c'est lilou.bzh", "mon snap c'est lilou.bzh"),
    ("fr", "insta = pixie.moon", "insta = pixie.moon"),
    ("fr", "ajoute-moi, je suis Luna07", "ajoute-moi, je suis Luna07"),
    # A user name announced as such, whatever the platform, or an underscore name near one.
    ("en", "I'm on roblox, my name on there is Captain Pickle 7", "Captain Pickle 7"),
    ("en", "get Telegram so we can chat. My username is tom_reads_88.", "tom_reads_88"),
    ("da", "mit brugernavn er hestepigen", "brugernavn er hestepigen"),
    ("da", "jeg er på insta, det er bare mit navn og min fødselsdag: ida_0611", "ida_0611"),
    ("nb", "snappen min e sivert.ski, add meg!!", "snappen min e sivert.ski"),
    ("nb", "brukernavnet mitt: Blå Ulv 8", "Blå Ulv 8"),
    ("fr", "ajoute-moi sur Brawl Stars, mon pseudo c'est Petit Renard 13", "Petit Renard 13"),
    ("fr", "mon insta c'est mon prénom + ma date : maelys_0412", "maelys_0412"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), SOCIAL_CASES)
def test_handles(language, text, fragment):
    assert covered(text, SOCIAL, fragment, language)


ORDINARY_SOCIAL_CASES = [
    ("en", "snap: yes, I have read it. It was a snap decision to add me as a friend in the play."),
    ("da", "Snap: nej, jeg har ikke læst den. Min søster er altid på Snapchat."),
    ("nb", "Signal: ikke noe. Jeg har ikke signal på hytta."),
    ("fr", "Insta : non. Ma sœur est toujours sur TikTok."),
    ("fr", "Mon pseudo sur le jeu c'est un secret, haha."),
    ("en", "My username is a secret and my gamertag too, sorry!"),
]


@pytest.mark.parametrize(("language", "text"), ORDINARY_SOCIAL_CASES)
def test_ordinary_platform_mentions(language, text):
    assert contact_findings(text, language) == []


# ------------------------------------------------------------------------------ addresses

ADDRESS_CASES = [
    ("en", "we live at 12 oak street now", "12 oak street"),
    ("en", "come to 4 Mill Road, Bristol BS1 4DJ", "4 Mill Road, Bristol BS1 4DJ"),
    ("da", "jeg bor på rosenvej 12, 8000 aarhus", "rosenvej 12, 8000 aarhus"),
    ("da", "vi er flyttet til nørregade 14, 2. th", "nørregade 14, 2. th"),
    ("nb", "adressen er storgata 5b, 0155 oslo", "storgata 5b, 0155 oslo"),
    ("nb", "vi bor i kirkeveien 23", "kirkeveien 23"),
    ("fr", "j'habite 12 rue des lilas", "12 rue des lilas"),
    ("fr", "c'est au 3 avenue victor hugo, 75016 Paris", "3 avenue victor hugo, 75016 Paris"),
    ("en", "the new house is 17 hawthorn rd, wakefield wf1 3xp", "17 hawthorn rd, wakefield wf1 3xp"),
    ("en", "party is at 2210 w elm st apt 4 on saturday", "2210 w elm st apt 4"),
    ("da", "send et kort til kongens gade 3, 5000 odense", "kongens gade 3, 5000 odense"),
    ("nb", "jeg bor i bjørnstjerne bjørnsons gate 8, 3044 drammen", "bjørnstjerne bjørnsons gate 8, 3044 drammen"),
    ("fr", "J'habite rue Victor Hugo au 48, à Rennes", "rue Victor Hugo au 48"),
]


@pytest.mark.parametrize(("language", "text", "fragment"), ADDRESS_CASES)
def test_addresses(language, text, fragment):
    assert covered(text, ADDRESS, fragment, language)


ORDINARY_ADDRESS_CASES = [
    ("en", "We ran 3 times down the road and 2 busy streets later we were home."),
    ("da", "På hjemvejen 3 gange så vi en hjort. Vi kørte 12 km på motorvejen."),
    ("nb", "Vi gikk 5 km langs hovedveien og 2 timer i skogen."),
    ("fr", "On a marché 3 heures dans la rue et vu 2 chats."),
    ("en", "I had 2 dr visits and 3 st bernards came to the show."),
    ("nb", "Flyet gikk fra gate 12 klokka 3, og vi kom hjem på vei 2 timer senere."),
    ("da", "Vi mødtes ved gate 7 i lufthavnen og gik 12 km på vejen hjem."),
    ("fr", "On s'est perdus dans la rue au 3e étage du musée."),
    ("fr", "Le match est à 14 h 30, rue des Écoles, derrière la mairie."),
]


@pytest.mark.parametrize(("language", "text"), ORDINARY_ADDRESS_CASES)
def test_ordinary_street_mentions(language, text):
    assert [k for k, _ in contact_findings(text, language)] == []


# ------------------------------------------------------------------------------ links

ORDINARY_LINK_CASES = [
    ("en", "We swam at the lake.It was freezing.Me and my dad laughed."),
    ("da", "Jeg var hjemme.No problem, skrev min mor.Se det!"),
    ("nb", "Vi var hjemme.No var det kaldt.Se her."),
    ("fr", "On était chez moi.Le soir on a joué.Me voilà."),
]


@pytest.mark.parametrize(("language", "text"), ORDINARY_LINK_CASES)
def test_missing_space_after_full_stop_is_not_a_link(language, text):
    assert contact_findings(text, language) == []


LINK_CASES = [
    ("en", "my blog is catsandbooks.co.uk", "catsandbooks.co.uk"),
    ("da", "se min side hestepigen.dk", "hestepigen.dk"),
    ("nb", "jeg skriver på bokorm.no", "bokorm.no"),
    ("fr", "va sur monblog.fr", "monblog.fr"),
]


SPELLED_CASES = [
    (EMAIL, "en", "my email is ruby underscore fox at outlook dot com, ok", "ruby underscore fox at outlook dot com"),
    (EMAIL, "da", "skriv til ida understreg b snabel-a gmail punktum com", "ida understreg b snabel-a gmail punktum com"),
    (URL, "nb", "se bokorm punktum no skråstrek bøker", "bokorm punktum no skråstrek bøker"),
    (URL, "fr", "regarde ma chaîne : youtube point com slash @zoedessins", "youtube point com slash @zoedessins"),
]


@pytest.mark.parametrize(("kind", "language", "text", "fragment"), SPELLED_CASES)
def test_spelled_underscore_and_slash(kind, language, text, fragment):
    assert covered(text, kind, fragment, language)


@pytest.mark.parametrize(("language", "text", "fragment"), LINK_CASES)
def test_bare_domains_are_still_links(language, text, fragment):
    assert covered(text, URL, fragment, language)


# ------------------------------------------------------------------------------ lexicon

@pytest.mark.parametrize("language", ["en", "da", "nb", "fr"])
def test_every_language_has_its_contact_words(language):
    from letters.screening.contact_lexicon import contact_table, contact_words

    assert len(contact_words(language, "number_units")) == 10
    assert len(contact_words(language, "number_teens")) == 10
    assert contact_table(language, "number_tens")
    for key in ("phone_cues", "phone_join_words", "social_cues", "handle_introducers", "add_me_cues", "address_cues"):
        assert contact_words(language, key), key


# ------------------------------------------------------------------------------ screen --jsonl

def test_screen_command_reads_the_other_countries():
    lines = [
        {"text": "call me on 20 12 34 56", "language": "en", "region": "GB", "regions": ["DK"]},
        {"text": "call me on 20 12 34 56", "language": "en", "region": "GB", "regions": "DK"},
    ]
    out = io.StringIO()
    stdin = io.StringIO("\n".join(json.dumps(line) for line in lines) + "\n")
    with pytest.raises(CommandError):  # one line failed
        call_command("screen", "--jsonl", stdin=stdin, stdout=out)
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert [f["kind"] for f in first["findings"]] == [str(PHONE)]
    assert "regions" in second["error"]
