"""`run_manage_py`: manage.py run inside this Python as a new process would run it, and the kernel left as it was."""

from __future__ import annotations

import logging
import os
import sys

import pytest
from django.conf import settings

from tutorial_project.workbook.bootstrap import REPO_ROOT
from tutorial_project.workbook.manage_in_process import run_manage_py

MANAGE_PY = REPO_ROOT / "manage.py"


def fresh_env(**variables: str) -> dict[str, str]:
    """A new process's environment: the project's settings, no .env file, and `variables`."""
    return {"DJANGO_SETTINGS_MODULE": "tutorial_project.settings", "DJANGO_ENV_FILE": os.devnull, **variables}


def test_a_bad_setting_gives_exit_code_1() -> None:
    assert run_manage_py(MANAGE_PY, ["check"], fresh_env(DEBUG="maybe")).returncode == 1


def test_a_bad_setting_prints_manage_pys_one_line_to_stderr() -> None:
    result = run_manage_py(MANAGE_PY, ["check"], fresh_env(DEBUG="maybe"))
    assert result.stderr == "Configuration error: DEBUG='maybe' is not a valid true/false value (use True or False).\n"


def test_the_run_reads_settings_afresh_and_leaves_the_kernels_settings() -> None:
    before = settings._wrapped
    run_manage_py(MANAGE_PY, ["check"], fresh_env(DEBUG="maybe"))
    assert settings._wrapped is before


def test_the_run_leaves_the_loaded_settings_modules() -> None:
    before = {name: module for name, module in sys.modules.items() if name.startswith("tutorial_project.settings")}
    run_manage_py(MANAGE_PY, ["check"], fresh_env(DEBUG="maybe"))
    after = {name: module for name, module in sys.modules.items() if name.startswith("tutorial_project.settings")}
    assert after == before


def test_the_run_leaves_the_environment_and_argv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBOOK_PROBE", "kept")
    environ, argv = dict(os.environ), list(sys.argv)
    run_manage_py(MANAGE_PY, ["check"], fresh_env(DEBUG="maybe"))
    assert (dict(os.environ), sys.argv) == (environ, argv)


def test_a_good_setting_runs_the_command_and_prints_its_output() -> None:
    result = run_manage_py(MANAGE_PY, ["check"], fresh_env(SECRET_KEY="x" * 50))
    assert (result.returncode, result.stdout) == (0, "System check identified no issues (0 silenced).\n")


def test_the_commands_django_setup_leaves_the_kernels_logging() -> None:
    logger = logging.getLogger("django")
    before = (logger.level, list(logger.handlers), logger.propagate)
    run_manage_py(MANAGE_PY, ["check"], fresh_env(SECRET_KEY="x" * 50))
    assert (logger.level, list(logger.handlers), logger.propagate) == before
