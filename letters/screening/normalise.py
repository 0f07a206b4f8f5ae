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
  between two digit groups becomes a space, so "0612⏎884201" reads as one run. Case and
  accents are kept (street names are recognised by their capital letter); `folded` gives
  the same text through `text.fold()`.
* ``normalise(text, words=True)`` — the *word* view: the contact view plus leetspeak read
  as letters, only between letters of one word ("s3cr3t" → "secret", while "b2011",
  "4th" and "2 000" keep their digits), and runs of three or more of the same letter
  collapsed to one ("snaaap" → "snap", "pleeease" → "please"). Use it for words, never
  for digits or handles.

Both are one pass over the letter in Python, plus a look at the few places where a line
break, comma or digit inside a word sits. A plain ASCII letter with none of these is
returned as an identity view without copying anything, which is the common case.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property, lru_cache

from letters.screening.text import fold

#: Leetspeak digits read as letters inside a word.
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g", "@": "a", "$": "s"}

#: Characters read as a digit sequence that Unicode gives no digit value.
_EMOJI_NUMBERS = {"\U0001F51F": "10"}  # 🔟 keycap ten

#: Characters whose compatibility form would change how a sentence reads ("…" → "...").
_KEEP_AS_IS = frozenset("…‥")

_LINE_BREAKS = "\n\r\u2028\u2029\x0b\x0c\x85"

# Whole-text checks for the fast path: does this ASCII letter need any work at all?
_CONTACT_WORK_RE = re.compile(r"\d[ \t]*[\r\n][ \t\r\n]*\d|\d,\d")
_WORD_WORK_RE = re.compile(r"[^\W\d_][0134579@$]{1,2}[^\W\d_]|([^\W\d_])\1\1", re.IGNORECASE)


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

    `text[i]` came from `original[starts[i]:ends[i]]`. For an identity view the maps are
    not built and every offset maps to itself.
    """

    __slots__ = ("original", "text", "_starts", "_ends", "__dict__")

    def __init__(self, original: str, text: str, starts: list[int] | None, ends: list[int] | None) -> None:
        self.original = original
        self.text = text
        self._starts = starts
        self._ends = ends

    @property
    def is_identity(self) -> bool:
        """True if the text needed no change, so offsets are the original's."""
        return self._starts is None

    @cached_property
    def folded(self) -> str:
        """The normalised text lower-cased and without accents (same length as `text`)."""
        return fold(self.text)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of the original text that `text[start:end]` was made from.

        Precondition: 0 <= start <= end <= len(text). An empty span maps to an empty span.
        """
        if self._starts is None or start >= end:
            if self._starts is not None:
                position = self._starts[start] if start < len(self._starts) else len(self.original)
                return position, position
            return start, end
        return self._starts[start], self._ends[end - 1]

    def original_spans(self, spans):
        """Map every (start, end) of `spans` back to the original text."""
        if self._starts is None:
            return list(spans)
        return [self.original_span(start, end) for start, end in spans]


def normalise(text: str, *, words: bool = False) -> Normalised:
    """Return the contact view of `text`, or with `words=True` the word view (module docstring)."""
    if text.isascii() and not _CONTACT_WORK_RE.search(text) and not (words and _WORD_WORK_RE.search(text)):
        return Normalised(text, text, None, None)
    chars, starts, ends = _map_characters(text)
    _join_digit_groups(chars)
    if words:
        chars, starts, ends = _read_words(chars, starts, ends)
    return Normalised(text, "".join(chars), starts, ends)


def _map_characters(text: str) -> tuple[list[str], list[int], list[int]]:
    """Replace every character by its normal form, remembering each output's source span.

    A dropped (invisible) character is added to the span of the character before it, so
    that "6️⃣" maps back to all three code points.
    """
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        if char < "\x80":
            normal = "\n" if char == "\r" else char
        else:
            normal = _normal_form(char)
        if not normal:
            if ends:
                ends[-1] = index + 1
            continue
        if normal == "\n" and char == "\r" and index + 1 < len(text) and text[index + 1] == "\n":
            continue  # "\r\n" is one line break; the "\n" that follows is kept
        for piece in normal:
            chars.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return chars, starts, ends


def _join_digit_groups(chars: list[str]) -> None:
    """Turn line breaks and bare commas between digit groups into spaces, in place.

    "0612⏎884201" and "06,12,34,56,78" become runs a phone reader can join. A comma before
    exactly three digits is a thousands separator ("1,000,000") and stays a comma.
    """
    length = len(chars)
    for index, char in enumerate(chars):
        if char == "," and 0 < index < length - 1 and chars[index - 1].isdigit() and chars[index + 1].isdigit():
            group = 0
            while index + 1 + group < length and chars[index + 1 + group].isdigit():
                group += 1
            if group != 3:
                chars[index] = " "
        elif char == "\n":
            before = index - 1
            while before >= 0 and chars[before] in " \t\n":
                before -= 1
            after = index + 1
            while after < length and chars[after] in " \t\n":
                after += 1
            if before >= 0 and after < length and chars[before].isdigit() and chars[after].isdigit():
                chars[index] = " "


def _read_words(chars: list[str], starts: list[int], ends: list[int]) -> tuple[list[str], list[int], list[int]]:
    """Read leetspeak inside words as letters and collapse stretched letters (word view)."""
    length = len(chars)
    for index, char in enumerate(chars):
        if char in LEET and 0 < index < length - 1 and chars[index - 1].isalpha():
            # One or two leet characters with letters on both sides: "sn4p", "l33t", "h4x0r".
            after = index + 1
            if after < length and chars[after] in LEET and not chars[after].isalpha():
                after += 1
            if after < length and chars[after].isalpha():
                for position in range(index, after):
                    chars[position] = LEET[chars[position]]
    out_chars: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    index = 0
    while index < length:
        char = chars[index]
        run_end = index + 1
        if char.isalpha():
            lower = char.lower()
            while run_end < length and chars[run_end].lower() == lower:
                run_end += 1
            if run_end - index < 3:
                run_end = index + 1  # "good", "all": a double letter is spelling, not stretching
        # A run of three or more identical letters becomes one: "snaaap" → "snap".
        out_chars.append(char)
        out_starts.append(starts[index])
        out_ends.append(ends[run_end - 1])
        index = run_end
    return out_chars, out_starts, out_ends
