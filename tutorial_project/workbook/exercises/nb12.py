"""Checks for 12 · Custom signals and async receivers."""

from __future__ import annotations

from typing import Any

from tutorial_project.workbook.exercises import exercise


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
    right=[["sync_a", "sync_c", "async_b"]],
    wrong=[(["sync_a", "async_b", "sync_c"], "")],
)
def start_order_under_send(answer: Any) -> str | None:
    """Which receiver starts first, second and third when plain sync code calls send()."""
    if list(answer) == ["sync_a", "sync_c", "async_b"]:
        return None
    if list(answer) == ["sync_a", "async_b", "sync_c"]:
        return "That is the connection order. Does send() call the receivers in that order, whatever their kind?"
    return 'Give the three names in the order they start, e.g. ["sync_a", ...]. Look at the send() cell.'


@exercise(
    "12.2",
    praise="On 5.2, asend() gathers the async receivers and the sync group together; the async ones start first.",
    right=[["async_b", "sync_a", "sync_c"]],
    wrong=[(["sync_a", "sync_c", "async_b"], "")],
)
def start_order_under_asend(answer: Any) -> str | None:
    """Which receiver starts first, second and third under `await signal.asend()` on Django 5.2."""
    if list(answer) == ["async_b", "sync_a", "sync_c"]:
        return None
    if list(answer) == ["sync_a", "sync_c", "async_b"]:
        return "That is send(), and asend() on Django 6.1. Look at the asend() cell: which line comes first on 5.2?"
    return 'Give the three names in the order they start, e.g. ["async_b", ...]. Look at the asend() cell.'


@exercise(
    "12.3",
    praise="Your receiver reads what the sender gave it (task) and accepts **kwargs for the rest.",
    right=[_assignee_names],
    wrong=[(_every_employee, "")],
)
def receiver_for_task_completed(answer: Any) -> str | None:
    """A task_completed receiver that returns the sorted names of the completed task's assignees."""
    from django.dispatch import Signal

    from tutorial_project.tasks.models import Employee, Task
    from tutorial_project.workbook.cell_receivers import connected
    from tutorial_project.workbook.sandbox import rolled_back

    if not callable(answer):
        return "Answer with the receiver function itself (its name, without calling it)."
    signal = Signal()  # a stand-in for your task_completed: same sender, same keyword arguments
    problem: str | None = None
    with rolled_back():
        ada, bo, cy = (
            Employee.objects.create(name=name, email=f"nb12.check.{name.lower()}@example.com")
            for name in ("Ada", "Bo", "Cy")
        )
        task = Task.objects.create(title="Check: ship it", is_completed=True)
        task.assigned_to.add(cy, ada)
        try:
            with connected(signal, answer, sender=Task):
                [(_, result)] = signal.send(sender=Task, task=task)
        except (TypeError, ValueError) as exc:
            problem = (
                f"Sending the signal failed ({type(exc).__name__}: {exc}). "
                "Does your receiver take sender, task and **kwargs?"
            )
        except Exception as exc:  # a student's receiver may raise anything
            problem = f"Your receiver raised {type(exc).__name__}: {exc}"
        else:
            if result != ["Ada", "Cy"]:
                problem = (
                    f"With Ada and Cy assigned (and Bo not), your receiver returned {result!r}; "
                    "expected ['Ada', 'Cy']. Read the names from task.assigned_to, sorted."
                )
    return problem
