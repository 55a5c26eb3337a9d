"""The IPython shell the toolkit runs in, if any: the one place it is looked up."""

from __future__ import annotations

from typing import Any


def running_shell() -> Any | None:
    """The running IPython shell (a kernel's), or None in a script, a test, or a Python without IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()
