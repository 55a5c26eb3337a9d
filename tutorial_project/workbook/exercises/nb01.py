"""Checks for 01 · Signals and receivers."""

from __future__ import annotations

from typing import Any

from tutorial_project.workbook.exercises import Hint, exercise, number, tidy


@exercise(
    "01.1",
    praise="Each run defines a new function and DEBUG=True keeps the old ones alive: three receivers, three calls.",
    right=[3, 3.0, 1 + 1 + 1],
    wrong=[(1, "Is it the same object each run?"), (True, "yes/no answer"), (2, "one receiver call per run")],
)
def runs_after_three_cell_runs(answer: Any) -> str | None:
    """How many times a receiver without dispatch_uid runs after its cell ran three times."""
    count = number(answer)
    if count == 3:
        return None
    if count == 1:
        return "Without dispatch_uid, Django keys a receiver by the function object. Is it the same object each run?"
    return "Look at the trace after running the log_save cell twice: one receiver call per run of the cell."


def _text(answer: Any) -> str:
    if not isinstance(answer, str):
        raise Hint('Answer with the string the receiver returns, "version 1" or "version 2".')
    return tidy(answer).lower()


@exercise(
    "01.2",
    praise="The second registration has the same dispatch_uid, so Django ignores it and the old version stays.",
    right=["version 1", " Version 1 ", "version  1"],
    wrong=[("version 2", "already registered"), (1, "Answer with the string"), ("both", '"version 1" or')],
)
def stale_receiver_with_uid(answer: Any) -> str | None:
    """What a receiver re-connected with the same dispatch_uid returns."""
    text = _text(answer)
    if text == "version 1":
        return None
    if text == "version 2":
        return "What does connect() do with a second receiver whose dispatch_uid is already registered?"
    return 'Answer with the string the receiver returns, "version 1" or "version 2".'


@exercise(
    "01.3",
    praise="Nothing keeps the local function alive under DEBUG=False; connect(..., weak=False) would keep it.",
    right=[0, 0.0, len([])],
    wrong=[(1, "DEBUG=True"), (False, "yes/no answer"), (2, "Count the results")],
)
def local_receiver_without_debug(answer: Any) -> str | None:
    """How many receivers a send() calls after a local function was connected weakly under DEBUG=False."""
    count = number(answer)
    if count == 0:
        return None
    if count == 1:
        return "That is what DEBUG=True gives. Under DEBUG=False, who still holds a reference to the function?"
    return "Count the results send() returned in the DEBUG=False cell."
