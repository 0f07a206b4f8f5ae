"""Settings of the peer project: Django's default stack with django-postman, nothing of Brevven's.

The database is a file next to Brevven's benchmark database (BENCH_PEER_SQLITE names another;
its name must contain "bench"), or, when DATABASE_URL is set,
a PostgreSQL database on the same server whose name ends in "_postman" (so both projects are
measured on the same kind of database).
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "brevven-benchmark-peer-only-" + "p" * 40
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
USE_TZ = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "postman",
]
# Django's own stack as `startproject` writes it: what a bare postman installation runs.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "bench.peer.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "postman.context_processors.inbox",
    ]},
}]
STATIC_URL = "/static/"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Brevven's submit queues its notices for a worker; postman would e-mail inside the request.
# Leave e-mail out of postman's request so both measure the request's own work.
POSTMAN_DISABLE_USER_EMAILING = True
# Messages are accepted as written (postman's moderation hook, with no check configured).
POSTMAN_AUTO_MODERATE_AS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        default = BASE_DIR.parent.parent / "var" / "bench" / "bench_postman.sqlite3"
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ.get("BENCH_PEER_SQLITE") or default}
    config = dj_database_url.parse(url)
    config["NAME"] = f"{config['NAME']}_postman"
    return config


DATABASES = {"default": _database()}
