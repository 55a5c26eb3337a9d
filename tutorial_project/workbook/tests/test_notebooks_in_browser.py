"""Notebooks 00 and 10 in a real browser: JupyterLab 4 and Notebook 7 at 1024 px run every cell and show
every diagram at a readable scale and every table without clipping.

One Jupyter server (started with `jupyter lab`, which also serves Notebook 7's pages) runs for the module, on
127.0.0.1 with a token, over copies of the notebooks in a temporary folder, so nothing is written into the repo.
Screenshots go to that folder's `screenshots/`, or to $WORKBOOK_SCREENSHOTS (printed by each test).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import BrowserPage, free_port, jupyter_server

REPO_ROOT = Path(__file__).resolve().parents[3]
NOTEBOOKS = ("00-start-here.ipynb", "10-signal-firing-order.ipynb")
FRONT_ENDS = {"lab": "/lab/tree/{name}", "notebook7": "/notebooks/{name}"}
MIN_SCALE = 0.8
RUN_TIMEOUT_MS = 180_000
# Every cell attached to the page (not only those in view), so every output can be measured; and no pop-up
# asking to fetch news (it would cover outputs in the screenshots).
SETTINGS = {
    "notebook-extension/tracker": {"windowingMode": "none"},
    "apputils-extension/notification": {"fetchNews": "false"},
}
SERVER_CONFIG = {
    "LabApp": {
        "expose_app_in_browser": True,
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
    },
    "JupyterNotebookApp": {"expose_app_in_browser": True},
}


@dataclass
class JupyterServer:
    """A running Jupyter server: where it listens, its token and the folder it serves."""

    url: str
    token: str
    root: Path
    screenshots: Path


@pytest.fixture(scope="module")
def jupyter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """`jupyter lab` from this environment on a free loopback port, stopped when the module's tests are done."""
    base = tmp_path_factory.mktemp("jupyter")
    root, config, settings = base / "notebooks", base / "config", base / "settings"
    # WORKBOOK_SCREENSHOTS keeps them somewhere pytest does not clean up (pytest keeps its last 3 temp dirs).
    screenshots = Path(os.environ.get("WORKBOOK_SCREENSHOTS") or base / "screenshots")
    for folder in (root, config, screenshots):
        folder.mkdir(parents=True, exist_ok=True)
    for front_end in FRONT_ENDS:
        for name in NOTEBOOKS:  # one copy per front end: each runs its own kernel on its own file
            shutil.copy(REPO_ROOT / "notebooks" / name, root / f"{front_end}-{name}")
    (config / "jupyter_server_config.json").write_text(json.dumps(SERVER_CONFIG))
    for plugin, values in SETTINGS.items():
        path = settings / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = free_port(), secrets.token_hex(16)
    environ = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
    }
    command = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        *(["--allow-root"] if os.getuid() == 0 else []),
    ]
    url = f"http://127.0.0.1:{port}"
    with jupyter_server(command, url, token, environ, base / "server.log"):
        yield JupyterServer(url, token, root, screenshots)


# Run in the page: the notebook panel in front, its cells as the model sees them.
READY = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!(kernel && kernel.status === 'idle' && panel.content && panel.content.widgets.length);
}"""
DONE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel) return false;
  const code = panel.content.widgets.filter(c => c.model.type === 'code');
  return kernel.status === 'idle' && code.every(c => c.model.executionCount !== null
    && (!c.model.executionState || c.model.executionState === 'idle'));
}"""
ERRORS = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .filter(c => c.model.type === 'code')
  .map((c, i) => ({i, tags: c.model.getMetadata('tags') || [], outputs: c.model.outputs.toJSON()}))
  .filter(c => !c.tags.includes('raises-exception') && c.outputs.some(o => o.output_type === 'error'))
  .map(c => `code cell ${c.i}: ` + c.outputs.filter(o => o.output_type === 'error')
    .map(o => o.ename + ': ' + o.evalue).join('; '))"""
# JupyterLab and Notebook 7 draw a ```mermaid block as an SVG image inside .jp-RenderedMermaid, a moment later.
UNRENDERED_MERMAID = """() => [...window.jupyterapp.shell.currentWidget.node
  .querySelectorAll('.jp-OutputArea-output.jp-RenderedMarkdown')]
  .filter(o => !o.children.length || o.querySelector('code.language-mermaid, pre.mermaid')
    || (o.querySelector('.jp-RenderedMermaid') && !o.querySelector('.jp-RenderedMermaid img'))).length"""
DIAGRAMS = """() => [...window.jupyterapp.shell.currentWidget.node
  .querySelectorAll('.jp-OutputArea-output .jp-RenderedMermaid img')].map(img => {
  const cell = img.closest('.jp-Cell');
  const index = [...cell.parentElement.querySelectorAll(':scope > .jp-Cell')].indexOf(cell);
  const shown = img.getBoundingClientRect().width;
  // Mermaid's SVG says width="100%": its drawn size is the width of its viewBox.
  const source = decodeURIComponent(img.src.slice(img.src.indexOf(',') + 1));
  const box = source.match(/<svg[^>]*viewBox="[-\\d.]+ [-\\d.]+ ([\\d.]+)/);
  const natural = box ? parseFloat(box[1]) : img.naturalWidth;
  return {cell: index, natural: Math.round(natural), shown: Math.round(shown), scale: shown / natural,
          svg: img.src.startsWith('data:image/svg+xml')};
})"""
CLIPPED_TABLES = """() => [...window.jupyterapp.shell.currentWidget.node
  .querySelectorAll('.jp-OutputArea-output table')].filter(table => {
  const area = table.closest('.jp-OutputArea-output');
  if (table.getBoundingClientRect().width <= area.clientWidth + 1) return false;
  for (let node = table.parentElement; node && node !== area.parentElement; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && node.clientWidth <= area.clientWidth + 1) return false;
  }
  return true;
}).map(table => (table.querySelector('caption') || table.querySelector('th') || {}).textContent)"""


@dataclass
class Measured:
    """What one notebook looked like after Run All in one front end."""

    errors: list[str]
    unrendered: int
    diagrams: list[dict[str, Any]]
    clipped: list[str]
    screenshot: Path


def open_and_run(tab: BrowserPage, jupyter: JupyterServer, front_end: str, name: str, run: bool = True) -> Measured:
    """Open a copy of a notebook in a front end, Run All, wait for the kernel, and measure the outputs."""
    page = tab.page
    path = FRONT_ENDS[front_end].format(name=f"{front_end}-{name}")
    # `reset`: JupyterLab would otherwise reopen the tabs of the previous test beside this one.
    page.goto(f"{jupyter.url}{path}?token={jupyter.token}&reset")
    page.wait_for_function(READY, timeout=120_000)
    if run:
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_timeout(500)
        page.wait_for_function(DONE, timeout=RUN_TIMEOUT_MS, polling=500)
    # Mermaid draws after the Markdown is attached; give it until every block is a picture (or time runs out).
    try:
        page.wait_for_function(f"() => ({UNRENDERED_MERMAID})() === 0", timeout=30_000, polling=500)
    except Exception:  # noqa: BLE001 (measured and reported below instead)
        pass
    stem = f"{front_end}-{name.removesuffix('.ipynb')}{'' if run else '-stored'}"
    screenshot = jupyter.screenshots / f"{stem}.png"
    page.screenshot(path=str(screenshot))
    panel = page.locator(".jp-NotebookPanel:visible").first
    diagrams = panel.locator(".jp-OutputArea-output:has(.jp-RenderedMermaid img)").all()
    tables = panel.locator(".jp-OutputArea-output:has(table)").all()[:3]
    for kind, outputs in (("diagram", diagrams), ("table", tables)):
        for n, output in enumerate(outputs, start=1):
            if output.is_visible():  # a collapsed output has nothing to show
                output.screenshot(path=str(jupyter.screenshots / f"{stem}-{kind}-{n}.png"), timeout=10_000)
    return Measured(
        errors=page.evaluate(ERRORS),
        unrendered=page.evaluate(UNRENDERED_MERMAID),
        diagrams=page.evaluate(DIAGRAMS),
        clipped=page.evaluate(CLIPPED_TABLES),
        screenshot=screenshot,
    )


CASES = [(front_end, name) for front_end in FRONT_ENDS for name in NOTEBOOKS]


def problems(result: Measured) -> list[str]:
    """What a student would see wrong: an error, a diagram left as code or shrunk below 80%, a clipped table."""
    found = list(result.errors)
    if result.unrendered:
        found.append(f"{result.unrendered} Mermaid block(s) shown as code")
    if not result.diagrams:
        found.append("no diagram drawn")
    found += [f"diagram in code cell {d['cell']} is not an SVG" for d in result.diagrams if not d["svg"]]
    found += [
        f"diagram in code cell {d['cell']} shown at {d['scale']:.0%} ({d['shown']} of {d['natural']} px)"
        for d in result.diagrams
        if d["scale"] < MIN_SCALE
    ]
    found += [f"table {caption!r} wider than its output and not scrollable" for caption in result.clipped]
    return found


@pytest.mark.parametrize(("front_end", "name"), CASES)
def test_run_all_shows_no_error_every_diagram_at_80_percent_and_no_clipped_table(
    browser_page: BrowserPage, jupyter: JupyterServer, front_end: str, name: str
) -> None:
    result = open_and_run(browser_page, jupyter, front_end, name)
    scales = ", ".join(f"cell {d['cell']}: {d['scale']:.0%} of {d['natural']} px" for d in result.diagrams)
    print(f"{front_end} {name}: {scales or 'no diagrams'}; screenshot {result.screenshot}")
    assert (problems(result), browser_page.blocked) == ([], [])
