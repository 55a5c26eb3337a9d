"""What the workbook does differently in the browser: Pyodide (WebAssembly Python) under JupyterLite.

The site's JupyterLite kernel preloads the workbook and Django from the site's own wheels before the first cell
runs (they are in the Pyodide lock file the site ships, see site/pyodide_runtime.py), so the first cell is the
same line as on CPython. What is left for the toolkit is where Pyodide's kernel behaves unlike CPython's, and
saying so where a cell has to show its lesson another way (`browser_note`).
"""

from __future__ import annotations

import inspect
import sys
import threading
from typing import Any

IN_BROWSER = sys.platform == "emscripten"
# The metadata of a browser note's output: the site's check tells these notes apart from the stored outputs.
NOTE_METADATA = {"workbook": "browser-note"}


def prepare_browser() -> None:
    """Under Pyodide, make the kernel behave as CPython's for the workbook; elsewhere do nothing."""
    if IN_BROWSER:
        from tutorial_project.workbook.smtp_stand_in import install_stand_in_smtp

        keep_connections_across_cells()
        install_stand_in_smtp()


def browser_note(sentence: str) -> None:
    """Show, in the browser only, one sentence on what the browser cannot do and how the cell shows it instead."""
    if not IN_BROWSER:
        return
    from IPython.display import Markdown, display

    display(Markdown(f"**In the browser:** {sentence}"), metadata=NOTE_METADATA)


def keep_connections_across_cells() -> None:
    """Keep Django's database connections for the whole kernel, not one per cell.

    Pyodide's kernel runs each cell as a new asyncio task, and Django keeps connections in an asgiref Local, which
    inside a running event loop is a context variable: each cell would get a new connection (and a
    `connection_created` signal) to a new, empty in-memory database. The browser has one thread and no other
    kernel, so plain per-thread storage is what CPython's kernel gives.
    """
    from django.db import connections

    if not isinstance(connections._connections, threading.local):
        connections._connections = threading.local()


async def show_send_needs_a_thread(signal: Any, sender: Any, **named: Any) -> list[Any]:
    """In the browser: `await sync_to_async(signal.send)(...)` refused, then what `send()` would have done.

    Pyodide's event loop runs `sync_to_async`'s function at once in its own thread (there is no other), so
    `send()` finds the loop running and refuses its async receivers, as it does when called from a cell.
    Returns the receivers in the order `send()` starts them in a thread with no loop: its two groups, in turn.
    """
    from asgiref.sync import sync_to_async
    from django.dispatch import Signal

    try:
        await sync_to_async(signal.send)(sender=sender, **named)
    except RuntimeError as exc:
        print(f"sync_to_async(send) raised {type(exc).__name__}: {exc}")
    browser_note(
        "Python here has one thread, so `sync_to_async` runs `send()` right inside the event loop, and `send()` "
        "refuses as it did above. Its source shows what it does in a thread with no loop: the sync receivers "
        "one by one, then the async ones together in `asyncio.gather()`."
    )
    source = inspect.getsource(Signal.send)
    print(source[source.index("responses = []") :])
    sync_receivers, async_receivers = signal._live_receivers(sender)
    return [*sync_receivers, *async_receivers]
