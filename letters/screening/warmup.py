"""Loading what screening reads lazily, before a web worker serves its first letter.

Screening keeps its data in per-process caches filled on first use: the learned model's
weights, each language's lexicon and the patterns built from it, and the `phonenumbers`
metadata of each region. Filling them costs about three seconds of CPU, which the first
letter a fresh worker screened used to pay, four or five workers at once right after a
deploy or a restart (docs/performance.md, "The first request of a worker"). `warm_up()`
pays it up front; config/wsgi.py calls it once the application is loaded, so that under
`gunicorn --preload` the parent process pays it once and every worker inherits the result.
"""

from __future__ import annotations

from letters.screening.engine import LANGUAGES, screen

#: The regions whose phone rules are loaded ahead, by letter language: the default country of
#: each language (programs.models.base.DEFAULT_REGION_BY_LANGUAGE) and, for English, the
#: United States. One language's sample at a time: a number that is valid in the first
#: region tried is never parsed for the others, so their rules would stay unloaded.
#: Programs that screen for other countries load theirs on their first letter.
WARM_REGIONS = {"en": ("GB", "US"), "da": ("DK",), "nb": ("NO",), "fr": ("FR",)}

#: A short letter that reaches every matcher: a phone number, an e-mail address, a social
#: handle, a street address and a sentence the safeguarding rules and the model both read.
#: Written for this purpose only; what it finds is thrown away.
SAMPLE = (
    "Hi! I read the chapter about the lighthouse. Call me on 20 12 34 56 or write to "
    "sam.river@example.com, my insta is @sam_river. I live at 12 Oak Street. "
    "Please don't tell anyone, I feel sad at home."
)


def warm_up() -> None:
    """Fill screening's per-process caches by screening a sample in every language, for both sides.

    Effects: the model, the four lexicons, their compiled patterns and the phone metadata of
    WARM_REGIONS are loaded in this process; nothing is stored, logged or sent. Safe to call
    more than once (later calls cost a few milliseconds) and before any database connection.
    """
    for language in LANGUAGES:
        for author_role in ("mentee", "mentor"):
            screen(SAMPLE, language=language, regions=list(WARM_REGIONS[language]), author_role=author_role)
