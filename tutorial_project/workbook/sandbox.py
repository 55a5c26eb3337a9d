"""Run a scenario, look at it, and leave everything as it was: what exercise checks and demos need.

`rolled_back()` undoes the database and gives the outbox back; `muted()` takes a project receiver out for a
block and puts it back, even when the block raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core import mail
from django.db import transaction
from django.dispatch import Signal


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run the block in a transaction that is always rolled back, and give the outbox back as it was."""
    saved_outbox = list(getattr(mail, "outbox", []))
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        mail.outbox = saved_outbox


@contextmanager
def muted(signal: Signal, receiver: Callable[..., Any], *, sender: Any, dispatch_uid: str) -> Iterator[bool]:
    """Disconnect the receiver connected under `dispatch_uid` for the block; connect it again afterwards.

    Yields whether it was connected; one that was not is left disconnected.
    """
    was_connected = signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
    try:
        yield was_connected
    finally:
        if was_connected:
            signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid)


def is_connected(signal: Signal, dispatch_uid: str) -> bool:
    """Whether a receiver is connected to `signal` under `dispatch_uid`, for any sender."""
    return any(key == dispatch_uid for (key, _sender), *_ in signal.receivers)
