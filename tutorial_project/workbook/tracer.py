"""`trace()`: record every signal sent while a `with` block runs, and show it as a table and a diagram.

The recording lives in `recording.py` (it never displays anything), descriptions in `events.py` and
`formatting.py`; this module only joins a recording to its renderers.
"""

from __future__ import annotations

from tutorial_project.workbook.diagrams import Mermaid, sequence_diagram
from tutorial_project.workbook.recording import Recording, close_open_recordings
from tutorial_project.workbook.tables import Table
from tutorial_project.workbook.trace_table import trace_table


class Trace(Recording):
    """`with trace(...) as t:` records the signals sent inside the block; `t` shows them as a numbered table.

    signals/senders: record only these (objects or names); init: include pre_init/post_init (noisy);
    templates: include template_rendered (noisy); sql: include the SQL statements, COMMIT and ROLLBACK in
    between; mail: include the emails sent.
    """

    def __enter__(self) -> Trace:
        super().__enter__()
        return self

    def table(self) -> Table:
        """The recording as a numbered table (HTML in Jupyter, aligned text elsewhere)."""
        return trace_table(self)

    def diagram(self) -> Mermaid:
        """This trace as a sequence diagram (Mermaid in JupyterLab 4 and Notebook 7, SVG elsewhere)."""
        return sequence_diagram(self)

    def __repr__(self) -> str:
        return repr(self.table())

    def _repr_html_(self) -> str:
        return self.table()._repr_html_()


# `with trace(...) as t:` reads better in a notebook than a class name.
trace = Trace


def close_open_traces() -> None:
    """Forget traces left open (a cell interrupted mid-way) and restore Django's own Signal methods."""
    close_open_recordings()
