"""The models diagram shows relations with their on_delete."""

from __future__ import annotations

from tutorial_project.workbook.diagrams import models_diagram


def test_models_diagram_shows_do_nothing_on_task_detail() -> None:
    assert 'TaskDetail |o--|| Task : "task on_delete=DO_NOTHING"' in repr(models_diagram())


def test_models_diagram_shows_the_many_to_many() -> None:
    assert 'Task }o--o{ Employee : "assigned_to (many-to-many)"' in repr(models_diagram())


def test_models_diagram_renders_as_a_mermaid_block() -> None:
    assert models_diagram()._repr_markdown_().startswith("```mermaid\nerDiagram")
