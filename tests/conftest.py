"""Shared fixtures, and the rules for tests that need PostgreSQL, Redis or Chromium.

Such a test is skipped with its reason on a developer's machine that lacks the part, and
fails on CI (CI=true), where the part must be present.
"""

import os

import pytest

from tests import factories


def require(condition: bool, reason: str) -> None:
    """Skip the calling test for `reason` unless `condition` holds; on CI, fail instead."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


@pytest.fixture
def program(db):
    return factories.make_program()


@pytest.fixture
def coordinator(program):
    return factories.make_coordinator(program)


@pytest.fixture
def pair(program, coordinator):
    return factories.make_pair(program, coordinator)


@pytest.fixture(autouse=True)
def _needs_postgres(request):
    """Skip `@pytest.mark.postgres` tests unless the suite runs on PostgreSQL.

    They run in the PostgreSQL pass (`make test-postgres`, which CI runs too); on the
    SQLite pass they are skipped with this reason rather than silently passing.
    """
    if request.node.get_closest_marker("postgres") is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run `make test-postgres` (DATABASE_URL=postgres://...)")
