"""`trace()`: record every signal sent while a `with` block runs, and show it as a table and a diagram.

The recording lives in `recording.py` (it never displays anything), descriptions in `events.py` and
`formatting.py`; this module only joins a recording to its renderers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tutorial_project.workbook.diagrams import Mermaid, sequence_diagram
from tutorial_project.workbook.guidance import TRACE_NEEDS_WITH, check_trace_filters, require_setup
from tutorial_project.workbook.recording import Recording, close_open_recordings
from tutorial_project.workbook.tables import Table
from tutorial_project.workbook.trace_table import trace_table


class Trace(Recording):
    """`with trace(...) as t:` records the signals sent inside the block; `t` shows them as a numbered table.

    signals/senders: record only these (objects or names); init: include pre_init/post_init (noisy);
    templates: include template_rendered (noisy); sql: include the SQL statements, COMMIT and ROLLBACK in
    between; mail: include the emails sent.
    """

    def __init__(
        self,
        label: str = "",
        *,
        signals: Iterable[Any] | None = None,
        senders: Iterable[Any] | None = None,
        **options: Any,
    ) -> None:
        require_setup()
        signals = None if signals is None else list(signals)
        senders = None if senders is None else list(senders)
        # A misspelt name would silently record nothing: say so now, with the closest known name.
        check_trace_filters(_names(signals), _names(senders))
        super().__init__(label, signals=signals, senders=senders, **options)
        self._entered = False

    def __enter__(self) -> Trace:
        super().__enter__()
        self._entered = True
        return self

    def table(self) -> Table:
        """The recording as a numbered table (HTML in Jupyter, aligned text elsewhere)."""
        return trace_table(self)

    def diagram(self) -> Mermaid:
        """This trace as a sequence diagram (Mermaid in JupyterLab 4 and Notebook 7, SVG elsewhere)."""
        return sequence_diagram(self)

    def __repr__(self) -> str:
        return repr(self.table()) if self._entered else TRACE_NEEDS_WITH

    def _repr_html_(self) -> str:
        return self.table()._repr_html_() if self._entered else f"<pre>{TRACE_NEEDS_WITH}</pre>"


def _names(items: list[Any] | None) -> list[str] | None:
    """The filter entries given as names (objects are always known), or None for no filter."""
    return None if items is None else [item for item in items if isinstance(item, str)]


# `with trace(...) as t:` reads better in a notebook than a class name.
trace = Trace


def close_open_traces() -> None:
    """Forget traces left open (a cell interrupted mid-way) and restore Django's own Signal methods."""
    close_open_recordings()
