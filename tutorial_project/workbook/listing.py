"""`receivers()`: which functions are connected to which signal, for which sender, and where they live.

django-extensions' `list_signals` crashes once any model signal has a receiver connected with
`sender=None`; this listing shows such receivers as sender "(any)".
"""

from __future__ import annotations

import inspect
import sys
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db.models import signals as model_signals
from django.dispatch import Signal
from django.dispatch.dispatcher import NONE_ID, _make_id

from tutorial_project.workbook.formatting import receiver_name
from tutorial_project.workbook.guidance import require_setup
from tutorial_project.workbook.signal_names import signal_name
from tutorial_project.workbook.tables import Table

REPO_ROOT = Path(__file__).resolve().parents[2]
MODEL_SIGNALS = (
    model_signals.pre_init,
    model_signals.post_init,
    model_signals.pre_save,
    model_signals.post_save,
    model_signals.pre_delete,
    model_signals.post_delete,
    model_signals.m2m_changed,
)


def where(func: Any) -> str:
    """`file:line` of a function, relative to the repository or to site-packages; 'notebook cell' for cells."""
    func = inspect.unwrap(getattr(func, "__func__", func))
    if getattr(func, "__module__", None) == "__main__":
        return "notebook cell"
    try:
        path = Path(inspect.getsourcefile(func) or "")
        line = inspect.getsourcelines(func)[1]
    except (TypeError, OSError):
        return "?"
    for root in (REPO_ROOT, *(p for p in map(Path, sys.path) if p.name == "site-packages")):
        if path.is_relative_to(root):
            return f"{path.relative_to(root)}:{line}"
    return f"{path.name}:{line}"


def _senders_by_id() -> dict[Any, str]:
    from django.apps import apps

    names: dict[Any, str] = {NONE_ID: "(any)"}
    for model in apps.get_models(include_auto_created=True):
        names[_make_id(model)] = model.__name__
    return names


def receivers(signals: Iterable[Signal] | None = None, *, project_only: bool = False) -> Table:
    """Every live receiver of the given signals (default: the model signals), in the order they would run."""
    require_setup()
    chosen = list(signals) if signals is not None else list(MODEL_SIGNALS)
    senders = _senders_by_id()
    rows = []
    for signal in chosen:
        # Each entry starts with ((key, sender id), receiver or weak reference): 3-tuples on Django 5.2,
        # 4-tuples since 6.0, so only the first two items are read.
        for (_key, sender_id), ref, *_rest in list(signal.receivers):
            func = ref() if isinstance(ref, weakref.ReferenceType) else ref
            if func is None:
                continue  # garbage-collected; Django drops it on the next send
            name = receiver_name(func)
            if project_only and not (
                name.startswith("tutorial_project.") or getattr(func, "__module__", "") == "__main__"
            ):
                continue
            rows.append([signal_name(signal), senders.get(sender_id, "(other object)"), name, where(func)])
    return Table(["signal", "sender", "receiver", "where"], rows, caption=f"{len(rows)} receiver(s)")
