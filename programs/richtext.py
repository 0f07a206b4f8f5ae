"""Sanitising rich text on the way in, and deriving its plain-text copy.

Rich text that coordinators write (readings) passes through `sanitize_html` before it is
stored, so templates may render the stored HTML as safe. Letters are plain text and never
pass through here: they are kept as typed and escaped on output (letters.text);
`plain_to_html` gives their escaped HTML rendering.
"""

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import bleach

#: Letters: paragraphs, line breaks, bold, italic, lists. Nothing that can link or load.
LETTER_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li"})
#: Readings may also have headings, quotes and links (to http/https/mailto only).
READING_TAGS = LETTER_TAGS | {"h2", "h3", "h4", "blockquote", "a"}
READING_ATTRIBUTES = {"a": ["href", "title"]}

_BLOCK_TAGS = {"p", "li", "h2", "h3", "h4", "blockquote", "ul", "ol"}
_TAG = re.compile(r"<[a-zA-Z/!]")


@dataclass(frozen=True)
class SanitizedText:
    html: str
    text: str


class _TextExtractor(HTMLParser):
    """Collect the text of sanitised HTML, with a newline per line break and block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "li" else "")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(sanitized_html: str) -> str:
    """Return the plain text of sanitised HTML, paragraphs separated by blank lines."""
    extractor = _TextExtractor()
    extractor.feed(sanitized_html)
    extractor.close()
    text = "".join(extractor.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def plain_to_html(text: str) -> str:
    """Return escaped HTML for plain text: blank lines start paragraphs, newlines break lines."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if p.strip()]
    return "".join("<p>" + html.escape(p.strip()).replace("\n", "<br>") + "</p>" for p in paragraphs)


def sanitize_html(raw: str, *, tags=LETTER_TAGS, attributes=None) -> SanitizedText:
    """Return `raw` cleaned to the allowed `tags`, and its plain-text copy.

    Text without any markup is treated as plain text typed into a textarea, so its line
    breaks survive. Disallowed tags are stripped (their text kept); script and style
    contents are dropped entirely.
    """
    raw = raw or ""
    if not _TAG.search(raw):
        raw = plain_to_html(raw)
    raw = re.sub(r"(?is)<(script|style|template)\b.*?</\1\s*>", "", raw)
    cleaned = bleach.clean(
        raw,
        tags=set(tags),
        attributes=attributes or {},
        protocols={"http", "https", "mailto"},
        strip=True,
        strip_comments=True,
    )
    if "a" in tags:
        cleaned = bleach.linkify(cleaned, callbacks=[_link_rel], parse_email=False, skip_tags={"a"})
    return SanitizedText(html=cleaned.strip(), text=html_to_text(cleaned))


def _link_rel(attrs, new=False):
    attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs
