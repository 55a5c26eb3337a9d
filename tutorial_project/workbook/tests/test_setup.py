"""setup() in a fresh interpreter, as a notebook kernel runs it (it reconfigures Django, so not in-process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import django

REPO_ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import json, time
from tutorial_project.workbook import *
started = time.perf_counter(); setup(); first = time.perf_counter() - started
from django.core import mail
from tutorial_project.tasks.models import Task
from django.utils import timezone
Task.objects.create(title="A"); mail.outbox.append("x"); clock.advance(days=1)
@cell_receiver(__import__("django.db.models.signals").db.models.signals.post_save)
def noisy(**kwargs): print("noisy")
started = time.perf_counter(); setup(); again = time.perf_counter() - started
Task.objects.create(title="B")
print(json.dumps({"tasks": list(Task.objects.values_list("pk", "title")), "outbox": len(mail.outbox),
                  "now": timezone.now().isoformat(), "first": first, "again": again}))
"""


def run_setup_script() -> tuple[list[str], dict]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO_ROOT / "notebooks", env=env, capture_output=True, text=True, check=True
    )
    *printed, result = done.stdout.strip().splitlines()
    return printed, json.loads(result)


def test_setup_prints_the_same_line_every_time_and_nothing_else() -> None:
    printed, _ = run_setup_script()
    assert (
        len(printed) == 2
        and printed[0] == printed[1]
        and printed[0].startswith(f"Workbook ready: Django {django.get_version()},")
    )


def test_setup_again_resets_data_outbox_clock_and_cell_receivers() -> None:
    _, result = run_setup_script()
    assert (result["tasks"], result["outbox"], result["now"]) == ([[1, "B"]], 0, "2026-01-05T09:00:00+00:00")


def test_setup_again_is_fast() -> None:
    _, result = run_setup_script()
    assert result["again"] < 0.3
