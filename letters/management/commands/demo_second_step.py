"""Print a recovery code the demo coordinator has not used yet (scripts/run-dev shows it).

Each recovery code works once, so `make run` must not keep printing one that was spent.
When all are spent, the demo coordinator gets a fresh one. Refuses outside DEBUG: on a
real installation nobody's second step is printed anywhere.
"""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from programs.accounts import RECOVERY_DEVICE_NAME


class Command(BaseCommand):
    help = "Print an unused recovery code of the demo coordinator (development only)."

    def handle(self, *args, **options):
        from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

        if not settings.DEBUG:
            raise CommandError("Only for the development server (DEBUG=1).")
        device = StaticDevice.objects.filter(user__username="demo-coordinator", name=RECOVERY_DEVICE_NAME).first()
        if device is None:
            raise CommandError("No demo loaded: run `make demo` first.")
        token = device.token_set.order_by("pk").first()
        if token is None:  # all ten were used
            token = StaticToken.objects.create(device=device, token=f"demo-{secrets.token_hex(4)}")
        self.stdout.write(token.token)
