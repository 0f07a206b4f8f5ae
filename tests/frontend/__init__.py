"""Helpers shared by the page tests."""

from django.conf import settings


def session_statements() -> int:
    """How many statements a signed-in request spends reading its session: one from the
    database, none when Redis is configured, where sessions are read from the cache first
    (cached_db, config/settings.py). Page-cost tests add it to the page's own statements."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
