"""The emails the tasks app sends."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from tutorial_project.tasks.models import Employee, Task

logger = logging.getLogger(__name__)


def send_assignment_emails(task_ids: Iterable[int], employee_ids: Iterable[int]) -> int:
    """Email each employee once per task they were just assigned; return how many emails went out.

    A failure is logged, not raised: the assignment is already committed and stays. Re-adding the
    employee in the admin sends the email again.
    """
    tasks = list(Task.objects.filter(pk__in=list(task_ids)).order_by("pk"))
    employees = list(Employee.objects.filter(pk__in=list(employee_ids)).order_by("pk"))
    messages = [_message(task, employee) for task in tasks for employee in employees]
    if not messages:
        return 0
    # One connection and one deadline (EMAIL_TIMEOUT) for the whole batch: a silent server costs one timeout,
    # not one per employee.
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:
        logger.exception(
            "Could not email %s about task %s",
            ", ".join(employee.email for employee in employees),
            ", ".join(str(task.pk) for task in tasks),
        )
        return 0


def one_line(text: str) -> str:
    """`text` with every run of whitespace, line breaks and control separators included, as one space."""
    # str.split() splits at everything str.splitlines() does (\v, \f, \x1c-\x1e, \x85, \u2028 ...), which
    # Django's header check lets through and a mail reader would take as the end of the Subject header.
    return " ".join(text.split())


def _message(task: Task, employee: Employee) -> EmailMessage:
    due = f"It is due on {task.due_date:%A %d %B %Y}." if task.due_date else "It has no due date."
    return EmailMessage(
        subject=f"New task: {one_line(task.title)}",
        body=f'Hello {employee.name},\n\nYou have been assigned the task "{task.title}". {due}\n',
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[employee.email],
    )
