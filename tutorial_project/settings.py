"""Settings for the tutorial project, read from the environment and `.env` with python-decouple.

With no `.env` at all the project runs for development: SQLite, console email, DEBUG on and a development
secret key. Every variable is documented in `.env.example`.
"""

from __future__ import annotations

from pathlib import Path

from decouple import Csv

from tutorial_project.env import env_file, load_config, read, require

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
# SQLite only; notebooks and tests get their own in-memory database.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
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

# --- Email ------------------------------------------------------------------------------------------------
# Console by default, so `make run` prints activation links in the terminal.
EMAIL_BACKEND = read(config, "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = read(config, "EMAIL_HOST", default="localhost")
EMAIL_PORT = read(config, "EMAIL_PORT", default=25, cast=int)
EMAIL_USE_TLS = read(config, "EMAIL_USE_TLS", default=False, cast=bool)
EMAIL_HOST_USER = read(config, "EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = read(config, "EMAIL_HOST_PASSWORD", default="")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = read(config, "DEFAULT_FROM_EMAIL", default="Task Tracker <noreply@example.com>")

# Where links in emails point: the site's address as the user's browser sees it.
FRONTEND_URL = read(config, "FRONTEND_URL", default="http://localhost:8000")

# --- Internationalisation and static files -----------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "tutorial_project" / "static"]

# --- Logging ----------------------------------------------------------------------------------------------
# Failures to send email are logged here instead of being lost (or breaking the request).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"tutorial_project": {"handlers": ["console"], "level": "INFO"}},
}
