"""Safeguarding: self-harm, suicidal thoughts, abuse, neglect, sexual talk and grooming.

Two signals, each of which can be switched off to be measured alone (docs/screening.md):

* the rules (letters.screening.concepts): concepts written as lemma phrases and proximity
  rules in the `[concepts.*]` tables of the lexicon files;
* the learned model (letters.screening.model): a linear model over character and lemma
  n-grams of each sentence, trained on the development corpus and the lexicons' example
  sentences, which generalises to wordings the rules do not list.

Direction matters: the same words weigh differently when a mentor (an adult) writes them
to a child than when the child writes them (see `from_mentee` in the lexicon files).
"""

from __future__ import annotations

from letters.screening.concepts import Hit, find_concepts
from letters.screening.model import find_with_model
from letters.screening.normalise import Normalised, normalise
from letters.screening.tokens import sentence_bounds, tokenize

_RANK = {"none": 0, "hold": 1, "urgent": 2}


def merge_hits(hits: list[Hit]) -> list[Hit]:
    """Merge overlapping hits of the same concept into one, keeping the gravest severity.

    Hits of severity "none" are dropped first. Hits of different concepts stay apart even
    when they overlap ("asks me for pictures and says I can't tell anyone" is a photo request
    and a demand for secrecy), so the coordinator sees each concept. Returned by start offset.
    """
    merged: list[Hit] = []
    open_by_concept: dict[str, int] = {}
    for hit in sorted((h for h in hits if h.severity != "none"), key=lambda h: (h.start, -h.end)):
        index = open_by_concept.get(hit.concept)
        if index is not None and hit.start < merged[index].end:
            last = merged[index]
            best = hit if _RANK[hit.severity] > _RANK[last.severity] else last
            merged[index] = Hit(last.start, max(last.end, hit.end), hit.concept, best.severity, best.focus)
        else:
            open_by_concept[hit.concept] = len(merged)
            merged.append(hit)
    return merged


def find_safeguarding(text: str, *, language: str, author_role: str | None = None,
                      use_rules: bool = True, use_model: bool = True, model=None,
                      view: Normalised | None = None) -> list[Hit]:
    """Return safeguarding hits in `text` (merged, sorted), for a letter by `author_role`.

    `model` is a letters.screening.model.LinearModel to use instead of the shipped one
    (training measures its candidates so). `view` is `normalise(text, words=True)` when the
    caller has made it already (screen() shares the one it made for contact details).

    `author_role` is "mentor", "mentee" or None when unknown; unknown is weighed like a
    mentor for every concept except those whose lexicon table says otherwise.
    """
    # Words are read in the normalised word view ("s3cr3t", "pleeease", zero-width spaces),
    # and every hit is mapped back to what the author wrote.
    if view is None:
        view = normalise(text, words=True)
    tokens = tokenize(view.text, language)
    hits: list[Hit] = []
    if use_rules:
        hits += find_concepts(view.text, language=language, author_role=author_role, tokens=tokens)
    if use_model:
        hits += find_with_model(view.text, language=language, author_role=author_role, tokens=tokens, model=model)
    hits = widen_to_sentences(view.text, hits)
    if not view.is_identity:
        hits = [Hit(*view.original_span(h.start, h.end), h.concept, h.severity, view.original_span(*h.focus))
                for h in hits]
    return merge_hits(hits)


def widen_to_sentences(text: str, hits: list[Hit]) -> list[Hit]:
    """Return `hits` widened to the sentences they lie in, the recognised words kept as focus.

    A coordinator reads a concern in its sentence ("which school do you go to?", not "which
    school do you"), and two concerns in one sentence become one finding when merged. The
    excerpt shown beside the finding is centred on the focus, so it still says which words
    were recognised.
    """
    bounds = sentence_bounds(text)
    widened = []
    for hit in hits:
        start, end = hit.start, hit.end
        for s_start, s_end in bounds:
            if s_start <= hit.start < s_end:
                start = s_start + len(text[s_start:s_end]) - len(text[s_start:s_end].lstrip())
            if s_start < hit.end <= s_end:
                end = s_start + len(text[s_start:s_end].rstrip())
        widened.append(Hit(min(start, hit.start), max(end, hit.end), hit.concept, hit.severity, hit.focus or (hit.start, hit.end)))
    return widened
