"""What the workbook tells a student who ran cells out of order: each message written once, here.

Every function that meets one of these situations raises `WorkbookError` (or shows the message) with the text
below, so a student reads the same sentence whichever cell met it. Nothing here imports Django at import time.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable

RUN_ALL_ABOVE = "Run ▸ Run All Above Selected Cell"

SETUP_NOT_RUN = (
    "This kernel has not run the notebook's first code cell, `setup()` (a new or restarted kernel forgets every "
    f"cell). Run the first code cell, then the cells above this one ({RUN_ALL_ABOVE}), then this cell again."
)
SETUP_INTERRUPTED = (
    "`setup()` was interrupted before it finished, so the workbook is only half ready. Run the first code cell "
    "again; it picks up where it stopped."
)
RESTART_KERNEL = (
    "`setup()` was interrupted in the middle of Django's start-up and cannot finish in this kernel. Restart the "
    "kernel (Kernel ▸ Restart Kernel), then run the first code cell and the cells below it again."
)
CELL_SKIPPED = (
    "`{name}` is not defined in this kernel. If a cell above defines it, that cell has not run since the kernel "
    f"started: run the cells above ({RUN_ALL_ABOVE}); otherwise check the spelling."
)
ROW_EXISTS = (
    "A row with these values is already in the database: this cell (or one above it) has probably run before. "
    f"Run the first code cell, `setup()`, for a fresh database, then the cells above ({RUN_ALL_ABOVE})."
)
ALREADY_DELETED = (
    "This object was deleted already, probably by an earlier run of this cell. Run the cell that creates it "
    f"again, or start over: the first code cell, then the cells above ({RUN_ALL_ABOVE})."
)
ROW_MISSING = (
    "The row this cell looks for is not in the database: the cell that creates it has not run since the last "
    f"`setup()`, or a later cell deleted it. Run the cells above ({RUN_ALL_ABOVE})."
)
ROWS_DUPLICATED = (
    "The database holds more than one matching row: a cell that creates it has probably run twice. Run the "
    f"first code cell, `setup()`, then the cells above ({RUN_ALL_ABOVE})."
)
STALE_ROWS = (
    "`setup()` ran again in this kernel and gave it a fresh, empty database, so a row that a variable from an "
    "earlier cell points at (a task, an employee) may be gone. Run the cells between the first one and this one "
    f"again ({RUN_ALL_ABOVE})."
)
NO_TABLE = (
    "The database has no such table: this kernel is not using the workbook's database. Run the first code cell, "
    f"`setup()`, then the cells above ({RUN_ALL_ABOVE})."
)
CELL_RECEIVER_NEEDS_SIGNAL = (
    "@cell_receiver needs the signal to connect to, like @receiver: write @cell_receiver(post_save, sender=Task) "
    "above the function (with the parentheses and the signal)."
)
TRACE_NEEDS_WITH = (
    "trace() records only inside a `with` block. Write\n"
    '    with trace("what I run") as t:\n'
    "        ...  # the code to trace\n"
    "    t\n"
    "and show `t` after the block."
)


class WorkbookError(Exception):
    """An error a student caused by the order cells ran in; its message says what happened and what to do."""


def setup_state() -> str:
    """'ready', 'not run' or 'interrupted': what the kernel's `setup()` got to."""
    bootstrap = sys.modules.get("tutorial_project.workbook.bootstrap")
    stage = getattr(bootstrap, "_state", {}).get("stage") if bootstrap else None
    if stage not in (None, "ready"):
        return "interrupted"
    apps_module = sys.modules.get("django.apps")
    if apps_module is None or not apps_module.apps.ready:
        return "not run"
    return "ready"


def setup_runs() -> int:
    """How many times `setup()` has finished in this kernel."""
    bootstrap = sys.modules.get("tutorial_project.workbook.bootstrap")
    return getattr(bootstrap, "_state", {}).get("runs", 0) if bootstrap else 0


def require_setup() -> None:
    """Raise WorkbookError saying to run `setup()` first, unless Django and the workbook are ready."""
    state = setup_state()
    if state == "not run":
        raise WorkbookError(SETUP_NOT_RUN)
    if state == "interrupted":
        raise WorkbookError(SETUP_INTERRUPTED)


def close_match(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to `name` (a typo, another case), or None if nothing is close."""
    known = list(known)
    by_case = {k.lower(): k for k in known}
    if name.lower() in by_case:
        return by_case[name.lower()]
    matches = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    return matches[0] if matches else None


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    guess = close_match(name, known)
    hint = f"did you mean {guess!r}?" if guess else f"known {kind}s: {', '.join(sorted(known))}."
    return f"trace() has no {kind} called {name!r}: it would record nothing. {hint[0].upper()}{hint[1:]}"


def trace_filter_problems(signals: Iterable[str] | None, senders: Iterable[str] | None) -> list[str]:
    """One sentence per name in trace()'s filters that matches nothing, each with the closest known name.

    Signals are given by name; a sender name is refused only when it looks like a model's name misspelt
    (a custom sender may be any class, so an unfamiliar name that resembles no model is let through).
    """
    problems = []
    known_signals = known_signal_names()
    for name in signals or ():
        if name not in known_signals:
            problems.append(_unknown("signal", name, known_signals))
    models = known_model_names()
    for name in senders or ():
        if name not in models and name != "None" and close_match(name, models):
            problems.append(_unknown("sender", name, models))
    return problems


def check_trace_filters(signals: Iterable[str] | None, senders: Iterable[str] | None) -> None:
    """Raise WorkbookError when a trace() filter names no known signal or sender (see trace_filter_problems)."""
    problems = trace_filter_problems(signals, senders)
    if problems:
        raise WorkbookError(" ".join(problems))


def known_signal_names() -> set[str]:
    """Names of the signals declared in Django's signal modules, the project's modules and the notebook."""
    from django.dispatch import Signal

    from tutorial_project.workbook.signal_names import KNOWN_MODULES

    modules = [sys.modules.get(name) for name in KNOWN_MODULES]
    modules += [m for n, m in list(sys.modules.items()) if n.startswith("tutorial_project") or n == "__main__"]
    return {
        attr
        for module in filter(None, modules)
        for attr, value in list(vars(module).items())
        if isinstance(value, Signal) and not attr.startswith("_")
    }


def known_model_names() -> set[str]:
    """Names of every installed model, through models included (what trace() shows as the sender)."""
    from django.apps import apps

    return {model.__name__ for model in apps.get_models(include_auto_created=True)}
