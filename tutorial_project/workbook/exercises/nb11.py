"""Checks for 11 · Pitfalls and alternatives."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tutorial_project.workbook.exercises import exercise

PROJECT_RECEIVER_UID = "tasks.receivers.email_new_assignees"
OPERATIONS = {"create", "save", "bulk_create", "bulk_update", "update", "raw SQL"}


@exercise(
    "11.1",
    praise="Only create() and save() go through Model.save_base(), which sends pre_save and post_save. The bulk "
    "methods, update() and raw SQL write to the table directly.",
    right=[{"create", "save"}],
    wrong=[({"create", "save", "bulk_create"}, "")],
)
def operations_that_send_post_save(answer: Any) -> str | None:
    """Which of the six operations send post_save."""
    chosen = {str(item).strip() for item in answer}
    unknown = chosen - OPERATIONS
    if unknown:
        return f"Use the names from the list: {', '.join(sorted(OPERATIONS))}. Unknown: {', '.join(sorted(unknown))}."
    if chosen == {"create", "save"}:
        return None
    if "bulk_create" in chosen:
        return "bulk_create() builds instances (pre_init/post_init) but never calls save(): look at its trace again."
    if chosen < {"create", "save"}:
        return "create() calls save() for you: both send it."
    return "Only the operations that call Model.save() send post_save. Which ones in the first trace did?"


@exercise(
    "11.2",
    praise="Without atomic(), the INSERT is committed before post_save runs: the exception reaches you, the row stays.",
    right=[1],
    wrong=[(0, "")],
)
def rows_left_in_autocommit(answer: Any) -> str | None:
    """How many rows a post_save receiver that raises leaves behind in autocommit."""
    if answer == 1:
        return None
    if answer == 0:
        return "That is what happens inside transaction.atomic(). Here nothing wraps the create()."
    return "One create(), one INSERT. Does anything roll it back when the receiver raises?"


def _assign_quietly(task: Any, employees: Iterable[Any]) -> None:
    """Assign the employees without the project's email receiver, and connect it back afterwards."""
    from django.db.models.signals import m2m_changed

    from tutorial_project.tasks.models import Task
    from tutorial_project.tasks.receivers import email_new_assignees

    through = Task.assigned_to.through
    m2m_changed.disconnect(sender=through, dispatch_uid=PROJECT_RECEIVER_UID)
    try:
        task.assigned_to.add(*employees)
    finally:
        m2m_changed.connect(email_new_assignees, sender=through, dispatch_uid=PROJECT_RECEIVER_UID)


def _assign_and_forget(task: Any, employees: Iterable[Any]) -> None:
    """Mutes the receiver and never connects it back."""
    from django.db.models.signals import m2m_changed

    from tutorial_project.tasks.models import Task

    m2m_changed.disconnect(sender=Task.assigned_to.through, dispatch_uid=PROJECT_RECEIVER_UID)
    task.assigned_to.add(*employees)


def _project_receiver_connected() -> bool:
    from django.db.models.signals import m2m_changed

    from tutorial_project.workbook.sandbox import is_connected

    return is_connected(m2m_changed, PROJECT_RECEIVER_UID)


def _reconnect_project_receiver() -> None:
    from django.db.models.signals import m2m_changed

    from tutorial_project.tasks.models import Task
    from tutorial_project.tasks.receivers import email_new_assignees

    m2m_changed.connect(email_new_assignees, sender=Task.assigned_to.through, dispatch_uid=PROJECT_RECEIVER_UID)


def _run_quiet_assignment(func: Callable[..., Any]) -> str | None:
    """Run `func(task, employees)` in a rolled-back transaction and say what went wrong, if anything."""
    from django.db.models.signals import m2m_changed

    from tutorial_project.tasks.models import Employee, Task
    from tutorial_project.workbook.sandbox import rolled_back
    from tutorial_project.workbook.tracer import trace

    if not _project_receiver_connected():
        _reconnect_project_receiver()
    problem: str | None = None
    with rolled_back():
        task = Task.objects.create(title="Check: quiet assignment")
        employees = [
            Employee.objects.create(name="Check Ada", email="check.ada@example.com"),
            Employee.objects.create(name="Check Bob", email="check.bob@example.com"),
        ]
        with trace("check 11.3", signals=[m2m_changed]) as t:
            try:
                func(task, employees)
            except Exception as exc:  # the student's function may raise anything
                problem = f"Your function raised {type(exc).__name__}: {exc}."
        if problem is None:
            assigned = set(task.assigned_to.values_list("pk", flat=True))
            ran = {call.name for event in t.signals for call in event.calls}
            if assigned != {employee.pk for employee in employees}:
                problem = "The employees were not assigned: call task.assigned_to.add(*employees)."
            elif "email_new_assignees" in ran:
                problem = "The project's email_new_assignees still ran. Disconnect it by its dispatch_uid first."
    if not _project_receiver_connected():
        _reconnect_project_receiver()
        problem = problem or (
            "The receiver stayed disconnected afterwards (the check connected it back for you). Connect it again "
            "in a finally: block."
        )
    return problem


@exercise(
    "11.3",
    praise="Muted for exactly the duration of the call, and connected back even if the assignment raises.",
    right=[_assign_quietly],
    wrong=[(_assign_and_forget, "")],
)
def assign_without_emails(answer: Any) -> str | None:
    """A function that assigns employees with the project's email receiver muted, then restores it."""
    if not callable(answer):
        return "Pass the function itself (its name, without calling it)."
    return _run_quiet_assignment(answer)
