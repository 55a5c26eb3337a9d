"""Settings for pytest: the project's settings, never the developer's `.env`, and fast password hashing."""

import os

# Must be set before settings.py runs; tests configure email and the rest through the environment.
os.environ["DJANGO_ENV_FILE"] = os.devnull

from tutorial_project.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
