"""Tables that show as HTML in Jupyter and as aligned plain text everywhere else.

The HTML carries one small stylesheet per table instead of a style on every cell (a 500-row trace was 72%
repeated inline styles), sits in a container that scrolls sideways instead of clipping, and shows nesting
as padding on a cell, which survives the cell's text wrapping.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

# Styles a caller may give a column: `nowrap` for short codes, `wide` for text that reads badly in a sliver.
COLUMN_STYLES = {
    "nowrap": "white-space:pre",
    "wide": "min-width:18ch",
}
# Every rule starts with `.wb-scroll table`: JupyterLab right-aligns cells with a selector of specificity (0,2,1).
STYLESHEET = (
    ".wb-scroll{overflow-x:auto;max-width:100%}"
    ".wb-scroll table.workbook-table caption{text-align:left}"
    ".wb-scroll table.workbook-table th,.wb-scroll table.workbook-table td{text-align:left;vertical-align:top}"
    ".wb-scroll table.workbook-table td{white-space:pre-wrap;font-family:monospace}"
)
INDENT_EM = 1.5  # padding per nesting level


class Table:
    """Rows of text under a header, with an optional caption, footnote, column classes and nesting depths."""

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        caption: str = "",
        footnote: str = "",
        *,
        kind: str = "",
        column_styles: Mapping[int, str] | None = None,
        depths: Sequence[int] | None = None,
        nested_column: int = 0,
    ) -> None:
        self.header = list(header)
        self.rows = [list(row) for row in rows]
        self.caption = caption
        self.footnote = footnote
        self.kind = kind
        self.column_styles = dict(column_styles or {})
        self.depths = list(depths) if depths is not None else [1] * len(self.rows)
        self.nested_column = nested_column

    def __repr__(self) -> str:
        if not self.rows:
            return "\n".join(filter(None, [self.caption, "(nothing)", self.footnote]))
        rows = [self._indented(row, depth) for row, depth in zip(self.rows, self.depths, strict=True)]
        widths = [
            max(len(line) for row in [self.header, *rows] for line in row[i].splitlines() or [""])
            for i in range(len(self.header))
        ]
        lines = [self.caption] if self.caption else []
        lines.append(_text_row(self.header, widths))
        lines.append("  ".join("-" * w for w in widths).rstrip())
        lines.extend(_text_row(row, widths) for row in rows)
        if self.footnote:
            lines.append(self.footnote)
        return "\n".join(lines)

    def _indented(self, row: list[str], depth: int) -> list[str]:
        """Plain text shows nesting as leading spaces (it never wraps, so they stay in place)."""
        if depth <= 1:
            return row
        row = list(row)
        row[self.nested_column] = "  " * (depth - 1) + row[self.nested_column]
        return row

    def _repr_html_(self) -> str:
        kind = f" wb-{self.kind}" if self.kind else ""
        parts = [self._stylesheet(), f'<div class="wb-scroll"><table class="workbook-table{kind}">']
        if self.caption:
            parts.append(f"<caption>{html.escape(self.caption)}</caption>")
        header = "".join(f"<th>{html.escape(h)}</th>" for h in self.header)
        parts.append(f"<thead><tr>{header}</tr></thead><tbody>")
        if not self.rows:
            parts.append(f'<tr><td colspan="{len(self.header)}"><em>(nothing)</em></td></tr>')
        for row, depth in zip(self.rows, self.depths, strict=True):
            cells = "".join(self._cell(i, text, depth) for i, text in enumerate(row))
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</tbody></table></div>")
        if self.footnote:
            parts.append(f"<p><em>{html.escape(self.footnote)}</em></p>")
        return "".join(parts)

    def _cell(self, column: int, text: str, depth: int) -> str:
        attribute = f' class="wb-d{depth}"' if column == self.nested_column and depth > 1 else ""
        return f"<td{attribute}>{html.escape(text, quote=False)}</td>"

    def _stylesheet(self) -> str:
        """The rules this table uses, once: the shared ones, its column classes and its nesting depths."""
        rules = [STYLESHEET]
        # Column styles by position, scoped to this kind of table so two kinds on one page never mix.
        rules += [
            f".wb-scroll table.wb-{self.kind} td:nth-child({column + 1}){{{COLUMN_STYLES[style]}}}"
            for column, style in sorted(self.column_styles.items())
            if self.kind
        ]
        rules += [
            f".wb-scroll table.workbook-table td.wb-d{d}{{padding-left:{0.5 + INDENT_EM * (d - 1):g}em}}"
            for d in sorted(set(self.depths))
            if d > 1
        ]
        return f"<style>{''.join(rules)}</style>"


def _text_row(row: Sequence[str], widths: Sequence[int]) -> str:
    """One table row; a cell with several lines makes the row several lines high."""
    cells = [cell.splitlines() or [""] for cell in row]
    height = max(len(c) for c in cells)
    lines = []
    for i in range(height):
        parts = [(c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)
