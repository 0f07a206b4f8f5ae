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


@pytest.fixture(autouse=True)
def _needs_redis(request):
    """Run `@pytest.mark.redis` tests only in a pass that configures Redis (REDIS_URL).

    Without REDIS_URL the pass uses the ORM broker and the test is skipped with this
    reason (`make test-postgres`, which CI runs, sets it). With REDIS_URL set, the server
    must answer: otherwise the test is skipped locally and fails on CI.
    """
    if request.node.get_closest_marker("redis") is None:
        return
    from django.conf import settings

    if not settings.REDIS_URL:
        pytest.skip("needs Redis: runs in `make test-postgres` (REDIS_URL=redis://127.0.0.1:6379/0)")
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
        reachable = True
    except redis.RedisError:
        reachable = False
    require(reachable, f"needs the Redis server at REDIS_URL ({settings.REDIS_URL}) to answer")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start every test with an empty cache.

    API throttling and sign-in slow-downs count in the cache, keyed by user id or address;
    ids repeat from test to test (each test's rows are rolled back), so without this the
    counts of earlier tests would throttle a later one, depending on the order tests run in.
    """
    from django.core.cache import cache

    cache.clear()
    yield
