"""After Run All of a notebook, its checks still judge right: the stored solution, and every right and wrong
answer of the check's data, checked in the same kernel, whatever the notebook's cells left connected or created."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from tutorial_project.workbook.tests.kernel_scenarios import kernel

FOLDER = Path(__file__).resolve().parents[3] / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("[0-9][0-9]-*.ipynb"))
pytestmark = pytest.mark.notebooks
CHECK_CELL = re.compile(r"""^check\(["'](\d\d\.\d)["'], answer\)\s*$""")

# Keeps each solution's answer; a function gets its own copy of the cell namespace, so later cells of the
# notebook (which rebind the same names) cannot change what it sees.
KEEP = """
import types
def __keep(value):
    if isinstance(value, types.FunctionType):
        return types.FunctionType(value.__code__, dict(value.__globals__), value.__name__, value.__defaults__,
                                  value.__closure__)
    return value
__solutions = globals().setdefault("__solutions", {})
"""

VERDICTS = """
import json
from tutorial_project.workbook.exercises import Source, check, load_all
__rows = []
for __name, __exercise in sorted(load_all().items()):
    if __name in __solutions:
        __rows.append([__name, "stored solution", True, "", check(__name, __solutions[__name])])
        for __i, __answer in enumerate(__exercise.right):
            __answer = __answer.run() if isinstance(__answer, Source) else __answer
            __rows.append([__name, f"right answer {__i}", True, "", check(__name, __answer)])
        for __i, (__answer, __fragment) in enumerate(__exercise.wrong):
            __answer = __answer.run() if isinstance(__answer, Source) else __answer
            __rows.append([__name, f"wrong answer {__i}", False, __fragment, check(__name, __answer)])
print("VERDICTS" + json.dumps([[n, k, right, f, v.ok, v.message] for n, k, right, f, v in __rows]))
"""


def code_cells(path: Path) -> list[str]:
    return [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


def solution_of(path: Path) -> Path:
    return FOLDER / "solutions" / f"{path.stem}-solutions.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem[:2] for p in NOTEBOOKS])
def test_every_check_judges_right_after_run_all_of_its_notebook(path: Path) -> None:
    with kernel() as student:
        student.run(KEEP)
        for source in code_cells(solution_of(path)):
            found = CHECK_CELL.match(source.strip())
            if found:
                student.run(f"__solutions[{found.group(1)!r}] = __keep(answer)")
            student.run(source)
        for source in code_cells(path):  # Run All of the notebook itself: its setup() cell first
            student.run(source)
        text = student.run(VERDICTS).text
    rows = json.loads(text.split("VERDICTS", 1)[1])
    wrong_verdicts = [
        f"{name} {kind}: {'✅' if ok else '❌'} {message}"
        for name, kind, right, fragment, ok, message in rows
        if ok != right or (not right and fragment not in message)
    ]
    assert rows and wrong_verdicts == []
