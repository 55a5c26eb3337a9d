"""Checks for 00 · Start here."""

from __future__ import annotations

from typing import Any

from tutorial_project.workbook.exercises import exercise


@exercise(
    "00.1",
    praise="Task.objects.create() sends pre_save, then post_save: two signals, one for each side of the INSERT.",
    solution=["pre_save Task", "post_save Task"],
    wrong=["post_save Task"],
)
def signals_of_create(answer: Any) -> str | None:
    """The signals a traced Task.objects.create() shows by default."""
    expected = ["pre_save Task", "post_save Task"]
    if list(answer) == expected:
        return None
    if sorted(answer) == sorted(expected):
        return "Right signals, wrong order: which one can see the primary key the INSERT gave the row?"
    return "Look at the trace above: write each row as 'signal Sender', e.g. 'pre_save Task', in order."
