"""`make site`: build the read-only book and the JupyterLite app beside it into one static folder (default `_site/`).

Every file the site loads is inside that folder; it is built from scratch each time, because an incremental
JupyterLite build can drop the local Pyodide URL and send the browser to a CDN.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import nbformat
from pyodide_runtime import ROOT, BuildError, build_runtime

SITE = ROOT / "site"
NOTEBOOKS = ROOT / "notebooks"
MERMAID_NPM = SITE / "node_modules" / "mermaid" / "dist"
# Files of the checkout's root that a notebook reads (07: .env is git-ignored, .env.example documents every setting,
# and manage.py stops at a bad setting).
REPOSITORY_FILES = (".gitignore", ".env.example", "manage.py")
PYODIDE_KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
# Pyodide's kernel, as JupyterLite names it; the stored notebooks name CPython's `python3`.
PYODIDE_KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
# Only the Pyodide kernel's extension goes in; the JupyterLab extensions of the venv are for the desktop.
LITE_EXTENSIONS = Path(sys.prefix, "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension")


def notebook_paths() -> list[Path]:
    """The notebooks and their solutions, relative to notebooks/, in the book's order."""
    return sorted(p.relative_to(NOTEBOOKS) for p in [*NOTEBOOKS.glob("[0-9]*.ipynb"), *NOTEBOOKS.glob("solutions/*")])


def _run(command: list[str], what: str, cwd: Path | None = None) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(
            f"{what} failed ({' '.join(command[:3])} ...):\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )


def build_project_wheel(dest: Path) -> Path:
    """The project's own wheel, built from this checkout (what the browser imports as `tutorial_project`)."""
    # From a copy: setuptools writes build/ and the egg-info into the folder it builds.
    source = dest / "source"
    source.mkdir(parents=True)
    shutil.copy2(ROOT / "pyproject.toml", source / "pyproject.toml")
    shutil.copytree(
        ROOT / "tutorial_project", source / "tutorial_project", ignore=shutil.ignore_patterns("__pycache__", "tests")
    )
    _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dest), str(source)], "the wheel build"
    )
    wheel = next(dest.glob("django_signals_workbook-*.whl"))
    # Notebook 07 reads these beside the package (the checkout's root); a wheel's root unpacks into site-packages,
    # which is that folder in the browser. Pyodide unpacks the wheel whole, so RECORD need not list them.
    with zipfile.ZipFile(wheel, "a") as archive:
        for name in REPOSITORY_FILES:
            archive.write(ROOT / name, name)
    return wheel


def stage_book(dest: Path) -> None:
    """Sphinx sources: the book's config and index, every notebook and solution, the instructor's guide, Mermaid."""
    shutil.copytree(SITE / "book", dest)
    for path in notebook_paths():
        (dest / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(NOTEBOOKS / path, dest / path)
    shutil.copy2(NOTEBOOKS / "README.md", dest / "README.md")
    mermaid = dest / "_static" / "mermaid"
    mermaid.mkdir(parents=True)
    shutil.copy2(MERMAID_NPM / "mermaid.esm.min.mjs", mermaid)
    shutil.copytree(
        MERMAID_NPM / "chunks" / "mermaid.esm.min",
        mermaid / "chunks" / "mermaid.esm.min",
        ignore=shutil.ignore_patterns("*.map"),
    )


def stage_lite(dest: Path, project_wheel: Path, cache: Path) -> Path:
    """The JupyterLite sources: its config, Pyodide with the wheels, and the notebooks; returns the contents dir."""
    preload = build_runtime(dest / "static" / "pyodide", project_wheel, cache)
    kernel_settings = {"disablePyPIFallback": True, "loadPyodideOptions": {"packages": preload}}
    config = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Django Signals Workbook",
            "exposeAppInBrowser": True,
            "litePluginSettings": {PYODIDE_KERNEL_PLUGIN: kernel_settings},
        },
    }
    (dest / "jupyter-lite.json").write_text(json.dumps(config, indent=2))
    contents = dest.parent / "contents"
    for path in notebook_paths():
        # nbformat joins each multi-line source and output into one string, as Jupyter's server sends them
        # (JupyterLab's table of contents expects that); json.dumps keeps them joined.
        notebook = nbformat.read(NOTEBOOKS / path, as_version=4)
        notebook["metadata"]["kernelspec"] = PYODIDE_KERNELSPEC
        (contents / path).parent.mkdir(parents=True, exist_ok=True)
        (contents / path).write_text(json.dumps(notebook, indent=1, ensure_ascii=False))
    return contents


def build(out: Path) -> dict[str, float]:
    """Build the whole site into `out` (emptied first); return each step's seconds."""
    if not MERMAID_NPM.exists():
        raise BuildError(f"{MERMAID_NPM} is missing: run `npm ci` in site/ (make site does)")
    timings = {}
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="workbook-site-") as tmp:
        staging = Path(tmp)
        started = time.monotonic()
        stage_book(staging / "book")
        # Into the staging folder first: myst-nb leaves a jupyter_execute/ folder beside the output folder.
        _run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                "html",
                "-q",
                "-W",
                "--keep-going",
                "-d",
                str(staging / "doctrees"),  # Sphinx's cache: not part of the site
                str(staging / "book"),
                str(staging / "html" / "book"),
            ],
            "the book (sphinx-build)",
        )
        shutil.move(staging / "html" / "book", out)
        timings["book"] = time.monotonic() - started

        started = time.monotonic()
        wheel = build_project_wheel(staging / "wheel")
        contents = stage_lite(staging / "lite", wheel, SITE / ".cache" / "wheels")
        extensions = staging / "labextensions"
        shutil.copytree(LITE_EXTENSIONS, extensions / LITE_EXTENSIONS.relative_to(LITE_EXTENSIONS.parent.parent))
        command = [
            sys.executable,
            "-m",
            "jupyterlite_core",
            "build",
            "--lite-dir",
            str(staging / "lite"),
            "--contents",
            str(contents),
            "--output-dir",
            str(out / "lite"),
            "--ignore-sys-prefix",
            "--no-sourcemaps",
            f"--FederatedExtensionAddon.extra_labextensions_path={extensions}",
        ]
        _run(command, "the JupyterLite build", cwd=staging)
        timings["lite"] = time.monotonic() - started
    return timings


def main() -> int:
    """Build the site and print where it is, how long it took and how big it is."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_site", help="the folder to build into (emptied first)")
    out = parser.parse_args().out.resolve()
    try:
        timings = build(out)
    except BuildError as error:
        print(f"make site: {error}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    steps = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in timings.items())
    print(f"Built {out} ({size / 2**20:.0f} MiB) in {sum(timings.values()):.0f} s ({steps}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
