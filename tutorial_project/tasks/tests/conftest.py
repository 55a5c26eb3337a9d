"""Factories for the tasks app's tests: short ways to make employees, tasks and details."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import count
from typing import Any

import pytest
from django.dispatch import Signal

from tutorial_project.tasks import receivers
from tutorial_project.tasks.models import Employee, Task, TaskDetail


@pytest.fixture
def make_employee() -> Callable[..., Employee]:
    """Create an Employee; the name defaults to a fresh one and the email follows from it."""
    numbers = count(1)

    def make(name: str = "", **fields: Any) -> Employee:
        name = name or f"Employee {next(numbers)}"
        email = fields.pop("email", f"{name.lower().replace(' ', '.')}@example.com")
        return Employee.objects.create(name=name, email=email, **fields)

    return make


@pytest.fixture
def make_task() -> Callable[..., Task]:
    """Create a Task; the title defaults to a fresh one."""
    numbers = count(1)

    def make(title: str = "", **fields: Any) -> Task:
        return Task.objects.create(title=title or f"Task {next(numbers)}", **fields)

    return make


@pytest.fixture
def make_detail() -> Callable[..., TaskDetail]:
    """Create the TaskDetail of a task."""

    def make(task: Task, **fields: Any) -> TaskDetail:
        return TaskDetail.objects.create(task=task, **fields)

    return make


@pytest.fixture
def disconnect_receiver() -> Iterator[Callable[[Signal, type, str], bool]]:
    """Disconnect a tasks receiver by its dispatch_uid for one test; say whether it was connected.

    The receiver is connected again afterwards, so the other tests see the project as it is.
    """
    disconnected: list[tuple[Signal, type, str]] = []

    def disconnect(signal: Signal, sender: type, dispatch_uid: str) -> bool:
        was_connected = signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        if was_connected:
            disconnected.append((signal, sender, dispatch_uid))
        return was_connected

    yield disconnect
    for signal, sender, dispatch_uid in disconnected:
        function = getattr(receivers, dispatch_uid.rsplit(".", 1)[1])
        signal.connect(function, sender=sender, dispatch_uid=dispatch_uid)
