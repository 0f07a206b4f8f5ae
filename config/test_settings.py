"""Settings for the test suite: the production settings (config.settings) with a few overrides.

pytest uses this module (pyproject.toml: DJANGO_SETTINGS_MODULE). Each override below says
why the suite needs it. The production module knows nothing of tests, so what the tests
exercise is what an installation runs; the security tests turn 2FA, sign-in throttling and
HTTPS back on where they test them (tests/security/conftest.py), and
tests/security/test_settings.py checks that this module overrides nothing else.
"""

import os

# Production refuses to start without a key (config.settings._secret_key); the suite needs a
# fixed one that is never used anywhere else. Set before the import below reads it.
os.environ.setdefault("SECRET_KEY", "brevven-tests-only-" + "x" * 40)

from config.settings import *  # noqa: E402,F403
from config.settings import STATIC_ROOT, STORAGES  # noqa: E402

# The test client and the live server speak to these names (Django adds "testserver").
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

# Static files come from the apps' folders: the suite never runs collectstatic, which the
# fingerprinted production storage needs first.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# The test client and the live server speak plain HTTP: no redirect to HTTPS, no secure-only
# cookies, no HSTS. The security tests turn these on (fixture `https`).
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0

# Most tests sign in many times with made-up passwords and sign coordinators in without an
# authenticator app; the security tests turn both protections on (fixtures `throttling` and
# `two_factor_required`).
AXES_ENABLED = False
BREVVEN_REQUIRE_TWO_FACTOR = False

# Password hashing is deliberately slow and the tests create hundreds of users.
# tests/security/test_settings.py checks that production hashes with Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# An in-process cache for every run: with REDIS_URL set (CI's PostgreSQL pass) production's
# cache is Redis, which outlives a run, so throttling counts and sign-in slow-downs would
# carry from one run, or one test, into the next.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# A page that links to a URL name that does not resolve fails the test that renders it
# (production logs an error and shows the link, pointing nowhere).
BREVVEN_STRICT_LINKS = True

#: The names this module changes, checked by tests/security/test_settings.py.
OVERRIDDEN = {
    "ALLOWED_HOSTS", "WHITENOISE_USE_FINDERS", "STORAGES", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "AXES_ENABLED", "BREVVEN_REQUIRE_TWO_FACTOR", "PASSWORD_HASHERS",
    "CACHES", "BREVVEN_STRICT_LINKS",
}
