"""The receivers Django's start-up connected, kept so `setup()` and the exercise checks can go back to them.

A notebook changes receivers in three ways `@cell_receiver` does not see: `@receiver` or `signal.connect()` on a
function defined in a cell, and `disconnect()` of one of the project's own receivers (notebooks 03, 05 and 08
do that by dispatch_uid). `reset()` undoes all three; `isolated()` does it only for a `with` block.
"""

from __future__ import annotations

import functools
import sys
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.dispatch import Signal

Entry = tuple[Any, ...]  # Django's ((receiver key, sender key), receiver or weak reference, is_async, ...)
_startup: dict[int, tuple[Signal, list[Entry]]] = {}
_modules_scanned: tuple[int, list[Signal]] = (0, [])
# Modules whose receivers only a notebook cell (or an exercise check) connects after start-up.
CELL_MODULES = ("__main__", "tutorial_project")


def all_signals() -> list[Signal]:
    """Every Signal a loaded module (the notebook's `__main__` included) holds at its top level."""
    global _modules_scanned
    if len(sys.modules) != _modules_scanned[0]:
        # Scanning every module takes tens of milliseconds; only a newly imported module can add a signal.
        _modules_scanned = (len(sys.modules), _signals_in(list(sys.modules.values())))
    found: dict[int, Signal] = {id(signal): signal for signal, _ in _startup.values()}
    for signal in [*_modules_scanned[1], *_signals_in([sys.modules.get("__main__")])]:
        found.setdefault(id(signal), signal)
    return list(found.values())


def _signals_in(modules: list[Any]) -> list[Signal]:
    found = []
    for module in modules:
        namespace = getattr(module, "__dict__", None)
        if namespace:
            found.extend(value for value in list(namespace.values()) if isinstance(value, Signal))
    return found


def receiver_of(entry: Entry) -> Any:
    """The receiver an entry of `signal.receivers` holds, or None if it was garbage-collected."""
    ref = entry[1]
    return ref() if isinstance(ref, weakref.ReferenceType) else ref


def module_of(func: Any) -> str:
    """The module a receiver was defined in (for a partial, its function's; for a callable object, its class's)."""
    while isinstance(func, functools.partial):
        func = func.func
    module = getattr(func, "__module__", None)
    return module if isinstance(module, str) else type(func).__module__


def from_cell(entry: Entry) -> bool:
    """Whether the receiver was defined in a notebook cell or in the project (so connected after start-up)."""
    func = receiver_of(entry)
    return func is None or module_of(func).split(".")[0] in CELL_MODULES


def remember_startup() -> None:
    """Keep every signal's receivers as they are now (right after `django.setup()`); only the first call counts."""
    if _startup:
        return
    for signal in all_signals():
        # A cell's receivers are never start-up ones, even if this runs after a cell connected one (in tests).
        kept = [e for e in signal.receivers if module_of(receiver_of(e)) != "__main__"]
        _startup[id(signal)] = (signal, kept)


def _replace(signal: Signal, entries: list[Entry]) -> None:
    with signal.lock:
        signal.receivers = entries
        signal.sender_receivers_cache.clear()


def _startup_state(signal: Signal) -> list[Entry]:
    """The start-up receivers of `signal`, in their order, then any a library connected later (kept)."""
    remember_startup()
    original = _startup.get(id(signal), (signal, []))[1]
    keys = {entry[0] for entry in original}
    later = [e for e in signal.receivers if e[0] not in keys and not from_cell(e)]
    return [*original, *later]


def reset() -> None:
    """Back to start-up: disconnect every receiver a cell connected, connect again every one a cell disconnected."""
    for signal in all_signals():
        state = _startup_state(signal)
        if state != signal.receivers:
            _replace(signal, state)


@contextmanager
def isolated() -> Iterator[None]:
    """Inside the block only the start-up receivers are connected; afterwards the notebook's are back, exactly."""
    saved = {id(signal): (signal, list(signal.receivers)) for signal in all_signals()}
    reset()
    try:
        yield
    finally:
        for signal in all_signals():
            before = saved.get(id(signal), (signal, []))[1]
            keys = {entry[0] for entry in before} | {e[0] for e in _startup.get(id(signal), (signal, []))[1]}
            # A library imported during the block may have connected receivers; those stay.
            later = [e for e in signal.receivers if e[0] not in keys and not from_cell(e)]
            if signal.receivers != [*before, *later]:
                _replace(signal, [*before, *later])
