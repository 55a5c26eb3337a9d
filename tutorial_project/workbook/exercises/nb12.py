"""Checks for 12 · Custom signals and async receivers."""

from __future__ import annotations

import inspect
from typing import Any

from tutorial_project.workbook.exercises import Hint, Source, exercise, ordered_rows, receiver_answer, receiver_problem


def _assignee_names(sender: type, task: Any, **kwargs: Any) -> list[str]:
    """A task_completed receiver: the names of the task's assignees, sorted."""
    return sorted(task.assigned_to.values_list("name", flat=True))


def _every_employee(sender: type, task: Any, **kwargs: Any) -> list[str]:
    """A receiver that answers with every employee, assigned to the task or not."""
    from tutorial_project.tasks.models import Employee

    return sorted(Employee.objects.values_list("name", flat=True))


@exercise(
    "12.1",
    praise="send() calls the sync receivers one by one first; the async ones start only after the last sync one.",
    right=[["sync_a", "sync_c", "async_b"], ("sync_a", "sync_c", "async_b"), ["sync_a ", "sync_c", " async_b"]],
    wrong=[
        (["sync_a", "async_b", "sync_c"], "That is the connection order"),
        ({"sync_a", "sync_c", "async_b"}, "A set has no order"),
        (["async_b", "sync_a", "sync_c"], "Look at the send() cell"),
    ],
)
def start_order_under_send(answer: Any) -> str | None:
    """Which receiver starts first, second and third when plain sync code calls send()."""
    rows = ordered_rows(answer, "sync_a")
    if rows == ["sync_a", "sync_c", "async_b"]:
        return None
    if rows == ["sync_a", "async_b", "sync_c"]:
        return "That is the connection order. Does send() call the receivers in that order, whatever their kind?"
    return 'Give the three names in the order they start, e.g. ["sync_a", ...]. Look at the send() cell.'


@exercise(
    "12.2",
    praise="asend() returns the sync group's results first, then the async ones, each in connection order, "
    "whatever order they started in.",
    right=[["sync_a", "sync_c", "async_b"], ("sync_a", "sync_c", "async_b"), [" sync_a", "sync_c ", "async_b"]],
    wrong=[
        (["async_b", "sync_a", "sync_c"], "the order they started in one run"),
        ({"async_b", "sync_a", "sync_c"}, "A set has no order"),
        (["sync_a", "async_b", "sync_c"], "That is the connection order"),
    ],
)
def results_order_under_asend(answer: Any) -> str | None:
    """The order of the (receiver, result) list that `await signal.asend()` returns on Django 5.2."""
    rows = ordered_rows(answer, "sync_a")
    if rows == ["sync_a", "sync_c", "async_b"]:
        return None
    if rows == ["async_b", "sync_a", "sync_c"]:
        return (
            "That is the order they started in one run, which nobody should count on. The question is about the "
            "list asend() returns: look at the 'returned:' line."
        )
    if rows == ["sync_a", "async_b", "sync_c"]:
        return "That is the connection order. asend() returns its results in two groups: which group comes first?"
    return 'Give the three names in the order of the list asend() returns, e.g. ["sync_a", ...].'


def _result_of(answer: Any, task: Any) -> Any:
    """What the receiver returns when a task_completed stand-in is sent for `task`.

    A sync receiver goes through a real send(). An async one is run to completion here, without an event loop:
    in Jupyter a loop is already running in this thread, and send() could not run it (asgiref refuses).
    """
    from django.dispatch import Signal

    from tutorial_project.tasks.models import Task
    from tutorial_project.workbook.cell_receivers import connected

    signal = Signal()  # a stand-in for your task_completed: same sender, same keyword arguments
    if inspect.iscoroutinefunction(answer):
        coroutine = answer(signal=signal, sender=Task, task=task)
        try:
            coroutine.send(None)
        except StopIteration as finished:
            return finished.value
        coroutine.close()
        raise Hint(
            "Your async receiver awaits something that needs a running event loop, which this check does not "
            "have. Use plain code inside it, or write it as a def receiver."
        )
    raised: list[BaseException] = []

    def receiver(**kwargs: Any) -> Any:
        try:
            return answer(**kwargs)
        except Exception as exc:
            raised.append(exc)
            raise

    try:
        with connected(signal, receiver, sender=Task):
            [(_, result)] = signal.send(sender=Task, task=task)
    except Exception as exc:
        sentence = receiver_problem(exc)
        if sentence:
            raise Hint(sentence) from exc
        if raised and raised[0] is exc:
            raise Hint(f"Your receiver raised {type(exc).__name__}: {exc}.") from exc
        raise Hint(f"send() itself raised {type(exc).__name__}: {exc} (not your receiver).") from exc
    return result


@exercise(
    "12.3",
    praise="Your receiver reads what the sender gave it (task) and accepts **kwargs for the rest.",
    right=[
        _assignee_names,
        Source(
            "async def answer(sender, task, **kwargs):\n"
            "    return sorted(employee.name for employee in task.assigned_to.all())\n"
        ),
        Source("def answer(task, **kwargs):\n    return sorted(e.name for e in task.assigned_to.order_by('name'))\n"),
    ],
    wrong=[
        (_every_employee, "expected ['Ada', 'Cy']"),
        (Source("def answer(sender, task):\n    return []\n"), "**kwargs"),
        (Source("def answer(sender, instance, **kwargs):\n    return []\n"), "**kwargs"),
        (
            Source("def answer(sender, task, **kwargs):\n    return task.missing\n"),
            "Your receiver raised AttributeError",
        ),
        (
            Source(
                "def answer(sender, task, **kwargs):\n"
                "    return list(task.assigned_to.order_by('-pk').values_list('name', flat=True))\n"
            ),
            "sorted",
        ),
    ],
)
def receiver_for_task_completed(answer: Any) -> str | None:
    """A task_completed receiver that returns the sorted names of the completed task's assignees."""
    from tutorial_project.tasks.models import Employee, Task
    from tutorial_project.workbook.sandbox import rolled_back

    answer = receiver_answer(answer)
    with rolled_back():
        ada, bo, cy = (
            Employee.objects.create(name=name, email=f"nb12.check.{name.lower()}@example.com")
            for name in ("Ada", "Bo", "Cy")
        )
        task = Task.objects.create(title="Check: ship it", is_completed=True)
        task.assigned_to.add(cy, ada)
        result = _result_of(answer, task)
    if result != ["Ada", "Cy"]:
        return (
            f"With Ada and Cy assigned (and Bo not), your receiver returned {result!r}; "
            "expected ['Ada', 'Cy']. Read the names from task.assigned_to, sorted."
        )
    return None
