"""Settings that keep Brevven working when a part fails: database connections and the Redis broker."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "db = s.DATABASES['default']; "
    "print(json.dumps([db.get('CONN_MAX_AGE', 0), db.get('CONN_HEALTH_CHECKS', False), s.Q_CLUSTER.get('redis'), "
    "s.SESSION_ENGINE]))"
)


def settings_with(**env: str) -> list:
    """Return [CONN_MAX_AGE, CONN_HEALTH_CHECKS, Q_CLUSTER['redis'], SESSION_ENGINE] as config.settings builds them."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_CONN_MAX_AGE", "REDIS_URL"}}
    result = subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, capture_output=True, text=True,
                            env={**base, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings", **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("max_age, checked", [("60", True), ("0", False)])
def test_persistent_database_connections_are_health_checked(max_age, checked):
    url = "postgres://brevven@db.example.org:5432/brevven"
    assert settings_with(DATABASE_URL=url, DATABASE_CONN_MAX_AGE=max_age)[:2] == [int(max_age), checked]


def test_the_connections_of_this_test_run_are_checked_whenever_they_persist():
    database = settings.DATABASES["default"]
    assert database.get("CONN_HEALTH_CHECKS", False) == (database.get("CONN_MAX_AGE", 0) != 0)


def test_redis_gets_timeouts_so_an_unreachable_server_cannot_hang_a_request():
    redis = settings_with(REDIS_URL="redis://cache.example.org:6379/3")[2]
    assert redis == "redis://cache.example.org:6379/3?socket_connect_timeout=3&socket_timeout=10"
    own = settings_with(REDIS_URL="redis://cache.example.org:6379/3?socket_timeout=30")[2]
    assert own == "redis://cache.example.org:6379/3?socket_timeout=30&socket_connect_timeout=3"


def test_sessions_are_read_from_redis_when_there_is_one_and_from_the_database_otherwise():
    # With Redis every web process shares the cached copy; without it a per-process cache
    # could keep a session alive in one process after it ended in another.
    assert settings_with(REDIS_URL="redis://cache.example.org:6379/3")[3] == "django.contrib.sessions.backends.cached_db"
    assert settings_with()[3] == "django.contrib.sessions.backends.db"
