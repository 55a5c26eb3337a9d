"""`%%trace` traces a whole cell with trace()'s options and shows the table and the diagram."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from tutorial_project.tasks.models import Task
from tutorial_project.workbook.magics import load_trace_magic, trace_options

pytestmark = pytest.mark.django_db


@pytest.fixture
def shell() -> Iterator[InteractiveShell]:
    """An IPython shell with %%trace loaded, its namespace holding Task as a notebook's would."""
    shell = InteractiveShell.instance()
    load_trace_magic()
    shell.user_ns["Task"] = Task
    yield shell
    InteractiveShell.clear_instance()


def _outputs(shell: InteractiveShell, source: str) -> Any:
    with capture_output() as captured:
        shell.run_cell(source)
    return captured


def test_options_are_those_of_trace() -> None:
    options = trace_options("--sql --init --signals pre_save,post_save --title 'create a task'")
    assert options == {
        "label": "create a task",
        "sql": True,
        "init": True,
        "templates": False,
        "mail": True,
        "signals": ["pre_save", "post_save"],
        "senders": None,
    }


def test_an_unknown_option_is_one_clear_line() -> None:
    with pytest.raises(ValueError, match="unrecognized arguments: --sqll"):
        trace_options("--sqll")


def test_a_misspelt_signal_is_named() -> None:
    with pytest.raises(ValueError, match="unknown signal\\(s\\) pre_sav"):
        trace_options("--signals pre_sav")


def test_the_magic_shows_the_table_then_the_diagram(shell: InteractiveShell) -> None:
    captured = _outputs(shell, "%%trace --signals post_save\nTask.objects.create(title='A')")
    kinds = [sorted(output.data) for output in captured.outputs]
    assert kinds[-2:] == [["text/html", "text/plain"], ["image/svg+xml", "text/markdown", "text/plain"]]


def test_the_cell_runs_in_the_notebook_namespace(shell: InteractiveShell) -> None:
    _outputs(shell, "%%trace\nmade = Task.objects.create(title='A')")
    assert shell.user_ns["made"].title == "A"


def test_the_table_lists_the_cells_signals(shell: InteractiveShell) -> None:
    captured = _outputs(shell, "%%trace --signals post_save\nTask.objects.create(title='A')")
    assert "post_save  Task" in captured.outputs[-2].data["text/plain"]


def test_bad_options_show_a_usage_error_without_running_the_cell(shell: InteractiveShell) -> None:
    captured = _outputs(shell, "%%trace --signal post_save\nnot_made = 1")
    assert ("not_made" not in shell.user_ns, "UsageError" in captured.stderr + captured.stdout) == (True, True)
