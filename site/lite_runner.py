"""Drive the built site in a Playwright page: run a notebook in JupyterLite and read back its outputs, or count
the diagrams a book page drew."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

# JupyterLite exposes the app as `window.jupyterapp` (exposeAppInBrowser in the site's jupyter-lite.json).
_NOTEBOOK_READY = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return Boolean(panel && panel.content && panel.content.widgets.length && kernel && kernel.status === 'idle');
}"""
# The stored outputs and execution counts go first, so every output read back was made in this browser.
_RUN_FIRST_CODE_CELL = """async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  await window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs');
  const index = panel.content.widgets.findIndex(cell => cell.model.type === 'code');
  panel.content.activeCellIndex = index;
  await window.jupyterapp.commands.execute('notebook:run-cell');
  return index;
}"""
_FIRST_OUTPUT = """(index) => {
  const cell = window.jupyterapp.shell.currentWidget.content.widgets[index];
  return cell.model.outputs.length > 0;
}"""
_RUN_ALL = "async () => { await window.jupyterapp.commands.execute('notebook:run-all-cells'); }"
# Run All stops at the first cell that raises; running the code cells one by one shows every failure at once.
_RUN_EACH = """async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  for (let index = 0; index < panel.content.widgets.length; index++) {
    if (panel.content.widgets[index].model.type !== 'code') continue;
    panel.content.activeCellIndex = index;
    await window.jupyterapp.commands.execute('notebook:run-cell');
  }
}"""
_KERNEL_IDLE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets.filter(cell => cell.model.type === 'code');
  // A queued cell counts as running; Run All stops at an error, leaving the cells after it unrun.
  return panel.sessionContext.session.kernel.status === 'idle' &&
    cells.every(cell => cell.model.executionState !== 'running');
}"""
_NOTEBOOK_JSON = "() => window.jupyterapp.shell.currentWidget.content.model.toJSON()"


@dataclass
class LiteRun:
    """What running one notebook in the browser gave: its cells as nbformat JSON, and how long each step took."""

    cells: list[dict[str, Any]]
    seconds_to_first_output: float
    seconds_to_run_all: float
    console_errors: list[str] = field(default_factory=list)


def notebook_url(base_url: str, path: str) -> str:
    """The JupyterLite (Notebook 7 interface) address of a notebook of the site, e.g. `00-start-here.ipynb`."""
    return f"{base_url}/lite/notebooks/index.html?path={path}"


def run_notebook(
    page: Any, base_url: str, path: str, timeout_seconds: float = 900, keep_going: bool = False
) -> LiteRun:
    """Open `path`, run its first code cell, then Run All; return the outputs and the two start-up times.

    With `keep_going`, the code cells run one by one instead, so one run shows every cell that fails.
    """
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Generous: on a loaded 2-core machine starting Pyodide alone took up to 7 minutes.
    timeout = timeout_seconds * 1000
    started = time.monotonic()
    page.goto(notebook_url(base_url, path))
    page.wait_for_function(_NOTEBOOK_READY, timeout=timeout, polling=200)
    index = page.evaluate(_RUN_FIRST_CODE_CELL)
    page.wait_for_function(_FIRST_OUTPUT, arg=index, timeout=timeout, polling=100)
    first_output = time.monotonic() - started
    started = time.monotonic()
    page.evaluate(_RUN_EACH if keep_going else _RUN_ALL)
    page.wait_for_function(_KERNEL_IDLE, timeout=timeout, polling=200)
    run_all = time.monotonic() - started
    cells = page.evaluate(_NOTEBOOK_JSON)["cells"]
    return LiteRun(cells=cells, seconds_to_first_output=first_output, seconds_to_run_all=run_all, console_errors=errors)


_DRAWN_DIAGRAMS = "document.querySelectorAll('pre.mermaid svg, div.mermaid svg').length"


def drawn_diagrams(page: Any, url: str, expected: int, timeout_seconds: float = 60) -> int:
    """Open the book page `url`, wait until it has drawn `expected` diagrams as SVG (or time out); return how many."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(url)
    try:
        page.wait_for_function(f"(n) => {_DRAWN_DIAGRAMS} >= n", arg=expected, timeout=timeout_seconds * 1000)
    except PlaywrightTimeout:
        pass  # the count below says how far it got
    return page.evaluate(f"() => {_DRAWN_DIAGRAMS}")
