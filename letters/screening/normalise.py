"""A normalised view of a letter that remembers where every character came from.

Children hide contact details from filters in ways a reader sees through at once: digits
as keycap emoji ("0️⃣6️⃣"), full-width or circled digits ("０６", "⑥"), a zero-width space
inside a word ("sn\u200bap"), a number broken over two lines or written with commas
("0612\\n884201", "06,12,34,56,78"), leetspeak ("s3cr3t", "sn4p") and stretched letters
("snaaap", "pleeease"). Matchers run on the normalised text; `Normalised.original_span`
turns a span found there back into the exact span of what the author wrote, so a
redaction hides every part of it (the keycap's invisible combining marks included).

Two views:

* ``normalise(text)`` — the *contact* view. Invisible characters are dropped, every other
  character is replaced by its compatibility form (NFKC, one character at a time: "０"
  → "0", "Ａ" → "A", a no-break space → " "), digits of every script and emoji digits
  become ASCII digits ("①" → "1", "⑩" and "🔟" → "10"), and a line break or a bare comma
  between two digit groups becomes a space (also after a dot or dash that ends the line,
  "06.39.98.⏎63.04"), so "0612⏎884201" reads as one run. Case and
  accents are kept (street names are recognised by their capital letter); `folded` gives
  the same text through `text.fold()`. `disguised_digits` lists the digits that were
  written as keycaps, full-width, circled or other-script digits.
* ``normalise(text, words=True)`` — the *word* view: the contact view plus leetspeak read
  as letters, only between letters of one word ("s3cr3t" → "secret", while "b2011",
  "4th" and "2 000" keep their digits), and runs of three or more of the same letter
  collapsed to one ("snaaap" → "snap", "pleeease" → "please"). Use it for words, never
  for digits or handles.

Each step is one regular-expression scan of the letter that yields the few places to
change; Python only touches those places. Changes that keep the length (a full-width digit,
a line break between digits, leetspeak) keep offsets as they are; only dropped or collapsed
characters build the offset map. A letter that needs no change is returned as an identity
view without copying anything, which is the common case.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import cached_property, lru_cache

from letters.screening.contact_lexicon import all_contact_words, contact_words
from letters.screening.text import alternation, fold

#: Leetspeak digits read as letters inside a word.
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g", "@": "a", "$": "s"}
_LEET_TABLE = str.maketrans(LEET)

#: Characters read as a digit sequence that Unicode gives no digit value.
_EMOJI_NUMBERS = {"\U0001F51F": "10"}  # 🔟 keycap ten

#: Characters whose compatibility form would change how a sentence reads ("…" → "...").
_KEEP_AS_IS = frozenset("…‥")

_LINE_BREAKS = "\u2028\u2029\x85"

# Characters that may need a change: everything outside ASCII except the Latin-1 letters
# (æ, ø, å, é, ü…), which are their own normal form and fill Danish and French letters.
_SPECIAL_RE = re.compile(r"[^\x00-\x7f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")
# A line break between two digit groups ("0612⏎884201"), and a comma between digits that is
# not a thousands separator ("06,12,34" but not "1,000").
# A dot or dash may end the first line ("06.39.98.⏎63.04") or start the next ("07.81⏎.26.40"):
# it stays, the break becomes a space.
_DIGIT_BREAK_RE = re.compile(r"(?:(?<=\d)|(?<=\d[.\-]))[ \t]*[\r\n][ \t\r\n]*(?=[.\-]?\d)")
_ASCII_DIGIT_RE = re.compile(r"\d")
_DIGIT_COMMA_RE = re.compile(r"(?<=\d),(?!\d{3}(?!\d))(?=\d)")
# Letters standing for digits inside a written number ("O7gI2 345 678", "9l3 O4 S88"): a run
# of words made only of digits and look-alike letters, with spaces, dots or dashes between.
# The run is read, and each word judged, in `_lookalike_edits`.
_LOOKALIKE_DIGITS = {"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5", "g": "9", "B": "8", "Z": "2"}
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKE_DIGITS)
_LOOKALIKE_WORD = r"[\dOoIl|SgBZ]+"
_LOOKALIKE_RUN_RE = re.compile(
    # Slashes and a spaced dash part the words too (r9): "93O/55/2l8", "6o4 - 19 - 77".
    rf"(?<![\w|])(?=[\dOoIl|SgBZ .\-/]*\d){_LOOKALIKE_WORD}(?:(?:[ .\-()/]{{1,2}}| - |[ \t]*\n[ \t]*){_LOOKALIKE_WORD})*(?![\w|])"
)
#: A digit right next to a look-alike letter, or an upper-case look-alike word between two digits.
_LOOKALIKE_HINT_RE = re.compile(r"[OoIl|SgBZ]\d|\d(?:[OoIl|SgBZ][\dOoIl|SgBZ]|[OoI|SZ](?![\w|])|[ .\-]{1,2}[OIS|BZ]{1,3}[ .\-]{1,2}\d)")
#: A run needs this many characters that read as digits, and this many real digits, to be a number.
_LOOKALIKE_MIN_LENGTH = 7
_LOOKALIKE_MIN_DIGITS = 3
#: Right after words that say the rest of a number follows, a part of five characters is enough (r9);
#: the words are every language's `rest_of_number_cues` ("the rest", "resten", "la suite").
_LOOKALIKE_MIN_PART = 5
_LOOKALIKE_PART_CUE_RE = re.compile(
    r"(?i)(?<!\w)" + alternation(all_contact_words("rest_of_number_cues"))
    + r"(?:\s+(?:is|er|c'est|c|est|=|:))?[\s:]*\Z"
)
# Digits spelled as words inside a written number, glued to its digits: "2otte6nul4ni1syv",
# "0seven7zero0nine00two6one", "07700 900 2six9", "4O 2seks 7ni 18" (r22). The words are the
# digits zero to nine of every language (a child mixes languages inside one number as well).
_GLUED_DIGIT_WORDS = {
    form: str(digit)
    for language in ("en", "da", "nb", "fr")
    for digit, word in enumerate(contact_words(language, "number_units"))
    for form in (word, fold(word))
}
_GLUED_WORD = alternation(_GLUED_DIGIT_WORDS)
#: A word made only of digits and digit words, with a digit and a digit word in it; nothing glued
#: to a handle, an e-mail or a link ("@", ".", "_", "/", "#" around it).
_GLUED_NUMBER_RE = re.compile(
    rf"(?:\d+|{_GLUED_WORD})*(?:\d(?:{_GLUED_WORD})|(?:{_GLUED_WORD})\d)(?:\d+|{_GLUED_WORD})*", re.IGNORECASE)
_DIGIT_RUN_RE = re.compile(r"\d+")
_GLUED_PART_RE = re.compile(rf"\d+|(?P<word>{_GLUED_WORD})", re.IGNORECASE)
#: The first half of a British postcode right before a word ("NG1 ", "YO21 ", "sw1a ").
_POSTCODE_OUTWARD_RE = re.compile(r"(?<![^\W\d_])[A-Za-z]{1,2}\d[A-Za-z\d]?[ \t]+\Z")
#: A glued word makes this many digits at least: "0six" (06), "2seks" (26); "1st" and "2nd" are
#: no digit words.
_GLUED_MIN_DIGITS = 2
# One or two leetspeak characters between two letters of a word: "sn4p", "l33t", "h4x0r".
_LEET_RE = re.compile(r"(?<=[^\W\d_])[0134579@$]{1,2}(?=[^\W\d_])")
# Three or more of the same letter: "snaaap", "pleeease".
_STRETCH_RE = re.compile(r"([^\W\d_])\1{2,}", re.IGNORECASE)


@lru_cache(maxsize=8192)
def _normal_form(char: str) -> str:
    """Return what a non-ASCII `char` reads as: "" if invisible, else its digit(s) or NFKC form.

    The result may be empty (zero-width space, variation selector, the keycap's combining
    enclosing mark), one character, or a few ("⑩" → "10", "ﬁ" → "fi").
    """
    if char in _EMOJI_NUMBERS:
        return _EMOJI_NUMBERS[char]
    category = unicodedata.category(char)
    # Cf: zero-width space/joiners, soft hyphen, direction marks, BOM. Mn/Me: variation
    # selectors, the keycap's U+20E3 and combining accents (folding strips accents anyway).
    # Sk emoji skin tones are modifiers with no meaning for matching.
    if category in ("Cf", "Mn", "Me") or 0x1F3FB <= ord(char) <= 0x1F3FF:
        return ""
    if char in _LINE_BREAKS:
        return "\n"
    digit = unicodedata.digit(char, None)
    if digit is not None:
        return str(digit)
    numeric = unicodedata.numeric(char, None)
    if numeric is not None and numeric == int(numeric) and 0 <= numeric <= 20 and category == "No":
        return str(int(numeric))  # circled and parenthesised numbers such as ⑩ ⑳
    if char in _KEEP_AS_IS:
        return char
    normal = unicodedata.normalize("NFKC", char)
    # Keep the author's character when its compatibility form is long (e.g. "㍱" → "hPa").
    return normal if 0 < len(normal) <= 3 else char


class Normalised:
    """The normalised text of one letter, with a map back to the original.

    `text[i]` came from `original[starts[i]:ends[i]]`. When no character was dropped or
    added the maps are not built and every offset maps to itself.
    """

    __slots__ = ("original", "text", "_starts", "_ends", "__dict__")

    def __init__(self, original: str, text: str, starts: list[int] | None = None, ends: list[int] | None = None):
        self.original = original
        self.text = text
        self._starts = starts
        self._ends = ends

    @property
    def is_identity(self) -> bool:
        """True if the text is the original, unchanged."""
        return self.text is self.original

    @property
    def keeps_offsets(self) -> bool:
        """True if every offset into `text` is the same offset into the original."""
        return self._starts is None

    @cached_property
    def folded(self) -> str:
        """The normalised text lower-cased and without accents (same length as `text`)."""
        return fold(self.text)

    @cached_property
    def disguised_digits(self) -> tuple[int, ...]:
        """Offsets into `text` of the digits the author wrote in another form, in order.

        A digit is disguised when it came from a keycap emoji, a full-width, circled or
        other-script digit ("0️⃣", "０", "⑥"): nobody writes a page number that way, so a
        run of such digits is read like a number spelled out in words.
        """
        if self.is_identity:
            return ()
        original = self.original
        positions = []
        for match in _ASCII_DIGIT_RE.finditer(self.text):
            # A keycap is an ASCII digit followed by marks that were dropped: its span is longer.
            source, source_end = self.original_span(match.start(), match.end())
            if source_end - source > 1 or not ("0" <= original[source] <= "9"):
                positions.append(match.start())
        return tuple(positions)

    def has_disguised_digit(self, start: int, end: int) -> bool:
        """True if `text[start:end]` holds a digit the author wrote in another form."""
        positions = self.disguised_digits
        index = bisect_left(positions, start)
        return index < len(positions) and positions[index] < end

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of the original text that `text[start:end]` was made from.

        Precondition: 0 <= start <= end <= len(text). An empty span maps to an empty span.
        """
        if self._starts is None:
            return start, end
        if start >= end:
            position = self._starts[start] if start < len(self._starts) else len(self.original)
            return position, position
        return self._starts[start], self._ends[end - 1]

    def original_spans(self, spans) -> list[tuple[int, int]]:
        """Map every (start, end) of `spans` back to the original text."""
        if self._starts is None:
            return list(spans)
        return [self.original_span(start, end) for start, end in spans]


def normalise(text: str, *, words: bool = False) -> Normalised:
    """Return the contact view of `text`, or with `words=True` the word view (module docstring)."""
    view = Normalised(text, text)
    view = _edit(view, _character_edits(text))
    view = _edit(view, _glued_digit_word_edits(view.text))
    view = _edit(view, _lookalike_edits(view.text))
    view = _edit(view, [(m.start(), m.end(), " " * (m.end() - m.start())) for m in _DIGIT_BREAK_RE.finditer(view.text)])
    view = _edit(view, [(m.start(), m.end(), " ") for m in _DIGIT_COMMA_RE.finditer(view.text)])
    return word_view(view) if words else view


def word_view(view: Normalised) -> Normalised:
    """Return the word view made from a contact view: leetspeak read, stretched letters collapsed."""
    view = _edit(view, [(m.start(), m.end(), m.group().translate(_LEET_TABLE)) for m in _LEET_RE.finditer(view.text)])
    return _edit(view, [(m.start(), m.end(), m.group(1)) for m in _STRETCH_RE.finditer(view.text)])


def _character_edits(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, replacement) for every character whose normal form differs."""
    edits = []
    for match in _SPECIAL_RE.finditer(text):
        char = match.group()
        normal = _normal_form(char)
        if normal != char:
            edits.append((match.start(), match.end(), normal))
    return edits


def _glued_digit_word_edits(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, digit) for each digit word glued to the digits of a number.

    "2otte6nul4ni1syv" reads "28604917", "0seven7zero0nine00two6one" "07700900261": a word made
    only of digits and the words for zero to nine in any language, holding both. The digits so
    read count as disguised (their span in the letter is longer than one character), so the
    phone matcher reads them as it reads a number written in words.
    """
    edits = []
    for start, end in _words_with_a_digit_and_a_letter(text):
        # Nothing glued to a handle, an e-mail or a link: no "@", ".", "_", "/", "#" or "-" before it,
        # and none of them (a dot or a dash only before more of a word) after it.
        before, after = text[start - 1:start] if start else " ", text[end:end + 1] or " "
        if before in "@./#-_" or after in "@/#_" or (after in ".-" and text[end + 1:end + 2].isalnum()):
            continue
        # A British postcode's second half is a digit and two letters: "NG1 3EN", "yo21 3en".
        if _POSTCODE_OUTWARD_RE.search(text, max(0, start - 6), start):
            continue
        match = _GLUED_NUMBER_RE.fullmatch(text, start, end)
        if not match:
            continue
        parts = list(_GLUED_PART_RE.finditer(match.group()))
        if sum(len(part.group()) if not part.group("word") else 1 for part in parts) < _GLUED_MIN_DIGITS:
            continue
        edits += [(match.start() + part.start(), match.start() + part.end(), _GLUED_DIGIT_WORDS[fold(part.group())])
                  for part in parts if part.group("word")]
    return edits


def _words_with_a_digit_and_a_letter(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each word of `text` made of letters and digits, with both in it.

    Read from the digits out: most letters have few digits, and none touching a letter.
    """
    words: list[tuple[int, int]] = []
    size = len(text)
    for digits in _DIGIT_RUN_RE.finditer(text):
        start, end = digits.span()
        if words and start < words[-1][1]:
            continue
        if not ((start and text[start - 1].isalpha()) or (end < size and text[end].isalpha())):
            continue
        while start and text[start - 1].isalnum():
            start -= 1
        while end < size and text[end].isalnum():
            end += 1
        words.append((start, end))
    return words


def _lookalike_edits(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, digits) for the words of a number that use letters for digits.

    "O7gI2 345 678", "O6 l2 SS 8O 47", "2O 4S 7I 9O": the letters O/o, I/l/|, S, g, B and Z
    read as 0, 1, 5, 9, 8 and 2, but only inside a run of words made of digits and those
    letters alone, with at least seven such characters and three real digits in all. A word
    of the run is read when it holds a real digit, or when it stands between two words
    that do and has no lower-case letter ("SS" in "l2 SS 8O"; "og" in "3-2 og 21-19" is a word); a word that ends in a unit or plural after its digits
    ("100g", "1990s", "12B") is not. "SOS", "OK", "I2C" and "B12" never make such a run;
    whether a run is a phone number is then for the phone matcher to say (the letters
    count as disguised digits, `Normalised.disguised_digits`). Same length, so offsets keep.
    """
    # Most letters have no digit touching a look-alike letter at all: one quick scan says so.
    if not _LOOKALIKE_HINT_RE.search(text):
        return []
    edits = []
    for run in _LOOKALIKE_RUN_RE.finditer(text):
        words = [(run.start() + m.start(), m.group()) for m in re.finditer(r"[^ .\-\s()/]+", run.group())]
        # The rest of a number given in parts is short: after "the rest is", "resten er", "la suite" (r9).
        minimum = _LOOKALIKE_MIN_PART if _LOOKALIKE_PART_CUE_RE.search(text, max(0, run.start() - 40), run.start()) \
            else _LOOKALIKE_MIN_LENGTH
        if all(word.isdigit() for _, word in words):
            continue
        # "3l 6O 42 l9": a word ending in "l" is a number of litres only when no other word of
        # the run hides a digit; among "6O" and "l9" it is one more disguised digit (r7).
        hidden = any(not word.isdigit() and any(c.isdigit() for c in word) and not _ends_in_unit(word)
                     for _, word in words)
        with_digit = [any(c.isdigit() for c in word) and (not _ends_in_unit(word) or (hidden and word[-1] == "l"))
                      for _, word in words]
        readable = [
            has or (0 < i < len(words) - 1 and with_digit[i - 1] and with_digit[i + 1] and len(words[i][1]) <= 3
                    and not any(c.islower() for c in words[i][1]))
            for i, has in enumerate(with_digit)
        ]
        # A word that cannot be read ends the number: "ring 2O 4S 7I 9O So" reads up to "9O".
        part: list[tuple[int, str]] = []
        for word, ok in zip([*words, (0, "")], [*readable, False], strict=True):
            if ok:
                part.append(word)
                continue
            edits += _lookalike_part_edits(part, minimum)
            part = []
    return edits


def _lookalike_part_edits(words: list[tuple[int, str]], minimum: int = _LOOKALIKE_MIN_LENGTH) -> list[tuple[int, int, str]]:
    """Return the edits for one run of readable words, if it is `minimum` characters long or more."""
    length = sum(len(word) for _, word in words)
    digits = sum(c.isdigit() for _, word in words for c in word)
    if length < minimum or digits < _LOOKALIKE_MIN_DIGITS:
        return []
    return [(start, start + len(word), word.translate(_LOOKALIKE_TABLE)) for start, word in words if not word.isdigit()]


def _ends_in_unit(word: str) -> bool:
    """True for "100g", "1990s", "12B", "3l": digits and then a unit, a plural or a flat letter."""
    return len(word) >= 2 and word[-1] in "gslB" and word[-2].isdigit()


def _edit(view: Normalised, edits: list[tuple[int, int, str]]) -> Normalised:
    """Apply sorted, non-overlapping `edits` to `view.text`; the result still maps to the original.

    A replacement maps each of its characters to the original span of what it replaced; a
    deletion widens the span of the character before it, so "6️⃣" maps to all three code
    points. Edits that keep the length keep the offsets.
    """
    if not edits:
        return view
    text = view.text
    pieces: list[str] = []
    position = 0
    for start, end, replacement in edits:
        pieces += (text[position:start], replacement)
        position = end
    pieces.append(text[position:])
    new_text = "".join(pieces)
    if view.keeps_offsets and all(end - start == len(replacement) for start, end, replacement in edits):
        return Normalised(view.original, new_text)
    old_starts = view._starts if view._starts is not None else range(len(text))
    old_ends = view._ends if view._ends is not None else range(1, len(text) + 1)
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for start, end, replacement in edits:
        starts.extend(old_starts[position:start])
        ends.extend(old_ends[position:start])
        source_start, source_end = old_starts[start], old_ends[end - 1]
        if replacement:
            starts.extend([source_start] * len(replacement))
            ends.extend([source_end] * len(replacement))
        elif ends:
            ends[-1] = source_end
        position = end
    starts.extend(old_starts[position:])
    ends.extend(old_ends[position:])
    return Normalised(view.original, new_text, starts, ends)
