"""Checks for 00 · Start here."""

from __future__ import annotations

from typing import Any

from tutorial_project.workbook.exercises import exercise, number, ordered_rows

CREATE = ["pre_save Task", "post_save Task"]


@exercise(
    "00.1",
    praise="Task.objects.create() sends pre_save, then post_save: two signals, one for each side of the INSERT.",
    right=[CREATE, ("pre_save Task", "post_save Task"), ["pre_save Task ", "  post_save   Task"]],
    wrong=[
        (["post_save Task"], "in order"),
        (["post_save Task", "pre_save Task"], "wrong order"),
        ({"pre_save Task", "post_save Task"}, "A set has no order"),
        ("pre_save Task, post_save Task", "list of strings"),
    ],
)
def signals_of_create(answer: Any) -> str | None:
    """The signals a traced Task.objects.create() shows by default."""
    rows = ordered_rows(answer, "pre_save Task")
    if rows == CREATE:
        return None
    if sorted(rows) == sorted(CREATE):
        return "Right signals, wrong order: which one can see the primary key the INSERT gave the row?"
    return "Look at the trace above: write each row as 'signal Sender', e.g. 'pre_save Task', in order."


@exercise(
    "00.2",
    praise="Only Bob is new, so pk_set holds only Bob's id and only Bob gets an email.",
    right=[1, 1.0, len(["bob"])],
    wrong=[(2, "Ada was already assigned"), (True, "yes/no answer"), (0, "one per newly assigned"), ("1", "number")],
)
def emails_for_one_new_assignee(answer: Any) -> str | None:
    """How many emails `task.assigned_to.add(ada, bob)` sends when Ada is already assigned."""
    count = number(answer)
    if count == 1:
        return None
    if count == 2:
        return "Ada was already assigned. Which ids does pk_set hold in post_add? Look at the trace's arguments."
    return "Count the email rows the project's receiver would send: one per newly assigned employee."
