"""Messages for order mistakes and silent no-ops: written once, raised where the situation is met."""

from __future__ import annotations

import pytest
from django.db.models.signals import post_save

from tutorial_project.workbook import bootstrap, guidance
from tutorial_project.workbook.cell_receivers import cell_receiver
from tutorial_project.workbook.guidance import WorkbookError, check_trace_filters, trace_filter_problems


def test_a_misspelt_signal_name_suggests_the_close_match() -> None:
    assert trace_filter_problems(["post_saved"], None) == [
        "trace() has no signal called 'post_saved': it would record nothing. Did you mean 'post_save'?"
    ]


def test_a_lower_case_model_name_suggests_the_model() -> None:
    assert "Did you mean 'Task'?" in trace_filter_problems(None, ["task"])[0]


def test_known_signal_and_sender_names_pass() -> None:
    assert trace_filter_problems(["pre_save", "m2m_changed", "user_logged_in"], ["Task", "Task_assigned_to"]) == []


def test_a_sender_that_resembles_no_model_is_let_through() -> None:
    assert trace_filter_problems(None, ["WSGIHandler"]) == []


def test_a_signal_name_close_to_nothing_lists_the_known_ones() -> None:
    assert "Known signals: " in trace_filter_problems(["zzz"], None)[0]


def test_check_trace_filters_raises_the_sentences() -> None:
    with pytest.raises(WorkbookError, match="Did you mean 'post_save'"):
        check_trace_filters(["post_saved"], None)


def test_cell_receiver_without_arguments_says_what_it_needs() -> None:
    with pytest.raises(WorkbookError, match="needs the signal"):

        @cell_receiver
        def handler(**kwargs: object) -> None: ...


def test_cell_receiver_with_something_that_is_not_a_signal_says_what_it_needs() -> None:
    with pytest.raises(WorkbookError, match="needs the signal"):
        cell_receiver("post_save")


def test_cell_receiver_with_a_signal_still_connects() -> None:
    from tutorial_project.workbook.cell_receivers import disconnect_cell_receivers

    disconnect_cell_receivers()  # any left by earlier tests in this process

    @cell_receiver(post_save)
    def handler(**kwargs: object) -> None: ...

    assert disconnect_cell_receivers() == 1


def test_an_interrupted_setup_is_reported_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(bootstrap._state, "stage", "database")
    with pytest.raises(WorkbookError, match="interrupted"):
        guidance.require_setup()


def test_a_ready_kernel_passes_the_guard() -> None:
    guidance.require_setup()
