"""Tests for the contact-detail side of screening: the normalised view and the contact matchers.

Every rule has cases in English, Danish, Norwegian and French, and the numbers ordinary
letters are full of (seasons, counting, scores, dates, times, prices, ISBNs, pages, class
numbers) are tested to stay quiet.
"""

import pytest

from letters.models import FindingKind
from letters.screening import screen
from letters.screening.normalise import normalise

PHONE, EMAIL, URL, SOCIAL, ADDRESS = (
    FindingKind.PHONE,
    FindingKind.EMAIL,
    FindingKind.URL,
    FindingKind.SOCIAL,
    FindingKind.ADDRESS,
)
CONTACT_KINDS = {str(PHONE), str(EMAIL), str(URL), str(SOCIAL), str(ADDRESS)}
REGION = {"en": "GB", "da": "DK", "nb": "NO", "fr": "FR"}
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
    assert view.is_identity and view.text is text
    assert view.original_span(3, 9) == (3, 9)


def test_line_break_between_words_is_kept():
    assert normalise("page 12\nthe end 3,5").text == "page 12\nthe end 3 5"
    assert normalise("I live here\n12 cats").text == "I live here\n12 cats"


def test_folded_keeps_fold_semantics():
    view = normalise("Ｃafé PÅ ０6")
    assert view.text == "Café PÅ 06"
    assert view.folded == "cafe pa 06"
