"""Find the name a signal object was declared under (`post_save`, `user_logged_in`, `task_completed`...)."""

from __future__ import annotations

import sys
from typing import Any

from django.dispatch import Signal

KNOWN_MODULES = (
    "django.db.models.signals",
    "django.core.signals",
    "django.db.backends.signals",
    "django.contrib.auth.signals",
    "django.test.signals",
)
_names: dict[int, str] = {}


def signal_name(signal: Signal) -> str:
    """The module-level name the signal is declared under; 'Signal' if it cannot be found."""
    name = _names.get(id(signal))
    if name is None:
        name = _search(signal) or "Signal"
        _names[id(signal)] = name
    return name


def _modules() -> list[Any]:
    modules = [sys.modules.get(m) for m in KNOWN_MODULES]
    modules += [m for n, m in list(sys.modules.items()) if n.startswith("tutorial_project") or n == "__main__"]
    return [m for m in modules if m is not None]


def _search(signal: Signal) -> str | None:
    for module in _modules():
        for attr, value in list(vars(module).items()):
            if value is signal and not attr.startswith("_"):
                return attr
    return None


def known_signal_names(namespace: dict[str, Any] | None = None) -> set[str]:
    """Every name a signal is declared under in Django's modules, the project's, `__main__` and `namespace`."""
    spaces = [vars(m) for m in _modules()] + [namespace or {}]
    return {attr for space in spaces for attr, value in list(space.items()) if isinstance(value, Signal)}
