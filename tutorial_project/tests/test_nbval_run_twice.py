"""Under nbval, every notebook runs twice in one kernel, and the second pass is compared with the stored outputs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output


def write_notebook(path: Path, source: str, stored: str) -> Path:
    cell = new_code_cell(source, execution_count=1, outputs=[new_output("stream", name="stdout", text=stored)])
    notebook = new_notebook(cells=[cell], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    nbformat.write(notebook, path)
    return path


def run_nbval(notebook: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:django", "-p"]
    command += ["tutorial_project.testing.nbval_run_twice", "--nbval", "--nbval-current-env", "-v", notebook.name]
    return subprocess.run(command, cwd=notebook.parent, capture_output=True, text=True, timeout=120)


def test_a_notebook_that_repeats_itself_passes_both_passes(tmp_path: Path) -> None:
    result = run_nbval(write_notebook(tmp_path / "steady.ipynb", "print('same')", "same\n"))
    assert "2 passed" in result.stdout


def test_a_cell_whose_second_run_differs_fails_in_the_second_pass(tmp_path: Path) -> None:
    source = "count = globals().get('count', 0) + 1\nprint(count)"
    result = run_nbval(write_notebook(tmp_path / "counter.ipynb", source, "1\n"))
    assert "Cell 0 (run again) FAILED" in result.stdout
