"""The workbook runs wherever a class runs notebooks, proved by building each environment as it really is.

- Binder and VS Code: a fresh virtual environment made from `requirements.txt` alone (no `make`), on Debian 12's
  own Python 3.11.2, and the kernel started in `notebooks/`.
- JupyterHub: the same install, owned by root, a read-only copy of the repository, and two students who are
  different non-root users running the notebook at the same time.
- Django 6.1 on Python 3.12: the unit tests pass there too (the stored notebook outputs are Django 5.2's).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from conftest import require

REPO_ROOT = Path(__file__).resolve().parents[2]
DEBIAN_PYTHON = Path("/usr/bin/python3.11")
NOTEBOOK = "notebooks/00-start-here.ipynb"
NBVAL = ["-m", "pytest", "-p", "no:cacheprovider", "-q", "--nbval", "--nbval-current-env"]
NBVAL += ["--nbval-sanitize-with", "notebooks/sanitize.cfg", NOTEBOOK]
DJANGO_61 = "Django==6.1.3"
RUNUSER = shutil.which("runuser", path="/usr/sbin:/sbin:/usr/bin:/bin") or "runuser"
# What a fresh environment needs from this repository: what git tracks, as a student's clone has it.
IGNORED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    "*.pyc",
    ".pytest_cache",
    ".ruff_cache",
    "_site",
    ".env",
    "db.sqlite3",
    "node_modules",
)
pytestmark = pytest.mark.environment


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run a command; on failure, fail the test with the tail of its output instead of a bare exit code."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]
    if done.returncode != 0:
        pytest.fail(f"{' '.join(map(str, command))} exited {done.returncode}:\n{(done.stdout + done.stderr)[-3000:]}")
    return done


def make_venv(python: Path, venv: Path, requirements: Path, cwd: Path) -> Path:
    """A virtual environment with `requirements` installed, by uv when the project's venv has it, else by pip."""
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    target = venv / "bin" / "python"
    if uv:
        run([uv, "venv", "-q", "--python", str(python), str(venv)])
        run([uv, "pip", "install", "-q", "--python", str(target), "-r", str(requirements)], cwd=cwd)
    else:
        run([str(python), "-m", "venv", str(venv)])
        run(
            [str(target), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(requirements)], cwd=cwd
        )
    return target


def find_python(version: str) -> Path | None:
    """An interpreter of the given minor version that really runs: one of pyenv's, or one on PATH."""
    candidates = sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python"), reverse=True)
    candidates += [Path(found) for found in [shutil.which(f"python{version}")] if found]
    for candidate in candidates:  # a pyenv shim is on PATH even where that version is not selected, and fails
        if subprocess.run([str(candidate), "-c", "pass"], capture_output=True).returncode == 0:
            return candidate
    return None


@pytest.fixture(scope="module")
def binder_copy() -> Iterator[tuple[Path, Path]]:
    """A copy of the repository with a venv built from requirements.txt alone, on Debian's Python 3.11.2."""
    require(DEBIAN_PYTHON.exists(), "Debian's python3.11 is not installed: `sudo apt-get install python3-venv`")
    # Not under pytest's own temp folder, which is private to its owner: the hub's students must reach the install.
    base = Path(tempfile.mkdtemp(prefix="workbook-binder-"))
    base.chmod(0o755)
    try:
        copy = base / "repo"
        shutil.copytree(REPO_ROOT, copy, ignore=IGNORED)
        # A hub's shared install is readable by every student, whatever the checkout's own modes were (copytree
        # keeps them: a clone made in `mktemp -d`, or in a private home, would copy as owner-only).
        subprocess.run(["chmod", "-R", "a+rX", str(copy)], check=True)
        # As repo2docker does: binder/requirements.txt installed from the repository's root, then binder/postBuild.
        python = make_venv(DEBIAN_PYTHON, base / "venv", copy / "binder" / "requirements.txt", cwd=copy)
        run(["bash", "binder/postBuild"], cwd=copy, env={**os.environ, "PATH": f"{python.parent}:{os.environ['PATH']}"})
        yield copy, python
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(base)], check=False)
        shutil.rmtree(base, ignore_errors=True)


def test_requirements_alone_run_notebook_00_from_the_notebooks_folder(binder_copy: tuple[Path, Path]) -> None:
    copy, python = binder_copy
    done = run([str(python), *NBVAL], cwd=copy)
    assert " passed" in done.stdout and "failed" not in done.stdout


def test_binder_runs_the_python_the_outputs_were_made_with() -> None:
    stored = nbformat.read(REPO_ROOT / NOTEBOOK, as_version=4).metadata.language_info.version
    runtime = (REPO_ROOT / "binder" / "runtime.txt").read_text().strip()
    assert runtime == "python-" + ".".join(stored.split(".")[:2])


def test_the_install_runs_on_debian_12s_own_python(binder_copy: tuple[Path, Path]) -> None:
    _copy, python = binder_copy
    assert run([str(python), "-c", "import platform; print(platform.python_version())"]).stdout.strip() == "3.11.2"


@pytest.fixture
def students() -> Iterator[list[str]]:
    """Two throwaway non-root users, removed with their home folders afterwards."""
    require(os.geteuid() == 0, "the hub test creates two throwaway users, which needs root")
    names = [f"wbstudent{uuid.uuid4().hex[:6]}" for _ in range(2)]
    for name in names:
        run(["useradd", "--create-home", "--shell", "/usr/sbin/nologin", name])
    try:
        yield names
    finally:
        for name in names:
            subprocess.run(["pkill", "-u", name], capture_output=True)
            subprocess.run(["userdel", "--remove", name], capture_output=True)


def test_two_students_run_a_read_only_install_at_once(binder_copy: tuple[Path, Path], students: list[str]) -> None:
    copy, python = binder_copy
    subprocess.run(["chmod", "-R", "a-w", str(copy)], check=True)
    try:
        runs = [
            subprocess.Popen(
                [RUNUSER, "-u", name, "--", str(python), *NBVAL],
                cwd=copy,
                env={"PATH": "/usr/bin:/bin", "HOME": f"/home/{name}", "LANG": "C.UTF-8"},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for name in students
        ]
        outputs = [process.communicate(timeout=600)[0] for process in runs]
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(copy)], check=True)
    summaries = [out.strip().splitlines()[-1] if out.strip() else "(no output)" for out in outputs]
    assert [" passed" in s and "failed" not in s for s in summaries] == [True, True], outputs


def test_each_student_gets_their_own_template(binder_copy: tuple[Path, Path], students: list[str]) -> None:
    copy, python = binder_copy
    where = "from tutorial_project.workbook import *; setup(); from tutorial_project.workbook import database as d"
    where += "; print(d.template_path())"
    paths = [
        run(
            [RUNUSER, "-u", name, "--", str(python), "-c", where],
            cwd=copy / "notebooks",
            env={"PATH": "/usr/bin:/bin", "HOME": f"/home/{name}"},
        ).stdout.splitlines()[-1]
        for name in students
    ]
    assert [path.startswith(f"/home/{name}/") for path, name in zip(paths, students, strict=True)] == [True, True]


def test_the_unit_tests_pass_on_django_61_and_python_312(tmp_path: Path) -> None:
    python = find_python("3.12")
    if python is None:
        pytest.skip("no Python 3.12 on this machine (Django 6.1 needs 3.12+); pyenv install 3.12 runs this test")
    requirements = tmp_path / "requirements-django-6.1.txt"
    pins = (REPO_ROOT / "requirements.txt").read_text().splitlines()
    lines = [DJANGO_61 if line.startswith("Django==") else line for line in pins if line != "-e ."]
    requirements.write_text("\n".join([*lines, f"-e {REPO_ROOT}"]) + "\n")
    target = make_venv(python, tmp_path / "venv", requirements, cwd=tmp_path)
    assert run([str(target), "-c", "import django; print(django.get_version())"]).stdout.strip() == "6.1.3"
    # What executes whole notebooks (this file, the browsers, nbval) is proved on 5.2, whose outputs the notebooks
    # store; here, the code's own tests.
    done = run(
        [
            str(target),
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "-m",
            "not environment and not browser and not notebooks",
            "tutorial_project",
        ],
        cwd=REPO_ROOT,
    )
    assert " passed" in done.stdout and " failed" not in done.stdout
