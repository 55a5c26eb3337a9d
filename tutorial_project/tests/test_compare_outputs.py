"""How the site's check compares a notebook run in the browser with the stored one (site/compare_outputs.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "site"))

from compare_outputs import BROWSER_NOTE, SHOWN_ANOTHER_WAY, differences  # noqa: E402 (site/ is not a package)

NOTE = {
    "output_type": "display_data",
    "data": {"text/markdown": "**In the browser:** no threads."},
    "metadata": BROWSER_NOTE,
}


def code_cell(*outputs: dict[str, Any], tags: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"cell_type": "code", "source": "run()", "metadata": {"tags": list(tags)}, "outputs": list(outputs)}


def printed(text: str) -> dict[str, Any]:
    return {"output_type": "stream", "name": "stdout", "text": text}


def test_a_browser_note_beside_the_stored_output_is_no_difference() -> None:
    assert differences([code_cell(printed("3\n"))], [code_cell(NOTE, printed("3\n"))]) == []


def test_another_output_is_a_difference() -> None:
    assert len(differences([code_cell(printed("3\n"))], [code_cell(printed("4\n"))])) == 1


def test_a_cell_tagged_as_shown_another_way_may_differ_when_it_says_so() -> None:
    stored = [code_cell(printed("3\n"), tags=(SHOWN_ANOTHER_WAY,))]
    assert differences(stored, [code_cell(NOTE, printed("the source instead\n"))]) == []


def test_a_cell_tagged_as_shown_another_way_must_show_a_browser_note() -> None:
    stored = [code_cell(printed("3\n"), tags=(SHOWN_ANOTHER_WAY,))]
    [problem] = differences(stored, [code_cell(printed("the source instead\n"))])
    assert problem.endswith("showed no browser note")


def test_a_cell_tagged_as_shown_another_way_must_not_raise() -> None:
    stored = [code_cell(printed("3\n"), tags=(SHOWN_ANOTHER_WAY,))]
    error = {"output_type": "error", "ename": "RuntimeError", "evalue": "no thread", "traceback": []}
    [problem] = differences(stored, [code_cell(NOTE, error)])
    assert problem.endswith("raised RuntimeError: no thread")
