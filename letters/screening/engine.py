"""`screen()`: run every matcher over one letter and assemble its findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from letters.models import FindingKind, FindingSeverity
from letters.screening.addresses import find_addresses
from letters.screening.blocked import WATCH_WORD_CONCEPT, find_watch_words
from letters.screening.links import find_emails, find_urls
from letters.screening.normalise import Normalised, normalise, word_view
from letters.screening.phones import find_phones
from letters.screening.safeguarding import find_safeguarding
from letters.screening.social import find_social, platforms_after_contact
from letters.screening.text import fold

LANGUAGES = ("en", "da", "nb", "fr")

#: Longest excerpt shown to a coordinator next to a finding.
EXCERPT_LENGTH = 80


@dataclass(frozen=True)
class Finding:
    """One thing screening found, at text[start:end]."""

    kind: str
    start: int
    end: int
    severity: str
    excerpt: str
    #: For safeguarding and watch-word findings, what was recognised (e.g. "grooming.secrecy");
    #: shown to the coordinator so that a finding explains itself. Empty for contact details.
    concept: str = ""


SEVERITY = {kind: FindingSeverity.HOLD for kind in FindingKind}
SEVERITY[FindingKind.SAFEGUARDING] = FindingSeverity.URGENT


def _excerpt(text: str, start: int, end: int) -> str:
    """Return at most EXCERPT_LENGTH characters of `text` around [start, end), on one line."""
    if end - start >= EXCERPT_LENGTH:
        left, right = start, start + EXCERPT_LENGTH
    else:
        left = max(0, start - (EXCERPT_LENGTH - (end - start)) // 2)
        right = min(len(text), left + EXCERPT_LENGTH)
        left = max(0, right - EXCERPT_LENGTH)
    return " ".join(text[left:right].split())


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping or touching spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _outside(spans: Iterable[tuple[int, int]], cover: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Yield the spans that do not overlap any span in `cover`."""
    for start, end in spans:
        if not any(start < c_end and c_start < end for c_start, c_end in cover):
            yield start, end


def _contact_spans(view: Normalised, words: Normalised, *, language: str,
                   countries: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Return the contact-detail spans of a letter by kind, as offsets into the original text.

    The matchers read the normalised view (keycap and full-width digits, invisible
    characters, numbers broken over lines); handles and platform names are also read on
    the word view `words` (leetspeak, stretched letters), made from `view` by word_view().
    `countries` are the program's screening
    countries, its own first: phone numbers and postcodes of every one of them are read.
    """
    ntext, nfolded = view.text, view.folded
    emails = _merge(find_emails(ntext, nfolded))
    urls = _merge(_outside(find_urls(ntext, nfolded), emails))
    # A handle inside an e-mail or a link ("youtube.com/@name") is part of that finding.
    phones = _merge(find_phones(ntext, nfolded, language=language, regions=countries,
                                disguised=view.has_disguised_digit))
    social = [*find_social(ntext, nfolded, language=language), *platforms_after_contact(nfolded, phones + emails)]
    social = view.original_spans(social)
    if words.text != view.text:
        social += words.original_spans(find_social(words.text, words.folded, language=language))
    emails, urls = view.original_spans(emails), view.original_spans(urls)
    return {
        FindingKind.PHONE: _merge(view.original_spans(phones)),
        FindingKind.EMAIL: emails,
        FindingKind.URL: urls,
        FindingKind.SOCIAL: _merge(_outside(social, emails + urls)),
        FindingKind.ADDRESS: _merge(
            view.original_spans(find_addresses(ntext, nfolded, language=language, regions=countries))
        ),
    }


def screen(
    text: str,
    *,
    language: str,
    region: str | None = None,
    regions: Iterable[str] = (),
    blocked_terms: Iterable[str] = (),
    watch_terms: Iterable[tuple[str, str]] = (),
    author_role: str | None = None,
    use_rules: bool = True,
    use_model: bool = True,
) -> list[Finding]:
    """Return what screening finds in `text`, sorted by start offset.

    `language` is one of LANGUAGES (others are read as English). `region` and `regions` are
    ISO country codes whose national phone numbers and postcodes are read: the program's
    countries and the author's own, when known (`region` alone is the older single-country
    form, still accepted). `watch_terms` are the program's watch words as (term, severity)
    pairs, severity "hold" or "urgent"; `blocked_terms` (the older form) are watch words that
    hold. Watch-word findings are of kind blocked_term, with their severity and the concept
    "watch_word".
    `author_role` is "mentor", "mentee" or None (unknown): an adult's grooming move to a
    child is urgent, the same words from the child may only need a look. `use_rules` and
    `use_model` switch the rule-based and the learned safeguarding signals, so that each can be
    measured alone (docs/screening.md); production uses both.
    """
    if language not in LANGUAGES:
        language = "en"
    countries = list(dict.fromkeys(code.upper() for code in (region, *regions) if code)) or ["GB"]
    view = normalise(text)
    # The word view is made once and read by both the social matcher and safeguarding:
    # normalise(text, words=True) is word_view(normalise(text)), so sharing it saves a
    # second pass over the letter without changing what either reads.
    words = word_view(view)
    # Most letters need no normalising; their folded text is then shared with the other matchers.
    folded = view.folded if view.is_identity else fold(text)
    contact = _contact_spans(view, words, language=language, countries=countries)
    spans_by_kind = {
        **contact,
    }
    findings = [
        Finding(kind=str(kind), start=start, end=end, severity=str(SEVERITY[kind]), excerpt=_excerpt(text, start, end))
        for kind, spans in spans_by_kind.items()
        for start, end in spans
    ]
    watched = [*((term, FindingSeverity.HOLD) for term in blocked_terms), *watch_terms]
    findings.extend(
        Finding(kind=str(FindingKind.BLOCKED_TERM), start=start, end=end, severity=str(severity),
                excerpt=_excerpt(text, start, end), concept=WATCH_WORD_CONCEPT)
        for start, end, severity in find_watch_words(folded, watched)
    )
    findings += [
        Finding(kind=str(FindingKind.SAFEGUARDING), start=hit.start, end=hit.end, severity=hit.severity,
                excerpt=_excerpt(text, *(hit.focus or (hit.start, hit.end))), concept=hit.concept)
        for hit in find_safeguarding(text, language=language, author_role=author_role,
                                     use_rules=use_rules, use_model=use_model, view=words)
    ]
    findings.sort(key=lambda f: (f.start, f.end, f.kind))
    return findings
