"""setup() again puts every receiver back as Django's start-up left it, in a fresh interpreter as a kernel runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]

# Cells as a student writes them: run in __main__, like IPython runs a cell.
SCRIPT = """
import json
from tutorial_project.workbook import *
setup()
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.dispatch import Signal, receiver
from tutorial_project.tasks.models import Employee, Task
calls = []
for _ in range(2):  # the cell run twice: two receivers, as Django keys them by function object
    @receiver(post_save, sender=Task)
    def log_save(sender, instance, **kwargs):
        calls.append("decorated")
post_save.connect(lambda **kwargs: calls.append("lambda"), sender=Task, weak=False)
task_completed = Signal()
task_completed.connect(lambda **kwargs: calls.append("custom"), weak=False)
m2m_changed.disconnect(sender=Task.assigned_to.through, dispatch_uid="tasks.receivers.email_new_assignees")
pre_delete.disconnect(sender=Task, dispatch_uid="tasks.receivers.delete_task_detail")
before = [tuple(row) for row in receivers(project_only=True).rows]
setup()
task = Task.objects.create(title="after setup")
task_completed.send(sender=None)
task.assigned_to.add(Employee.objects.create(name="Ann", email="ann@example.com"))
print(json.dumps({"calls": calls, "before": before, "after": [tuple(r) for r in receivers(project_only=True).rows],
                  "outbox": len(outbox)}))
"""


@pytest.fixture(scope="module")
def result() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO_ROOT / "notebooks", env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_setup_disconnects_receivers_a_cell_connected_with_receiver_or_connect(result: dict) -> None:
    assert result["calls"] == []


def test_setup_connects_again_the_project_receivers_a_cell_disconnected(result: dict) -> None:
    assert [row[2].rsplit(".", 1)[-1] for row in result["after"]] == [
        "email_activation_link",
        "delete_task_detail",
        "email_new_assignees",
    ]


def test_the_project_receivers_work_again_after_setup(result: dict) -> None:
    assert result["outbox"] == 1


def test_the_scenario_did_change_the_receivers_before_setup(result: dict) -> None:
    assert len(result["before"]) == 4  # the project's post_save User, plus three from the cell on post_save Task
