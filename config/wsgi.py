"""WSGI entry point (gunicorn config.wsgi).

Once the application is loaded, so is what its first requests would otherwise load
(config.warmup: views, translations, templates and screening's data): without it, each new
worker's first request took about a second and its first letter about three more. Under
`gunicorn --preload` (docs/deploy.md) this happens once, in the parent process. With DEBUG
on (the development server, which restarts on every change) it is skipped.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402

from config.warmup import warm_up  # noqa: E402  (needs the app registry loaded above)

if not settings.DEBUG:
    warm_up()
