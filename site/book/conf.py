"""Sphinx configuration of the read-only book: the notebooks with their stored outputs, diagrams drawn locally."""

from __future__ import annotations

from typing import Any

project = "Django Signals Workbook"
author = "Django Signals Workbook"
# githubpages writes .nojekyll: GitHub Pages would otherwise hide _static/ and the other _-folders.
extensions = ["myst_nb", "sphinxcontrib.mermaid", "sphinx.ext.githubpages"]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
html_theme = "furo"
html_title = project
html_static_path = ["_static"]
html_css_files = ["run-in-browser.css"]
# The stored outputs are the book: nothing is executed at build time.
nb_execution_mode = "off"
# The tracer's diagrams are ```mermaid fences inside Markdown outputs; MyST turns them into Mermaid directives.
nb_render_markdown_format = "myst"
myst_fence_as_directive = ["mermaid"]
# A diagram's output also carries an SVG drawn by the workbook (for viewers without Mermaid); the book draws the
# Mermaid source instead, as JupyterLab and Notebook 7 do (myst-nb would otherwise prefer the SVG).
nb_mime_priority_overrides = [("html", "text/markdown", 35)]
myst_heading_anchors = 3
# The site is read offline: Mermaid comes from the npm package copied into _static/, never from a CDN.
mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
# At their own size: Mermaid would stretch a one-lifeline diagram to the page's width, in letters 2 cm high.
mermaid_init_config = {"startOnLoad": False, "sequence": {"useMaxWidth": False}}
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header"]
# The JupyterLite app sits beside the book; a page for notebook `x` opens `x.ipynb` there.
LITE_NOTEBOOK_APP = "lite/notebooks/index.html"


def add_run_link(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Put a "Run in your browser" link at the top of every notebook's page."""
    if doctree is None or app.env.doc2path(pagename).suffix != ".ipynb":
        return
    href = context["pathto"](LITE_NOTEBOOK_APP, 1) + f"?path={pagename}.ipynb"
    link = f'<p class="run-in-browser"><a class="reference external" href="{href}">▶ Run in your browser</a></p>'
    context["body"] = link + context["body"]


def link_solutions_folder(app: Any, docname: str, source: list[str]) -> None:
    """Point the notebooks' links to the `solutions/` folder (a folder in Jupyter) at the book's Solutions page."""
    source[0] = source[0].replace("](solutions/)", "](solutions/index.md)")


def setup(app: Any) -> None:
    """Register the link on every notebook's page and the Solutions page's links."""
    app.connect("html-page-context", add_run_link)
    app.connect("source-read", link_solutions_folder)
