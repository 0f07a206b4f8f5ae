"""Safeguarding concepts: phrases and proximity rules over lemmatised words.

The words live in the `[concepts.*]` tables of letters/screening/lexicon/<language>.toml;
this module only knows how to read and apply them. One concept table may hold:

``said``       phrases that are the concern itself when the author writes them: a
               disclosure ("cut myself") or a move made to the reader ("send me a photo").
``reported``   phrases in which the author reports what someone did to them ("he keeps
               asking me for pictures"): a disclosure, urgent whoever writes it.
``cover_story``
               phrases in which the author tells of the harmless explanation given for an
               injury ("mum told the doctors I fell off the trampoline", "she said to say I
               fell if anyone asks"): urgent whoever writes them, and never silenced by
               `unless`, because a cover story names the harmless activity on purpose.
``near``       pairs of phrases that together are the concern when they occur within
               ``within`` words of each other, in either order ("present" near "school");
               a third element sets that pair's own distance (["tickets", "thought of
               you", 25]: an offer often follows a sentence later).
``unless``     phrases that silence a match they overlap or come within two words of, in the
               same sentence ("die of boredom").
``unless_sentence``
               phrases that silence every `said` and `near` match in the same sentence: the
               frame a sentence is written in ("the program's rules say we can't meet",
               "in the book ..."). A `reported` match is never silenced so. The learned
               model's finding of the concept in such a sentence is dropped too
               (`is_framed`), unless it is a child telling what was done to them.
``from_mentee``, ``from_unknown``
               what a ``said`` match weighs when a child wrote it, or when nobody told us
               who did: "urgent", "hold" or "none". From a mentor it is always urgent.
``exemplars``, ``counter_examples``
               example sentences for training the learned model (letters.screening.model);
               the rules never read them.

The table ``[concepts.words]`` is not a concept: it names word groups that phrases use as
``{group}``.

The file's ``[told_back]`` tables say how a letter that tells a disclosure back is read
(`ConceptLexicon.find_told_back`): in a mentor's letter "you" reads "I" or "me" and "your"
"my" (``second_person``); in every letter "herself" reads "myself" (``reflexive``, English
only: "sig", "seg" and "se" stand in too many everyday verbs). The disclosure concepts are
matched a second time on that reading, so "you told me you've been cutting yourself" meets
the child's own phrase "cutting ... myself".

Phrase syntax, one phrase per string, words separated by spaces:

* ``tell`` matches the word in any form the lemmatiser knows ("tells", "told") and, for
  words of six letters or more, with one letter wrong, missing or extra ("secert",
  "enyone"), though never the first letter.
* ``hit|hits|beat`` is any one of those words; ``selvmord*`` any word starting so.
* ``{parent}`` is any entry of that word group; entries may be several words.
* ``=ring`` matches only that written form, not its other forms ("rang") nor a typo: for
  words whose other forms mean something else ("ring me" asks; "she rang me" tells).
* A ``said`` phrase that starts with ``!`` says the concern outright ("!take|taking my own
  life"): no ``unless`` phrase silences it, whatever time, place or event stands next to it
  ("I'm going to take my life after the showcase"). ``unless_sentence`` frames still do ("in
  the film he takes his own life").
* Between two words up to one other word may stand ("don't tell *your* mum"); ``...``
  allows up to eight ("keep *this whole thing a* secret").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import NamedTuple

from letters.screening.lexicon import lexicon
from letters.screening.text import fold
from letters.screening.tokens import Token, lemma_of, sentence_bounds, tokenize

#: Concept names a table may carry (CONCEPT_LABELS in letters.models translates them).
CONCEPTS = (
    "self_harm",
    "suicidal",
    "abuse",
    "neglect",
    "sexual",
    "grooming.secrecy",
    "grooming.flattery",
    "grooming.meeting",
    "grooming.gift",
    "grooming.photo",
    "grooming.platform",
    "grooming.personal_info",
    "exploitation",
)
#: The concepts a child discloses about themselves. A mentor who tells such a disclosure back
#: ("you told me you've been hurting yourself") is read in the child's words as well
#: (`ConceptLexicon.find_told_back`); an adult's own moves (grooming) are not.
DISCLOSURES = frozenset({"self_harm", "suicidal", "abuse", "neglect", "sexual", "exploitation"})
#: How far apart the two halves of a `near` rule may be, in words, unless the table says.
NEAR_WITHIN = 10
#: How many other words may stand between two words of a phrase; "..." allows LONG_GAP.
SHORT_GAP, LONG_GAP = 1, 8
#: Typo tolerance applies to words at least this long (shorter ones collide too easily:
#: "named" is one letter from "naked"), and never to a word's first letter.
TYPO_MIN_LENGTH = 6
SEVERITIES = ("none", "hold", "urgent")
#: An `unless` phrase silences a match it overlaps or that lies within this many words of it.
UNLESS_REACH = 2


class Hit(NamedTuple):
    """One concept recognised at text[start:end], with the severity for this author.

    `focus` is the (start, end) of the words that were recognised when the span has been
    widened to their sentence (letters.screening.safeguarding); None means the whole span.
    """

    start: int
    end: int
    concept: str
    severity: str
    focus: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Word:
    """One word position of a phrase: the forms it accepts, and an optional prefix."""

    forms: frozenset[str]
    prefix: str | None = None
    exact: bool = False


@dataclass(frozen=True)
class _Slot:
    """One position of a phrase: alternatives, each a run of words; `gap` words may precede it.

    `single` holds the forms of every one-word, non-prefix alternative, so that the common
    case is one set intersection; `runs` holds the other alternatives. `reachable` is every
    form some alternative can start with, and `open_ended` says an alternative starts with a
    prefix word: a letter holding none of `reachable` cannot match the slot unless it is open-ended.
    `run_heads` is every form a run can start with: a word holding none of them starts no run
    (unless the slot is open-ended), which spares trying each run at most words of a letter.
    """

    alternatives: tuple[tuple[_Word, ...], ...]
    gap: int
    single: frozenset[str] = frozenset()
    runs: tuple[tuple[_Word, ...], ...] = ()
    reachable: frozenset[str] = frozenset()
    open_ended: bool = False
    run_heads: frozenset[str] = frozenset()

    @classmethod
    def of(cls, alternatives: tuple[tuple[_Word, ...], ...], gap: int) -> _Slot:
        def simple(run: tuple[_Word, ...]) -> bool:
            return len(run) == 1 and run[0].prefix is None and not run[0].exact

        single = frozenset().union(*(run[0].forms for run in alternatives if simple(run)))
        runs = tuple(run for run in alternatives if not simple(run))
        run_heads = frozenset().union(*(run[0].forms for run in runs if run[0].prefix is None))
        return cls(alternatives, gap, single, runs, single | run_heads,
                   any(run[0].prefix is not None for run in runs), run_heads)


@dataclass(frozen=True)
class _Phrase:
    """A compiled phrase; `first_forms`/`first_prefixes` say where a match can start.

    `anchor` is the index of a later slot that must find one of its forms in the letter (the
    rarest such slot; None when there is none), and `reach` the furthest, in words after the
    start of a match, that slot can begin: a start with no word of the anchor within reach
    after it cannot begin a match (`_matches` passes over it without trying the slots).
    """

    slots: tuple[_Slot, ...]
    first_forms: frozenset[str]
    first_prefixes: tuple[str, ...]
    anchor: int | None = None
    reach: int = 0
    #: Said outright ("!" in the lexicon): never silenced by an `unless` phrase.
    outright: bool = False

    @classmethod
    def of(cls, slots: tuple[_Slot, ...]) -> _Phrase:
        starts = [run[0] for run in slots[0].alternatives]
        later = [i for i in range(1, len(slots)) if not slots[i].open_ended]
        anchor = min(later, key=lambda i: _commonness(slots[i]), default=None)
        # Slot i begins at most (the longest alternative of slot i-1) + (slot i's gap) words
        # after slot i-1 began; the first slot begins at the start itself.
        reach = sum(max(map(len, slots[i - 1].alternatives)) + slots[i].gap for i in range(1, (anchor or 0) + 1))
        return cls(slots, frozenset().union(*(w.forms for w in starts)),
                   tuple(w.prefix for w in starts if w.prefix is not None), anchor, reach)


@dataclass
class _Concept:
    name: str
    said: list[_Phrase] = field(default_factory=list)
    reported: list[_Phrase] = field(default_factory=list)
    cover_story: list[_Phrase] = field(default_factory=list)
    near: list[tuple[_Phrase, _Phrase, int]] = field(default_factory=list)
    unless: list[_Phrase] = field(default_factory=list)
    unless_sentence: list[_Phrase] = field(default_factory=list)
    from_mentee: str = "urgent"
    from_unknown: str = "urgent"


class PhraseError(ValueError):
    """A phrase in a lexicon file cannot be read (raised when the file is loaded)."""


def concept_tables(data: dict, prefix: str = "") -> Iterable[tuple[str, dict]]:
    """Yield (name, table) for each concept table under `data`, flattening dotted names.

    `[concepts.grooming.secrecy]` is a nested table in TOML; its name here is
    "grooming.secrecy". The `words` table is skipped: it holds word groups, not a concept.
    """
    for key, value in data.items():
        if not isinstance(value, dict) or (not prefix and key == "words"):
            continue
        name = f"{prefix}{key}"
        if any(k in value for k in ("said", "reported", "cover_story", "near", "exemplars")):
            yield name, value
        yield from concept_tables(value, f"{name}.")


class ConceptLexicon:
    """The compiled `[concepts]` section of one language's lexicon file."""

    def __init__(self, language: str, data: dict, told_back: dict | None = None):
        """Compile `data`, a lexicon file's `[concepts]` section, and `told_back`, its
        `[told_back]` section (which words read as which when a letter tells a disclosure back)."""
        self.language = language
        self.groups = {name: list(words) for name, words in data.get("words", {}).items()}
        self.vocabulary: set[str] = set()
        self.concepts: list[_Concept] = []
        for name, table in concept_tables(data):
            if name not in CONCEPTS:
                raise PhraseError(f"{language}.toml: unknown concept {name!r}")
            concept = _Concept(
                name=name,
                said=[self._phrase(p) for p in table.get("said", ())],
                reported=[self._phrase(p) for p in table.get("reported", ())],
                cover_story=[self._phrase(p) for p in table.get("cover_story", ())],
                near=[
                    (self._phrase(pair[0]), self._phrase(pair[1]),
                     int(pair[2]) if len(pair) > 2 else int(table.get("within", NEAR_WITHIN)))
                    for pair in table.get("near", ())
                ],
                unless=[self._phrase(p) for p in table.get("unless", ())],
                unless_sentence=[self._phrase(p) for p in table.get("unless_sentence", ())],
                from_mentee=table.get("from_mentee", "urgent"),
                from_unknown=table.get("from_unknown", "urgent"),
            )
            for severity in (concept.from_mentee, concept.from_unknown):
                if severity not in SEVERITIES:
                    raise PhraseError(f"{language}.toml: {name}: severity {severity!r} is not one of {SEVERITIES}")
            self.concepts.append(concept)
        self._disclosures = [concept for concept in self.concepts if concept.name in DISCLOSURES]
        told_back = told_back or {}
        self._second_person = self._readings(told_back.get("second_person", {}))
        self._reflexive = self._readings(told_back.get("reflexive", {}))
        self._typo_index = self._build_typo_index()
        self._phrase_index = _PhraseIndex(self.concepts)
        self._forms_cache: dict[str, frozenset[str]] = {}
        self._plain_forms_cache: dict[str, frozenset[str]] = {}

    # ---------------------------------------------------------------- compiling phrases

    def _word(self, spec: str) -> _Word:
        """Compile one word of a phrase ("tell", "selvmord*"): its surface form and lemma."""
        if spec.endswith("*") and len(spec) > 1:
            return _Word(frozenset(), fold(spec[:-1].lower()))
        forms = self._written_and_lemma(spec)
        self.vocabulary.update(forms)
        return _Word(frozenset(forms))

    def _written_and_lemma(self, word: str) -> tuple[str, str]:
        """Return how `word` is read in a letter: its folded written form, apostrophes dropped
        as the tokenizer drops them ("don't" is dont), and its lemma in this language."""
        lower = word.lower()
        return fold(lower).replace("'", "").replace("’", ""), lemma_of(lower, self.language)

    def _exact(self, spec: str) -> tuple[_Word, ...]:
        """Compile "=word" (or "=two words"): the written forms only, no lemma, no typo."""
        return tuple(_Word(frozenset({t.norm}), exact=True) for t in tokenize(spec[1:], self.language))

    def _words(self, text: str) -> tuple[_Word, ...]:
        """Compile a run of words ("the coordinator") with the same tokenizer letters get."""
        if text.startswith("="):
            words = self._exact(text)
            if not words:
                raise PhraseError(f"{self.language}.toml: empty word in a phrase")
            return words
        words = tuple(self._word(t.lower) for t in tokenize(text, self.language))
        if not words:
            raise PhraseError(f"{self.language}.toml: empty word in a phrase")
        return words

    def _alternatives(self, spec: str) -> tuple[tuple[_Word, ...], ...]:
        """Compile "a|b|{group}|prefix*" into the runs of words it accepts."""
        alternatives = []
        for option in spec.split("|"):
            if option.startswith("{") and option.endswith("}"):
                group = option[1:-1]
                if group not in self.groups:
                    raise PhraseError(f"{self.language}.toml: unknown word group {{{group}}}")
                alternatives.extend(self._words(entry) if " " in entry or entry.startswith("=") else (self._word(entry),)
                                    for entry in self.groups[group])
            elif option.startswith("="):
                alternatives.append(self._words(option))
            elif option.endswith("*"):
                alternatives.append((self._word(option),))
            else:
                alternatives.append(self._words(option))
        return tuple(alternatives)

    def _phrase(self, phrase: str) -> _Phrase:
        """Compile one phrase of the lexicon into slots (see the module docstring)."""
        outright = phrase.startswith("!")
        phrase = phrase.removeprefix("!")
        slots, gap = [], 0
        for spec in phrase.split():
            if spec == "...":
                gap = LONG_GAP
                continue
            slots.append(_Slot.of(self._alternatives(spec), gap))
            gap = SHORT_GAP
        if not slots:
            raise PhraseError(f"{self.language}.toml: empty phrase")
        return replace(_Phrase.of(tuple(slots)), outright=True) if outright else _Phrase.of(tuple(slots))

    def _readings(self, table: dict[str, list[str]]) -> dict[str, tuple[str, frozenset[str]]]:
        """Compile a `[told_back]` table: each written form, the written form it is read as
        (its first reading), and every form it is read as (its readings and their lemmas)."""
        compiled = {}
        for word, readings in table.items():
            forms = [self._written_and_lemma(reading) for reading in readings]
            compiled[fold(word.lower())] = (forms[0][0], frozenset(form for pair in forms for form in pair))
        return compiled

    # ---------------------------------------------------------------- matching

    def _build_typo_index(self) -> dict[str, set[str]]:
        """Map each vocabulary word, and the word with any one letter deleted, to the word."""
        index: dict[str, set[str]] = {}
        for word in self.vocabulary:
            if len(word) >= TYPO_MIN_LENGTH:
                for variant in {word, *_deletions(word)}:
                    index.setdefault(variant, set()).add(word)
        return index

    def forms(self, token: Token) -> frozenset[str]:
        """Return every form `token` may stand for: itself, its lemma, and near-miss spellings."""
        cached = self._forms_cache.get(token.lower)
        if cached is not None:
            return cached
        forms = {token.norm, lemma_of(token.lower, self.language)}
        if len(token.norm) >= TYPO_MIN_LENGTH - 1 and token.norm not in self.vocabulary:
            for variant in (token.norm, *_deletions(token.norm)):
                forms.update(w for w in self._typo_index.get(variant, ()) if w[0] == token.norm[0])
        result = frozenset(forms)
        if len(self._forms_cache) < 50000:
            self._forms_cache[token.lower] = result
        return result

    def plain_forms(self, token: Token) -> frozenset[str]:
        """Return `token` and its lemma in this language, without near-miss spellings.

        Used when this lexicon reads a letter in another language (English phrases in a
        Danish letter); cached like `forms`, as every letter asks it of every word.
        """
        cached = self._plain_forms_cache.get(token.lower)
        if cached is not None:
            return cached
        result = frozenset((token.norm, lemma_of(token.lower, self.language)))
        if len(self._plain_forms_cache) < 50000:
            self._plain_forms_cache[token.lower] = result
        return result

    def find(self, tokens: list[Token], *, author_role: str | None,
             sentence_of: list[int] | None = None, typos: bool = True) -> list[Hit]:
        """Return the concepts this lexicon recognises in `tokens`, weighed for `author_role`.

        `sentence_of[i]` is the number of the sentence token i is in; without it the whole
        letter is one sentence. A phrase never spans two sentences, and `unless_sentence`
        frames silence their own sentence. With `typos` false, words match only by their
        written form and lemma: used when English phrases read a letter in another language,
        where a near-miss spelling is usually a word of that language ("échanger").
        """
        if not tokens:
            return []
        forms = [self.forms(t) if typos else self.plain_forms(t) for t in tokens]
        return self._find(tokens, forms, self.concepts, author_role=author_role,
                          sentence_of=sentence_of or [0] * len(tokens))

    def find_told_back(self, tokens: list[Token], *, author_role: str | None,
                       sentence_of: list[int] | None = None, typos: bool = True) -> list[Hit]:
        """Return the disclosures `tokens` tell back in the second or third person.

        A mentor writes a child's disclosure back to them ("you told me you've been hurting
        yourself", "your stepdad grabbed you by the hair"), and a child tells a friend's or a
        sibling's ("my sister burns herself"). The phrases are written in the child's first
        person; here the letter is read so, by the `[told_back]` table: in a mentor's letter
        "you" reads "I" or "me" and "your" reads "my"; in every letter "herself" reads
        "myself". Only the DISCLOSURES concepts are read this way, weighed as if the child had
        written the words. Returns nothing when the letter holds no such word. A phrase's word
        that asks for a written form (`=meg`) meets the first reading ("deg" reads "meg").
        """
        readings = {**self._reflexive, **(self._second_person if author_role == "mentor" else {})}
        if not tokens or not readings or not any(t.norm in readings for t in tokens):
            return []
        told, forms = [], []
        for token in tokens:
            reading = readings.get(token.norm)
            if reading is None:
                told.append(token)
                forms.append(self.forms(token) if typos else self.plain_forms(token))
            else:
                told.append(token._replace(norm=reading[0]))
                forms.append(reading[1])
        return self._find(told, forms, self._disclosures, author_role="mentee",
                          sentence_of=sentence_of or [0] * len(tokens))

    def _find(self, tokens: list[Token], forms: list[frozenset[str]], concepts: list[_Concept], *,
              author_role: str | None, sentence_of: list[int]) -> list[Hit]:
        """Match `concepts` against `tokens` read as `forms` (one set per token): `find`'s work."""
        letter = _Letter(tokens, forms, sentence_of, self._phrase_index)
        # Of a lexicon's phrases a letter can match only a few dozen: `candidates` leaves the
        # others out before any of them is tried (most concepts have hundreds).
        candidates = letter.candidates
        hits = []
        for concept in concepts:
            said_severity = {"mentor": "urgent", "mentee": concept.from_mentee}.get(author_role, concept.from_unknown)
            ranges = []  # (match, severity, said outright)
            if said_severity != "none":
                said = [(r, p.outright) for p in candidates(concept.said) for r in _matches(p, letter)]
                said += [(r, False) for a, b, within in concept.near for r in _near(a, b, within, letter)]
                if said and concept.unless_sentence:
                    framed = {sentence_of[first] for p in candidates(concept.unless_sentence)
                              for first, _ in _matches(p, letter)}
                    said = [(r, outright) for r, outright in said if sentence_of[r[0]] not in framed]
                ranges += [(r, said_severity, outright) for r, outright in said]
            ranges += [(r, "urgent", False) for p in candidates(concept.reported) for r in _matches(p, letter)]
            # A cover story is never silenced: "I fell off the trampoline" is its very words.
            hits += [Hit(tokens[first].start, tokens[last].end, concept.name, "urgent")
                     for p in candidates(concept.cover_story) for first, last in _matches(p, letter)]
            if not ranges:
                continue
            silenced = [r for p in candidates(concept.unless) for r in _matches(p, letter)]
            for (first, last), severity, outright in ranges:
                if outright or not any(_silences(unless, (first, last), sentence_of) for unless in silenced):
                    hits.append(Hit(tokens[first].start, tokens[last].end, concept.name, severity))
        return hits


def _silences(unless: tuple[int, int], match: tuple[int, int], sentence_of: list[int]) -> bool:
    """True if an `unless` match overlaps `match` or lies within UNLESS_REACH words of it.

    The `unless` match must lie within one sentence, a sentence of `match`: "now I know how.
    To be honest..." is not "know how to".
    """
    (u_first, u_last), (first, last) = unless, match
    if not (u_first <= last + UNLESS_REACH and first <= u_last + UNLESS_REACH):
        return False
    return sentence_of[u_first] == sentence_of[u_last] and sentence_of[u_first] in (sentence_of[first], sentence_of[last])


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class _PhraseIndex:
    """Every phrase of a lexicon's concepts, filed under the forms of one word it cannot do without.

    A letter can match a phrase only if each slot that does not start with a prefix word
    finds one of its forms in the letter. Rather than ask that of all the lexicon's phrases
    for every letter, each phrase is filed under the forms of its first such slot; a letter
    then looks up its own forms and checks only the phrases it finds there. A phrase whose
    every slot starts with a prefix word is always a candidate.
    """

    def __init__(self, concepts: list[_Concept]):
        #: form -> (phrase id, the forms of each of the phrase's other needed slots) per phrase filed there
        self.by_form: dict[str, list[tuple[int, tuple[frozenset[str], ...]]]] = {}
        always: set[int] = set()
        seen: set[int] = set()
        for concept in concepts:
            for phrase in _phrases_of(concept):
                if id(phrase) in seen:
                    continue
                seen.add(id(phrase))
                needed = [slot for slot in phrase.slots if not slot.open_ended]
                key = min(needed, key=_commonness, default=None)
                if key is None:
                    always.add(id(phrase))
                    continue
                # The key slot is met wherever the phrase is looked up: only the others are left.
                others = tuple(slot.reachable for slot in needed if slot is not key)
                for form in key.reachable:
                    self.by_form.setdefault(form, []).append((id(phrase), others))
        #: The ids of the phrases every letter may match (no slot needs a word of its own).
        self.always = frozenset(always)
        self.filed_forms = frozenset(self.by_form)

    def possible(self, all_forms: frozenset[str]) -> set[int]:
        """Return the ids of the phrases a letter holding `all_forms` may match."""
        found = set(self.always)
        tried: set[int] = set()  # a phrase filed under several forms of the letter is tried once
        by_form = self.by_form
        for form in self.filed_forms & all_forms:  # most of a letter's forms file no phrase
            for phrase_id, others in by_form[form]:
                if phrase_id in tried:
                    continue
                tried.add(phrase_id)
                for reachable in others:  # a loop rather than all(): this runs for every phrase of every letter
                    if reachable.isdisjoint(all_forms):
                        break
                else:
                    found.add(phrase_id)
        return found


def _commonness(slot: _Slot) -> tuple[int, int]:
    """How often a slot's words are likely to occur in a letter, to file a phrase under its rarest slot.

    Short words ("i", "me", "du", "ne") are the common ones; a slot is as common as its
    shortest form, then as its number of forms.
    """
    return -min(map(len, slot.reachable)), len(slot.reachable)


def _phrases_of(concept: _Concept) -> Iterable[_Phrase]:
    """Yield every phrase of `concept`, in every role it has."""
    yield from concept.said
    yield from concept.reported
    yield from concept.cover_story
    for a, b, _ in concept.near:
        yield a
        yield b
    yield from concept.unless
    yield from concept.unless_sentence


class _Letter:
    """The tokens of one letter, their forms, and where each form occurs (one per lexicon)."""

    def __init__(self, tokens: list[Token], forms: list[frozenset[str]], sentence_of: list[int] | None = None,
                 phrase_index: _PhraseIndex | None = None):
        self.tokens, self.forms = tokens, forms
        self.sentence_of = sentence_of if sentence_of is not None else [0] * len(tokens)
        self.positions: dict[str, list[int]] = {}
        for index, token_forms in enumerate(forms):
            for form in token_forms:
                self.positions.setdefault(form, []).append(index)
        self.all_forms = frozenset(self.positions)
        self._possible = phrase_index.possible(self.all_forms) if phrase_index is not None else None
        # Where each written form stands (made when a prefixed phrase is first tried), and the
        # starts found for each tuple of prefixes: phrases share prefixes ("kill*", "hurt*").
        self._norm_positions: dict[str, list[int]] | None = None
        self._prefix_starts: dict[tuple[str, ...], list[int]] = {}

    def possible(self, phrase: _Phrase) -> bool:
        """False if some word of `phrase` occurs nowhere in the letter (then it cannot match)."""
        if self._possible is not None:
            return id(phrase) in self._possible
        all_forms = self.all_forms
        return all(slot.open_ended or not slot.reachable.isdisjoint(all_forms) for slot in phrase.slots)

    def candidates(self, phrases: Iterable[_Phrase]) -> list[_Phrase]:
        """Return those of `phrases` the letter may match, in order (`possible` of each, in one pass)."""
        if self._possible is None:
            return [phrase for phrase in phrases if self.possible(phrase)]
        possible = self._possible
        return [phrase for phrase in phrases if id(phrase) in possible]

    def anchor_positions(self, phrase: _Phrase) -> list[int] | None:
        """Return, in order, the indexes of the words that hold a form of `phrase`'s anchor slot
        (None when the phrase has no anchor)."""
        if phrase.anchor is None:
            return None
        positions = self.positions
        return sorted({i for form in phrase.slots[phrase.anchor].reachable & self.all_forms for i in positions[form]})

    def starts(self, phrase: _Phrase) -> list[int]:
        """Return the token indexes where `phrase` may begin, in order."""
        found = {i for form in phrase.first_forms & self.all_forms for i in self.positions[form]}
        if phrase.first_prefixes:
            found.update(self._prefixed(phrase.first_prefixes))
        return sorted(found)

    def _prefixed(self, prefixes: tuple[str, ...]) -> list[int]:
        """Return the indexes of the words whose written form starts with one of `prefixes`."""
        found = self._prefix_starts.get(prefixes)
        if found is None:
            if self._norm_positions is None:
                self._norm_positions = {}
                for index, token in enumerate(self.tokens):
                    self._norm_positions.setdefault(token.norm, []).append(index)
            found = [i for norm, indexes in self._norm_positions.items() if norm.startswith(prefixes) for i in indexes]
            self._prefix_starts[prefixes] = found
        return found


def _word_matches(word: _Word, forms: frozenset[str], token: Token) -> bool:
    if word.prefix is not None:
        return token.norm.startswith(word.prefix)
    if word.exact:
        return token.norm in word.forms
    return not word.forms.isdisjoint(forms)


def _run_ends(slot: _Slot, at: int, letter: _Letter) -> Iterable[int]:
    """Yield the index after each of `slot`'s other alternatives (`runs`) that matches at token `at`."""
    tokens, forms = letter.tokens, letter.forms
    for run in slot.runs:
        end = at + len(run)
        if end > len(tokens):
            continue
        for k, word in enumerate(run):  # a loop rather than all(): most runs fail on their first word
            if not _word_matches(word, forms[at + k], tokens[at + k]):
                break
        else:
            yield end


def _match_from(slots: tuple[_Slot, ...], index: int, at: int, letter: _Letter) -> int | None:
    """Return the end of the first match of slots[index:] starting within its gap after `at`.

    At each start the one-word alternatives are tried first (one set test, written out here
    as this loop runs for every candidate start of every phrase), then the longer ones.
    """
    slot = slots[index]
    forms, single, runs, last = letter.forms, slot.single, slot.runs, index + 1 == len(slots)
    heads, open_ended = slot.run_heads, slot.open_ended
    for start in range(at, min(len(letter.tokens), at + slot.gap + 1)):
        if single and not single.isdisjoint(forms[start]):
            if last:
                return start + 1
            found = _match_from(slots, index + 1, start + 1, letter)
            if found is not None:
                return found
        # A run's first word is matched by its written form or by one of its forms (both in
        # forms[start]), or by a prefix (open-ended): without either, no run starts here.
        if not runs or (not open_ended and heads.isdisjoint(forms[start])):
            continue
        for end in _run_ends(slot, start, letter):
            if last:
                return end
            found = _match_from(slots, index + 1, end, letter)
            if found is not None:
                return found
    return None


def _matches(phrase: _Phrase, letter: _Letter) -> list[tuple[int, int]]:
    """Return (first, last) token indexes of each non-overlapping match of `phrase`."""
    found: list[tuple[int, int]] = []
    if not letter.possible(phrase):
        return found
    anchors = letter.anchor_positions(phrase)
    for start in letter.starts(phrase):
        if found and start <= found[-1][1]:
            continue
        if anchors is not None:
            # The anchor slot begins after the start and within reach of it, or nowhere.
            after = bisect_right(anchors, start)
            if after == len(anchors) or anchors[after] > start + phrase.reach:
                continue
        last = _match_from(phrase.slots, 0, start, letter)  # the first slot has no gap: it starts here
        if last is not None and letter.sentence_of[start] == letter.sentence_of[last - 1]:
            found.append((start, last - 1))
    return found


def _near(a: _Phrase, b: _Phrase, within: int, letter: _Letter) -> list[tuple[int, int]]:
    """Return the token ranges spanning a match of `a` and a match of `b` at most `within` words apart."""
    a_matches = _matches(a, letter)
    if not a_matches:
        return []
    found = []
    for b_first, b_last in _matches(b, letter):
        for a_first, a_last in a_matches:
            if max(a_first, b_first) - min(a_last, b_last) - 1 <= within:
                found.append((min(a_first, b_first), max(a_last, b_last)))
    return found


def said_severity(concept: str, *, language: str, author_role: str | None) -> str:
    """Return what a `said` match of `concept` weighs for `author_role` ("urgent", "hold", "none").

    The letter's language's table decides; English's when that language has no such table.
    """
    for lang in dict.fromkeys((language, "en")):
        for table in concept_lexicon(lang).concepts:
            if table.name == concept:
                return {"mentor": "urgent", "mentee": table.from_mentee}.get(author_role, table.from_unknown)
    return "urgent"


def is_framed(tokens: list[Token], first: int, last: int, *, language: str, concept: str) -> bool:
    """True if the sentence tokens[first:last+1] is written in a frame that `concept`'s
    `unless_sentence` phrases name, in `language`'s lexicon or in English ("the program's
    rules say we don't meet outside", "in the book ...").

    The learned model reads words, not frames: letters.screening.model drops its own finding
    of a concept in such a sentence, as the rules drop their `said` and `near` matches there.
    """
    sentence = tokens[first:last + 1]
    for lang in dict.fromkeys((language, "en")):
        lexicon_ = concept_lexicon(lang)
        for table in lexicon_.concepts:
            if table.name != concept or not table.unless_sentence:
                continue
            forms = [lexicon_.forms(t) if lang == language else lexicon_.plain_forms(t) for t in sentence]
            letter = _Letter(sentence, forms)
            if any(_matches(phrase, letter) for phrase in table.unless_sentence):
                return True
    return False


@cache
def concept_lexicon(language: str) -> ConceptLexicon:
    """Return the compiled concepts of `language`'s lexicon file (compiled once per process)."""
    data = lexicon(language)
    return ConceptLexicon(language, data.get("concepts", {}), data.get("told_back", {}))


def find_concepts(text: str, *, language: str, author_role: str | None = None,
                  tokens: list[Token] | None = None) -> list[Hit]:
    """Return the concepts the rules recognise in `text`, in `language` and in English.

    English concepts are checked in every letter because children mix English into their
    letters. `tokens` may be passed when the caller already has `tokenize(text, language)`.
    """
    tokens = tokenize(text, language) if tokens is None else tokens
    sentence_of = _sentence_numbers(text, tokens)
    languages = (language,) if language == "en" else (language, "en")
    hits = []
    for lang in languages:
        lexicon_ = concept_lexicon(lang)
        for find in (lexicon_.find, lexicon_.find_told_back):
            hits += find(tokens, author_role=author_role, sentence_of=sentence_of, typos=lang == language)
    return hits


def _sentence_numbers(text: str, tokens: list[Token]) -> list[int]:
    """Return, for each token, the number of the sentence of `text` it starts in."""
    ends = [end for _, end in sentence_bounds(text)]
    numbers, sentence = [], 0
    for token in tokens:
        while sentence < len(ends) - 1 and token.start >= ends[sentence]:
            sentence += 1
        numbers.append(sentence)
    return numbers
