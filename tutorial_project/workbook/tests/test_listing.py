"""receivers(): every connected receiver with its sender and where it is defined."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from tutorial_project.workbook.cell_receivers import connected
from tutorial_project.workbook.listing import receivers


def anything_saved(**kwargs: Any) -> None:
    """A receiver for every model."""


def test_lists_the_project_receivers_with_file_and_line() -> None:
    rows = {r[2]: r for r in receivers(project_only=True).rows}
    row = rows["tutorial_project.tasks.receivers.delete_task_detail"]
    assert (row[0], row[1], row[3].split(":")[0]) == ("pre_delete", "Task", "tutorial_project/tasks/receivers.py")


def test_a_receiver_for_any_sender_is_listed_instead_of_crashing() -> None:
    with connected(post_save, anything_saved):
        rows = receivers([post_save]).rows
    assert ["post_save", "(any)"] in [r[:2] for r in rows if r[2].endswith("anything_saved")]


def test_where_is_relative_to_the_repository() -> None:
    rows = receivers(project_only=True).rows
    assert all(r[3].startswith("tutorial_project/") for r in rows)
