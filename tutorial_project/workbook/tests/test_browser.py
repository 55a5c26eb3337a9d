"""The toolkit's browser adjustments: one database connection for the whole kernel under Pyodide, none on CPython."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from tutorial_project.workbook import browser


def wrappers_of_two_cells() -> tuple[object, object]:
    """The default connection as two cells see it when each runs as its own asyncio task (Pyodide's kernel)."""

    async def cell() -> object:
        return connections["default"]

    async def two_cells() -> tuple[object, object]:
        return await asyncio.create_task(cell()), await asyncio.create_task(cell())

    # In a thread of its own: a Playwright browser earlier in this test worker leaves an event loop marked running.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, two_cells()).result()


@pytest.fixture
def restored_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put Django's own connection storage back after the test."""
    monkeypatch.setattr(connections, "_connections", connections._connections)


def test_cells_run_as_tasks_share_one_connection_once_kept_across_cells(restored_connections: None) -> None:
    browser.keep_connections_across_cells()
    first, second = wrappers_of_two_cells()
    assert first is second


def test_prepare_browser_changes_nothing_on_cpython(restored_connections: None) -> None:
    storage = connections._connections
    browser.prepare_browser()
    assert connections._connections is storage
