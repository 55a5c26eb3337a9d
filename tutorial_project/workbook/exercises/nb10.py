"""Checks for 10 · Signal firing order."""

from __future__ import annotations

from typing import Any

from tutorial_project.workbook.exercises import chosen_set, exercise, ordered_rows

DETAIL_CREATE = ["pre_init TaskDetail", "post_init TaskDetail", "pre_save TaskDetail", "post_save TaskDetail"]
TASK_DELETE = ["pre_delete Task", "pre_delete TaskDetail", "post_delete TaskDetail", "post_delete Task"]
SIGN_UP = ["request_started", "pre_save", "post_save", "request_finished"]


def _rows(answer: Any) -> list[str]:
    """The student's list, each entry with its spaces tidied: 'pre_save  Task ' -> 'pre_save Task'."""
    return ordered_rows(answer, "pre_save Task")


def _only_signal_names(rows: list[str]) -> bool:
    return all(" " not in row for row in rows)


@exercise(
    "10.1",
    praise="The detail is built (pre_init, post_init), then saved (pre_save, INSERT, post_save). The task you "
    "passed in is already saved, so nothing is sent for it.",
    right=[DETAIL_CREATE, tuple(DETAIL_CREATE), [f"  {row} " for row in DETAIL_CREATE]],
    wrong=[
        ([*DETAIL_CREATE, "pre_save Task", "post_save Task"], "already in the database"),
        (DETAIL_CREATE[2:], "with init=True"),
        (set(DETAIL_CREATE), "A set has no order"),
        (["pre_init", "post_init", "pre_save", "post_save"], "'signal Sender'"),
    ],
)
def order_of_detail_create(answer: Any) -> str | None:
    """The signals `TaskDetail.objects.create(task=task, ...)` sends, traced with init=True."""
    rows = _rows(answer)
    if rows == DETAIL_CREATE:
        return None
    if rows and _only_signal_names(rows):
        return "Write each row as 'signal Sender', like t.names() does: 'pre_save TaskDetail'."
    if any(row.endswith(" Task") for row in rows):
        return "create() saves only the TaskDetail. The task it points at is already in the database."
    if rows == DETAIL_CREATE[2:]:
        return "The trace runs with init=True: create() first builds the instance. Which signals does that send?"
    return "create() builds the instance, then saves it. Each of those two steps sends two signals."


@exercise(
    "10.2",
    praise="The project's cleanup runs inside pre_delete Task, so the detail's signals are nested there; "
    "the assignment rows go with one DELETE and no m2m_changed; the task's post_delete comes last.",
    right=[TASK_DELETE, tuple(TASK_DELETE), [row.replace(" ", "  ") for row in TASK_DELETE]],
    wrong=[
        (set(TASK_DELETE), "A set has no order"),
        (["pre_delete Task", "post_delete Task", "pre_delete TaskDetail", "post_delete TaskDetail"], "wrong order"),
        (["pre_delete Task", "post_delete Task"], "Four signals"),
        (
            [
                "pre_delete Task",
                "m2m_changed Task_assigned_to",
                "m2m_changed Task_assigned_to",
                "post_delete Task",
                "pre_delete TaskDetail",
                "post_delete TaskDetail",
            ],
            "never sends m2m_changed",
        ),
    ],
)
def order_of_task_delete(answer: Any) -> str | None:
    """The signals `task.delete()` sends with the project's pre_delete cleanup and a TaskDetail delete receiver."""
    rows = _rows(answer)
    if rows == TASK_DELETE:
        return None
    if rows and _only_signal_names(rows):
        return "Write each row as 'signal Sender', like t.names() does: 'pre_delete Task'."
    if any(row.startswith("m2m_changed") for row in rows):
        return "Deleting a task removes its assignment rows, but Django never sends m2m_changed for that."
    if sorted(rows) == sorted(TASK_DELETE):
        return "Right signals, wrong order. On which signal does the project's delete_task_detail run?"
    return "Four signals: a pair for the task, and a pair for its detail, deleted by the project's receiver."


@exercise(
    "10.3",
    praise="save() sends pre_save and post_save inside the view, so both come between request_started and "
    "request_finished.",
    right=[SIGN_UP, tuple(SIGN_UP), ["request_started", "pre_save User", "post_save User", "request_finished "]],
    wrong=[
        (["request_started", "pre_save", "request_finished", "post_save"], "between the request's first and last"),
        (set(SIGN_UP), "A set has no order"),
        (["pre_save", "request_started", "post_save", "request_finished"], "between the request's first and last"),
        (["request_started", "request_finished"], "Four signals"),
    ],
)
def order_of_sign_up(answer: Any) -> str | None:
    """The signal names (no senders) of the filtered sign-up trace: request, save, request end."""
    rows = [row.split(" ")[0] if row else row for row in _rows(answer)]
    if rows == SIGN_UP:
        return None
    if sorted(rows) != sorted(SIGN_UP):
        return "Four signals: the two request signals and the two save signals of the new User."
    if rows[0] != "request_started" or rows[-1] != "request_finished":
        return "Everything the view does happens between the request's first and last signal."
    return "post_save is sent by save() itself, right after the INSERT, before save() returns to the view."


@exercise(
    "10.4",
    praise="set() compares the old and the new set: it removes Bob and adds Ann, and the project's receiver emails "
    "only the employees in the post_add pk_set.",
    right=[{"ann@example.com"}, "ann@example.com", ["Ann@example.com "]],
    wrong=[
        ({"ann@example.com", "cleo@example.com"}, "Cleo was assigned already"),
        ({"bob@example.com", "ann@example.com"}, "Bob is removed"),
        (set(), "Who is new on the task?"),
        (1, "set of strings"),
    ],
)
def emails_of_reassign(answer: Any) -> str | None:
    """Who is emailed when Plan sprint goes from Bob and Cleo to Ann and Cleo with set()."""
    addresses = {address.lower() for address in chosen_set(answer, "someone@example.com")}
    if addresses == {"ann@example.com"}:
        return None
    if "cleo@example.com" in addresses:
        return "Cleo was assigned already: set() leaves her row alone, so she is not in any pk_set."
    if "bob@example.com" in addresses:
        return "Bob is removed. The project's receiver only acts on post_add."
    return "Give the email addresses, e.g. {'someone@example.com'}. Who is new on the task?"


@exercise(
    "10.5",
    praise="The view saves in autocommit: the INSERT is committed at once, so the on_commit callback runs at once, "
    "inside post_save, long before request_finished.",
    right=[True, 1 > 0, not False],
    wrong=[
        (False, "under which signal is it indented?"),
        ("True", "Answer True or False"),
        (1, "Answer True or False"),
    ],
)
def email_before_request_finished(answer: Any) -> str | None:
    """Whether the activation email of the sign-up went out before request_finished was sent."""
    if answer is True:
        return None
    if answer is False:
        return "Find the email row in the sign-up trace: under which signal is it indented?"
    return "Answer True or False."
