"""Tracing changes nothing: the same queries and the same signals as the same code untraced, for every model."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.db import connection, transaction
from django.db.models import signals as model_signals
from django.template import Context, Template
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

from tutorial_project.tasks.models import Employee, Task, TaskDetail
from tutorial_project.users.models import Activation
from tutorial_project.workbook.listing import MODEL_SIGNALS
from tutorial_project.workbook.tracer import trace

pytestmark = pytest.mark.django_db
WATCHED = (*MODEL_SIGNALS, template_rendered)


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    """One row of every model the project has, related the way the course relates them."""
    user = User.objects.create(username="ada")
    Activation.objects.create(user=user)
    task = Task.objects.create(title="Write report")
    TaskDetail.objects.create(task=task)
    ada = Employee.objects.create(name="Ada", email="ada@example.com")
    task.assigned_to.add(ada)
    LogEntry.objects.create(user=user, object_repr="entry", action_flag=ADDITION)
    group = Group.objects.create(name="editors")
    group.permissions.add(Permission.objects.first())
    return {"user": user, "task": task, "ada": ada}


def _noop(**kwargs: Any) -> None:
    """Listens to pre_delete, so Django loads and signals every cascaded row instead of fast-deleting."""


CASES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "Activation get (its __str__ reads the user)": lambda w: Activation.objects.get(pk=w["user"].pk),
    "Activation whose user does not exist": lambda w: Activation(user_id=999),
    "User get": lambda w: User.objects.get(username="ada"),
    "User delete, cascading to Activation and LogEntry": lambda w: User.objects.get(username="ada").delete(),
    "Task create": lambda w: Task.objects.create(title="New"),
    "Task only() (deferred fields)": lambda w: list(Task.objects.only("title")),
    "Task defer()": lambda w: list(Task.objects.defer("title", "description")),
    "Task delete with its detail": lambda w: Task.objects.get(title="Write report").delete(),
    "TaskDetail get (its __str__ reads task_id)": lambda w: TaskDetail.objects.get(),
    "TaskDetail only() without the task": lambda w: list(TaskDetail.objects.only("notes")),
    "Employee update": lambda w: w["ada"].save(update_fields=["name"]),
    "through model rows": lambda w: list(Task.assigned_to.through.objects.all()),
    "m2m add from the reverse side": lambda w: w["ada"].task_set.add(Task.objects.create(title="More")),
    "m2m clear": lambda w: w["task"].assigned_to.clear(),
    "LogEntry get": lambda w: LogEntry.objects.get(),
    "Group and its permissions": lambda w: list(Group.objects.get().permissions.all()),
    "Permission get (its __str__ reads the content type)": lambda w: Permission.objects.order_by("pk").last(),
    "template_rendered with a QuerySet in its context": lambda w: Template("hi").render(
        Context({"tasks": Task.objects.all(), "user": w["user"]})
    ),
}


@contextmanager
def _sent_signals() -> Iterator[list[tuple[str, Any]]]:
    """Every watched signal sent, as (signal id, sender), by a receiver that exists in both runs alike."""
    sent: list[tuple[str, Any]] = []

    def count(signal: Any, sender: Any, **kwargs: Any) -> None:
        sent.append((WATCHED.index(signal), sender if isinstance(sender, type) else type(sender)))

    for signal in WATCHED:
        signal.connect(count, weak=False, dispatch_uid="test_observer_effect.count")
    try:
        yield sent
    finally:
        for signal in WATCHED:
            signal.disconnect(dispatch_uid="test_observer_effect.count")


def _run(case: Callable[[dict[str, Any]], Any], world: dict[str, Any], traced: bool) -> tuple[list, list]:
    """Run a case inside a rolled-back transaction, traced (and displayed) or not: its queries and its signals."""
    model_signals.pre_delete.connect(_noop, dispatch_uid="test_observer_effect.noop")
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries, _sent_signals() as sent:
            recorder = trace(init=True, templates=True, sql=True) if traced else nullcontext()
            with recorder as t:
                case(world)
            if traced:  # displaying the trace must not query either
                repr(t), t._repr_html_(), t.diagram()._repr_mimebundle_()
            transaction.set_rollback(True)
    finally:
        model_signals.pre_delete.disconnect(dispatch_uid="test_observer_effect.noop")
    # Literals differ between the two runs (timestamps); the statements must not.
    return [re.sub(r"'[^']*'", "?", q["sql"]) for q in queries.captured_queries], sent


@pytest.mark.parametrize("name", list(CASES))
def test_tracing_runs_no_extra_query_and_sends_no_extra_signal(name: str, world: dict[str, Any]) -> None:
    untraced = _run(CASES[name], world, traced=False)
    traced = _run(CASES[name], world, traced=True)
    assert traced == untraced
