"""`make bench-site`: time notebook 00 in the built site's JupyterLite, in headless Chromium with the network cut.

It prints, for a first visit (empty browser cache) and a second one (the browser revalidates what it keeps), the
seconds from opening the page to the first cell's output, and from there to the end of Run All.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lite_runner import run_notebook
from serve_site import serving

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from conftest import CHROMIUM, CHROMIUM_ARGS, _is_local  # noqa: E402 (the shared browser settings of the tests)

NOTEBOOK = "00-start-here.ipynb"


def cannot_run(site: Path, command: str) -> str | None:
    """Why `command` cannot run against the built site `site` (no Chromium, no site yet), or None if it can."""
    if not CHROMIUM.exists():
        return f"make {command}: {CHROMIUM} is missing (`sudo apt-get install chromium`)"
    if not (site / "lite" / "jupyter-lite.json").exists():
        return f"make {command}: {site} holds no built site; run `make site` first"
    return None


@contextmanager
def offline_browser() -> Iterator[tuple[Any, list[str]]]:
    """A headless Chromium context (1024 × 768) that cannot reach past 127.0.0.1, and the list of what it tried."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    # Playwright's request routing turns the HTTP cache off, so the network is cut at name resolution instead.
    offline = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *offline])
        try:
            context = browser.new_context(viewport={"width": 1024, "height": 768})
            context.on("request", lambda request: None if _is_local(request.url) else blocked.append(request.url))
            yield context, blocked
        finally:
            browser.close()


def main() -> int:
    """Run notebook 00 twice in one browser profile and print both start-up times of each visit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "_site")
    site = parser.parse_args().dir.resolve()
    problem = cannot_run(site, "bench-site")
    if problem:
        print(problem, file=sys.stderr)
        return 1
    with serving(site) as base_url, offline_browser() as (context, blocked):
        for visit in ("first visit", "second visit"):
            page = context.new_page()
            run = run_notebook(page, base_url, NOTEBOOK)
            print(
                f"{NOTEBOOK}, {visit}: open page → first cell output {run.seconds_to_first_output:.1f} s, "
                f"then Run All {run.seconds_to_run_all:.1f} s"
            )
            page.close()
    if blocked:
        print(f"make bench-site: requests that tried to leave the machine: {blocked}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
