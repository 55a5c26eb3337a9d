"""The teaching toolkit the notebooks import: `from tutorial_project.workbook import *; setup()`.

Nothing here touches Django's models or settings at import time, so it works before `setup()` has run. Each
name is imported from its module the first time it is asked for (a star import asks for each), so a kernel that
loads the workbook's IPython extension at start-up pays for three small modules, not for Django.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "setup": "bootstrap",
    "trace": "tracer",
    "outbox": "outbox",
    "receivers": "listing",
    "models_diagram": "diagrams",
    "cell_receiver": "cell_receivers",
    "connected": "cell_receivers",
    "disconnect_cell_receivers": "cell_receivers",
    "check": "exercises",
    "clock": "clock",
    "hide_tokens": "formatting",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a toolkit name from its module the first time it is asked for."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value
