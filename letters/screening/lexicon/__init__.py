"""Per-language screening words, read from one TOML file per language beside this module.

`lexicon(language)` returns the parsed file as a dict; the files are read once per process.
Code that needs a list asks for it by section and key (`lexicon("da")["contact"][...]`), so
a translator can change the words without touching code.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def lexicon(language: str) -> dict:
    """Return the screening words for `language` ("en", "da", "nb" or "fr").

    Precondition: `language` has a file `<language>.toml` in this folder; anything else
    raises FileNotFoundError, so a typo fails loudly instead of screening with no words.
    """
    with (LEXICON_DIR / f"{language}.toml").open("rb") as handle:
        return tomllib.load(handle)
