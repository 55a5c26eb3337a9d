"""Tables that show as HTML in Jupyter and as aligned plain text everywhere else."""

from __future__ import annotations

import html
from collections.abc import Sequence


class Table:
    """Rows of text under a header, with an optional caption and footnote."""

    def __init__(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], caption: str = "", footnote: str = ""
    ) -> None:
        self.header = list(header)
        self.rows = [list(row) for row in rows]
        self.caption = caption
        self.footnote = footnote

    def __repr__(self) -> str:
        if not self.rows:
            return "\n".join(filter(None, [self.caption, "(nothing)", self.footnote]))
        widths = [
            max(len(line) for row in [self.header, *self.rows] for line in row[i].splitlines() or [""])
            for i in range(len(self.header))
        ]
        lines = [self.caption] if self.caption else []
        lines.append(_text_row(self.header, widths))
        lines.append("  ".join("-" * w for w in widths).rstrip())
        lines.extend(_text_row(row, widths) for row in self.rows)
        if self.footnote:
            lines.append(self.footnote)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        parts = ['<table class="workbook-table">']
        if self.caption:
            parts.append(f'<caption style="text-align:left">{html.escape(self.caption)}</caption>')
        parts.append(
            "<thead><tr>"
            + "".join(f'<th style="text-align:left">{html.escape(h)}</th>' for h in self.header)
            + "</tr></thead><tbody>"
        )
        if not self.rows:
            parts.append(f'<tr><td colspan="{len(self.header)}"><em>(nothing)</em></td></tr>')
        for row in self.rows:
            cells = "".join(
                f'<td style="text-align:left;white-space:pre-wrap;font-family:monospace">{html.escape(c)}</td>'
                for c in row
            )
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</tbody></table>")
        if self.footnote:
            parts.append(f"<p><em>{html.escape(self.footnote)}</em></p>")
        return "".join(parts)


def _text_row(row: Sequence[str], widths: Sequence[int]) -> str:
    """One table row; a cell with several lines makes the row several lines high."""
    cells = [cell.splitlines() or [""] for cell in row]
    height = max(len(c) for c in cells)
    lines = []
    for i in range(height):
        parts = [(c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)
