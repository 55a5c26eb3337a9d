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
    env.update({"DJANGO_ENV_FILE": os.devnull, **environ})
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


def production_values() -> dict[str, str]:
    """The production values `.env.example` documents (`#   NAME=value`), with a freshly generated SECRET_KEY."""
    import re

    from django.core.management.utils import get_random_secret_key

    text = (REPO_ROOT / ".env.example").read_text()
    values = dict(re.findall(r"^#   ([A-Z_]+)=(.*)$", text, flags=re.MULTILINE))
    return {**values, "SECRET_KEY": get_random_secret_key()}


def test_env_example_documents_debug_false_for_production() -> None:
    assert production_values()["DEBUG"] == "False"


def test_check_deploy_with_the_documented_production_values_reports_no_issue() -> None:
    result = run_manage_py("check", "--deploy", "--fail-level", "WARNING", **production_values())

    assert (result.returncode, result.stderr, result.stdout.strip()) == (
        0,
        "",
        "System check identified no issues (0 silenced).",
    )


def test_manage_py_with_a_utf16_env_file_prints_one_line_saying_so(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text("DEBUG=False\n", encoding="utf-16")

    result = run_manage_py("check", DJANGO_ENV_FILE=str(path))

    assert (result.returncode, result.stderr.count("\n"), "not UTF-8" in result.stderr) == (1, 1, True)
