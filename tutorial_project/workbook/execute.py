"""Re-execute notebooks in place, top to bottom, so their committed outputs are fresh: `make execute`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path) -> float:
    """Run every cell of one notebook in a fresh kernel started in its folder; return the seconds it took."""
    notebook = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    # Cells tagged raises-exception are allowed to fail, as under nbval; any other error stops here.
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)  # timestamps: a diff on every run, and nothing to learn from
        if cell.cell_type == "code":
            cell.outputs = _joined_streams(cell.outputs)
    nbformat.write(notebook, path)
    return time.perf_counter() - started


def _joined_streams(outputs: list) -> list:
    """Consecutive prints to one stream as one output, so a stored notebook does not change with the way a busy
    kernel happened to split them."""
    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and output.get("output_type") == "stream" == previous.get("output_type")
            and output["name"] == previous["name"]
        ):
            previous["text"] += output["text"]
        else:
            joined.append(output)
    return joined


def main(argv: list[str]) -> int:
    """Execute the notebooks named (or every notebook in the folders named) in order."""
    paths: list[Path] = []
    for arg in argv or ["notebooks"]:
        target = Path(arg)
        paths.extend(sorted(target.glob("[0-9][0-9]-*.ipynb")) if target.is_dir() else [target])
    if not paths:
        print("No notebooks found.", file=sys.stderr)
        return 1
    for path in paths:
        print(f"{path}: executed in {execute(path):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
