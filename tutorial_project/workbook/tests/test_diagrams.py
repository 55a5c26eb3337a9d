"""The models diagram shows relations with their on_delete; sequence diagrams stay narrow and deterministic."""

from __future__ import annotations

from django.dispatch import Signal

from tutorial_project.workbook.diagrams import mermaid_sequence, models_diagram
from tutorial_project.workbook.events import Call, SignalEvent
from tutorial_project.workbook.recording import Recording
from tutorial_project.workbook.sequence import Sequence, Step, build_sequence, receiver_group
from tutorial_project.workbook.svg import CHAR, sequence_svg


def test_models_diagram_shows_do_nothing_on_task_detail() -> None:
    assert 'TaskDetail |o--|| Task : "task on_delete=DO_NOTHING"' in repr(models_diagram())


def test_models_diagram_shows_the_many_to_many() -> None:
    assert 'Task }o--o{ Employee : "assigned_to (many-to-many)"' in repr(models_diagram())


def test_models_diagram_renders_as_a_mermaid_block() -> None:
    assert models_diagram()._repr_markdown_().startswith("```mermaid\nerDiagram")


def test_models_diagram_shows_only_the_user_fields_the_course_uses() -> None:
    source = repr(models_diagram())
    user = source[source.index("    User {") : source.index("    }", source.index("    User {"))]
    assert [line.split()[1] for line in user.splitlines()[1:]] == ["id", "username", "email", "is_active"]


def test_every_app_is_one_lifeline_however_many_receivers_run() -> None:
    recording = Recording()
    recording.timeline = [("call", (_event(n), Call(receiver=receiver_group))) for n in range(5)]
    recording.events = [e for _, (e, _c) in recording.timeline]
    assert build_sequence(recording).participants == ["Your code", "workbook"]


def test_the_svg_is_the_same_bytes_for_the_same_trace() -> None:
    sequence = Sequence("t", ["Your code", "tasks"], [Step("call", "Your code", "tasks", "1 post_save Task")])
    assert sequence_svg(sequence) == sequence_svg(sequence)


def test_the_svg_widens_a_gap_until_its_label_fits() -> None:
    label = "1 " + "x" * 60
    sequence = Sequence("", ["Your code", "tasks"], [Step("call", "Your code", "tasks", label)])
    width = float(sequence_svg(sequence).split('width="', 1)[1].split('"', 1)[0])
    assert width >= len(label) * CHAR


def _event(number: int) -> SignalEvent:
    return SignalEvent(signal=Signal(), name="post_save", sender=None, kwargs={}, depth=1)


def test_long_messages_are_wrapped_so_no_gap_is_wider_than_one_short_line() -> None:
    step = Step("message", "Your code", "Database", "7 DELETE tasks_task_assigned_to")
    source = mermaid_sequence(Sequence("", ["Your code", "Database"], [step]))
    assert "P0->>P1: 7 DELETE<br/>tasks_task_assigned_to" in source
