"""The static site (`make site`): built once per session, served on 127.0.0.1, read and run in headless Chromium.

The book's diagrams must be drawn with nothing fetched from outside, and notebooks 00, 06 and 09 must run in
JupyterLite with the outputs stored in this checkout (so the tests stay right when the notebooks are re-executed);
06 also shows its browser notes, where a stand-in mail server replaces the real one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import BrowserPage, open_browser_page, require

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
sys.path.insert(0, str(SITE))

from build_site import build, notebook_paths  # noqa: E402 (site/ holds the build scripts, not a package)
from compare_outputs import browser_notes, differences, mermaid_diagrams  # noqa: E402
from lite_runner import drawn_diagrams, run_notebook  # noqa: E402
from serve_site import serving  # noqa: E402

# Builds the site and runs notebooks in JupyterLite: their stored outputs are Django 5.2's.
pytestmark = pytest.mark.notebooks


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from this checkout into a temporary folder, installing the npm packages first if needed."""
    if not (SITE / "node_modules" / ".package-lock.json").exists():
        npm = Path(sys.executable).with_name("npm")
        require(npm.exists(), f"{npm} is missing: `make test` installs it from site/requirements.txt")
        env = {**os.environ, "PATH": f"{npm.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        subprocess.run([str(npm), "ci", "--no-audit", "--no-fund"], cwd=SITE, env=env, check=True, capture_output=True)
    out = tmp_path_factory.mktemp("site") / "_site"
    build(out)
    return out


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site, served on a free port of 127.0.0.1 for the session."""
    with serving(built_site) as url:
        yield url


def stored_notebook(path: str) -> dict[str, Any]:
    """The notebook as this checkout stores it, outputs included."""
    return json.loads((ROOT / "notebooks" / path).read_text())


def test_every_notebook_page_links_to_its_notebook_in_jupyterlite(built_site: Path) -> None:
    for path in notebook_paths():
        page = (built_site / path.with_suffix(".html")).read_text()
        href = f'lite/notebooks/index.html?path={path.as_posix()}"'
        assert href in page, f"{path} has no Run in your browser link"
        assert (built_site / "lite" / "files" / path).exists()


def test_the_book_page_of_notebook_10_draws_every_diagram_offline(site_url: str, browser_page: BrowserPage) -> None:
    expected = mermaid_diagrams(stored_notebook("10-signal-firing-order.ipynb")["cells"])
    drawn = drawn_diagrams(browser_page.page, f"{site_url}/10-signal-firing-order.html", expected)
    assert expected > 0
    assert drawn == expected
    assert browser_page.blocked == []


@pytest.mark.parametrize("path", ["00-start-here.ipynb", "09-login-with-authenticationform.ipynb"])
def test_notebook_runs_in_jupyterlite_with_the_stored_outputs(
    path: str, site_url: str, browser_page: BrowserPage
) -> None:
    run = run_notebook(browser_page.page, site_url, path)
    assert differences(stored_notebook(path)["cells"], run.cells) == []
    assert run.console_errors == []
    assert browser_page.blocked == []


@pytest.fixture(scope="module")
def notebook_06_in_browser(site_url: str, chromium: Any) -> tuple[list[dict[str, Any]], BrowserPage]:
    """Notebook 06 run once in JupyterLite: its cells, and the tab it ran in."""
    with open_browser_page(chromium) as tab:
        return run_notebook(tab.page, site_url, "06-sending-email.ipynb").cells, tab


def test_notebook_06_runs_in_jupyterlite_with_the_stored_outputs(
    notebook_06_in_browser: tuple[list[dict[str, Any]], BrowserPage],
) -> None:
    cells, _ = notebook_06_in_browser
    assert differences(stored_notebook("06-sending-email.ipynb")["cells"], cells) == []


def test_notebook_06_says_once_where_a_stand_in_replaces_the_mail_server_and_where_it_refuses(
    notebook_06_in_browser: tuple[list[dict[str, Any]], BrowserPage],
) -> None:
    cells, _ = notebook_06_in_browser
    assert [note.split(",")[0] for note in browser_notes(cells)] == [
        "**In the browser:** Python here has no sockets or threads",
        "**In the browser:** Python here cannot open network connections",
    ]


def test_notebook_06_asks_for_nothing_beyond_the_machine(
    notebook_06_in_browser: tuple[list[dict[str, Any]], BrowserPage],
) -> None:
    _, tab = notebook_06_in_browser
    assert tab.blocked == []
