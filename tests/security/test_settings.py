"""Production settings and response headers: what a deployment gets without configuring anything."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from letters.models import Letter

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "production-key-" + "k8Zq3vR1xY7mN2pL5wT9bH4jD6fG0sA" * 2,
    "ALLOWED_HOSTS": "brevven.example.org",
}


def run_production(code: str, tmp_path, *args) -> subprocess.CompletedProcess:
    """Run Python with the production settings module (no DEBUG) and return the result."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="config.settings", BREVVEN_VAR_DIR=str(tmp_path))
    command = [sys.executable, *args] if args else [sys.executable, "-c", code]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_hashes_passwords_with_argon2_and_enforces_the_protections(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.PASSWORD_HASHERS[0]); print(s.BREVVEN_REQUIRE_TWO_FACTOR, s.AXES_ENABLED, s.SESSION_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS > 0)"
    )
    result = run_production(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["django.contrib.auth.hashers.Argon2PasswordHasher", "True True True True"]


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    result = run_production("", tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_password_validators_are_on():
    names = {validator["NAME"].rsplit(".", 1)[1] for validator in settings.AUTH_PASSWORD_VALIDATORS}
    assert names == {"UserAttributeSimilarityValidator", "MinimumLengthValidator", "CommonPasswordValidator",
                     "NumericPasswordValidator"}


@pytest.mark.django_db
def test_every_page_sends_the_security_headers(client):
    response = client.get("/login/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_with_production_https_settings_pages_go_to_https_and_cookies_are_secure(client, https, pair):
    insecure = client.get("/login/")
    assert insecure.status_code == 301 and insecure.url == "https://testserver/login/"
    client.force_login(pair.mentee.user)
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"].startswith(f"max-age={settings.SECURE_HSTS_SECONDS}")
    assert response.cookies["sessionid"]["secure"] is True


def test_the_test_settings_change_only_what_they_list():
    """config/test_settings.py overrides exactly the names in its OVERRIDDEN; all else is production's."""
    from config import settings as production
    from config import test_settings

    names = {n for module in (production, test_settings) for n in dir(module) if n.isupper() and n[0] != "_"}
    changed = {name for name in names - {"OVERRIDDEN"}
               if getattr(production, name, None) != getattr(test_settings, name, None)}
    assert changed <= test_settings.OVERRIDDEN, f"not listed in OVERRIDDEN: {changed - test_settings.OVERRIDDEN}"
    # The cache is production's own in-process one unless REDIS_URL is set; every other listed
    # name must really differ from production.
    assert test_settings.OVERRIDDEN - changed <= {"CACHES"}
    assert "PYTEST_VERSION" not in (ROOT / "config" / "settings.py").read_text()


def test_templates_hold_no_inline_script_or_style():
    for template in ROOT.glob("*/templates/**/*.html"):
        text = template.read_text()
        assert "<script>" not in text and "style=" not in text and " on" + "click=" not in text, template


@pytest.mark.django_db
def test_sessions_expire_after_inactivity(client, pair):
    client.force_login(pair.mentee.user)
    response = client.get("/")
    assert response.status_code == 200
    # The first page pushes the expiry forward by SESSION_COOKIE_AGE (later ones do at most
    # once every SESSION_REFRESH_INTERVAL: see below) ...
    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    # ... and a session left alone past it is gone: the next request is sent to sign in.
    _let_session_expire(client)
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def _let_session_expire(client) -> None:
    """Make the session's time run out, in the database and (with Redis: cached_db) in the cache.

    A cached session lives in the cache for exactly its expiry age, so when the stored one
    expires the cached copy is gone too; emptying the cache stands for that moment.
    """
    from django.core.cache import caches

    Session.objects.filter(session_key=client.session.session_key).update(expire_date=timezone.now())
    caches[settings.SESSION_CACHE_ALIAS].clear()


def _stored_session(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key)


def _age_refresh_stamp(client, seconds: int) -> None:
    """Make the session look as if SessionRefreshMiddleware last refreshed it `seconds` earlier."""
    from programs.middleware import SESSION_REFRESHED_AT

    session = client.session
    session[SESSION_REFRESHED_AT] -= seconds
    session.save()


@pytest.mark.django_db
def test_a_used_session_is_written_at_most_once_per_refresh_interval(client, pair):
    client.force_login(pair.mentee.user)
    assert "sessionid" in client.get("/").cookies  # the first page stamps the session: written
    expiry = _stored_session(client).expire_date
    # Within the interval, pages neither write the session nor send its cookie again ...
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200 and "sessionid" not in response.cookies
    assert not [q for q in queries.captured_queries if "UPDATE" in q["sql"] and "django_session" in q["sql"]]
    assert _stored_session(client).expire_date == expiry
    # ... and once the last refresh is an interval old, the next page pushes the expiry ahead again.
    _age_refresh_stamp(client, settings.SESSION_REFRESH_INTERVAL)
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=expiry - timedelta(minutes=5))
    response = client.get("/")
    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert _stored_session(client).expire_date >= timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


@pytest.mark.django_db
def test_an_idle_session_ends_even_though_pages_no_longer_write_it(client, pair):
    client.force_login(pair.mentee.user)
    client.get("/")
    client.get("/")  # a page that did not write the session leaves its expiry where it was
    _let_session_expire(client)
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/login/")


@pytest.mark.django_db
def test_an_unknown_session_cookie_creates_no_session(client):
    client.cookies["sessionid"] = "x" * 32
    assert client.get("/login/").status_code == 200
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_pages_with_letters_or_secrets_are_never_cached(client, pair):
    client.force_login(pair.mentee.user)
    for url in ("/", "/account/security/", "/account/two-factor/setup/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.headers["Cache-Control"], url


@pytest.mark.django_db
def test_admin_letter_page_is_not_cached(admin_client, pair, coordinator):
    from tests import factories

    letter = factories.make_letter(pair, status="in_review")
    response = admin_client.get(f"/admin/letters/letter/{letter.pk}/change/")
    assert response.status_code == 200
    assert "no-cache" in response.headers["Cache-Control"] or "no-store" in response.headers["Cache-Control"]
    assert Letter.objects.count() == 1


def test_with_redis_the_cache_is_shared_by_every_process(tmp_path):
    code = "import django; django.setup(); from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    shared = run_production(f"import os; os.environ['REDIS_URL'] = 'redis://127.0.0.1:6379/9'; {code}", tmp_path)
    local = run_production(f"import os; os.environ.pop('REDIS_URL', None); {code}", tmp_path)
    assert shared.returncode == 0 and local.returncode == 0, shared.stderr + local.stderr
    assert shared.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
    assert local.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


def test_s3_storage_without_its_extra_says_what_to_install(tmp_path):
    # A module finder that hides django-storages, as on an installation without the s3 extra.
    code = (
        "import sys, os\n"
        "class Hide:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'storages' or name.startswith('storages.'): raise ImportError(name)\n"
        "sys.meta_path.insert(0, Hide())\n"
        "os.environ['MEDIA_STORAGE'] = 's3'\n"
        "import django; django.setup()\n"
    )
    result = run_production(code, tmp_path)
    assert result.returncode != 0
    assert "MEDIA_STORAGE=s3 needs the s3 extra" in result.stderr
