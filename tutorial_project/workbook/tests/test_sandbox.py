"""Sandboxes leave the database, the outbox and the project's receivers as they were."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db.models.signals import pre_delete

from tutorial_project.tasks.models import Task
from tutorial_project.tasks.receivers import delete_task_detail
from tutorial_project.workbook.sandbox import is_connected, muted, rolled_back

UID = "tasks.receivers.delete_task_detail"
pytestmark = pytest.mark.django_db


def test_rolled_back_undoes_the_rows_made_inside() -> None:
    with rolled_back():
        Task.objects.create(title="gone")
    assert not Task.objects.exists()


def test_rolled_back_gives_the_outbox_back(mailoutbox: list) -> None:
    send_mail("kept", "body", None, ["a@example.com"])
    with rolled_back():
        send_mail("dropped", "body", None, ["a@example.com"])
    assert [m.subject for m in mail.outbox] == ["kept"]


def test_rolled_back_lets_an_exception_through_and_still_rolls_back() -> None:
    with pytest.raises(ValueError), rolled_back():
        Task.objects.create(title="gone")
        raise ValueError
    assert not Task.objects.exists()


def test_muted_disconnects_the_receiver_inside_the_block() -> None:
    with muted(pre_delete, delete_task_detail, sender=Task, dispatch_uid=UID) as was_connected:
        inside = is_connected(pre_delete, UID)
    assert (was_connected, inside) == (True, False)


def test_muted_connects_the_receiver_again_even_when_the_block_raises() -> None:
    with pytest.raises(ValueError), muted(pre_delete, delete_task_detail, sender=Task, dispatch_uid=UID):
        raise ValueError
    assert is_connected(pre_delete, UID)


def test_muted_leaves_a_receiver_that_was_not_connected_disconnected() -> None:
    with muted(pre_delete, delete_task_detail, sender=Task, dispatch_uid=UID):
        with muted(pre_delete, delete_task_detail, sender=Task, dispatch_uid=UID) as was_connected:
            pass
        inside = is_connected(pre_delete, UID)
    assert (was_connected, inside) == (False, False)
