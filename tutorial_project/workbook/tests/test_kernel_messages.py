"""In a real kernel, an error caused by cell order ends with the workbook's sentence; other errors are untouched."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tutorial_project.workbook import guidance
from tutorial_project.workbook.kernel_messages import explain
from tutorial_project.workbook.tests.kernel_scenarios import Kernel, kernel

CREATE_ADA = (
    "from tutorial_project.tasks.models import Employee\nEmployee.objects.create(name='Ada', email='ada@example.com')"
)


@pytest.fixture(scope="module")
def fresh_kernel() -> Iterator[Kernel]:
    """A kernel of the environment (its IPython config loads the extension); setup() has not run."""
    with kernel() as started:
        yield started


def test_a_name_from_an_unrun_cell_says_to_run_the_first_cell(fresh_kernel: Kernel) -> None:
    outcome = fresh_kernel.run("Task.objects.count()")
    assert (outcome.error, outcome.explained) == ("NameError: name 'Task' is not defined", True)


def test_importing_a_model_before_setup_says_to_run_the_first_cell(fresh_kernel: Kernel) -> None:
    outcome = fresh_kernel.run("from tutorial_project.tasks.models import Task")
    assert outcome.explained and "first code cell" in "".join(outcome.traceback)


def test_outbox_before_setup_says_to_run_setup_first(fresh_kernel: Kernel) -> None:
    outcome = fresh_kernel.run("from tutorial_project.workbook import *\noutbox()")
    assert outcome.error == f"WorkbookError: {guidance.SETUP_NOT_RUN}"


def test_receivers_before_setup_says_to_run_setup_first(fresh_kernel: Kernel) -> None:
    outcome = fresh_kernel.run("from tutorial_project.workbook import *\nreceivers()")
    assert outcome.error == f"WorkbookError: {guidance.SETUP_NOT_RUN}"


def test_check_before_setup_says_to_run_setup_first(fresh_kernel: Kernel) -> None:
    outcome = fresh_kernel.run("from tutorial_project.workbook import *\ncheck('02.3', print)")
    assert guidance.SETUP_NOT_RUN in outcome.text


def test_a_cell_run_twice_that_creates_a_row_says_so(fresh_kernel: Kernel) -> None:
    fresh_kernel.run("from tutorial_project.workbook import *; setup()")
    fresh_kernel.run(CREATE_ADA)
    outcome = fresh_kernel.run(CREATE_ADA)
    assert outcome.explained and "has probably run before" in "".join(outcome.traceback)


def test_an_unrelated_error_keeps_its_plain_traceback(fresh_kernel: Kernel) -> None:
    outcome = fresh_kernel.run("1 / 0")
    assert (outcome.error, outcome.explained) == ("ZeroDivisionError: division by zero", False)


def test_setup_loads_the_explanations_in_a_kernel_without_the_environment_config() -> None:
    with kernel(environment_config=False) as plain:
        before = plain.run("undefined_name").explained
        plain.run("from tutorial_project.workbook import *; setup()")
        after = plain.run("undefined_name").explained
    assert (before, after) == (False, True)


def test_a_misspelt_name_after_setup_mentions_the_spelling() -> None:
    assert "check the spelling" in (explain(NameError("name 'Tsak' is not defined", name="Tsak")) or "")


def test_the_workbook_own_error_gets_no_second_sentence() -> None:
    assert explain(guidance.WorkbookError("x")) is None


def test_a_broken_foreign_key_after_setup_ran_again_says_the_rows_are_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import IntegrityError

    from tutorial_project.workbook import bootstrap

    monkeypatch.setitem(bootstrap._state, "runs", 2)
    assert explain(IntegrityError("FOREIGN KEY constraint failed")) == guidance.STALE_ROWS


def test_a_broken_foreign_key_in_a_kernel_set_up_once_gets_no_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import IntegrityError

    from tutorial_project.workbook import bootstrap

    monkeypatch.setitem(bootstrap._state, "runs", 1)
    assert explain(IntegrityError("FOREIGN KEY constraint failed")) is None


def test_ctrl_c_during_setup_says_to_run_the_first_cell_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from tutorial_project.workbook import bootstrap

    monkeypatch.setitem(bootstrap._state, "stage", "database")
    assert explain(KeyboardInterrupt()) == guidance.SETUP_INTERRUPTED


def test_ctrl_c_in_any_other_cell_gets_no_sentence() -> None:
    assert explain(KeyboardInterrupt()) is None


def test_outside_the_workbook_folder_a_kernel_without_setup_gets_no_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setattr(guidance, "setup_state", lambda: "not run")
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]
    assert explain(NameError("name 'x' is not defined", name="x")) is None


def test_in_the_workbook_folder_any_error_before_setup_says_to_run_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from tutorial_project.workbook.tests.kernel_scenarios import REPO_ROOT

    monkeypatch.setattr(guidance, "setup_state", lambda: "not run")
    monkeypatch.chdir(REPO_ROOT / "notebooks")
    assert explain(AttributeError("module 'django.core.mail' has no attribute 'outbox'")) == guidance.SETUP_NOT_RUN
