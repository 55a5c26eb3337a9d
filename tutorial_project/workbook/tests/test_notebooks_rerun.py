"""Every notebook gives the same outputs when a student presses Run All twice in one kernel."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutorial_project.workbook.execute import rerun_differences

FOLDER = Path(__file__).resolve().parents[3] / "notebooks"
NOTEBOOKS = sorted([*FOLDER.glob("[0-9][0-9]-*.ipynb"), *FOLDER.glob("solutions/[0-9][0-9]-*.ipynb")])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_run_all_twice_gives_the_same_outputs(path: Path) -> None:
    assert rerun_differences(path) == []
