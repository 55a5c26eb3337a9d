"""Receivers of the tasks app, connected when `TasksConfig.ready()` imports this module."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, pre_delete
from django.dispatch import receiver

from tutorial_project.tasks.emails import send_assignment_emails
from tutorial_project.tasks.fixtures import loading_fixtures
from tutorial_project.tasks.models import Task, TaskDetail


@receiver(m2m_changed, sender=Task.assigned_to.through, dispatch_uid="tasks.receivers.email_new_assignees")
def email_new_assignees(
    sender: type, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, using: str, **kwargs: Any
) -> None:
    """Email only the employees just added to a task (pk_set), once the assignment is committed."""
    # A fixture load is not an assignment. Django 6.1 says so with `raw`; 5.2 sends no `raw` to m2m_changed,
    # so this app's loaddata command marks the time it runs.
    if action != "post_add" or not pk_set or kwargs.get("raw") or loading_fixtures.get():
        return
    # Forward (task.assigned_to.add) the instance is the Task; reverse (employee.task_set.add) the Employee.
    task_ids, employee_ids = (pk_set, {instance.pk}) if reverse else ({instance.pk}, pk_set)
    transaction.on_commit(partial(send_assignment_emails, set(task_ids), set(employee_ids)), using=using)


# pre_delete, not post_delete: the detail row goes before the task row, so the foreign key is never broken,
# even on databases that check it at each statement rather than at commit (SQLite checks at commit).
@receiver(pre_delete, sender=Task, dispatch_uid="tasks.receivers.delete_task_detail")
def delete_task_detail(sender: type[Task], instance: Task, **kwargs: Any) -> None:
    """Delete the TaskDetail that on_delete=DO_NOTHING would leave behind, if the task has one."""
    TaskDetail.objects.filter(task_id=instance.pk).delete()
