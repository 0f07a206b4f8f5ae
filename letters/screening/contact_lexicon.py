"""Read the contact-detail word lists from the `[contact]` section of each language's lexicon."""

from __future__ import annotations

from letters.screening.lexicon import lexicon

LANGUAGES = ("en", "da", "nb", "fr")


def contact_words(language: str, key: str) -> tuple[str, ...]:
    """Return the list `key` of `language`'s [contact] section (empty if the file has none)."""
    return tuple(lexicon(language).get("contact", {}).get(key, ()))


def contact_table(language: str, key: str) -> dict:
    """Return the table `key` of `language`'s [contact] section (empty if the file has none)."""
    return dict(lexicon(language).get("contact", {}).get(key, {}))


def all_contact_words(key: str) -> tuple[str, ...]:
    """Return the list `key` of every language together, without repeats, in language order."""
    return tuple(dict.fromkeys(word for language in LANGUAGES for word in contact_words(language, key)))


def with_english(language: str, key: str) -> tuple[str, ...]:
    """Return English's list `key` and `language`'s: children mix English into every language."""
    return tuple(dict.fromkeys(contact_words("en", key) + contact_words(language, key)))
