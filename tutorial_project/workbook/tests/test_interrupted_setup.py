"""An interrupted setup() (Ctrl-C at any moment) is finished by the next run, in a fresh interpreter each time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]

# Counts the Python calls setup() makes and raises KeyboardInterrupt at call number argv[1], as Ctrl-C would
# (argv[1] == 0: just count, and note at which call each stage began). Then runs setup() again and uses it.
SCRIPT = """
import json, sys
from tutorial_project.workbook import *
from tutorial_project.workbook import bootstrap
target, calls, stages = int(sys.argv[1]), 0, {}
def tracer(frame, event, arg):
    global calls
    calls += 1
    stages.setdefault(bootstrap._state.get("stage"), calls)
    if calls == target:
        sys.settrace(None)
        raise KeyboardInterrupt
try:
    sys.settrace(tracer)
    setup()
except KeyboardInterrupt:
    pass
finally:
    sys.settrace(None)
if not target:
    print(json.dumps(stages)); sys.exit()
result = {"interrupted in": bootstrap._state.get("stage")}
try:
    setup()
    from tutorial_project.tasks.models import Employee, Task
    task = Task.objects.create(title="after")
    task.assigned_to.add(Employee.objects.create(name="Ann", email="ann@example.com"))
    result.update(receivers=len(receivers(project_only=True).rows), outbox=len(outbox), tasks=Task.objects.count())
except Exception as exc:
    result["error"] = f"{type(exc).__name__}: {exc}"
print(json.dumps(result))
"""


def run(target: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(target)],
        cwd=REPO_ROOT / "notebooks",
        env=env,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def stage_starts() -> dict[str, int]:
    """At which Python call each stage of setup() begins."""
    return run(0)


# Three moments inside Django's start-up (importing the apps, then their models and ready()), one in each other
# stage. (At 0.6 of Django's start-up, Python 3.13 absorbs the simulated Ctrl-C and setup() completes; the moments
# here land as interruptions on 3.11 to 3.13.)
MOMENTS = [("django", 0.1), ("django", 0.45), ("django", 0.9), ("settings", 0.5), ("receivers", 0.5), ("database", 0.5)]


@pytest.mark.parametrize(("stage", "fraction"), MOMENTS, ids=[f"{s}-{f}" for s, f in MOMENTS])
def test_setup_interrupted_during_a_stage_is_finished_by_the_next_run(
    stage_starts: dict[str, int], stage: str, fraction: float
) -> None:
    order = list(stage_starts)
    start = stage_starts[stage]
    end = stage_starts[order[order.index(stage) + 1]]
    result = run(start + int((end - start) * fraction))
    assert result == {"interrupted in": stage, "receivers": 3, "outbox": 1, "tasks": 1}
