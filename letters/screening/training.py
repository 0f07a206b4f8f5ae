"""Training and measuring the learned safeguarding model on the development corpus.

Used by `python manage.py train_screening_model`. Everything here reads only the
development split, tests/letters/screening_corpus/*.jsonl: the unseen split in its
`unseen/` folder is for the final measurement alone and is refused here, so that no number
we publish was tuned on it.

Training examples are sentences:

* a sentence of a dev letter that overlaps an expected safeguarding fragment is an example
  of that fragment's concept (the corpus says which; for older cases without one, the
  concept the rules give the fragment, or the example is left out). When a child wrote it
  and the concept weighs less than urgent in a child's own words (a grooming move, sexual
  talk), it is the child telling what was done to them: class "<concept>/told"
  (letters.screening.model.TOLD_SUFFIX), urgent for any author;
* every sentence of a letter that expects no safeguarding finding is an example of "none";
* the `exemplars` of each concept table in the lexicon files are examples of that concept,
  and their `counter_examples` examples of "none".

A sentence of a letter carries the last words of the sentence before it as context
(letters.screening.model.CONTEXT_WORDS), whether or not that sentence is an example itself,
as at inference; an exemplar, a sentence on its own, carries none.

The model is multinomial logistic regression, fitted by scikit-learn (the `train` extra; about
four minutes for the whole development split) and scored in plain Python, so running Brevven
needs nothing beyond the runtime dependencies. The fit is deterministic: the same data give the
same weights file.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from letters.screening.concepts import (
    CONCEPTS,
    concept_tables,
    find_concepts,
    said_severity,
)
from letters.screening.lexicon import lexicon
from letters.screening.model import (
    NONE,
    TOLD_SUFFIX,
    LinearModel,
    sentence_features,
    sentence_token_ranges,
)
from letters.screening.tokens import tokenize

LANGUAGES = ("en", "da", "nb", "fr")
DEV_CORPUS = Path(__file__).resolve().parents[2] / "tests" / "letters" / "screening_corpus"
SAFEGUARDING = "safeguarding"
#: Corpus labels older than the concept that now reads them. Until the twenty-first round the
#: writers' brief had no concept for forced marriage, criminal exploitation, trafficking or
#: radicalisation and labelled them "other"; the `exploitation` concept stands for all of them.
CORPUS_CONCEPTS = {"other": "exploitation"}
#: Chosen in the twelfth round on u10 held out (the model trained on the 11,360 development
#: letters before it; docs/screening.md, "Twelfth round"). At hold 0.85 and urgent 0.9 the
#: model alone overlapped 1,719 of u10's 2,824 urgent items with 25 of 1,536 ordinary letters
#: alarmed urgent (38 with any finding), where the model fitted before by stochastic gradient
#: descent, at 0.7 and 0.77, overlapped 1,563 with 24 (41); with the rules, 2,139 against
#: 2,059 items at the same 76 letters alarmed. Logistic regression's probabilities sit closer
#: to 0 and 1 than that model's, hence the higher thresholds.
DEFAULT_THRESHOLDS = {"hold": 0.85, "urgent": 0.9}


def load_dev_corpus(folder: Path = DEV_CORPUS) -> list[dict]:
    """Return the dev letters (one dict per JSON line of folder/*.jsonl), never the unseen split.

    Only the files directly in `folder` are read; a folder named "unseen" is refused.
    """
    if "unseen" in folder.parts:
        raise ValueError("the unseen split is never read for training or tuning")
    letters = []
    for path in sorted(folder.glob("*.jsonl")):
        letters += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return letters


def _fragment_span(letter: dict, fragment: str) -> tuple[int, int]:
    start = letter["text"].index(fragment)
    return start, start + len(fragment)


def _fragment_concept(letter: dict, expected: dict) -> str | None:
    """Return the concept of an expected safeguarding item: the corpus's, or the rules'."""
    concept = CORPUS_CONCEPTS.get(expected.get("concept"), expected.get("concept"))
    if concept in CONCEPTS:
        return concept
    if concept:  # a label no concept stands for: not something the model can learn
        return None
    start, end = _fragment_span(letter, expected["fragment"])
    for hit in find_concepts(letter["text"], language=letter["language"], author_role="mentor"):
        if hit.start < end and start < hit.end:
            return hit.concept
    return None


def letter_examples(letter: dict) -> Iterable[tuple[list[str], str]]:
    """Yield (features, class) for the sentences of one dev letter (module docstring)."""
    text, language = letter["text"], letter["language"]
    tokens = tokenize(text, language)
    wanted = [
        (*_fragment_span(letter, e["fragment"]), _fragment_concept(letter, e))
        for e in letter["expected"]
        if e["kind"] == SAFEGUARDING
    ]
    previous = None  # the sentence before, read as context whether or not it is an example
    for first, last in sentence_token_ranges(text, tokens):
        context, previous = previous, (first, last)
        start, end = tokens[first].start, tokens[last].end
        overlapping = [c for s, e, c in wanted if s < end and start < e]
        if wanted and not overlapping:
            continue  # a sentence of a worrying letter that the corpus did not mark: no label
        label = overlapping[0] if overlapping else NONE
        if label is None:
            continue
        if label != NONE and letter.get("author", "mentee") == "mentee" and \
                said_severity(label, language=language, author_role="mentee") != "urgent":
            label += TOLD_SUFFIX
        yield [f for f, _, _ in sentence_features(tokens, first, last, context)], label


def lexicon_examples() -> Iterable[tuple[list[str], str]]:
    """Yield (features, class) for the exemplars and counter-examples of every lexicon file."""
    for language in LANGUAGES:
        for name, table in concept_tables(lexicon(language).get("concepts", {})):
            for sentences, label in ((table.get("exemplars", ()), name), (table.get("counter_examples", ()), NONE)):
                for sentence in sentences:
                    tokens = tokenize(sentence, language)
                    if tokens:
                        yield [f for f, _, _ in sentence_features(tokens, 0, len(tokens) - 1)], label


class TrainingUnavailable(RuntimeError):
    """scikit-learn, which fits the model, is not installed (it is not a runtime dependency)."""


def feature_matrix(examples: list[tuple[list[str], str]]):
    """Return (matrix, feature names) for `examples`: one row per sentence, one column per feature.

    A cell holds how often the feature occurs in the sentence divided by the square root of
    the sentence's number of feature occurrences, the normalisation LinearModel applies at
    inference, so that the weights learned here score sentences there exactly as in training.
    """
    from scipy.sparse import csr_matrix

    columns: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, (features, _) in enumerate(examples):
        scale = 1.0 / math.sqrt(max(1, len(features)))
        for feature, count in Counter(features).items():
            rows.append(row)
            cols.append(columns.setdefault(feature, len(columns)))
            values.append(count * scale)
    matrix = csr_matrix((values, (rows, cols)), shape=(len(examples), len(columns)))
    return matrix, list(columns)


#: At most this many features are kept, so that the shipped weights file stays under the 4 MB
#: the tests allow (about 15 bytes a feature, gzipped) however many letters it is trained on.
MAX_FEATURES = 262_000


def fit(examples: list[tuple[list[str], str]], *, inverse_regularisation: float = 60.0,
        positive_weight: float = 3.0, min_weight: float = 0.22,
        max_features: int = MAX_FEATURES) -> LinearModel:
    """Fit multinomial logistic regression to `examples` and return it, small weights pruned.

    scikit-learn fits it (the `train` extra: `pip install -e '.[train]'`); the model it
    returns scores in plain Python, so running Brevven needs no scikit-learn.
    `inverse_regularisation` is scikit-learn's C: larger trusts the training sentences more.
    Sentences of a concept count `positive_weight` times as much as "none" sentences, which
    outnumber them many times over. Weights below `min_weight` in size are dropped: they
    barely move a score and would only make the shipped file bigger. The values were chosen
    on u10 held out (docs/screening.md, "Twelfth round"): C 20 and 150 and a positive weight
    of 5 found fewer items at the same number of alarmed letters; pruning under 0.2 rather
    than 0.1 kept a quarter fewer features and lost one item of 1,719, under 0.3 sixteen.
    Since the seventeenth round the cut is 0.22: trained on 64,608 letters, the model kept
    275,689 features at 0.2, a file of 4.13 MB, over the 4 MB the tests allow; at 0.22 it keeps
    about 265,500 (docs/screening.md, "Seventeenth round"). Since the eighteenth round the cut
    rises above `min_weight` when more than `max_features` features would pass it: it becomes
    the largest weight of the `max_features`-th strongest feature, and `meta["cut"]` records it.
    """
    try:
        import numpy
        from sklearn.linear_model import LogisticRegression
    except ImportError as error:  # a runtime install: training is a developer's job
        raise TrainingUnavailable("training needs scikit-learn: pip install -e '.[train]'") from error

    classes = [NONE, *sorted({label for _, label in examples if label != NONE})]
    index = {c: i for i, c in enumerate(classes)}
    matrix, names = feature_matrix(examples)
    labels = [index[label] for _, label in examples]
    weights = [1.0 if label == NONE else positive_weight for _, label in examples]
    # lbfgs is deterministic: the same examples give the same weights file.
    fitted = LogisticRegression(C=inverse_regularisation, max_iter=1000, tol=1e-4)
    fitted.fit(matrix, labels, sample_weight=weights)
    # With two classes scikit-learn keeps one row of weights, for the second class; a softmax
    # over (0, score) gives the same probability as that logistic model.
    coefficients, bias = fitted.coef_, fitted.intercept_
    if len(classes) == 2:
        coefficients = numpy.vstack([numpy.zeros_like(coefficients), coefficients])
        bias = numpy.concatenate([[0.0], bias])
    cut = _weight_cut(numpy.abs(coefficients).max(axis=0), min_weight, max_features)
    kept = numpy.abs(coefficients) >= cut
    sparse = {}
    for column in numpy.flatnonzero(kept.any(axis=0)):
        sparse[names[column]] = [[int(c), float(coefficients[c, column])] for c in numpy.flatnonzero(kept[:, column])]
    return LinearModel(classes, [float(b) for b in bias], sparse, dict(DEFAULT_THRESHOLDS),
                       {"normalised": True, "cut": round(float(cut), 4)})


def _weight_cut(strongest, min_weight: float, max_features: int) -> float:
    """Return the smallest weight a kept feature needs: `min_weight`, or more if more than
    `max_features` features have a weight that large (`strongest[i]` is feature i's largest
    weight in size, over all classes)."""
    import numpy

    passing = numpy.sort(strongest[strongest >= min_weight])[::-1]
    if len(passing) <= max_features:
        return min_weight
    return float(passing[max_features - 1])


def examples_for(letters: list[dict]) -> list[tuple[list[str], str]]:
    """Return the training examples of `letters` plus those of the lexicon files."""
    return [example for letter in letters for example in letter_examples(letter)] + list(lexicon_examples())


def train(letters: list[dict] | None = None) -> LinearModel:
    """Train on the dev corpus (or `letters`) and the lexicon examples; return the model."""
    letters = load_dev_corpus() if letters is None else letters
    examples = examples_for(letters)
    model = fit(examples)
    model.meta = {
        "normalised": True,
        "trained_on": f"{len(letters)} dev letters + lexicon examples",
        "examples": dict(sorted(Counter(label for _, label in examples).items())),
        "features": len(model.weights),
        "cut": model.meta["cut"],
    }
    return model


# ------------------------------------------------------------------------------ measuring


def folds(letters: list[dict], k: int, seed: int = 18) -> list[list[dict]]:
    """Split `letters` into `k` folds, every language spread over all of them."""
    shuffled = sorted(letters, key=lambda letter: letter["id"])
    random.Random(seed).shuffle(shuffled)
    return [shuffled[i::k] for i in range(k)]


def measure(letters: list[dict], *, use_rules: bool, use_model: bool, model: LinearModel | None) -> dict:
    """Screen `letters` with the chosen signals and count what safeguarding caught and raised.

    Returns counters keyed by ("recall", language|concept) -> [expected, covered, overlapped]
    and ("alarm", ...) -> [letters, with an urgent safeguarding finding, with any].
    """
    from letters.screening.safeguarding import (
        find_safeguarding,  # imports this module's siblings
    )

    counts: dict = defaultdict(lambda: [0, 0, 0])
    for letter in letters:
        hits = find_safeguarding(letter["text"], language=letter["language"], author_role=letter.get("author"),
                                 use_rules=use_rules, use_model=use_model, model=model)
        urgent = [h for h in hits if h.severity == "urgent"]
        expected = [e for e in letter["expected"] if e["kind"] == SAFEGUARDING]
        for item in expected:
            if item.get("severity", "urgent") != "urgent":
                continue
            start, end = _fragment_span(letter, item["fragment"])
            covered = any(h.start <= start and h.end >= end for h in urgent)
            overlapped = any(h.start < end and start < h.end for h in urgent)
            for key in (("recall", letter["language"]), ("recall", item.get("concept") or "?"), ("recall", "all")):
                row = counts[key]
                row[0] += 1
                row[1] += covered
                row[2] += overlapped
        if not expected:
            group = "ordinary" if not letter["expected"] else "contact-only"
            for key in (("alarm", group), ("alarm", f"{group}/{letter['language']}")):
                row = counts[key]
                row[0] += 1
                row[1] += bool(urgent)
                row[2] += bool(hits)
    return counts


def cross_validate(letters: list[dict], *, k: int = 5) -> dict[str, dict]:
    """Return measure() for rules alone, model alone and both, the model trained out of fold.

    Each fold's model is trained on the other folds' letters and the lexicon examples, and
    measured on the fold's letters; the counts of the k folds are added up.
    """
    results = {name: defaultdict(lambda: [0, 0, 0]) for name in ("rules", "model", "both")}
    parts = folds(letters, k)
    for held_out in range(k):
        training = [letter for i, part in enumerate(parts) if i != held_out for letter in part]
        model = fit(examples_for(training))
        for name, rules, learned in (("rules", True, False), ("model", False, True), ("both", True, True)):
            for key, row in measure(parts[held_out], use_rules=rules, use_model=learned, model=model).items():
                total = results[name][key]
                for i in range(3):
                    total[i] += row[i]
    return results


def hold_out_batch(letters: list[dict], prefix: str) -> dict[str, dict]:
    """Return measure() for rules alone, model alone and both on the letters whose id starts
    with `prefix` (one batch, e.g. "w6-"), the model trained on every other letter.

    Random folds mix a batch's letters into training, and one writer's letters resemble each
    other; leaving a whole batch out asks what a new writer's letters would meet.
    """
    held_out = [letter for letter in letters if letter["id"].startswith(prefix)]
    if not held_out:
        raise ValueError(f"no development letter has an id starting with {prefix!r}")
    model = fit(examples_for([letter for letter in letters if not letter["id"].startswith(prefix)]))
    return {name: measure(held_out, use_rules=rules, use_model=learned, model=model)
            for name, rules, learned in (("rules", True, False), ("model", False, True), ("both", True, True))}


def format_results(results: dict[str, dict]) -> list[str]:
    """Return the cross-validation tables as lines of text (docs/screening.md quotes them)."""
    lines = []
    keys = sorted({key for counts in results.values() for key in counts})
    lines.append(f"{'urgent safeguarding recall':<34}" + "".join(f"{name:>22}" for name in results))
    for key in (k for k in keys if k[0] == "recall"):
        cells = []
        for counts in results.values():
            expected, covered, overlapped = counts.get(key, (0, 0, 0))
            cells.append(f"{covered}/{expected} ({covered / expected:.2f}) ~{overlapped}" if expected else "—")
        lines.append(f"  {key[1]:<32}" + "".join(f"{c:>22}" for c in cells))
    lines.append(f"{'false alarms (urgent | any)':<34}" + "".join(f"{name:>22}" for name in results))
    for key in (k for k in keys if k[0] == "alarm"):
        cells = []
        for counts in results.values():
            letters, urgent, any_hit = counts.get(key, (0, 0, 0))
            cells.append(f"{urgent} | {any_hit} of {letters}")
        lines.append(f"  {key[1]:<32}" + "".join(f"{c:>22}" for c in cells))
    return lines
