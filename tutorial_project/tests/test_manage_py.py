"""`manage.py` stops on a bad setting with one clear line, and runs with no `.env` at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_manage_py(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    """Run `manage.py` as a student would, with the default settings module, no `.env`, and `environ`."""
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"}
    env.update(DJANGO_ENV_FILE=os.devnull, **environ)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.fixture(scope="module")
def malformed_debug() -> subprocess.CompletedProcess[str]:
    return run_manage_py("check", DEBUG="maybe")


def test_manage_py_with_a_malformed_value_exits_non_zero(malformed_debug: subprocess.CompletedProcess[str]) -> None:
    assert malformed_debug.returncode != 0


def test_manage_py_with_a_malformed_value_prints_one_line_naming_variable_and_value(
    malformed_debug: subprocess.CompletedProcess[str],
) -> None:
    lines = malformed_debug.stderr.splitlines()

    assert len(lines) == 1
    assert "DEBUG='maybe'" in lines[0]


def test_manage_py_with_a_malformed_value_prints_no_traceback(
    malformed_debug: subprocess.CompletedProcess[str],
) -> None:
    assert "Traceback" not in malformed_debug.stderr + malformed_debug.stdout


def test_manage_py_with_debug_false_and_no_secret_key_names_secret_key() -> None:
    result = run_manage_py("check", DEBUG="False", ALLOWED_HOSTS="example.com")

    assert (result.returncode, result.stderr.count("\n"), "SECRET_KEY" in result.stderr) == (1, 1, True)


def test_manage_py_check_passes_with_no_env_file() -> None:
    result = run_manage_py("check")

    assert (result.returncode, result.stderr) == (0, "")
