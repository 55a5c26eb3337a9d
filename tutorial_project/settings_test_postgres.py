"""Settings for pytest on PostgreSQL: the test settings, with the course's DB_* variables.

Without DB_HOST in the environment, the root conftest starts a throwaway cluster and fills in its address
(`make test-postgres`); with them, the tests use that server (a test database is created and dropped).
"""

import os

os.environ.setdefault("DB_NAME", "workbook")

from tutorial_project.settings_test import *  # noqa: E402,F403
