"""What the workbook does differently in the browser: Pyodide (WebAssembly Python) under JupyterLite.

The site's JupyterLite kernel preloads the workbook and Django from the site's own wheels before the first cell
runs (they are in the Pyodide lock file the site ships, see site/runtime.py), so the first cell is the same line
as on CPython. What is left for the toolkit is where Pyodide's kernel behaves unlike CPython's.
"""

from __future__ import annotations

import sys
import threading

IN_BROWSER = sys.platform == "emscripten"


def prepare_browser() -> None:
    """Under Pyodide, make the kernel behave as CPython's for the workbook; elsewhere do nothing."""
    if IN_BROWSER:
        keep_connections_across_cells()


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
