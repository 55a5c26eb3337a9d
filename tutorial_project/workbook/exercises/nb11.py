"""Checks for 11 · Pitfalls and alternatives."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tutorial_project.workbook.exercises import Source, chosen_set, exercise, number, receiver_answer

PROJECT_RECEIVER_UID = "tasks.receivers.email_new_assignees"
OPERATIONS = {"create", "save", "bulk_create", "bulk_update", "update", "raw SQL"}


@exercise(
    "11.1",
    praise="Only create() and save() go through Model.save_base(), which sends pre_save and post_save. The bulk "
    "methods, update() and raw SQL write to the table directly.",
    right=[{"create", "save"}, ["save", "create"], {"create ", " save"}],
    wrong=[
        ({"create", "save", "bulk_create"}, "never calls save()"),
        ({"save"}, "create() calls save() for you"),
        ({"create", "save", "update"}, "Only the operations that call Model.save()"),
        ({"insert"}, "Use the names from the list"),
    ],
)
def operations_that_send_post_save(answer: Any) -> str | None:
    """Which of the six operations send post_save."""
    chosen = chosen_set(answer, "create")
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
    right=[1, 1.0, len(["Retro"])],
    wrong=[(0, "inside transaction.atomic()"), (True, "yes/no answer"), (2, "One create(), one INSERT")],
)
def rows_left_in_autocommit(answer: Any) -> str | None:
    """How many rows a post_save receiver that raises leaves behind in autocommit."""
    count = number(answer)
    if count == 1:
        return None
    if count == 0:
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


_PRELUDE = (
    "from django.db.models.signals import m2m_changed\n"
    "from tutorial_project.tasks.models import Task\n"
    "from tutorial_project.tasks.receivers import email_new_assignees\n"
    "UID = 'tasks.receivers.email_new_assignees'\n"
    "THROUGH = Task.assigned_to.through\n"
)


def _project_connections() -> tuple[int, bool]:
    """How many times email_new_assignees is connected for the through model, and whether anything else is
    connected under its dispatch_uid."""
    from django.db.models.signals import m2m_changed
    from django.dispatch.dispatcher import _make_id

    from tutorial_project.tasks.models import Task
    from tutorial_project.tasks.receivers import email_new_assignees
    from tutorial_project.workbook.startup_receivers import receiver_of

    through_id = _make_id(Task.assigned_to.through)
    count, impostor = 0, False
    for entry in m2m_changed.receivers:
        (key, sender_id), func = entry[0], receiver_of(entry)
        if func is email_new_assignees and sender_id == through_id:
            count += 1
        elif key == PROJECT_RECEIVER_UID and func is not email_new_assignees:
            impostor = True
    return count, impostor


def _emails_of(action: Callable[[], Any]) -> list[str]:
    """Run `action` with on_commit callbacks executed; return the addresses emailed."""
    from django.core import mail
    from django.test import TestCase

    before = len(mail.outbox)
    with TestCase.captureOnCommitCallbacks(execute=True):
        action()
    return sorted(address for message in mail.outbox[before:] for address in message.to)


def _after_problem() -> str | None:
    """What is wrong with the project's receiver after the student's function ran, if anything."""
    count, impostor = _project_connections()
    if impostor:
        return (
            "Something other than email_new_assignees is now connected under the project's dispatch_uid: the "
            "project's receiver is gone. Connect email_new_assignees itself back."
        )
    if count == 0:
        return (
            "Afterwards the project's email_new_assignees is not connected for Task.assigned_to.through, so "
            "assignment emails stop. Connect it back with sender=Task.assigned_to.through, in a finally: block."
        )
    if count > 1:
        return (
            f"Afterwards email_new_assignees is connected {count} times, so every assignment sends {count} emails. "
            "Disconnect it before the add (by its dispatch_uid) and connect it back once."
        )
    return None


def _run_quiet_assignment(func: Callable[..., Any]) -> str | None:
    """Run `func(task, employees)` in a rolled-back transaction and say what went wrong, if anything."""
    from tutorial_project.tasks.models import Employee, Task
    from tutorial_project.workbook.sandbox import rolled_back

    with rolled_back():
        task = Task.objects.create(title="Check: quiet assignment")
        employees = [
            Employee.objects.create(name=f"Check {name}", email=f"check.{name.lower()}@example.com")
            for name in ("Ada", "Bob", "Cleo")
        ]
        try:
            emailed = _emails_of(lambda: func(task, employees[:2]))
        except Exception as exc:  # the student's function may raise anything
            return f"Your function raised {type(exc).__name__}: {exc}."
        if set(task.assigned_to.values_list("pk", flat=True)) != {employee.pk for employee in employees[:2]}:
            return "The employees were not assigned: call task.assigned_to.add(*employees)."
        if emailed:
            return (
                f"The assignment still emailed {', '.join(emailed)}. Disconnect the receiver by its dispatch_uid first."
            )
        problem = _after_problem()
        if problem:
            return problem
        emailed = _emails_of(lambda: task.assigned_to.add(employees[2]))
        if emailed != ["check.cleo@example.com"]:
            return (
                f"After your function, a plain add() emailed {emailed or 'nobody'}; the project's receiver is broken."
            )
        try:
            func(task, [Employee(name="Ghost", email="ghost@example.com")])  # unsaved: add() raises
        except Exception:  # noqa: S110 - raising is what this step makes add() do
            pass
        if _project_connections()[0] != 1:
            return (
                "When add() raises (an unsaved employee), your function leaves the receiver disconnected. Connect it "
                "back in a finally: block, so it is restored whatever happens."
            )
    return None


@exercise(
    "11.3",
    praise="Muted for exactly the duration of the call, and connected back even if the assignment raises.",
    right=[
        _assign_quietly,
        Source(
            _PRELUDE + "def answer(task, employees):\n"
            "    m2m_changed.disconnect(email_new_assignees, sender=THROUGH, dispatch_uid=UID)\n"
            "    try:\n"
            "        task.assigned_to.add(*employees)\n"
            "    finally:\n"
            "        m2m_changed.connect(email_new_assignees, sender=THROUGH)\n"
        ),
        Source(
            _PRELUDE + "from tutorial_project.workbook.sandbox import muted\n"
            "def answer(task, employees):\n"
            "    with muted(m2m_changed, email_new_assignees, sender=THROUGH, dispatch_uid=UID):\n"
            "        task.assigned_to.add(*employees)\n"
        ),
    ],
    wrong=[
        (_assign_and_forget, "not connected"),
        (
            Source(
                _PRELUDE + "def answer(task, employees):\n"
                "    m2m_changed.disconnect(sender=THROUGH, dispatch_uid=UID)\n"
                "    task.assigned_to.add(*employees)\n"
                "    m2m_changed.connect(email_new_assignees, sender=THROUGH, dispatch_uid=UID)\n"
            ),
            "in a finally: block",
        ),
        (
            Source(
                _PRELUDE + "def answer(task, employees):\n"
                "    m2m_changed.disconnect(sender=THROUGH, dispatch_uid=UID)\n"
                "    try:\n"
                "        task.assigned_to.add(*employees)\n"
                "    finally:\n"
                "        m2m_changed.connect(email_new_assignees, sender=Task, dispatch_uid=UID)\n"
            ),
            "not connected for Task.assigned_to.through",
        ),
        (
            Source(
                _PRELUDE + "def answer(task, employees):\n"
                "    m2m_changed.disconnect(sender=THROUGH, dispatch_uid=UID)\n"
                "    try:\n"
                "        task.assigned_to.add(*employees)\n"
                "    finally:\n"
                "        m2m_changed.connect(lambda **kw: None, sender=THROUGH, dispatch_uid=UID, weak=False)\n"
            ),
            "the project's receiver is gone",
        ),
        (
            Source(
                _PRELUDE + "def answer(task, employees):\n"
                "    task.assigned_to.add(*employees)\n"
                "    m2m_changed.connect(email_new_assignees, sender=THROUGH)\n"
            ),
            "still emailed",
        ),
        (
            Source(
                _PRELUDE + "def answer(task, employees):\n"
                "    m2m_changed.disconnect(email_new_assignees, sender=THROUGH)\n"
                "    try:\n"
                "        task.assigned_to.add(*employees)\n"
                "    finally:\n"
                "        m2m_changed.connect(email_new_assignees, sender=THROUGH)\n"
            ),
            "still emailed",
        ),
    ],
)
def assign_without_emails(answer: Any) -> str | None:
    """A function that assigns employees with the project's email receiver muted, then restores it."""
    return _run_quiet_assignment(receiver_answer(answer))
