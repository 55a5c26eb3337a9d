"""Start-up receivers: `isolated()` shows a check only them, and gives the notebook's receivers back exactly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models.signals import post_save, pre_delete

from tutorial_project.tasks.models import Task
from tutorial_project.tasks.receivers import delete_task_detail
from tutorial_project.workbook import startup_receivers
from tutorial_project.workbook.sandbox import is_connected

UID = "tasks.receivers.delete_task_detail"


def cell_function() -> Any:
    """A receiver as a notebook cell defines it: its module is __main__."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec("def from_a_cell(**kwargs):\n    return 'cell'", namespace)
    return namespace["from_a_cell"]


@pytest.fixture(autouse=True)
def back_to_startup() -> Iterator[None]:
    yield
    startup_receivers.reset()


def test_isolated_hides_a_receiver_connected_from_a_cell() -> None:
    func = cell_function()
    post_save.connect(func, sender=Task, weak=False)
    with startup_receivers.isolated():
        inside = [r for _, r in post_save.send(sender=Task, instance=None, created=True)]
    after = [r for _, r in post_save.send(sender=Task, instance=None, created=True)]
    assert (inside, after) == ([], ["cell"])


def test_isolated_connects_a_disconnected_project_receiver_only_inside() -> None:
    pre_delete.disconnect(sender=Task, dispatch_uid=UID)
    with startup_receivers.isolated():
        inside = is_connected(pre_delete, UID)
    assert (inside, is_connected(pre_delete, UID)) == (True, False)


def test_isolated_drops_what_the_block_connected() -> None:
    with startup_receivers.isolated():
        post_save.connect(cell_function(), sender=Task, weak=False)
    assert post_save.send(sender=Task, instance=None, created=True) == []


def test_reset_puts_a_project_receiver_back_in_its_place() -> None:
    before = list(pre_delete.receivers)
    pre_delete.disconnect(sender=Task, dispatch_uid=UID)
    pre_delete.connect(delete_task_detail, sender=Task, dispatch_uid=UID)  # now last, not in its start-up place
    pre_delete.connect(cell_function(), sender=Task, weak=False)
    startup_receivers.reset()
    assert pre_delete.receivers == before
