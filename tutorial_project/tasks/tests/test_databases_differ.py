"""Where SQLite and PostgreSQL differ for the course's code: TaskDetail's on_delete=DO_NOTHING without the
cleanup receiver. Both check Django's foreign keys at commit (Django creates them DEFERRABLE INITIALLY DEFERRED
on both), so the delete itself succeeds and the commit fails, rolling everything back; only the error differs.

`make test` runs this file on SQLite, `make test-postgres` on PostgreSQL: notebook 03 quotes both results.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import pre_delete

from tutorial_project.tasks.models import Task, TaskDetail

pytestmark = pytest.mark.django_db(transaction=True)

COMMIT_ERRORS = {
    "sqlite": "FOREIGN KEY constraint failed",
    "postgresql": (
        'update or delete on table "tasks_task" violates foreign key constraint '
        '"tasks_taskdetail_task_id_f72670dc_fk_tasks_task_id" on table "tasks_taskdetail"\n'
        'DETAIL:  Key (id)=({pk}) is still referenced from table "tasks_taskdetail".'
    ),
}


@pytest.fixture
def task_with_detail_and_no_cleanup(make_task: Any, make_detail: Any, disconnect_receiver: Any) -> Task:
    """A task with a detail, and the receiver that deletes details disconnected: the course's DO_NOTHING alone."""
    disconnect_receiver(pre_delete, Task, "tasks.receivers.delete_task_detail")
    task = make_task("Plan the launch")
    make_detail(task)
    return task


def delete_in_a_transaction(task: Task) -> list[str]:
    """Delete `task` in atomic(); what happened, step by step, until the commit."""
    steps = []
    try:
        with transaction.atomic():
            task.delete()
            steps.append(f"deleted; details left in the transaction: {TaskDetail.objects.count()}")
    except IntegrityError as error:
        steps.append(f"commit failed: {error}")
    return steps


def test_the_delete_succeeds_and_the_commit_fails_with_this_databases_error(task_with_detail_and_no_cleanup: Task):
    pk = task_with_detail_and_no_cleanup.pk

    steps = delete_in_a_transaction(task_with_detail_and_no_cleanup)

    assert steps == [
        "deleted; details left in the transaction: 1",
        "commit failed: " + COMMIT_ERRORS[connection.vendor].format(pk=pk),
    ]


def test_the_failed_commit_rolls_the_delete_back(task_with_detail_and_no_cleanup: Task):
    delete_in_a_transaction(task_with_detail_and_no_cleanup)

    assert (Task.objects.count(), TaskDetail.objects.count()) == (1, 1)


def test_with_the_cleanup_receiver_both_rows_go_on_either_database(make_task: Any, make_detail: Any):
    task = make_task()
    make_detail(task)

    steps = delete_in_a_transaction(task)

    assert (steps, Task.objects.count(), TaskDetail.objects.count()) == (
        ["deleted; details left in the transaction: 0"],
        0,
        0,
    )
