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


@pytest.fixture
def displayed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, dict]]:
    """What IPython's display() was given, instead of showing it."""
    import IPython.display

    shown: list[tuple[object, dict]] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, metadata=None: shown.append((obj, metadata)))
    return shown


def test_a_browser_note_shows_nothing_on_cpython(displayed: list) -> None:
    browser.browser_note("No sockets here.")
    assert displayed == []


def test_a_browser_note_in_the_browser_is_one_output_marked_as_a_note(
    displayed: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browser, "IN_BROWSER", True)
    browser.browser_note("No sockets here.")
    [(markdown, metadata)] = displayed
    assert (markdown.data, metadata) == ("**In the browser:** No sockets here.", browser.NOTE_METADATA)


class InlineExecutorLoop(asyncio.SelectorEventLoop):
    """An event loop that runs `run_in_executor`'s function at once, in its own thread, as Pyodide's loop does."""

    def run_in_executor(self, executor: object, func: object, *args: object) -> asyncio.Future:
        future = self.create_future()
        try:
            future.set_result(func(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future


async def _async_receiver(sender: object, **kwargs: object) -> None:
    return None


def sync_receiver(sender: object, **kwargs: object) -> None:
    return None


def send_needs_a_thread(capsys: pytest.CaptureFixture[str]) -> tuple[str, list[object]]:
    """What `show_send_needs_a_thread` printed and returned, run as Pyodide runs it: an async, then a sync receiver."""
    from django.dispatch import Signal

    signal = Signal()
    signal.connect(_async_receiver, weak=False)
    signal.connect(sync_receiver, weak=False)

    def run() -> list[object]:
        loop = InlineExecutorLoop()
        try:
            return loop.run_until_complete(browser.show_send_needs_a_thread(signal, sender=None))
        finally:
            loop.close()

    with ThreadPoolExecutor(max_workers=1) as pool:  # a thread with no loop yet (see wrappers_of_two_cells)
        returned = pool.submit(run).result()
    return capsys.readouterr().out, returned


def output_of_send_needs_a_thread(capsys: pytest.CaptureFixture[str]) -> str:
    return send_needs_a_thread(capsys)[0]


def test_send_needs_a_thread_shows_sends_refusal_where_sync_to_async_stays_in_the_loop(
    capsys: pytest.CaptureFixture[str],
) -> None:
    first_line = output_of_send_needs_a_thread(capsys).splitlines()[0]
    assert first_line.startswith("sync_to_async(send) raised RuntimeError: You cannot use AsyncToSync")


def test_send_needs_a_thread_then_prints_the_part_of_sends_source_that_orders_receivers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    shown = output_of_send_needs_a_thread(capsys)
    assert "for receiver in sync_receivers:" in shown
    assert shown.rstrip().endswith("return responses")


def test_send_needs_a_thread_returns_the_receivers_in_the_order_send_starts_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert send_needs_a_thread(capsys)[1] == [sync_receiver, _async_receiver]
