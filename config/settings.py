"""Brevven's one settings module, driven by environment variables.

Every variable is documented in docs/configuration.md. The defaults are safe for a
newcomer's laptop: SQLite, the django-q2 ORM broker, e-mail written to files.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("BREVVEN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    """Return the boolean value of environment variable `name` ("1", "true", "yes", "on")."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Return a comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")


def _secret_key() -> str:
    """Return SECRET_KEY from the environment, or a development key kept in var/.

    A missing key is an error outside development (config/test_settings.py sets one for the
    tests), so that a production installation can never run with a key that is written on
    its own disk by accident.
    """
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see docs/configuration.md).")
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A refused form gets a translated page: under /api/ in the API's JSON error format
# (api.csrf), elsewhere in the site's layout (frontend.error_views); config.csrf chooses.
CSRF_FAILURE_VIEW = "config.csrf.csrf_failure"
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_q",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "apitokens",
    "programs",
    "readings",
    "letters",
    "toolbox",
    "timeline",
    "goals",
    "spaces",
    "oversight",
    "privacy",
    "jobs",
    "api",
    "frontend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves collected static files from each web process, before sessions are even loaded.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Keeps used sessions alive without writing them on every request (SESSION_REFRESH_INTERVAL).
    "programs.middleware.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After authentication: the user's (or their program's) language and time zone win.
    "frontend.middleware.UserLocaleMiddleware",
    # A URL too long to use gets a clear 414 in that language (before any redirect carries it).
    "config.middleware.UrlLengthLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "programs.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "programs.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that it turns a locked-out sign-in into the page that explains it.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontend.context_processors.unread_notices",
            ],
        },
    },
]


def _databases() -> dict:
    """Return DATABASES from DATABASE_URL; SQLite in WAL mode under var/ when unset."""
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")))
        if config["ENGINE"] == "django.db.backends.postgresql":
            # Django's backend, reading timestamps with psycopg's compiled loader (config/postgresql).
            config["ENGINE"] = "config.postgresql"
    else:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "brevven.sqlite3"}
    # A persistent connection that the server or a proxy dropped while idle would fail the first
    # request that reuses it; with health checks Django tests it first and reconnects.
    config["CONN_HEALTH_CHECKS"] = config.get("CONN_MAX_AGE", 0) != 0
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
            # BEGIN, so two writers queue instead of failing half-way ("database is locked").
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
    return {"default": config}


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "programs.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The throttling backend comes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2 hashes new passwords; the others still verify (and upgrade) older hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("da", _("Danish")),
    ("nb", _("Norwegian Bokmål")),
    ("fr", _("French")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
# Brevven's own date formats where Django's do not read naturally (config/formats/<lang>).
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# In development the files come from the apps' static folders (no collectstatic), so
# WhiteNoise looks there instead of warning on every request that STATIC_ROOT is missing.
# (config/test_settings.py does the same for the tests.)
WHITENOISE_USE_FINDERS = DEBUG
if WHITENOISE_USE_FINDERS:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))


def _require_s3_extra() -> None:
    """Fail at start-up, saying what to install, when S3 storage is chosen without its extra.

    The S3 backend is an optional extra (`pip install -e '.[s3]'`) so that an installation on
    local disk does not carry boto3; without this check the first PDF would fail instead.
    """
    try:
        import storages.backends.s3  # noqa: F401
    except ImportError as error:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs the s3 extra: pip install -c requirements.lock -e '.[s3]' (docs/deploy.md)."
        ) from error


def _storages() -> dict:
    """Return STORAGES: generated files on the local disk, or in an S3-compatible bucket.

    MEDIA_STORAGE=s3 keeps booklets, reports and other generated files in one bucket that
    every web and worker machine shares (docs/deploy.md). Static files are served by
    WhiteNoise; outside debug (and tests) they are compressed and fingerprinted, which
    needs `collectstatic` first.
    """
    if os.environ.get("MEDIA_STORAGE", "local") == "s3":
        _require_s3_extra()
        media = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", ""),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            # Private objects: files are handed out only by access-checked views.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        }}
    else:
        media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    fingerprinted = not DEBUG and env_bool("STATIC_MANIFEST", True)
    static = ("whitenoise.storage.CompressedManifestStaticFilesStorage" if fingerprinted
              else "django.contrib.staticfiles.storage.StaticFilesStorage")
    return {"default": media, "staticfiles": {"BACKEND": static}}


STORAGES = _storages()

# E-mail: by default every message is written to a file a newcomer can open.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Brevven <brevven@localhost>")

# Background jobs: the ORM broker needs nothing but the database; REDIS_URL switches to Redis.
REDIS_URL = os.environ.get("REDIS_URL", "")
Q_CLUSTER = {
    "name": os.environ.get("Q_CLUSTER_NAME", "brevven"),
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 120,
    "retry": 180,
    "max_attempts": 3,
    "catch_up": False,
    "save_limit": 1000,
    "label": "Background jobs",
}


def _redis_url_with_timeouts(url: str) -> str:
    """Return `url` with connect and read timeouts (unless it sets its own).

    Without them an unreachable or hung Redis would hold the request that enqueues a job
    (after its commit) for as long as the operating system waits; with them enqueuing fails
    within seconds and the job waits in the outbox (docs/background-jobs.md). The read
    timeout stays above the one second a worker blocks waiting for work.
    """
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.setdefault("socket_connect_timeout", "3")
    query.setdefault("socket_timeout", "10")
    return urlunsplit(parts._replace(query=urlencode(query)))


if REDIS_URL:
    Q_CLUSTER["redis"] = _redis_url_with_timeouts(REDIS_URL)
else:
    Q_CLUSTER["orm"] = "default"
#: Test only: the kill test stops a real worker at this point of reminder delivery
#: ("claimed" or "sent") to kill it there (letters.reminders.delivery). Empty in every installation.
REMINDER_TEST_PAUSE = os.environ.get("BREVVEN_TEST_PAUSE_REMINDERS", "")

# The cache holds API throttling counts and sign-in slow-downs. With Redis they are shared by
# every process and machine, so a limit holds however many web workers there are; without it
# each process counts on its own, which is right for the single-process `make run`.
# Sessions, too, are read from Redis then (cached_db: written through to the database, so a
# restart of Redis signs nobody out); every page saves the session query. Without Redis each
# process would keep its own copy, so sessions stay in the database alone.
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": "brevven-cache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header is what makes DRF answer 401 (not 403) to a
    # caller who sent no credentials. Keys are stored hashed (apitokens).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.HashedTokenAuthentication",
        "api.authentication.SessionAuthentication",  # DRF's, with a translated CSRF message
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.UserRateThrottle", "api.throttles.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("API_THROTTLE_USER", "120/minute"),
        "anon": os.environ.get("API_THROTTLE_ANON", "30/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Brevven API",
    "DESCRIPTION": "Letters, pairs, readings and review for integrations. Guide: docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Separate request and response components, so read-only fields never appear as input.
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI's files from drf-spectacular-sidecar: the docs page needs no internet access.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # `<id:...>` in api/v1.py: document path ids as the positive integers the route accepts.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 1, "maximum": 999_999_999_999_999_999}},
    "ENUM_NAME_OVERRIDES": {
        "MembershipRoleEnum": "programs.models.MembershipRole",
        "MembershipStatusEnum": "programs.models.MembershipStatus",
        "PairStatusEnum": "programs.models.PairStatus",
        "LetterStatusEnum": "letters.models.LetterStatus",
        "PairSideEnum": "api.pairs.PAIR_SIDES",
        "NotificationKindEnum": "letters.models.ReminderKind",
        "ReviewActionEnum": "letters.models.ReviewAction",
        "ReportKindEnum": "oversight.models.ReportKind",
        "ReportStatusEnum": "oversight.models.ReportStatus",
        "ArticleKindEnum": "toolbox.models.ArticleKind",
        "EventKindEnum": "timeline.models.EventKind",
        "LanguageEnum": "programs.models.LANGUAGE_CHOICES",
    },
}

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(int(timedelta(hours=8).total_seconds()))))
# A session ends after SESSION_COOKIE_AGE without a request. Rather than write every session on
# every request (SESSION_SAVE_EVERY_REQUEST), programs.middleware.SessionRefreshMiddleware
# pushes the expiry forward when it was last pushed this many seconds ago or more.
SESSION_REFRESH_INTERVAL = 300
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Secure cookies and HSTS whenever the site is not a developer's laptop (docs/security.md).
_HTTPS = not DEBUG
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SECURE_SSL_REDIRECT = _HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if _HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("SECURE_PROXY_SSL_HEADER"):
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto (docs/security.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
#: Sent by programs.middleware.PermissionsPolicyMiddleware: Brevven needs no device features.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# A strict Content-Security-Policy: scripts, styles, images and fonts from this site only;
# no inline script or style, no plug-ins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "manifest-src": ["'self'"],
    },
}

# Sign-in throttling (django-axes): five failures lock one account name *from one address*
# for an hour, so nobody elsewhere can lock a person out and one child's mistakes never lock
# a classmate behind the same address; a coordinator or an operator can lift it sooner.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "60")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# An address alone is slowed down, not locked: after this many failures (any account names,
# within AXES_COOLOFF_TIME) each try waits 1, 2, 4… seconds, at most the maximum
# (programs.accounts.address_wait_seconds; docs/security.md).
SIGN_IN_ADDRESS_FREE_FAILURES = int(os.environ.get("SIGN_IN_ADDRESS_FREE_FAILURES", "10"))
SIGN_IN_ADDRESS_MAX_DELAY_SECONDS = int(os.environ.get("SIGN_IN_ADDRESS_MAX_DELAY_SECONDS", "60"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "frontend.account_views.locked_out"
AXES_IPWARE_PROXY_COUNT = int(os.environ["AXES_PROXY_COUNT"]) if os.environ.get("AXES_PROXY_COUNT") else None
AXES_VERBOSE = False

# Two-factor authentication (django-otp) for coordinators and operators.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Brevven")
#: programs.middleware.RequireTwoFactorMiddleware enforces it (config/test_settings.py turns it
#: off for the suite; the security tests turn it back on where they test it).
BREVVEN_REQUIRE_TWO_FACTOR = True

#: A link to a page that does not exist raises while rendering (frontend.templatetags.brevven.page_url)
#: instead of being logged and shown as a dead link; on whenever DEBUG is, and in the test suite.
BREVVEN_STRICT_LINKS = DEBUG

# Password-reset e-mails (Django's token generator): a link works once, and for this long.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_MINUTES", "120")) * 60

# Invitations: a coordinator's link for a new participant is good for this long.
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))
# Data exports are private files: kept outside MEDIA_ROOT, handed out only by an access-checked view.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / "private"))

DEFAULT_EXCEPTION_REPORTER = "programs.log_scrubbing.ScrubbingExceptionReporter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub_private": {"()": "programs.log_scrubbing.ScrubPrivateDataFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["scrub_private"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step of every PDF at INFO; its warnings are what matter.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
