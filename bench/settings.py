"""Settings for the benchmark: the product's settings with a database of its own and a baseline page.

The benchmark measures the product as it runs in production (DEBUG off, cached templates)
with four differences, each because the in-process client is not a browser behind TLS:
no HTTPS redirect or secure-only cookies, no two-factor step for the coordinator, and
e-mail kept in memory, so the sweep's thousands of messages do not hit the disk.
"""

import os

os.environ.setdefault("SECRET_KEY", "brevven-benchmark-only-" + "b" * 40)

from config.settings import *  # noqa: E402,F403
from config.settings import VAR_DIR  # noqa: E402

#: The SQLite file `make bench` wipes and fills (when DATABASE_URL is not given); BENCH_SQLITE
#: names another (bench.jobs times one job on copies of its own seeded file).
BENCH_SQLITE = os.environ.get("BENCH_SQLITE") or VAR_DIR / "bench" / "bench.sqlite3"

if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {  # noqa: F405
        **DATABASES["default"],  # noqa: F405
        "NAME": BENCH_SQLITE,
    }}

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
BREVVEN_REQUIRE_TWO_FACTOR = False
AXES_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# In-process requests render {% static %} without `collectstatic`; `make load` fingerprints.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "WARNING"}}  # noqa: F405
