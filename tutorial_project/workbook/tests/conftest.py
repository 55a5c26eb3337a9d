"""Fixtures for the toolkit's tests."""

from __future__ import annotations

import pytest

from tutorial_project.tasks.models import Employee, Task


@pytest.fixture
def task(db: None) -> Task:
    return Task.objects.create(title="Write report")


@pytest.fixture
def ada(db: None) -> Employee:
    return Employee.objects.create(name="Ada", email="ada@example.com")


@pytest.fixture
def bob(db: None) -> Employee:
    return Employee.objects.create(name="Bob", email="bob@example.com")
