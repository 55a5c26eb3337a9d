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
    # Notebooks sign up, sign in and resend from one test client; re-running cells must never hit a 429.
    "RATELIMIT_ENABLE": False,
}
_state: dict[str, Any] = {}


def setup() -> None:
    """Make this kernel a workbook: Django ready, a fresh migrated database, an empty outbox, no cell receivers.

    Works whatever started the kernel (shell_plus, plain Jupyter from any folder, nbval, nbconvert, VS Code).
    Running it again resets the data, the outbox, the clock and the receivers: those connected from cells are
    disconnected (`@cell_receiver`, `@receiver`, `connect()`), and the project's own that a cell disconnected are
    connected again. Each step can be interrupted (Ctrl-C, "Interrupt kernel") and the next run finishes it.
    """
    _state["stage"] = "environment"
    _prepare_environment()
    _state["stage"] = "django"
    _start_django()
    from tutorial_project.workbook import startup_receivers
    from tutorial_project.workbook.browser import prepare_browser

    prepare_browser()
    from tutorial_project.workbook.clock import clock, install_clock
    from tutorial_project.workbook.database import reset_database
    from tutorial_project.workbook.logs import install_log_handler
    from tutorial_project.workbook.magics import load_trace_magic
    from tutorial_project.workbook.memory import release_caches
    from tutorial_project.workbook.outbox import outbox
    from tutorial_project.workbook.tracer import close_open_traces

    startup_receivers.remember_startup()
    _state["stage"] = "settings"
    _apply_notebook_settings()
    install_clock()
    install_log_handler()
    _state["stage"] = "receivers"
    close_open_traces()
    _forget_cell_receivers()
    startup_receivers.reset()
    _state["stage"] = "database"
    clock.reset()
    reset_database()
    release_caches()
    outbox.clear()
    _state["stage"] = "ready"
    _state["runs"] = _state.get("runs", 0) + 1
    _load_kernel_messages()
    load_trace_magic()
    import django

    print(f"Workbook ready: Django {django.get_version()}, a fresh database, an empty outbox.")


def _start_django() -> None:
    """`django.setup()`, once; after an interrupted start-up, undo what it half did and start again."""
    import django
    from django.apps import apps

    if apps.ready:
        return
    if apps.loading or _state.get("django started"):
        _forget_half_started_django()
    _state["django started"] = True
    _state["modules before django"] = _state.get("modules before django") or set(sys.modules)
    try:
        django.setup()
    except Exception as exc:
        from tutorial_project.workbook.guidance import RESTART_KERNEL, WorkbookError

        raise WorkbookError(RESTART_KERNEL) from exc


def _forget_half_started_django() -> None:
    """Reset the app registry and unload the modules an interrupted `django.setup()` imported, so it can run again.

    An import that Ctrl-C stopped half-way leaves Python's module cache inconsistent (a package without its
    submodule); removing everything imported since start-up began makes the next import a clean one.
    """
    from django.apps import apps
    from django.conf import settings

    # Only Django's and the apps' own modules: the standard library's C extensions cannot be imported twice.
    packages = {"django", *(app.split(".")[0] for app in settings.INSTALLED_APPS)}
    before = _state.get("modules before django") or set()
    imported = [name for name in sys.modules if name not in before and name.split(".")[0] in packages]
    for name in imported:
        del sys.modules[name]
    for label in list(apps.all_models):
        models = apps.all_models[label]
        for key, model in list(models.items()):
            if model.__module__ in imported:
                del models[key]
    apps.app_configs = {}
    apps.apps_ready = apps.models_ready = apps.ready = apps.loading = False
    apps.ready_event.clear()
    apps.clear_cache()


def _forget_cell_receivers() -> None:
    from tutorial_project.workbook.cell_receivers import disconnect_cell_receivers

    disconnect_cell_receivers()


def _load_kernel_messages() -> None:
    """Explain order mistakes in this kernel too if the environment's IPython config did not load the extension."""
    from tutorial_project.workbook.ipython_shell import running_shell

    shell = running_shell()
    if shell is not None:
        shell.extension_manager.load_extension("tutorial_project.workbook.kernel_messages")


def _prepare_environment() -> None:
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tutorial_project.settings")
    # Notebooks never read the student's .env (it only matters if settings are not loaded yet).
    os.environ["DJANGO_ENV_FILE"] = os.devnull
    # Jupyter runs cells inside an event loop; the ORM refuses to run there unless told it is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def _apply_notebook_settings() -> None:
    """Override the settings and switch on Django's test environment, each exactly once per kernel."""
    from django.test import utils

    if "settings" not in _state:
        overrides = utils.override_settings(**NOTEBOOK_SETTINGS)
        overrides.enable()
        _state["settings"] = overrides
    # Switches email to the locmem backend (mail.outbox) and lets the test client's "testserver" in; it refuses to
    # run twice, and an interrupted first setup() may have run it already.
    if not hasattr(utils._TestState, "saved_data"):
        utils.setup_test_environment(debug=True)
