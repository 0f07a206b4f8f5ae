"""`make load`'s server settings: the product's own, plus the one-query page of bench/urls.py.

Everything else (middleware, sessions, two factors, HTTPS off only because the load runs on
loopback) is what docs/deploy.md describes, set through the environment by scripts/load-test.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
