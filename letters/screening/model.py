"""The learned second opinion: a linear model over character and lemma n-grams.

The model reads a letter one sentence at a time. A sentence's features are the character
3-, 4- and 5-grams of each folded word (with a space on either side, so "die" and "died"
share " di" but not "die "), the same n-grams of its lemma when the lemma is written
differently ("skar" also gives the n-grams of "skære"), each word's lemma, each pair of
neighbouring lemmas, and the lemmas of the last CONTEXT_WORDS words of the sentence before
(a disclosure is often told over two sentences: "I haven't told anyone. He comes in at
night."). The
model has one weight per (feature, class) for the classes "none" and each safeguarding
concept; the class with the highest score wins, and its softmax probability is compared
with two thresholds: above `urgent` the finding weighs as the rules would for this author
(letters.screening.concepts.said_severity), between `hold` and `urgent` it only holds the
letter for a look.

Direction: a concept a child's own words only weigh lightly in (a photo request, secrecy,
sexual talk: `from_mentee` in the lexicon) is, in a child's letter, almost always the child
telling what an adult does to them ("he keeps sending me pictures", "he said not to tell").
Training therefore gives such sentences by children a class of their own,
"<concept>/told" (TOLD_SUFFIX); a finding of that class carries the concept and is weighed
as a disclosure, urgent whoever wrote the letter.

It is trained by `python manage.py train_screening_model` (letters.screening.training) on
the development corpus and the lexicons' example sentences, never on the unseen split, and
the weights are shipped in `model_weights.json.gz` beside this module: inference is plain
Python and dictionary look-ups, nothing is downloaded or imported at run time.

A model finding explains itself: its concept is the winning class, and its span runs from
the first to the last of the words whose features pushed hardest towards that class.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from letters.screening.concepts import Hit, is_framed, said_severity
from letters.screening.tokens import Token, sentence_bounds, tokenize

WEIGHTS_FILE = Path(__file__).resolve().parent / "model_weights.json.gz"
NONE = "none"
CHAR_NGRAMS = (3, 4, 5)
#: How many words at the end of the previous sentence are read as context of a sentence.
#: Held out on u6 and w6 (docs/screening.md, "Eighth round"), 5 did better than 3 or 10.
CONTEXT_WORDS = 5
#: A word counts towards the explanation when it carries at least this share of the
#: strongest word's push towards the winning class.
EXPLAIN_SHARE = 0.35
#: Suffix of the classes of a child telling what was done to them (see the docstring).
TOLD_SUFFIX = "/told"


def _char_ngrams(word: str) -> list[str]:
    """Return the distinct character n-grams (CHAR_NGRAMS) of ` word `, sorted."""
    padded = f" {word} "
    return sorted({padded[i:i + n] for n in CHAR_NGRAMS for i in range(len(padded) - n + 1)})


@lru_cache(maxsize=65536)
def word_features(norm: str, lemma: str) -> tuple[str, ...]:
    """Return the features one word contributes on its own: the character n-grams of its
    folded form ("c"), those of its lemma when that is written differently ("l"), and its
    lemma ("w").

    The lemma's n-grams let an inflected form the training letters never used share
    weights with the other forms of its word ("slog", "slår" and "slå" all give " sla"),
    where the lemma feature alone needs that exact lemma to have been seen. A word written
    as its lemma gets none: they would repeat its "c" n-grams under another name.
    """
    features = ["c" + g for g in _char_ngrams(norm)]
    if lemma != norm:
        features += ["l" + g for g in _char_ngrams(lemma)]
    features.append("w" + lemma)
    return tuple(features)


def context_features(tokens: list[Token], previous: tuple[int, int] | None) -> list[str]:
    """Return the context features ("p" + lemma) of the last CONTEXT_WORDS words of the
    sentence tokens[previous[0]:previous[1]+1]; none when `previous` is None (the first
    sentence of a letter, or a sentence read on its own)."""
    if previous is None:
        return []
    first, last = previous
    return ["p" + tokens[i].lemma for i in range(max(first, last - CONTEXT_WORDS + 1), last + 1)]


def sentence_features(tokens: list[Token], first: int, last: int,
                      previous: tuple[int, int] | None = None) -> Iterator[tuple[str, int, int]]:
    """Yield (feature, first token, last token) for the sentence tokens[first:last+1].

    `previous` is the (first, last) token range of the sentence before it in the same
    letter, or None. Its context features come last, each with the index of the word it
    was read from, which lies before `first` (LinearModel.classify explains a finding with
    the sentence's own features only: a finding never reaches into the sentence before).
    """
    for index in range(first, last + 1):
        token = tokens[index]
        for feature in word_features(token.norm, token.lemma):
            yield feature, index, index
        if index < last:
            yield f"b{token.lemma} {tokens[index + 1].lemma}", index, index + 1
    if previous is not None:
        start = max(previous[0], previous[1] - CONTEXT_WORDS + 1)
        for index, feature in enumerate(context_features(tokens, previous), start=start):
            yield feature, index, index


#: What a cache of the model holds for a key it has not looked up yet (None means "no weight").
_UNSEEN = object()


class LinearModel:
    """Weights of a trained model, and scoring of one sentence at a time."""

    def __init__(self, classes: list[str], bias: list[float], weights: dict[str, list[list[float]]],
                 thresholds: dict[str, float], meta: dict | None = None):
        self.classes = classes
        self.bias = bias
        # Stored sparsely: feature -> [(class index, weight), ...]; absent features weigh 0.
        self.weights = {f: tuple((int(c), w) for c, w in pairs) for f, pairs in weights.items()}
        self.thresholds = thresholds
        self.meta = meta or {}
        # A normalised model divides a sentence's summed weights by the square root of its
        # number of feature occurrences, in training and here alike, so that a long sentence
        # of common words does not pile up a score no single word gave it.
        self.normalised = bool(self.meta.get("normalised"))
        self._word_cache: dict[tuple[str, str], tuple[tuple[float, ...], int]] = {}
        # class index -> {feature: its weight for that class minus its weight for "none"}, filled
        # by _explain as it meets features (looking both weights up anew was its main cost).
        self._margins: dict[int, dict[str, float]] = {}
        self._bigram_weights: dict[tuple[str, str], tuple | None] = {}

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> LinearModel:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        return cls(data["classes"], data["bias"], data["weights"], data["thresholds"], data.get("meta"))

    def save(self, path: Path = WEIGHTS_FILE) -> None:
        data = {
            "meta": self.meta,
            "classes": self.classes,
            "bias": [round(b, 4) for b in self.bias],
            "thresholds": self.thresholds,
            # Three decimals: no kept weight is under 0.22 (training.fit), so rounding moves a score
            # by less than a thousandth per feature, and the file stays under the 4 MB the tests
            # allow (the sixteenth round's 247,848 features: 3.65 MB; 4.24 MB with four decimals).
            "weights": {f: [[c, round(w, 3)] for c, w in pairs] for f, pairs in sorted(self.weights.items())},
        }
        # mtime=0 keeps the file byte-identical when the same training is run twice.
        with gzip.GzipFile(path, "wb", mtime=0) as raw:
            raw.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    def _add(self, scores: list[float], features) -> None:
        """Add the weights of every feature occurrence in `features` to `scores`."""
        weights = self.weights
        for feature in features:
            pairs = weights.get(feature)
            if pairs:
                for index, weight in pairs:
                    scores[index] += weight

    def probabilities(self, features) -> list[float]:
        """Return the softmax probability of each class for a bag of feature names."""
        features = list(features)
        sums = [0.0] * len(self.classes)
        self._add(sums, features)
        scale = 1.0 / math.sqrt(max(1, len(features))) if self.normalised else 1.0
        return _softmax([b + s * scale for b, s in zip(self.bias, sums, strict=True)])

    def _add_bigrams(self, scores: list[float], tokens: list[Token], first: int, last: int) -> None:
        """Add the weights of the bigram features ("b" + two lemmas) of tokens[first:last+1] to
        `scores`, in order, as _add would: each pair of lemmas is looked up once per process
        (bounded like _word_cache), which spares building its feature name every time."""
        bigrams, weights = self._bigram_weights, self.weights
        for index in range(first, last):
            key = (tokens[index].lemma, tokens[index + 1].lemma)
            pairs = bigrams.get(key, _UNSEEN)
            if pairs is _UNSEEN:
                pairs = weights.get(f"b{key[0]} {key[1]}")
                if len(bigrams) < 200000:
                    bigrams[key] = pairs
            if pairs:
                for class_index, weight in pairs:
                    scores[class_index] += weight

    def _word_scores(self, norm: str, lemma: str) -> tuple[tuple[float, ...], int]:
        """Return what one word's own features add to each class score, and how many features
        it has (cached per word)."""
        cached = self._word_cache.get((norm, lemma))
        if cached is None:
            features = word_features(norm, lemma)
            scores = [0.0] * len(self.classes)
            self._add(scores, features)
            cached = tuple(scores), len(features)
            if len(self._word_cache) < 100000:
                self._word_cache[(norm, lemma)] = cached
        return cached

    def sentence_probabilities(self, tokens: list[Token], first: int, last: int,
                               previous: tuple[int, int] | None = None) -> list[float]:
        """Return the class probabilities of tokens[first:last+1] after the sentence `previous`
        (sentence_features), the same as probabilities(sentence_features(...)) but with each
        word's share cached."""
        word_scores = self._word_scores
        words = tokens[first:last + 1]
        scored = [word_scores(t.norm, t.lemma) for t in words]
        sums = [sum(column) for column in zip([0.0] * len(self.classes), *(v for v, _ in scored), strict=True)]
        self._add_bigrams(sums, tokens, first, last)
        context = context_features(tokens, previous)
        self._add(sums, context)
        if not self.normalised:
            return _softmax([b + s for b, s in zip(self.bias, sums, strict=True)])
        occurrences = sum(count for _, count in scored) + (last - first) + len(context)
        scale = 1.0 / math.sqrt(max(1, occurrences))
        return _softmax([b + s * scale for b, s in zip(self.bias, sums, strict=True)])

    def classify(self, tokens: list[Token], first: int, last: int,
                 previous: tuple[int, int] | None = None) -> tuple[str, float, tuple[int, int]] | None:
        """Return (concept, probability, (first, last) explaining tokens) for a sentence, or None.

        `previous` is the token range of the sentence before it in the letter, or None.
        None is returned when the most probable class is "none" or its probability is below
        the hold threshold. The explaining tokens always lie within the sentence.
        """
        probabilities = self.sentence_probabilities(tokens, first, last, previous)
        best = max(range(len(self.classes)), key=probabilities.__getitem__)
        if self.classes[best] == NONE or probabilities[best] < self.thresholds["hold"]:
            return None
        features = list(sentence_features(tokens, first, last))  # the sentence's own: context explains nothing
        return self.classes[best], probabilities[best], self._explain(features, best, first, last)

    def _explain(self, features, best: int, first: int, last: int) -> tuple[int, int]:
        """Return the token range of the words that pushed hardest towards class `best`."""
        none = self.classes.index(NONE)
        push = [0.0] * (last - first + 1)
        margins = self._margins.setdefault(best, {})
        for feature, start, end in features:
            margin = margins.get(feature)
            if margin is None:
                pairs = dict(self.weights.get(feature, ()))
                margin = pairs.get(best, 0.0) - pairs.get(none, 0.0)
                if len(margins) < 200000:  # bounded like _word_cache: features of unseen words are unbounded
                    margins[feature] = margin
            for index in range(start, end + 1):
                push[index - first] += margin / (end - start + 1)
        strongest = max(push)
        if strongest <= 0:
            return first, last
        chosen = [i for i, p in enumerate(push) if p >= EXPLAIN_SHARE * strongest]
        return first + chosen[0], first + chosen[-1]


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@lru_cache(maxsize=1)
def shipped_model() -> LinearModel | None:
    """Return the model shipped with the code, or None if it has not been trained yet."""
    return LinearModel.load() if WEIGHTS_FILE.exists() else None


def sentence_token_ranges(text: str, tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """Yield (first, last) token indexes of each sentence of `text` that has words."""
    index = 0
    for start, end in sentence_bounds(text):
        while index < len(tokens) and tokens[index].end <= start:
            index += 1
        first = index
        while index < len(tokens) and tokens[index].start < end:
            index += 1
        if index > first:
            yield first, index - 1


def find_with_model(text: str, *, language: str, author_role: str | None = None,
                    tokens: list[Token] | None = None, model: LinearModel | None = None) -> list[Hit]:
    """Return the model's safeguarding hits in `text`, one at most per sentence.

    A hit above the model's urgent threshold weighs as a rule match of its concept would for
    `author_role`; one between the hold and urgent thresholds holds the letter at most.
    """
    model = model or shipped_model()
    if model is None:
        return []
    tokens = tokenize(text, language) if tokens is None else tokens
    hits = []
    previous = None
    for first, last in sentence_token_ranges(text, tokens):
        found = model.classify(tokens, first, last, previous)
        previous = first, last
        if found is None:
            continue
        concept, probability, (start, end) = found
        if concept.endswith(TOLD_SUFFIX):  # a child telling what an adult does: a disclosure
            concept, severity = concept.removesuffix(TOLD_SUFFIX), "urgent"
        elif is_framed(tokens, first, last, language=language, concept=concept):
            continue  # "the program's rules say we don't meet outside": the frame, not a move
        else:
            severity = said_severity(concept, language=language, author_role=author_role)
        if probability < model.thresholds["urgent"] and severity == "urgent":
            severity = "hold"
        hits.append(Hit(tokens[start].start, tokens[end].end, concept, severity))
    return hits
