"""Helpers for the security tests: turning the protections on, signing in with a second factor.

The suite runs with config/test_settings.py, which turns sign-in throttling, the second
factor and HTTPS off. These fixtures put back what the production settings module
(config.settings) has, so a test that uses one tests what an installation runs.
"""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP

from config import settings as production
from programs import accounts


def _as_in_production(settings, *names: str):
    """Give each setting in `names` its production value; fail if production has it off."""
    for name in names:
        value = getattr(production, name)
        assert value, f"config.settings has {name} off: run the tests without DEBUG or {name} in the environment"
        setattr(settings, name, value)
    return settings


@pytest.fixture
def two_factor_required(settings):
    """Enforce the second factor as production does (the rest of the suite runs without it)."""
    return _as_in_production(settings, "BREVVEN_REQUIRE_TWO_FACTOR")


@pytest.fixture
def throttling(settings):
    """Turn django-axes on with its production settings."""
    return _as_in_production(settings, "AXES_ENABLED")


@pytest.fixture
def https(settings):
    """Redirect to HTTPS, send HSTS and mark cookies secure, as production does."""
    return _as_in_production(
        settings, "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"
    )


def current_code(device) -> str:
    """Return the code an authenticator app would show for `device` now."""
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def set_up_app(user):
    """Give `user` a confirmed authenticator; return (device, recovery codes)."""
    device = accounts.start_totp_setup(user)
    codes = accounts.confirm_totp_device(user, device=device, token=current_code(device))
    device.refresh_from_db()
    return device, codes


def sign_in_verified(client, user):
    """Sign `client` in as `user` with a session that passed the second factor."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or set_up_app(user)[0]
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
