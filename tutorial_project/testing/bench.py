"""`make bench`: where the time and the memory go, measured in one run and printed as seconds and ratios.

Not a test: a machine shared with other work gives other seconds, so read the ratios. Run it on an idle machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO_ROOT = Path(__file__).resolve().parents[2]
PYTEST = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-n", "2", "--dist", "loadfile"]
NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "notebooks/sanitize.cfg"]
RUFF = str(Path(sys.executable).with_name("ruff"))
# Each phase of `make test`, as the commands it runs.
PHASES: dict[str, list[list[str]]] = {
    "lint (ruff check + format)": [[RUFF, "check", "--no-cache", "."], [RUFF, "format", "--check", "--no-cache", "."]],
    "unit tests": [[*PYTEST, "-m", "not browser and not environment", "tutorial_project"]],
    "notebooks (nbval, each run twice)": [[*PYTEST, *NBVAL, "notebooks"]],
    "browser tests": [[*PYTEST, "-m", "browser", "tutorial_project"]],
    "environments (Binder, hub, Django 6.1)": [[*PYTEST, "-m", "environment", "tutorial_project"]],
    "site tests on PostgreSQL": [
        [*PYTEST, "--ds", "tutorial_project.settings_test_postgres", "tutorial_project/tasks", "tutorial_project/users"]
    ],
}
RSS = "import gc, os, psutil; gc.collect(); print(psutil.Process(os.getpid()).memory_info().rss)"
SETUP_COLD_WARM = """
import time
t0 = time.perf_counter()
from tutorial_project.workbook import *
setup()
t1 = time.perf_counter()
setup()
t2 = time.perf_counter()
print(f"{t1 - t0} {t2 - t1}")
"""
BARE_DJANGO = """
import os, time
os.environ.update(DJANGO_SETTINGS_MODULE="tutorial_project.settings", DJANGO_ENV_FILE=os.devnull)
t0 = time.perf_counter()
import django
django.setup()
from django.core.management import call_command
from django.db import connection
connection.settings_dict["NAME"] = ":memory:"
call_command("migrate", verbosity=0)
print(time.perf_counter() - t0)
"""
TRACER_OVERHEAD = """
import time
from tutorial_project.workbook import *
setup()
from tutorial_project.tasks.models import Task
def create(n):
    t0 = time.perf_counter()
    for i in range(n):
        Task.objects.create(title=f"t{i}")
    return time.perf_counter() - t0
create(200)
plain = create(2000)
with trace("bench"):
    traced = create(2000)
print(plain, traced)
"""


def printed_number(cell: nbformat.NotebookNode) -> int:
    """The number a probe cell printed; a busy kernel may send one print as several stream messages."""
    return int("".join(output.get("text", "") for output in cell.outputs if output.get("name") == "stdout"))


def timed(commands: list[list[str]]) -> float:
    """Seconds the commands take, one after the other, from the repository's root."""
    started = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=REPO_ROOT, capture_output=True)
    return time.perf_counter() - started


def python(code: str, **env: str) -> list[float]:
    """Run `code` in a fresh interpreter started in notebooks/, as a kernel is; return the numbers it prints."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT / "notebooks",
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    return [float(x) for x in done.stdout.split()[-2:]]


def phase_times() -> None:
    print("make test, phase by phase")
    seconds = {name: timed(commands) for name, commands in PHASES.items()}
    total = sum(seconds.values())
    for name, value in seconds.items():
        print(f"  {name:42} {value:7.1f} s  {value / total:6.1%}")
    print(f"  {'total':42} {total:7.1f} s")


def notebooks() -> None:
    print("Run All per notebook (fresh kernel in notebooks/), and the kernel's memory after it")
    for path in sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        )
        probe = nbformat.v4.new_code_cell(RSS)
        with client.setup_kernel():
            started = time.perf_counter()
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
            seconds = time.perf_counter() - started
            client.execute_cell(probe, 0)
        print(f"  {path.stem:42} {seconds:5.2f} s  {printed_number(probe) / 1e6:5.1f} MB")


def setup_times() -> None:
    with tempfile.TemporaryDirectory() as cache:
        cold, _ = python(SETUP_COLD_WARM, WORKBOOK_CACHE_DIR=cache)
    cached, again = python(SETUP_COLD_WARM)
    (bare,) = python(BARE_DJANGO)
    print("setup()")
    print(f"  first run, no cached template   {cold:6.3f} s  ({cold / bare:.2f}x a bare django.setup() + migrate)")
    print(f"  first run, cached template      {cached:6.3f} s  ({cached / bare:.2f}x)")
    print(f"  run again in the same kernel    {again:6.3f} s")
    print(f"  bare django.setup() + migrate   {bare:6.3f} s")


def tracer_overhead() -> None:
    plain, traced = python(TRACER_OVERHEAD)
    print(f"tracer: 2000 Task.objects.create, traced {traced:.3f} s vs untraced {plain:.3f} s: {traced / plain:.2f}x")


def main() -> int:
    """Print every measurement; the slow make-test phases last."""
    setup_times()
    tracer_overhead()
    notebooks()
    phase_times()
    return 0


if __name__ == "__main__":
    sys.exit(main())
