"""Settings for the site that browser and race tests serve with `runserver`: the project's, on a throwaway
database. The tests set DJANGO_ENV_FILE to the null device, FRONTEND_URL to the server's address, and either
SITE_TEST_SQLITE (a file in a temporary folder) or the course's DB_* variables (a throwaway PostgreSQL)."""

import os

from tutorial_project.settings import *  # noqa: F403
from tutorial_project.settings import DATABASES

if "SITE_TEST_SQLITE" in os.environ:
    DATABASES["default"]["NAME"] = os.environ["SITE_TEST_SQLITE"]
# Fast hashing keeps a loaded test machine quick; the flows do not depend on the hasher.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The race tests send many sign-ups from one address; the throttles have tests of their own.
RATELIMIT_ENABLE = os.environ.get("SITE_TEST_THROTTLES", "on") == "on"
