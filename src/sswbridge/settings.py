"""Django settings for SSW Bridge, read from SSWBRIDGE_* environment variables only.

Every variable is documented in README.md ("Configuration").
"""

from __future__ import annotations

import sys
from pathlib import Path

import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from sswbridge.config import (
    ConfigError,
    env_bool,
    env_choice,
    env_hosted_sides,
    env_int,
    env_int_list,
    env_list,
    env_path,
    env_str,
    env_time_zone,
    parse_database_url,
)

django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = env_path("SSWBRIDGE_VAR_DIR", "var")

TESTING = "pytest" in sys.modules

DEBUG = env_bool("SSWBRIDGE_DEBUG", False)
SECRET_KEY = env_str("SSWBRIDGE_SECRET_KEY")
ALLOWED_HOSTS = env_list("SSWBRIDGE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
HTTPS = env_bool("SSWBRIDGE_HTTPS", not DEBUG)
BEHIND_PROXY = env_bool("SSWBRIDGE_BEHIND_PROXY", False)

_default_db = f"sqlite:///{VAR_DIR / 'sswbridge.sqlite3'}"
if TESTING and env_str("SSWBRIDGE_TEST_DATABASE_URL"):
    _db_var = "SSWBRIDGE_TEST_DATABASE_URL"
else:
    _db_var = "SSWBRIDGE_DATABASE_URL"
DATABASES = {
    "default": parse_database_url(
        _db_var, env_str(_db_var) or _default_db, base_dir=Path.cwd()
    ).as_django()
}
# Persistent connections on PostgreSQL: each web thread keeps its connection between requests
# (a new one costs a backend process and its start-up every request), checked before a
# request reuses it. SQLite opens a file, cheap, and a kept connection would hold a replaced
# (restored) file: 0 there, which closes the connection after each request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int(
    "SSWBRIDGE_DB_CONN_MAX_AGE",
    0 if DATABASES["default"]["ENGINE"].endswith("sqlite3") else 600,
    minimum=0,
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if (
    DATABASES["default"]["ENGINE"].endswith("sqlite3")
    and DATABASES["default"]["NAME"] != ":memory:"
):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    # Before django.contrib.auth, so that its `changepassword` and `createsuperuser` commands
    # replace Django's (which would act on any side's account without an audit entry).
    "sswbridge.accounts",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",  # its Swagger UI from our own static files, not a CDN (CSP)
    "sswbridge.core",
    "sswbridge.frameworks",
    "sswbridge.audit",
    "sswbridge.registry",
    "sswbridge.orders",
    "sswbridge.sending",
    "sswbridge.intermediaries",
    "sswbridge.exchange",
    "sswbridge.cases",
    "sswbridge.readlog",
    "sswbridge.consultations",
    "sswbridge.lifecycle",
    "sswbridge.disclosure",
    "sswbridge.suspensions",
    "sswbridge.support",
    "sswbridge.screening",
    "sswbridge.publication",
    "sswbridge.retention",
    "sswbridge.security",
    "sswbridge.workqueue",
    "sswbridge.federation",
    "sswbridge.webhooks",
    "sswbridge.demo",
    "sswbridge.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sswbridge.security.csp.ContentSecurityPolicyMiddleware",
    "sswbridge.security.input.ControlCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sswbridge.security.ratelimit.RateLimitMiddleware",
    "sswbridge.security.caching.NoStoreMiddleware",
    "sswbridge.accounts.middleware.SessionIdleTimeoutMiddleware",
    "sswbridge.accounts.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: it calls the view, again after a transient database conflict (core/transactions.py).
    "sswbridge.core.middleware.TransientConflictRetryMiddleware",
]

ROOT_URLCONF = "sswbridge.urls"
WSGI_APPLICATION = "sswbridge.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sswbridge.core.context_processors.bridge",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workqueue:home"
LOGOUT_REDIRECT_URL = "publication:landing"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in policy.
LOCKOUT_THRESHOLD = env_int("SSWBRIDGE_LOCKOUT_THRESHOLD", 5, minimum=1)
LOCKOUT_MINUTES = env_int("SSWBRIDGE_LOCKOUT_MINUTES", 15, minimum=1)
SESSION_IDLE_MINUTES = env_int("SSWBRIDGE_SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = env_int("SSWBRIDGE_SESSION_MAX_HOURS", 12, minimum=1) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
OTP_TOTP_ISSUER = env_str("SSWBRIDGE_OTP_ISSUER", "SSW Bridge")
RECOVERY_CODE_COUNT = 10
# A one-time link to set one's password (and enrol the second factor): how long it works.
ENROLMENT_LINK_HOURS = env_int("SSWBRIDGE_ENROLMENT_LINK_HOURS", 72, minimum=1)

# Transport security: on by default in production, off for the local demo.
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("SSWBRIDGE_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
CSRF_TRUSTED_ORIGINS = env_list("SSWBRIDGE_CSRF_TRUSTED_ORIGINS", [])

# A cache shared by every gunicorn process (sign-in lock-outs): a table of the database,
# created by `sswbridge migrate`. The rate limits count in their own table (security.models).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "sswbridge_cache",
    }
}
# Rate limits (security/ratelimit.py): name → (requests, per seconds); 0 requests: no limit.
_SIGNIN_WINDOW = env_int("SSWBRIDGE_SIGNIN_RATE_WINDOW_SECONDS", 300, minimum=1)
_API_WINDOW = env_int("SSWBRIDGE_API_RATE_WINDOW_SECONDS", 60, minimum=1)
_PUBLIC_WINDOW = env_int("SSWBRIDGE_PUBLIC_RATE_WINDOW_SECONDS", 60, minimum=1)
RATE_LIMITS: dict[str, tuple[int, int]] = {
    "signin": (env_int("SSWBRIDGE_SIGNIN_RATE_LIMIT", 10, minimum=0), _SIGNIN_WINDOW),
    "signin_ip": (env_int("SSWBRIDGE_SIGNIN_IP_RATE_LIMIT", 50, minimum=0), _SIGNIN_WINDOW),
    "api": (env_int("SSWBRIDGE_API_RATE_LIMIT", 300, minimum=0), _API_WINDOW),
    "public": (env_int("SSWBRIDGE_PUBLIC_RATE_LIMIT", 120, minimum=0), _PUBLIC_WINDOW),
}

# Languages of the interface.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ja", _("Japanese")),
    ("ru", _("Russian")),
    ("ky", _("Kyrgyz")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_time_zone("SSWBRIDGE_TIME_ZONE", "UTC")

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Set SSWBRIDGE_STATIC_ROOT to serve collected files; otherwise WhiteNoise serves from the apps.
STATIC_ROOT = env_str("SSWBRIDGE_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = env_path("SSWBRIDGE_MEDIA_DIR", str(VAR_DIR / "media"))
# The portal's downloads, built once per change of their register (publication/download_cache.py).
DOWNLOADS_DIR = VAR_DIR / "downloads"
# The audit chain: the node key that signs it and the signed checkpoints of its head, both
# outside the database (core/nodekey.py, audit/checkpoints.py).
NODE_KEY_FILE = env_path("SSWBRIDGE_NODE_KEY_FILE", str(VAR_DIR / "node_key.pem"))
CHECKPOINT_DIR = env_path("SSWBRIDGE_CHECKPOINT_DIR", str(VAR_DIR / "checkpoints"))
# The screening index saved between restarts (screening/store.py): a cache of the registers.
SCREENING_INDEX_DIR = env_path("SSWBRIDGE_SCREENING_INDEX_DIR", str(VAR_DIR / "screening"))

# Mail: SMTP when SSWBRIDGE_EMAIL_HOST is set, otherwise printed to the console.
EMAIL_HOST = env_str("SSWBRIDGE_EMAIL_HOST")
EMAIL_PORT = env_int("SSWBRIDGE_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("SSWBRIDGE_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("SSWBRIDGE_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("SSWBRIDGE_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("SSWBRIDGE_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ConfigError("SSWBRIDGE_EMAIL_USE_TLS and SSWBRIDGE_EMAIL_USE_SSL exclude each other")
EMAIL_TIMEOUT = env_int("SSWBRIDGE_EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("SSWBRIDGE_EMAIL_FROM", "SSW Bridge <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# Background worker.
WORKER_POLL_SECONDS = env_int("SSWBRIDGE_WORKER_POLL_SECONDS", 5, minimum=1)

# Exchange: attachments, reminders and links in the mail the system sends.
MAX_UPLOAD_MB = env_int("SSWBRIDGE_MAX_UPLOAD_MB", 20, minimum=1)
REMINDER_DAYS_BEFORE = env_int("SSWBRIDGE_REMINDER_DAYS_BEFORE", 2, minimum=0)
PUBLIC_URL = env_str("SSWBRIDGE_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

# Federation (federation/, docs/federation.md): which sides this node hosts ("jp", "jp-kg:kg",
# comma-separated; empty: every side, the single hosted node) and how it talks to its peers.
HOSTED_SIDES = env_hosted_sides("SSWBRIDGE_HOSTED_SIDES")
FEDERATION_LEASE_SECONDS = env_int("SSWBRIDGE_FEDERATION_LEASE_SECONDS", 60, minimum=1)
FEDERATION_REPLAY_WINDOW_SECONDS = env_int(
    "SSWBRIDGE_FEDERATION_REPLAY_WINDOW_SECONDS", 300, minimum=1
)
FEDERATION_TIMEOUT_SECONDS = env_int("SSWBRIDGE_FEDERATION_TIMEOUT_SECONDS", 10, minimum=1)
FEDERATION_BACKOFF_SECONDS = env_int("SSWBRIDGE_FEDERATION_BACKOFF_SECONDS", 5, minimum=1)
FEDERATION_BACKOFF_MAX_SECONDS = env_int("SSWBRIDGE_FEDERATION_BACKOFF_MAX_SECONDS", 600, minimum=1)
FEDERATION_ALERT_MINUTES = env_int("SSWBRIDGE_FEDERATION_ALERT_MINUTES", 30, minimum=1)
FEDERATION_POLL_SECONDS = env_int("SSWBRIDGE_FEDERATION_POLL_SECONDS", 60, minimum=1)
# Envelopes of one stream posted together in one signed request (v1/batches), at most.
FEDERATION_BATCH = env_int("SSWBRIDGE_FEDERATION_BATCH", 10, minimum=1)
# Per peer: (requests, per seconds); 0 requests: no limit. Well above the 100 envelopes/s target.
FEDERATION_RATE_LIMIT = (
    env_int("SSWBRIDGE_FEDERATION_RATE_LIMIT", 60000, minimum=0),
    env_int("SSWBRIDGE_FEDERATION_RATE_WINDOW_SECONDS", 60, minimum=1),
)
# A short delivery pass in a thread right after an enqueuing transaction commits (off in tests,
# whose in-memory database a thread cannot see; they run the pass themselves).
FEDERATION_DELIVER_ON_COMMIT = env_bool("SSWBRIDGE_FEDERATION_DELIVER_ON_COMMIT", not TESTING)

# Webhooks (webhooks/): the waits before each retry of a delivery, in seconds (a failed
# delivery is tried once more after each; then it is given up), the timeout of one attempt,
# the days finished deliveries stay in the log, how often the job looks for new events, and
# whether targets on 127.0.0.1 over plain HTTP are allowed (the tests' receiver; never else).
WEBHOOKS_RETRY_SECONDS = env_int_list(
    "SSWBRIDGE_WEBHOOKS_RETRY_SECONDS", [5, 30, 120, 600, 3600], minimum=1
)
WEBHOOKS_TIMEOUT_SECONDS = env_int("SSWBRIDGE_WEBHOOKS_TIMEOUT_SECONDS", 10, minimum=1)
WEBHOOKS_LOG_DAYS = env_int("SSWBRIDGE_WEBHOOKS_LOG_DAYS", 30, minimum=1)
WEBHOOKS_POLL_SECONDS = env_int("SSWBRIDGE_WEBHOOKS_POLL_SECONDS", 30, minimum=1)
WEBHOOKS_ALLOW_LOOPBACK = TESTING and env_bool("SSWBRIDGE_WEBHOOKS_ALLOW_LOOPBACK", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice(
            "SSWBRIDGE_LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
        ),
    },
}

if TESTING:
    # Argon2 still, with small costs, so the suite can create hundreds of users quickly.
    PASSWORD_HASHERS = ["sswbridge.accounts.hashers.TestArgon2PasswordHasher"]
    SECRET_KEY = SECRET_KEY or "tests-only-secret-key-not-for-production-use-0123456789"
    SECURE_SSL_REDIRECT = False
    SESSION_COOKIE_SECURE = False
    # A cache local to the test process. The rate limits are off unless a test (or the
    # environment) sets them, so that thousands of requests from 127.0.0.1 in one run are
    # not refused.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    RATE_LIMITS = {
        name: (limit if env_str(var) else 0, seconds)
        for (name, (limit, seconds)), var in zip(
            RATE_LIMITS.items(),
            (
                "SSWBRIDGE_SIGNIN_RATE_LIMIT",
                "SSWBRIDGE_SIGNIN_IP_RATE_LIMIT",
                "SSWBRIDGE_API_RATE_LIMIT",
                "SSWBRIDGE_PUBLIC_RATE_LIMIT",
            ),
            strict=True,
        )
    }
    CSRF_COOKIE_SECURE = False
    EMAIL_BACKEND = (
        "django.core.mail.backends.locmem.EmailBackend" if not EMAIL_HOST else EMAIL_BACKEND
    )
