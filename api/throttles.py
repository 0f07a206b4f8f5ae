"""Request rates per user and per anonymous address (REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]).

Kept apart from the views: DRF imports it while it builds APIView itself.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class _RatesReadPerRequest:
    """Read the rate from the settings on each request, not once at import.

    DRF copies DEFAULT_THROTTLE_RATES into a class attribute when it is imported, so a
    changed setting (an operator's environment variable read later, a test's
    override_settings) would otherwise be ignored.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class UserRateThrottle(_RatesReadPerRequest, throttling.UserRateThrottle):
    """Per signed-in user (scope `user`); anonymous callers fall back to their address."""


class AnonRateThrottle(_RatesReadPerRequest, throttling.AnonRateThrottle):
    """Per client address for callers who are not signed in (scope `anon`)."""
