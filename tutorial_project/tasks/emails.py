"""The emails the tasks app sends."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail

from tutorial_project.tasks.models import Employee, Task

logger = logging.getLogger(__name__)


def send_assignment_emails(task_ids: Iterable[int], employee_ids: Iterable[int]) -> int:
    """Email each employee once per task they were just assigned; return how many emails went out.

    A failure is logged, not raised: the assignment is already committed and stays. Re-adding the
    employee in the admin sends the email again.
    """
    tasks = list(Task.objects.filter(pk__in=list(task_ids)).order_by("pk"))
    employees = list(Employee.objects.filter(pk__in=list(employee_ids)).order_by("pk"))
    sent = 0
    for task in tasks:
        for employee in employees:
            sent += _send_one(task, employee)
    return sent


def _send_one(task: Task, employee: Employee) -> int:
    due = f"It is due on {task.due_date:%A %d %B %Y}." if task.due_date else "It has no due date."
    try:
        return send_mail(
            subject=f"New task: {task.title}",
            message=f'Hello {employee.name},\n\nYou have been assigned the task "{task.title}". {due}\n',
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[employee.email],
        )
    except Exception:
        logger.exception("Could not email %s about task %s", employee.email, task.pk)
        return 0
