"""Settings for the tutorial project, read from the environment and `.env` with python-decouple.

With no `.env` at all the project runs for development: SQLite, console email, DEBUG on and a development
secret key. Every variable is documented in `.env.example`.
"""

from __future__ import annotations

from pathlib import Path

from decouple import Csv
from django.utils.module_loading import import_string

from tutorial_project.env import (
    SettingsError,
    check,
    env_file,
    is_web_address,
    load_config,
    read,
    read_following_debug,
    reject_unknown_names,
    require,
)

BASE_DIR = Path(__file__).resolve().parent.parent
config = load_config(env_file(BASE_DIR))

# --- Core -------------------------------------------------------------------------------------------------
DEBUG = read(config, "DEBUG", default=True, cast=bool)

# Development only: never used when DEBUG is False (start-up stops instead).
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"
SECRET_KEY = read(config, "SECRET_KEY", default="")
ALLOWED_HOSTS = read(config, "ALLOWED_HOSTS", default="", cast=Csv())
if DEBUG:
    SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
else:
    require(SECRET_KEY, "SECRET_KEY", "when DEBUG is False")
    require(ALLOWED_HOSTS, "ALLOWED_HOSTS", "when DEBUG is False")
    # Django's own test of a strong key (check --deploy's W009), made a start-up error: `SECRET_KEY=x` is no key.
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
        raise SettingsError(
            "SECRET_KEY is too weak for DEBUG=False: use 50 or more random characters (.env.example says how)."
        )

INSTALLED_APPS = [
    # The workbook comes before django_extensions: its shell_plus launches Notebook 7.
    "tutorial_project.workbook",
    "tutorial_project.tasks",
    "tutorial_project.users",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_extensions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tutorial_project.urls"
WSGI_APPLICATION = "tutorial_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tutorial_project" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------------------
# PostgreSQL (psycopg 3) when DB_NAME is set, as in the course; otherwise the SQLite file db.sqlite3.
# Notebooks always use their own in-memory SQLite.
DB_NAME = read(config, "DB_NAME", default="")
DB_USER = read(config, "DB_USER", default="")
DB_PASSWORD = read(config, "DB_PASSWORD", default="")
DB_HOST = read(config, "DB_HOST", default="")
DB_PORT = read(config, "DB_PORT", default=5432, cast=int)
if DB_NAME:
    check(0 < DB_PORT < 65536, "DB_PORT", DB_PORT, "a port number from 1 to 65535")
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": DB_NAME,
            "USER": DB_USER,
            "PASSWORD": DB_PASSWORD,
            "HOST": DB_HOST,
            "PORT": DB_PORT,
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            # IMMEDIATE: a transaction takes the write lock when it begins, so two simultaneous requests queue
            # (for up to `timeout` seconds) instead of failing with "database is locked" when one upgrades its
            # read lock to a write lock.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Passwords and sign-in --------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "users:sign_in"
LOGIN_REDIRECT_URL = "users:home"
LOGOUT_REDIRECT_URL = "users:home"

# How long an activation link works, in hours.
ACTIVATION_LINK_MAX_AGE_HOURS = read(config, "ACTIVATION_LINK_MAX_AGE_HOURS", default=72, cast=int)
check(
    ACTIVATION_LINK_MAX_AGE_HOURS > 0,
    "ACTIVATION_LINK_MAX_AGE_HOURS",
    ACTIVATION_LINK_MAX_AGE_HOURS,
    "a number of hours above 0",
)
# Password-reset links (Django's views) work as long as activation links.
PASSWORD_RESET_TIMEOUT = ACTIVATION_LINK_MAX_AGE_HOURS * 3600

# Throttles (django-ratelimit over the cache below), "count/period". RATELIMIT_ENABLE=False switches them off.
RATE_LIMITS = {
    # Failed sign-ins (the site's and the admin's) per username, and per client address.
    "sign_in_failures_per_username": "5/15m",
    "sign_in_failures_per_address": "20/15m",
    # Emails the site sends because someone filled in a form: per address written in the form, per client.
    "emails_per_address": "3/h",
    "emails_per_client": "10/h",
}
# One process's memory: enough for `runserver`; several server processes would need a shared cache.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Email ------------------------------------------------------------------------------------------------
# Console by default, so `make run` prints activation links in the terminal.
EMAIL_BACKEND = read(config, "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
try:
    import_string(EMAIL_BACKEND)
except ImportError as exc:
    raise SettingsError(f"EMAIL_BACKEND={EMAIL_BACKEND!r} names no email backend ({exc}).") from exc
# Django's SMTP backend bounds each socket read, not the whole exchange: ours is the same backend with a
# deadline of EMAIL_TIMEOUT seconds on everything one send takes.
if EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
    EMAIL_BACKEND = "tutorial_project.smtp.EmailBackend"
EMAIL_HOST = read(config, "EMAIL_HOST", default="localhost")
EMAIL_PORT = read(config, "EMAIL_PORT", default=25, cast=int)
check(0 < EMAIL_PORT < 65536, "EMAIL_PORT", EMAIL_PORT, "a port number from 1 to 65535")
EMAIL_USE_TLS = read(config, "EMAIL_USE_TLS", default=False, cast=bool)
EMAIL_HOST_USER = read(config, "EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = read(config, "EMAIL_HOST_PASSWORD", default="")
EMAIL_TIMEOUT = read(config, "EMAIL_TIMEOUT", default=10, cast=int)
check(EMAIL_TIMEOUT > 0, "EMAIL_TIMEOUT", EMAIL_TIMEOUT, "a number of seconds above 0")
DEFAULT_FROM_EMAIL = read(config, "DEFAULT_FROM_EMAIL", default="Task Tracker <noreply@example.com>")

# Where links in emails point: the site's address as the user's browser sees it.
FRONTEND_URL = read(config, "FRONTEND_URL", default="http://localhost:8000")
check(is_web_address(FRONTEND_URL), "FRONTEND_URL", FRONTEND_URL, "an address such as http://localhost:8000")

# --- HTTPS ------------------------------------------------------------------------------------------------
# Each follows DEBUG unless set: off for development, on (what `check --deploy` asks for) when DEBUG=False.
SECURE_SSL_REDIRECT = read_following_debug(config, "SECURE_SSL_REDIRECT", DEBUG, False, True, cast=bool)
SECURE_HSTS_SECONDS = read_following_debug(config, "SECURE_HSTS_SECONDS", DEBUG, 0, 31_536_000, cast=int)
SECURE_HSTS_INCLUDE_SUBDOMAINS = read_following_debug(
    config, "SECURE_HSTS_INCLUDE_SUBDOMAINS", DEBUG, False, True, cast=bool
)
SECURE_HSTS_PRELOAD = read_following_debug(config, "SECURE_HSTS_PRELOAD", DEBUG, False, True, cast=bool)
SESSION_COOKIE_SECURE = read_following_debug(config, "SESSION_COOKIE_SECURE", DEBUG, False, True, cast=bool)
CSRF_COOKIE_SECURE = read_following_debug(config, "CSRF_COOKIE_SECURE", DEBUG, False, True, cast=bool)

# --- Internationalisation and static files -----------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "tutorial_project" / "static"]

# --- Logging ----------------------------------------------------------------------------------------------
# Failures to send email are logged here instead of being lost (or breaking the request). Unhandled
# exceptions (django.request) go to the console whatever DEBUG says: Django's default shows them only with
# DEBUG=True and otherwise mails them to ADMINS, which this project has none of.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "tutorial_project": {"handlers": ["console"], "level": "INFO"},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# Last: a variable in .env that nothing above read is a typo (DEBGU=False) or in the wrong case (debug=False).
reject_unknown_names(config)
