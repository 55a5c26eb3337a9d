"""Checks for 05 · m2m_changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.mail import send_mail
from django.db.models.signals import m2m_changed
from django.test import TestCase

from tutorial_project.workbook.cell_receivers import connected
from tutorial_project.workbook.exercises import Source, exercise, number, ordered_rows, receiver_answer
from tutorial_project.workbook.sandbox import muted, rolled_back

PROJECT_RECEIVER_UID = "tasks.receivers.email_new_assignees"
SET_ACTIONS = ["pre_remove", "post_remove", "pre_add", "post_add"]


@exercise(
    "05.1",
    praise="set() works out the difference: it removes who left, then adds who joined. clear() is only for clear=True.",
    right=[SET_ACTIONS, tuple(SET_ACTIONS), [f"{action} " for action in SET_ACTIONS]],
    wrong=[
        (["pre_clear", "post_clear", "pre_add", "post_add"], "only when you pass clear=True"),
        (["pre_add", "post_add", "pre_remove", "post_remove"], "wrong order"),
        (set(SET_ACTIONS), "A set has no order"),
        (["pre_add", "post_add"], "Who leaves the task"),
    ],
)
def actions_of_set(answer: Any) -> str | None:
    """The m2m_changed actions `task.assigned_to.set([bob, cleo])` sends when Ann and Bob are assigned."""
    actions = ordered_rows(answer, "pre_remove")
    if actions == ["pre_remove", "post_remove", "pre_add", "post_add"]:
        return None
    if "pre_clear" in actions:
        return "set() clears only when you pass clear=True. Look at the trace of set([bob, cleo]) in the notebook."
    if "pre_add" in actions and "pre_remove" in actions and actions.index("pre_add") < actions.index("pre_remove"):
        return "Right actions, wrong order: set() removes first, then adds."
    return "Who leaves the task, who joins, and who stays? Each change comes as a pre_ and a post_ action."


def email_only_new_assignees(
    sender: Any, instance: Any, action: str, pk_set: Any, reverse: bool, **kwargs: Any
) -> None:
    """Email each employee just added to a task, and nobody else."""
    if action != "post_add" or reverse or not pk_set:
        return
    for employee in instance.assigned_to.filter(pk__in=pk_set):
        send_mail(f"New task: {instance.title}", "You have a new task.", settings.DEFAULT_FROM_EMAIL, [employee.email])


def email_everyone_assigned(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    """The course's version: emails everyone assigned, on every post_add."""
    if action == "post_add":
        emails = [employee.email for employee in instance.assigned_to.all()]
        send_mail("New Task Assigned", f"You have been assigned to: {instance.title}", "noreply@example.com", emails)


def _recipients_of_each_add(func: Callable[..., Any]) -> list[list[str]]:
    """Run two adds (Ann and Bob, then Bob again and Cleo) in a rolled-back transaction; who got email each time."""
    from tutorial_project.tasks.models import Employee, Task

    through = Task.assigned_to.through
    recipients: list[list[str]] = []
    with (
        muted(m2m_changed, _project_receiver(), sender=through, dispatch_uid=PROJECT_RECEIVER_UID),
        rolled_back(),
    ):
        ann, bob, cleo = (
            Employee.objects.create(name=name, email=f"{name.lower()}@exercise.example")
            for name in ("Ann", "Bob", "Cleo")
        )
        task = Task.objects.create(title="Exercise 05.2")
        with connected(m2m_changed, func, sender=through):
            for employees in ((ann, bob), (bob, cleo)):
                mail.outbox = []
                # Run on_commit callbacks at once, so a receiver that waits for the commit is checked too.
                with TestCase.captureOnCommitCallbacks(execute=True):
                    task.assigned_to.add(*employees)
                recipients.append(sorted(address for message in mail.outbox for address in message.to))
    return recipients


def _project_receiver() -> Callable[..., Any]:
    from tutorial_project.tasks.receivers import email_new_assignees

    return email_new_assignees


@exercise(
    "05.2",
    praise="Only the employees in pk_set hear about it: Cleo joins, and Ann and Bob are left in peace.",
    right=[
        email_only_new_assignees,
        Source(
            "from django.core.mail import send_mail\n"
            "from django.db.models.signals import m2m_changed\n"
            "from tutorial_project.tasks.models import Employee, Task\n"
            "from tutorial_project.workbook import cell_receiver\n"
            "@cell_receiver(m2m_changed, sender=Task.assigned_to.through)\n"
            "def answer(sender, instance, action, pk_set, **kwargs):\n"
            "    if action == 'post_add':\n"
            "        for email in Employee.objects.filter(pk__in=pk_set).values_list('email', flat=True):\n"
            "            send_mail('New task', instance.title, None, [email])\n"
        ),
        Source(
            "from django.core.mail import send_mass_mail\n"
            "from django.db import transaction\n"
            "from django.db.models.signals import m2m_changed\n"
            "from django.dispatch import receiver\n"
            "from tutorial_project.tasks.models import Employee, Task\n"
            "@receiver(m2m_changed, sender=Task.assigned_to.through)\n"
            "def answer(instance, action, pk_set, **kwargs):\n"
            "    if action != 'post_add':\n"
            "        return\n"
            "    emails = sorted(Employee.objects.filter(pk__in=pk_set).values_list('email', flat=True))\n"
            "    messages = [('New task', instance.title, None, [email]) for email in emails]\n"
            "    transaction.on_commit(lambda: send_mass_mail(messages))\n"
        ),
    ],
    wrong=[
        (email_everyone_assigned, "Email only the pks in pk_set"),
        (Source("def answer(sender, instance, action, **kwargs):\n    pass\n"), "Nobody was emailed"),
        (
            Source(
                "from django.core.mail import send_mail\n"
                "def answer(sender, instance, action, pk_set, **kwargs):\n"
                "    if action == 'pre_add':\n"
                "        for employee in instance.assigned_to.all():\n"
                "            send_mail('New task', instance.title, None, [employee.email])\n"
            ),
            "Email only the pks in pk_set",
        ),
        (Source("def answer(sender, instance, action, pk_set):\n    pass\n"), "**kwargs"),
    ],
)
def receiver_emails_only_new_assignees(answer: Any) -> str | None:
    """A receiver that emails only the employees just added (forward side)."""
    first, second = _recipients_of_each_add(receiver_answer(answer))
    if first == ["ann@exercise.example", "bob@exercise.example"] and second == ["cleo@exercise.example"]:
        return None
    if not first and not second:
        return "Nobody was emailed. Does your receiver act on action == 'post_add' and call send_mail()?"
    if "ann@exercise.example" in second:
        return (
            "Adding Bob (already assigned) and Cleo emailed Ann or Bob again: "
            f"{', '.join(second)}. Email only the pks in pk_set."
        )
    got = f"the first add emailed {first or 'nobody'}, the second {second or 'nobody'}"
    return f"Expected Ann and Bob, then only Cleo; {got}."


@exercise(
    "05.3",
    praise="on_commit callbacks of a rolled-back transaction are dropped: no assignment, no email.",
    right=[0, 0.0, len([])],
    wrong=[(1, "Was there a commit?"), (False, "yes/no answer"), (2, "Count the emails"), (None, "number")],
)
def emails_after_rollback(answer: Any) -> str | None:
    """How many emails the project's receiver sends for an add inside an atomic block that rolls back."""
    count = number(answer)
    if count == 0:
        return None
    if count == 1:
        return "The receiver asked for the email on commit. Was there a commit?"
    return "Count the emails sent after the rollback: the project's receiver sends them with transaction.on_commit."
