"""What a letter's text is, how long it is, and the words used when its length is wrong.

A letter is plain text, kept exactly as its author typed it (only line endings are made
uniform, so that character positions mean the same in the database, the page and the
browser). It is escaped whenever it is shown; nothing in it is ever read as markup.

A letter's length is what its author sees: user-perceived characters (Unicode grapheme
clusters), so "é" typed as e + accent is one, a family emoji is one and twelve emoji are
twelve. The editor's counter (frontend/static/frontend/draft.js, Intl.Segmenter) counts
the same way, and shows the very messages below, so the page and the server always agree
on the number and the words.
"""

import regex
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

#: One user-perceived character (an extended grapheme cluster, UAX #29).
_GRAPHEME = regex.compile(r"\X")

#: How far past its program's letter limit a draft may still be kept on the server: room
#: to paste a long text and shorten it. The limit itself is the program's one setting.
DRAFT_ALLOWANCE = 2


def normalise_newlines(text: str) -> str:
    """Return `text` with every line ending (CRLF, CR) written as one LF.

    Browsers post a textarea's line breaks as CRLF but show them as one character; with
    one LF the positions of screening findings and redactions match what the page shows.
    """
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def letter_length(text: str) -> int:
    """Return the number of user-perceived characters in `text`, leading and trailing space aside."""
    return len(_GRAPHEME.findall((text or "").strip()))


def fits_draft_storage(text: str, limit: int) -> bool:
    """Return True if a draft of `text` may be kept on the server under a letter limit of `limit`."""
    allowed = limit * DRAFT_ALLOWANCE
    # A grapheme is one code point or more: a text with few code points fits without counting.
    return len(text) <= allowed or letter_length(text) <= allowed


def _too_short(missing: int, shown) -> str:
    return ngettext(
        "Your letter is a little short: write at least %(count)s more character.",
        "Your letter is a little short: write at least %(count)s more characters.",
        missing,
    ) % {"count": shown}


def _too_long(extra: int, shown) -> str:
    return ngettext(
        "Your letter is %(count)s character too long. Shorten it, or split it into two letters.",
        "Your letter is %(count)s characters too long. Shorten it, or split it into two letters.",
        extra,
    ) % {"count": shown}


def too_short_message(missing: int) -> str:
    """Return the message for a letter `missing` characters short of its program's shortest letter."""
    return _too_short(missing, missing)


def too_long_message(extra: int) -> str:
    """Return the message for a letter `extra` characters over its program's longest letter."""
    return _too_long(extra, extra)


def empty_message() -> str:
    """Return the message for a letter with nothing in it."""
    return _("Your letter is empty. Write something before you send it.")


def length_problem_of(text: str, *, minimum: int, maximum: int) -> str | None:
    """Return why `text` breaks the limits [minimum, maximum], or None if it fits."""
    length = letter_length(text)
    if length == 0:
        return empty_message()
    if length < minimum:
        return too_short_message(minimum - length)
    if length > maximum:
        return too_long_message(length - maximum)
    return None


def counter_messages() -> dict[str, str]:
    """Return the length messages with a "{count}" placeholder, for the editor's counter.

    One form for a count of 1 and one for any other count: in the site's languages
    (English, Danish, Norwegian, French) the counts these messages take (1 and up) need
    no more. The placeholder goes in through %(count)s, so translators keep one string.
    """
    return {
        "short_one": _too_short(1, "{count}"), "short_other": _too_short(2, "{count}"),
        "long_one": _too_long(1, "{count}"), "long_other": _too_long(2, "{count}"),
        "empty": empty_message(),
    }
