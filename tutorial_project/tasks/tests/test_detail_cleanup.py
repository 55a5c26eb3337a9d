"""Deleting a task deletes its TaskDetail, which `on_delete=DO_NOTHING` would leave behind."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import pre_delete

from tutorial_project.tasks.models import Task, TaskDetail

pytestmark = pytest.mark.django_db

DISPATCH_UID = "tasks.receivers.delete_task_detail"


def test_the_receiver_is_connected_with_its_dispatch_uid(disconnect_receiver: Any) -> None:
    assert disconnect_receiver(pre_delete, Task, DISPATCH_UID)


def test_deleting_a_task_deletes_its_detail(make_task: Any, make_detail: Any) -> None:
    task = make_task()
    make_detail(task)

    task.delete()

    assert not TaskDetail.objects.exists()


def test_deleting_a_task_leaves_no_broken_foreign_key(make_task: Any, make_detail: Any) -> None:
    task = make_task()
    make_detail(task)

    task.delete()

    connection.check_constraints()  # what SQLite would do at COMMIT; raises IntegrityError on an orphan


def test_deleting_tasks_through_a_queryset_deletes_their_details(make_task: Any, make_detail: Any) -> None:
    for task in [make_task(), make_task()]:
        make_detail(task)

    Task.objects.all().delete()

    assert not TaskDetail.objects.exists()


def test_deleting_a_task_keeps_the_details_of_other_tasks(make_task: Any, make_detail: Any) -> None:
    doomed, kept = make_task(), make_task()
    make_detail(doomed)
    make_detail(kept)

    Task.objects.filter(pk=doomed.pk).delete()

    assert list(TaskDetail.objects.values_list("task_id", flat=True)) == [kept.pk]


def test_deleting_a_task_without_a_detail_deletes_the_task(make_task: Any) -> None:
    task = make_task()

    task.delete()

    assert not Task.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_deleting_a_task_with_a_detail_survives_a_real_commit(make_task: Any, make_detail: Any) -> None:
    task = make_task()
    make_detail(task)

    with transaction.atomic():  # SQLite checks the deferred foreign keys here, at COMMIT
        task.delete()

    assert (Task.objects.count(), TaskDetail.objects.count()) == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_without_the_receiver_deleting_a_task_with_a_detail_fails_at_commit(
    make_task: Any, make_detail: Any, disconnect_receiver: Any
) -> None:
    task = make_task()
    make_detail(task)
    disconnect_receiver(pre_delete, Task, DISPATCH_UID)

    with pytest.raises(IntegrityError):
        with transaction.atomic():
            task.delete()
