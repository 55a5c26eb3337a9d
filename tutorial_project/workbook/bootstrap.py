"""`setup()`: the one call in every notebook's first code cell."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
# Fixed for every notebook, whatever .env says, so outputs are the same on every machine.
NOTEBOOK_SETTINGS: dict[str, Any] = {
    "DEBUG": True,
    "ALLOWED_HOSTS": ["testserver", "localhost", "127.0.0.1"],
    "DEFAULT_FROM_EMAIL": "Task Tracker <noreply@example.com>",
    "FRONTEND_URL": "http://localhost:8000",
    "ACTIVATION_LINK_MAX_AGE_HOURS": 72,
    # Fast hashing so sign-in cells run in milliseconds; never do this outside a notebook or a test.
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
}
_state: dict[str, Any] = {}


def setup() -> None:
    """Make this kernel a workbook: Django ready, a fresh migrated database, an empty outbox, no cell receivers.

    Works whatever started the kernel (shell_plus, plain Jupyter from any folder, nbval, nbconvert, VS Code).
    Running it again resets the data, the outbox, the clock and the receivers connected from cells.
    """
    _prepare_environment()
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from tutorial_project.workbook.browser import prepare_browser

    prepare_browser()
    from tutorial_project.workbook.cell_receivers import disconnect_cell_receivers
    from tutorial_project.workbook.clock import clock, install_clock
    from tutorial_project.workbook.database import reset_database
    from tutorial_project.workbook.logs import install_log_handler
    from tutorial_project.workbook.outbox import outbox
    from tutorial_project.workbook.tracer import close_open_traces

    close_open_traces()
    disconnect_cell_receivers()
    if "settings" not in _state:
        _apply_notebook_settings()
        install_clock()
        install_log_handler()
    clock.reset()
    reset_database()
    outbox.clear()
    print(f"Workbook ready: Django {django.get_version()}, a fresh database, an empty outbox.")


def _prepare_environment() -> None:
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tutorial_project.settings")
    # Notebooks never read the student's .env (it only matters if settings are not loaded yet).
    os.environ["DJANGO_ENV_FILE"] = os.devnull
    # Jupyter runs cells inside an event loop; the ORM refuses to run there unless told it is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def _apply_notebook_settings() -> None:
    from django.test.utils import override_settings, setup_test_environment

    overrides = override_settings(**NOTEBOOK_SETTINGS)
    overrides.enable()
    # Switches email to the locmem backend (mail.outbox) and lets the test client's "testserver" in.
    setup_test_environment(debug=True)
    _state["settings"] = overrides
