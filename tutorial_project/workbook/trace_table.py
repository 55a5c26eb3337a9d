"""A recording as a numbered table: one row per signal, SQL statement or email, nested rows indented."""

from __future__ import annotations

from tutorial_project.workbook.events import SignalEvent, SqlEvent
from tutorial_project.workbook.formatting import describe_sender
from tutorial_project.workbook.recording import NOISY_SIGNALS, Recording
from tutorial_project.workbook.tables import Table

HEADER = ["#", "signal", "sender", "instance", "arguments", "receivers → result"]
COLUMN_STYLES = {0: "nowrap", 1: "nowrap", 2: "nowrap", 3: "wide"}


def trace_table(recording: Recording) -> Table:
    """Every event of the recording in order, numbered as the sequence diagram numbers them."""
    rows = []
    for number, event in enumerate(recording.events, start=1):
        if isinstance(event, SignalEvent):
            receivers = "\n".join(call.outcome() for call in event.calls) or "(no receivers)"
            sender = describe_sender(event.sender)
            rows.append([str(number), event.name, sender, event.instance_text, event.details_text, receivers])
        elif isinstance(event, SqlEvent):
            rows.append([str(number), "SQL", "", "", event.text(), ""])
        else:
            rows.append([str(number), "email", "", "", f"to {', '.join(event.to)}: {event.subject}", ""])
    caption = f"trace: {recording.label}" if recording.label else ""
    depths = [event.depth for event in recording.events]
    return Table(
        HEADER,
        rows,
        caption,
        hidden_footnote(recording),
        kind="trace",
        column_styles=COLUMN_STYLES,
        depths=depths,
        nested_column=1,
    )


def hidden_footnote(recording: Recording) -> str:
    """`2 pre_init/post_init signal(s) hidden; trace(init=True) shows them.` for each noisy kind left out."""
    notes = [
        f"{recording.hidden[option]} {'/'.join(names)} signal(s) hidden; trace({option}=True) shows them."
        for option, names in NOISY_SIGNALS.items()
        if recording.hidden[option]
    ]
    return " ".join(notes)
