"""A recording as a sequence of steps between a few participants, ready to draw (as Mermaid or as SVG).

Participants are bounded: your code, one lifeline per app whose receivers ran (receivers are activations on
it, named in the return arrow), the database and the outbox. Arrows carry the table's row number and the
signal's label (`3 post_save Task`, the sender named only when it is a model); arguments, other senders and
email addresses stay in the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models

from tutorial_project.workbook.events import Call, SignalEvent
from tutorial_project.workbook.formatting import short
from tutorial_project.workbook.recording import Recording

CALLER = "Your code"
DATABASE = "Database"
OUTBOX = "Outbox"
RESULT_LIMIT = 28  # characters of a receiver's result an arrow shows; the table shows it whole


@dataclass(frozen=True)
class Step:
    """One thing drawn: `call` opens an activation on `target`, `return`/`raise` closes it, `message`, `note`."""

    kind: str
    source: str
    target: str
    text: str


@dataclass
class Sequence:
    """Participants in order, left to right, and the steps top to bottom."""

    title: str
    participants: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    def participant(self, name: str) -> str:
        """Add a participant the first time it is met."""
        if name not in self.participants:
            self.participants.append(name)
        return name


def receiver_group(receiver: Any) -> str:
    """The lifeline a receiver is drawn on: its app (`tasks`, `users`), `notebook` for a cell, `django`..."""
    module = getattr(getattr(receiver, "__func__", receiver), "__module__", None) or ""
    parts = module.split(".")
    if module == "__main__" or not module:
        return "notebook"
    if parts[0] == "tutorial_project" and len(parts) > 1:
        return parts[1]
    if parts[:2] == ["django", "contrib"] and len(parts) > 2:
        return parts[2]
    return parts[0]


def build_sequence(recording: Recording) -> Sequence:
    """Walk the recording's timeline into steps, in the order things happened."""
    sequence = Sequence(recording.label)
    sequence.participant(CALLER)
    numbers = {id(event): n for n, event in enumerate(recording.events, start=1)}
    running: list[str] = []  # lifelines of the receivers currently running, innermost last
    for kind, item in recording.timeline:
        actor = running[-1] if running else CALLER
        if kind == "signal" and not item.calls:
            text = f"{numbers[id(item)]} {_short_label(item)}: no receivers"
            sequence.steps.append(Step("note", actor, actor, text))
        elif kind == "call":
            event, call = item
            target = sequence.participant(receiver_group(call.receiver))
            sequence.steps.append(Step("call", actor, target, f"{numbers[id(event)]} {_short_label(event)}"))
            running.append(target)
        elif kind == "return":
            event, call = item
            source = running.pop()
            caller = running[-1] if running else CALLER
            sequence.steps.append(Step("raise" if call.error else "return", source, caller, _outcome(call)))
        elif kind == "sql":
            target = sequence.participant(DATABASE)
            sequence.steps.append(Step("message", actor, target, f"{numbers[id(item)]} {item.verb()}"))
        elif kind == "mail":
            target = sequence.participant(OUTBOX)
            sequence.steps.append(Step("message", actor, target, f"{numbers[id(item)]} email"))
    # Keep the database and the outbox at the right, where a reader looks for them.
    sequence.participants.sort(key=lambda name: (name in (DATABASE, OUTBOX), name == OUTBOX))
    return sequence


def _short_label(event: SignalEvent) -> str:
    """`post_save Task` for a model sender; just `request_started` otherwise (the table names every sender)."""
    if isinstance(event.sender, type) and issubclass(event.sender, models.Model):
        return event.label()
    return event.name


def _outcome(call: Call) -> str:
    text = f"raised {type(call.error).__name__}" if call.error is not None else f"→ {short(call.result)}"
    if len(text) > RESULT_LIMIT:
        text = text[: RESULT_LIMIT - 1] + "…"
    return f"{call.name} {text}"
