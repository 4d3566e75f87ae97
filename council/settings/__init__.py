"""Settings for the Volunteer Council platform, driven by environment variables.

Development needs nothing set: SQLite in ./data and the development secrets that `make run`'s
setup step writes once into ./data (scripts/dev_secrets.py). Importing the settings writes
nothing: without those files (a fresh clone's `pytest`, `makemigrations --check`) the process
uses secrets of its own that live as long as it does. `COUNCIL_ENV=production` turns on the
secure defaults and requires SECRET_KEY, ALLOWED_HOSTS and a DATABASE_URL.

The federation, mail and security blocks are modules of this package; what every block
reads (the environment, the data folder, the site's address) is `environment`.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Any, cast

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# (The names a setting of Django or of ours is read by are re-exported "as" themselves.)
from council.settings.environment import (
    BASE_DIR,
    DATA_DIR,
    PRODUCTION,
    envbool,
    envint,
    envlist,
)
from council.settings.environment import COUNCIL_ENV as COUNCIL_ENV
from council.settings.environment import EXCHANGE_COUNTRY as EXCHANGE_COUNTRY
from council.settings.environment import SITE_URL as SITE_URL
from council.settings.federation import *  # noqa: F403
from council.settings.mail import *  # noqa: F403
from council.settings.push import *  # noqa: F403
from council.settings.security import *  # noqa: F403


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when COUNCIL_ENV=production.")
    # Written once into the data folder by scripts/dev_secrets.py (`make run`'s setup step) so
    # that sessions survive restarts in development; read here, never written.
    return _development_secret("secret_key") or secrets.token_urlsafe(50)


def _development_secret(name: str) -> str:
    """The development secret kept in DATA_DIR/<name>, or "" when there is none."""
    try:
        return (DATA_DIR / name).read_text().strip()
    except FileNotFoundError:
        return ""


SECRET_KEY = _secret_key()
DEBUG = envbool("DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    # Debug pages show settings, SQL and stack frames to anyone who triggers an error.
    raise ImproperlyConfigured("DEBUG must be off when COUNCIL_ENV=production.")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when COUNCIL_ENV=production.")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
# The Ed25519 key that signs record books (base64 of the 32-byte seed); without it the
# platform makes one on first use and keeps it in the database (council.hours.services.signing).
SIGNING_PRIVATE_KEY = os.environ.get("SIGNING_PRIVATE_KEY", "")
# This platform's stable name in exchange-format files (docs/exchange-format.md): it is part
# of every record id it issues, so set it once and never change it. Empty: SITE_URL's host.
EXCHANGE_NODE = os.environ.get("EXCHANGE_NODE", "").strip().lower()


INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "council.reference",
    "council.audit",
    "council.accounts",
    "council.push",
    "council.orgs",
    "council.webhooks",
    "council.volunteers",
    "council.projects",
    "council.training",
    "council.hours",
    "council.forums",
    "council.cooperation",
    "council.exchanges",
    "council.deployments",
    "council.corporate",
    "council.news",
    "council.messaging",
    "council.dedup",
    "council.imports",
    "council.interchange",
    "council.reports",
    "council.federation",
    "council.api",
    "council.demo",
    "council.ops",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "council.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "council.accounts.middleware.PreferredLanguageMiddleware",
    "council.middleware.RejectNullCharactersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "council.api.middleware.ApiTokenMiddleware",
    "council.orgs.middleware.StaffMfaMiddleware",
]

ROOT_URLCONF = "council.urls"
WSGI_APPLICATION = "council.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "council" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "council.context_processors.navigation",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'council.sqlite3'}")
if PRODUCTION and "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("DATABASE_URL must be set when COUNCIL_ENV=production.")
# Health checks: a persistent connection that the database dropped (a restart) is found out and
# replaced at the start of the next request, instead of failing that request.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The folder of the development database is made by scripts/dev_secrets.py, not here.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at BEGIN
    # so that "lock, re-check, write" cannot deadlock on a lock upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Requests run short queries: JIT compilation (on by default above jit_above_cost) would
    # add compile time to a page whenever a planner estimate crossed the threshold.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME") or None}
# DATABASE_URL may point at PgBouncer in transaction pooling mode (docs/operations.md, "More
# than one machine"): each transaction may run on another server connection, so no prepared
# statements (psycopg prepares a query run often) and no server-side cursors (`.iterator()`
# keeps one open between transactions). PgBouncer does not pass startup options on: JIT is
# switched off at the server there (ALTER DATABASE … SET jit = off).
DATABASE_POOLER = os.environ.get("DATABASE_POOLER", "")
if DATABASE_POOLER not in {"", "pgbouncer"}:
    raise ImproperlyConfigured("DATABASE_POOLER must be empty or 'pgbouncer'.")
if DATABASE_POOLER == "pgbouncer":
    DATABASES["default"]["OPTIONS"] = {"prepare_threshold": None}
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# A PostgreSQL streaming replica takes the reads of the views marked @replica_reads
# (council/lib/replica.py): dashboards, reports, search, the open statistics. In tests it
# mirrors the default database: the test database's name, which replication brings over.
REPLICA_DATABASE_URL = os.environ.get("REPLICA_DATABASE_URL", "")
# Reads go back to the primary when the replica is this far behind; a person who wrote reads
# from the primary for REPLICA_STICKY_SECONDS; a process measures the lag at most this often.
REPLICA_MAX_LAG_SECONDS = envint("REPLICA_MAX_LAG_SECONDS", 5)
REPLICA_STICKY_SECONDS = envint("REPLICA_STICKY_SECONDS", 10)
REPLICA_CHECK_SECONDS = envint("REPLICA_CHECK_SECONDS", 3)
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(
        REPLICA_DATABASE_URL, conn_max_age=60, conn_health_checks=True
    )
    # A replica that does not answer costs a page two seconds once, then is left alone until
    # the next measure.
    DATABASES["replica"]["OPTIONS"] = {
        "options": "-c jit=off",
        "connect_timeout": envint("REPLICA_CONNECT_TIMEOUT", 2),
    }
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["council.lib.replica.ReplicaRouter"]
    MIDDLEWARE = [*MIDDLEWARE, "council.lib.replica.ReplicaMiddleware"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE columns) are for PostgreSQL; SQLite builds the same index without
# them, which is all W040 says.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Cache --------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # Sessions read from the shared cache and are written through to the database: a request
    # no longer waits for a session query. (Not with a per-process cache, whose copies would
    # outlive a sign-out in another worker.)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Tasks --------------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend"
            if PRODUCTION
            else "django_tasks.backends.immediate.ImmediateBackend",
        )
    }
}

# --- Observability (docs/operations.md, "Observability") ---------------------------------
# Logs: one line per record on standard error, JSON in production (LOG_FORMAT=json|text); every
# line names the request (request_id, the proxy's X-Request-ID or our own), the signed-in user,
# the path, and inside a background task the task's id (council.ops.observability).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("LOG_FORMAT must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "council.ops.observability.context.LogContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s %(path)s "
            "%(task_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["context"],
        }
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING"),
    },
}
# Metrics (django-prometheus): request rates and latencies per view from the first and last
# middleware; the request id right after the first, so that every middleware's lines carry it.
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "council.ops.observability.middleware.RequestIdMiddleware",
    *MIDDLEWARE,
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
# Database timings: django-prometheus's wrappers of the same engines.
_PROMETHEUS_ENGINES = {
    "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
    "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
}
for _database in DATABASES.values():
    _database["ENGINE"] = _PROMETHEUS_ENGINES.get(_database["ENGINE"], _database["ENGINE"])
    if _database["ENGINE"].endswith("sqlite3") and not _database.get("TEST", {}).get("NAME"):
        # Django's default for SQLite's test database, said out loud: pytest-django knows
        # SQLite by Django's engine name only, and would name a file per xdist worker.
        _database.setdefault("TEST", {})["NAME"] = ":memory:"
# Cache counts and timings (council/ops/observability/cache.py); a Redis that does not answer
# fails a request (and /readyz) in seconds rather than holding it.
for _cache in cast(dict[str, dict[str, Any]], CACHES).values():
    if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        _cache["BACKEND"] = "council.ops.observability.cache.RedisCache"
        _cache.setdefault("OPTIONS", {}).setdefault("socket_connect_timeout", 2)
        _cache["OPTIONS"].setdefault("socket_timeout", 2)
# /metrics answers these addresses or networks only (the client's address, trusted proxies
# considered: council/lib/client_ip.py); anyone else gets a 404. Gunicorn's workers share
# their metrics through PROMETHEUS_MULTIPROC_DIR, read by prometheus_client itself.
METRICS_ALLOWED_NETWORKS = envlist("METRICS_ALLOWED_NETWORKS", "127.0.0.1,::1")
for _network in METRICS_ALLOWED_NETWORKS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(f"METRICS_ALLOWED_NETWORKS: {error}") from error
# Probes and the scraper ask each node directly over HTTP, not through the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz|metrics)$"]

# --- Accounts -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "council.orgs.backends.ModelStaffBackend",
    "council.orgs.backends.AccountStaffBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Opening the confirmation link in the browser that signed up signs the person in (allauth
# resumes the sign-up kept in that session) and lands on the volunteer profile to fill. The
# sign-up waits in the session for an hour, not allauth's 15 minutes, so that finding the mail
# (printed in the terminal in development) does not send a newcomer back to the sign-in form.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_TIMEOUT = 60 * 60
ACCOUNT_SIGNUP_REDIRECT_URL = "volunteers:profile"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "council.accounts.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "council.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = False if not PRODUCTION else {}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Volunteer Council"
# Staff roles (organisation admin, national coordinator, secretariat) and Django admin users
# must use MFA in production.
COUNCIL_REQUIRE_STAFF_MFA = envbool("COUNCIL_REQUIRE_STAFF_MFA", PRODUCTION)
# Proxies (addresses or networks) whose X-Forwarded-For names the client; from anyone else the
# header is ignored (council/lib/client_ip.py). Sign-in throttling counts per client address.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "127.0.0.1,::1")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error


def _mfa_encryption_keys() -> list[str]:
    """Fernet keys for two-factor secrets, newest first (council/accounts/mfa.py)."""
    keys = envlist("MFA_ENCRYPTION_KEYS", "")
    if not keys:
        if PRODUCTION:
            raise ImproperlyConfigured(
                "MFA_ENCRYPTION_KEYS must be set when COUNCIL_ENV=production."
            )
        # Written once into the data folder by scripts/dev_secrets.py, like the secret key.
        keys = [_development_secret("mfa_encryption_key") or Fernet.generate_key().decode()]
    for key in keys:
        try:
            Fernet(key)
        except ValueError as error:
            raise ImproperlyConfigured(
                "MFA_ENCRYPTION_KEYS: each key is 32 url-safe base64-encoded bytes "
                "(python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())')."
            ) from error
    return keys


MFA_ENCRYPTION_KEYS = _mfa_encryption_keys()
MFA_ADAPTER = "council.accounts.mfa.MfaAdapter"

# Reports print values in local currencies and, for a total over several, convert them into
# this one at the stated rates (hours.ExchangeRate), printing the rates used.
REPORT_CURRENCY = os.environ.get("REPORT_CURRENCY", "USD")

# An organisation's contact list (imported volunteers, invited but not signed up): a contact
# not accepted within this many days of being added is erased by `manage.py expire_contacts`
# (the council-job@expire_contacts timer, daily), keeping an anonymous tombstone.
CONTACT_RETENTION_DAYS = envint("CONTACT_RETENTION_DAYS", 365)
# An account nobody has signed in to for this many years is erased (its aggregates kept), after
# a warning mailed ACCOUNT_RETENTION_WARNING_DAYS before (`manage.py retention_sweep`, daily;
# docs/data-residency.md, "Retention"). 0 keeps accounts however long they are unused.
ACCOUNT_RETENTION_YEARS = envint("ACCOUNT_RETENTION_YEARS", 3)
ACCOUNT_RETENTION_WARNING_DAYS = envint("ACCOUNT_RETENTION_WARNING_DAYS", 30)
# --- Webhooks (docs/webhooks.md) ----------------------------------------------------------
# Hosts ("host" or "host:port", comma-separated) whose webhook endpoints may use plain http://
# and private or loopback addresses; every other endpoint must be https:// to a public address
# (council/webhooks/net.py). Empty by default: name only hosts of your own network here.
WEBHOOKS_ALLOWED_HOSTS = envlist("WEBHOOKS_ALLOWED_HOSTS", "")
# A delivery waits this long for the endpoint's answer.
WEBHOOKS_TIMEOUT_SECONDS = 10
# An endpoint whose deliveries fail this many times in a row is paused (its admins are mailed).
WEBHOOKS_PAUSE_AFTER_FAILURES = 15
# After a secret is rotated the old one goes on signing beside the new one this long.
WEBHOOKS_ROTATION_GRACE_HOURS = 24

# --- Languages ----------------------------------------------------------------------------
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("kk", _("Kazakh")), ("en", _("English"))]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
MODELTRANSLATION_DEFAULT_LANGUAGE = "ru"
MODELTRANSLATION_LANGUAGES = ("ru", "kk", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("ru", "en", "kk"), "kk": ("ru", "en")}
# Our catalogues first; then Kazakh catalogues of third-party strings that ship none (allauth)
# or an incomplete one (Django's password rules): without them a Kazakh page falls back to
# LANGUAGE_CODE, Russian, for each missing string.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "locale_vendor" / "allauth",
    BASE_DIR / "locale_vendor" / "django",
]
FORMAT_MODULE_PATH = ["council.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "council" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Files served only through a view that checks who asks (signed agreements): never under
    # MEDIA_ROOT, which the development server serves to anyone.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(Path(os.environ.get("PRIVATE_ROOT", DATA_DIR / "private"))),
        },
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Several web nodes need uploads that every node sees: a shared filesystem at MEDIA_ROOT and
# PRIVATE_ROOT, or MEDIA_STORAGE=s3 for S3-compatible storage through django-storages
# (docs/operations.md, "More than one machine"). Two buckets then: the media (cover images,
# logos: public URLs, best served on the site's own address through AWS_S3_CUSTOM_DOMAIN, which
# keeps the Content-Security-Policy's img-src 'self') and the private files (signed
# agreements, exports: never public, read by the views that check who asks). The keys come
# from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, read by django-storages.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'filesystem' or 's3'.")
if MEDIA_STORAGE == "s3":
    _media_bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    _private_bucket = os.environ.get("PRIVATE_STORAGE_BUCKET_NAME", "")
    if not _media_bucket or not _private_bucket or _media_bucket == _private_bucket:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME and PRIVATE_STORAGE_BUCKET_NAME, "
            "two different buckets: the private files must not share the media's policy."
        )
    _s3 = {
        name: value
        for name, value in {
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL"),
            "region_name": os.environ.get("AWS_S3_REGION_NAME"),
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE"),
        }.items()
        if value
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": _media_bucket,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": _private_bucket,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- Backups (docs/backups.md) ------------------------------------------------------------
# `manage.py backup` (a daily job) writes a PostgreSQL dump, the private files and the media
# into a new timestamped folder of BACKUP_DIR and keeps the newest BACKUP_KEEP of them. Copy
# that folder off the machine: a backup on the disk it protects is lost with the disk.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", DATA_DIR / "backups"))
BACKUP_KEEP = envint("BACKUP_KEEP", 7)
# The database the backup reads when DATABASE_URL goes through PgBouncer in transaction mode,
# where pg_dump's session settings would land on other server connections: PostgreSQL itself.
# Empty: the default database.
BACKUP_DATABASE_URL = os.environ.get("BACKUP_DATABASE_URL", "")

NINJA_PAGINATION_PER_PAGE = 50

# --- API rate limits (council/api/throttling.py) --------------------------------------------
# "<requests>/<s|min|h|day>"; empty switches the limit off. Anonymous callers are counted per
# client address, each API token (and each signed-in session) on its own.
API_THROTTLE_ANON = os.environ.get("API_THROTTLE_ANON", "60/min")
API_THROTTLE_TOKEN = os.environ.get("API_THROTTLE_TOKEN", "600/min")
