"""`make check-site`: read every page of the built site's book, then run every notebook in its JupyterLite.

In headless Chromium with the network cut, it checks that each book page draws all of its notebook's diagrams,
then runs each notebook to the end and prints one line per notebook: equal to the stored outputs, or which code
cells differ, with the browser notes it showed. It exits 1 if a page or a notebook falls short.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bench_site import ROOT, cannot_run, offline_browser
from build_site import NOTEBOOKS, notebook_paths
from compare_outputs import browser_notes, differences, mermaid_diagrams, shown_another_way
from lite_runner import drawn_diagrams, run_notebook
from serve_site import serving


def book_page_draws_its_diagrams(context: Any, base_url: str, path: str) -> bool:
    """Open the book's page for `path`, wait for its diagrams to be drawn as SVG, and print how many were."""
    expected = mermaid_diagrams(json.loads((NOTEBOOKS / path).read_text())["cells"])
    page = context.new_page()
    drawn = drawn_diagrams(page, f"{base_url}/{Path(path).with_suffix('.html').as_posix()}", expected)
    page.close()
    print(f"book page {path}: {drawn} of {expected} diagram(s) drawn", flush=True)
    return drawn == expected


def main() -> int:
    """Run the notebooks named on the command line (default: all, solutions included) and print each result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "_site")
    parser.add_argument("--keep-going", action="store_true", help="run every cell, even after one that raises")
    parser.add_argument("notebooks", nargs="*", help="paths under notebooks/, e.g. 06-sending-email.ipynb")
    args = parser.parse_args()
    problem = cannot_run(args.dir.resolve(), "check-site")
    if problem:
        print(problem, file=sys.stderr)
        return 1
    known = [path.as_posix() for path in notebook_paths()]
    unknown = [path for path in args.notebooks if path not in known]
    if unknown:
        print(f"make check-site: not a notebook of the site: {', '.join(unknown)} (try {known[0]})", file=sys.stderr)
        return 2
    paths = args.notebooks or known
    failed = 0
    with serving(args.dir.resolve()) as base_url, offline_browser() as (context, blocked):
        for path in paths:
            failed += not book_page_draws_its_diagrams(context, base_url, path)
        for path in paths:
            page = context.new_page()
            run = run_notebook(page, base_url, path, keep_going=args.keep_going)
            page.close()
            stored = json.loads((NOTEBOOKS / path).read_text())["cells"]
            found = differences(stored, run.cells) + [f"page error: {error}" for error in run.console_errors]
            failed += bool(found)
            verdict = "equal to the stored outputs" if not found else f"{len(found)} difference(s)"
            if shown_another_way(stored):
                verdict += f", {shown_another_way(stored)} cell(s) tagged as shown another way in the browser"
            print(
                f"{path}: {verdict} (first output {run.seconds_to_first_output:.1f} s, "
                f"Run All {run.seconds_to_run_all:.1f} s)",
                flush=True,
            )
            for line in found:
                print(f"    {line}", flush=True)
            for note in browser_notes(run.cells):
                print(f"    browser note: {note}", flush=True)
    if blocked:
        print(f"make check-site: requests that tried to leave the machine: {blocked}", file=sys.stderr)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
