"""Receivers connected from notebook cells: re-running a cell replaces its receiver instead of adding one."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.dispatch import Signal

from tutorial_project.workbook.guidance import CELL_RECEIVER_NEEDS_SIGNAL, WorkbookError

Receiver = Callable[..., Any]
_connected: dict[tuple[int, str], tuple[Signal, Any]] = {}
_counter = itertools.count(1)


def _uid(func: Receiver) -> str:
    return f"workbook.cell.{func.__module__}.{func.__qualname__}"


def cell_receiver(signal: Signal | Sequence[Signal], *, sender: Any = None) -> Callable[[Receiver], Receiver]:
    """Like `@receiver`, but running the cell again replaces the previous version of the function.

    Keyed by the function's name: plain `@receiver` would add a second receiver on each run (no
    dispatch_uid) or keep the stale first one (with a dispatch_uid). Connected strongly, so a function
    defined in a cell is never garbage-collected away, and `setup()` disconnects them all.
    """
    if not isinstance(signal, Signal | list | tuple):
        # Written as a bare @cell_receiver, the function itself arrives here and nothing would be connected.
        raise WorkbookError(CELL_RECEIVER_NEEDS_SIGNAL)
    signals = list(signal) if isinstance(signal, list | tuple) else [signal]
    if not signals or not all(isinstance(s, Signal) for s in signals):
        raise WorkbookError(CELL_RECEIVER_NEEDS_SIGNAL)

    def decorator(func: Receiver) -> Receiver:
        uid = _uid(func)
        for sig in signals:
            _disconnect(sig, uid)
            sig.connect(func, sender=sender, weak=False, dispatch_uid=uid)
            _connected[(id(sig), uid)] = (sig, sender)
        return func

    return decorator


@contextmanager
def connected(signal: Signal, func: Receiver, *, sender: Any = None) -> Iterator[Receiver]:
    """Connect `func` to `signal` only inside the `with` block; it is disconnected even if the block raises."""
    uid = f"workbook.with.{next(_counter)}"
    signal.connect(func, sender=sender, weak=False, dispatch_uid=uid)
    try:
        yield func
    finally:
        signal.disconnect(sender=sender, dispatch_uid=uid)


def _disconnect(signal: Signal, uid: str) -> None:
    previous = _connected.pop((id(signal), uid), None)
    if previous is not None:
        signal.disconnect(sender=previous[1], dispatch_uid=uid)


def disconnect_cell_receivers() -> int:
    """Disconnect every receiver that `@cell_receiver` connected; return how many there were."""
    count = len(_connected)
    for (_, uid), (signal, _sender) in list(_connected.items()):
        _disconnect(signal, uid)
    return count
