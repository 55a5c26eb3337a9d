"""Checks for 03 · pre_delete and post_delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tutorial_project.workbook.exercises import Source, exercise, number, receiver_answer, receiver_problem


def _safe_cleanup(sender: type, instance: Any, **kwargs: Any) -> None:
    """A post_delete cleanup that works with and without a TaskDetail."""
    from tutorial_project.tasks.models import TaskDetail

    TaskDetail.objects.filter(task_id=instance.pk).delete()


def _course_cleanup(sender: type, instance: Any, **kwargs: Any) -> None:
    """The course's cleanup: fails for a task without details."""
    if instance.details:
        instance.details.delete()


def _delete_every_detail(sender: type, instance: Any, **kwargs: Any) -> None:
    """Deletes every task's detail, not just this one's."""
    from tutorial_project.tasks.models import TaskDetail

    TaskDetail.objects.all().delete()


def _run_cleanup_scenario(func: Callable[..., Any]) -> str | None:
    """Delete a task with a detail and one without, with `func` on post_delete; undo everything afterwards."""
    from django.db import connection, transaction
    from django.db.models.signals import post_delete, pre_delete

    from tutorial_project.tasks.models import Task, TaskDetail
    from tutorial_project.tasks.receivers import delete_task_detail
    from tutorial_project.workbook.cell_receivers import connected
    from tutorial_project.workbook.sandbox import muted, rolled_back

    problem: str | None = None
    with (
        muted(pre_delete, delete_task_detail, sender=Task, dispatch_uid="tasks.receivers.delete_task_detail"),
        rolled_back(),
        connected(post_delete, func, sender=Task),
    ):
        with_detail = Task.objects.create(title="Check: with detail")
        TaskDetail.objects.create(task=with_detail, notes="check")
        without_detail = Task.objects.create(title="Check: without detail")
        bystander = Task.objects.create(title="Check: another task")
        TaskDetail.objects.create(task=bystander, notes="keep me")
        for task in (with_detail, without_detail):
            try:
                with transaction.atomic():
                    task.delete()
            except Exception as exc:  # the student's receiver may raise anything
                problem = receiver_problem(exc) or f"Deleting {task.title!r} raised {type(exc).__name__}: {exc}"
                break
        if problem is None:
            try:
                connection.check_constraints()
            except Exception:
                problem = "A TaskDetail row is left pointing at a deleted task."
        if problem is None and not TaskDetail.objects.filter(task=bystander).exists():
            problem = (
                "Deleting one task also deleted the detail of another task that is still there. Delete only the "
                "detail of the task being deleted: filter on task_id=instance.pk."
            )
    return problem


@exercise(
    "03.1",
    praise="Nothing listens to TaskDetail's delete signals and nothing points at TaskDetail, so Django takes the "
    "fast path: one DELETE, no instances, no signals.",
    right=[0, 0.0, -0],
    wrong=[(6, "when a receiver listens"), (False, "yes/no answer"), (3, "Count the signal rows"), ([], "number")],
)
def signals_of_fast_delete(answer: Any) -> str | None:
    """How many pre_delete/post_delete signals `TaskDetail.objects.all().delete()` sends with no receivers."""
    count = number(answer)
    if count == 0:
        return None
    if count == 6:
        return "That is what happens when a receiver listens. Who listens to TaskDetail's signals here?"
    return "Count the signal rows of the fast-path trace: Django only sends them when someone is listening."


@exercise(
    "03.2",
    praise="Your receiver cleans up after tasks with and without a detail: no exception, no broken foreign key.",
    right=[
        _safe_cleanup,
        Source(
            "from django.core.exceptions import ObjectDoesNotExist\n"
            "from django.db.models.signals import post_delete\n"
            "from django.dispatch import receiver\n"
            "from tutorial_project.tasks.models import Task\n"
            "@receiver(post_delete, sender=Task)\n"
            "def answer(sender, instance, **kwargs):\n"
            "    try:\n"
            "        instance.details.delete()\n"
            "    except ObjectDoesNotExist:\n"
            "        pass\n"
        ),
        Source(
            "from tutorial_project.tasks.models import TaskDetail\n"
            "def answer(sender, instance, **kwargs):\n"
            "    for detail in TaskDetail.objects.filter(task=instance.pk):\n"
            "        detail.delete()\n"
        ),
    ],
    wrong=[
        (_course_cleanup, "Hint: a filter() on TaskDetail never raises"),
        (_delete_every_detail, "detail of another task"),
        (Source("def answer(sender, instance, **kwargs):\n    pass\n"), "left pointing at a deleted task"),
        (Source("def answer(sender, instance):\n    pass\n"), "**kwargs"),
    ],
)
def safe_post_delete_cleanup(answer: Any) -> str | None:
    """A post_delete receiver on Task that removes its TaskDetail, and works when there is none."""
    problem = _run_cleanup_scenario(receiver_answer(answer))
    if problem is None:
        return None
    if "raised" in problem:
        return f"{problem.rstrip('.')}. Hint: a filter() on TaskDetail never raises when there is no row."
    return problem
