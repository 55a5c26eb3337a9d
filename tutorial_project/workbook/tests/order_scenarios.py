"""Count what students meet when they run cells out of order: raw tracebacks versus explained errors.

    .venv/bin/python -m tutorial_project.workbook.tests.order_scenarios [TREE] [--without-extension]

TREE is a checkout of the project (default: this one); --without-extension starts kernels without the
environment's IPython config, as before the extension existed. For every notebook, in a fresh kernel each:
"setup not run" (every code cell but the first), "each cell run twice" (every cell, then again at once) and
"setup re-run midway" (the first half, the setup cell, the rest). Errors of cells tagged raises-exception are
expected and not counted. Not collected by pytest: it takes minutes.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_client.manager import start_new_kernel

CONFIG = Path(__file__).resolve().parents[1] / "ipython_kernel_config.json"
EXPECTED = "\n# raises-exception"


def _start(tree: Path, extension: bool) -> tuple:
    ipython_dir = tempfile.mkdtemp(prefix="workbook-scenarios-")
    if extension:
        (Path(ipython_dir) / "profile_default").mkdir()
        shutil.copy(CONFIG, Path(ipython_dir) / "profile_default" / CONFIG.name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(IPYTHONDIR=ipython_dir, PYTHONPATH=str(tree))
    return start_new_kernel(kernel_name="python3", cwd=str(tree / "notebooks"), env=env)


def _outcome(client: object, code: str) -> tuple[str, str] | None:
    seen: dict = {}

    def hook(msg: dict) -> None:
        if msg["msg_type"] == "error":
            seen["error"] = msg["content"]
        elif msg["msg_type"] == "stream" and "❌ Not yet. This kernel has not run" in msg["content"]["text"]:
            seen["verdict"] = True

    client.execute_interactive(code, timeout=300, output_hook=hook)  # type: ignore[attr-defined]
    if "error" in seen:
        error = seen["error"]
        explained = error["ename"] == "WorkbookError" or any("👉" in line for line in error["traceback"])
        return ("explained" if explained else "raw", error["ename"])
    return ("explained", "check() verdict") if seen.get("verdict") else None


def _run(tree: Path, extension: bool, plan: list[str]) -> list[tuple[str, str]]:
    manager, client = _start(tree, extension)
    try:
        outcomes = [_outcome(client, code) for code in plan]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return [o for o, code in zip(outcomes, plan, strict=True) if o and not code.endswith(EXPECTED)]


def main(argv: list[str]) -> None:
    """Print running totals per notebook, then totals and the error names behind them."""
    extension = "--without-extension" not in argv
    paths = [a for a in argv if not a.startswith("--")]
    tree = Path(paths[0]) if paths else Path(__file__).resolve().parents[3]
    totals: dict = {}
    names: dict = {}
    for path in sorted((tree / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        cells = [
            c.source + (EXPECTED if "raises-exception" in c.metadata.get("tags", []) else "")
            for c in nbformat.read(path, as_version=4).cells
            if c.cell_type == "code"
        ]
        middle = len(cells) // 2
        plans = {
            "setup not run": cells[1:],
            "each cell run twice": [c for cell in cells for c in (cell, cell)],
            "setup re-run midway": [*cells[:middle], cells[0], *cells[middle:]],
        }
        for scenario, plan in plans.items():
            for kind, name in _run(tree, extension, plan):
                totals.setdefault(scenario, {"raw": 0, "explained": 0})[kind] += 1
                names.setdefault(scenario, {}).setdefault(name, {"raw": 0, "explained": 0})[kind] += 1
        print(path.name, json.dumps(totals), flush=True)
    print("TOTALS", json.dumps(totals))
    print("ERRORS", json.dumps(names, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
