"""A sequence drawn as SVG in pure Python, for viewers that do not run Mermaid (VS Code, GitHub, nbviewer).

The layout is simple and deterministic (same sequence, same bytes): participants in columns, one row per
step, activations as narrow bars; column gaps grow until every label fits between its two lifelines.
"""

from __future__ import annotations

from html import escape

from tutorial_project.workbook.sequence import Sequence, Step

CHAR = 7.2  # width of one character of 12 px monospace
ROW = 28
TOP = 56  # below the participant boxes
BOX_H = 30
BAR = 8  # width of an activation bar
MARGIN = 16
STYLE = (
    "text{font:12px monospace;fill:#222}.box{fill:#eef;stroke:#669}.life{stroke:#999;stroke-dasharray:4 3}"
    ".bar{fill:#dde;stroke:#669}.msg{stroke:#333;fill:none}.ret{stroke:#333;fill:none;stroke-dasharray:5 3}"
    ".note{fill:#ffc;stroke:#cc9}"
)


def _text_width(text: str) -> float:
    return len(text) * CHAR


def _columns(sequence: Sequence) -> tuple[list[float], list[float]]:
    """The x of each lifeline and each box's width, wide enough for every label between them."""
    widths = [max(90.0, _text_width(name) + 20) for name in sequence.participants]
    index = {name: i for i, name in enumerate(sequence.participants)}
    gaps = [(widths[i] + widths[i + 1]) / 2 + 20 for i in range(len(widths) - 1)] + [widths[-1] / 2]
    for step in sequence.steps:
        a, b = sorted((index[step.source], index[step.target]))
        needed = _text_width(step.text) + 24
        if a == b:  # a note or a message to itself sits right of its lifeline
            gaps[a] = max(gaps[a], needed + BAR)
            continue
        short = needed - sum(gaps[a:b])
        if short > 0:
            gaps[b - 1] += short
    xs = [MARGIN + widths[0] / 2]
    for gap in gaps[:-1]:
        xs.append(xs[-1] + gap)
    return xs, widths + [gaps[-1]]


def sequence_svg(sequence: Sequence) -> str:
    """The sequence as one standalone SVG document."""
    xs, sizes = _columns(sequence)
    widths, right = sizes[:-1], sizes[-1]
    index = {name: i for i, name in enumerate(sequence.participants)}
    title_h = 24 if sequence.title else 0
    height = title_h + TOP + ROW * max(len(sequence.steps), 1) + MARGIN
    width = max(xs[-1] + right + MARGIN, 2 * MARGIN + _text_width(sequence.title))
    parts: list[str] = []
    if sequence.title:
        parts.append(f'<text x="{MARGIN}" y="18" font-weight="bold">{escape(sequence.title)}</text>')
    for name, x, w in zip(sequence.participants, xs, widths, strict=True):
        y = title_h + 8
        parts.append(f'<rect class="box" x="{x - w / 2:g}" y="{y}" width="{w:g}" height="{BOX_H}" rx="3"/>')
        parts.append(f'<text x="{x:g}" y="{y + 19}" text-anchor="middle">{escape(name)}</text>')
        parts.append(f'<line class="life" x1="{x:g}" y1="{y + BOX_H}" x2="{x:g}" y2="{height - MARGIN}"/>')
    bars: dict[int, list[float]] = {}  # participant → y where each open activation started
    for row, step in enumerate(sequence.steps):
        y = title_h + TOP + ROW * row + ROW / 2
        parts.extend(_step(step, y, xs, index, bars))
    for i, starts in bars.items():  # activations that never returned (a trace closed mid-call)
        for level, start in enumerate(starts):
            parts.append(_bar(xs[i], level, start, height - MARGIN))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}"><style>{STYLE}</style>'
        '<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#333"/></marker></defs>'
        + "".join(parts)
        + "</svg>"
    )


def _bar(x: float, level: int, top: float, bottom: float) -> str:
    left = x - BAR / 2 + level * BAR / 2
    return f'<rect class="bar" x="{left:g}" y="{top:g}" width="{BAR}" height="{max(bottom - top, 4):g}"/>'


def _step(step: Step, y: float, xs: list[float], index: dict[str, int], bars: dict[int, list[float]]) -> list[str]:
    source, target = index[step.source], index[step.target]
    text = escape(step.text)
    if step.kind == "note":
        x = xs[source] + BAR
        w = _text_width(step.text) + 12
        return [
            f'<rect class="note" x="{x:g}" y="{y - 10:g}" width="{w:g}" height="20"/>',
            f'<text x="{x + 6:g}" y="{y + 4:g}">{text}</text>',
        ]
    out: list[str] = []
    if step.kind in ("return", "raise") and bars.get(source):
        out.append(_bar(xs[source], len(bars[source]) - 1, bars[source].pop(), y))
    x1, x2 = xs[source], xs[target]
    css = "msg" if step.kind in ("call", "message") else "ret"
    if source == target:
        out.append(f'<path class="{css}" d="M{x1:g},{y - 6:g}h24v12h-{24 - BAR / 2:g}" marker-end="url(#a)"/>')
        out.append(f'<text x="{x1 + 30:g}" y="{y:g}">{text}</text>')
    else:
        end = x2 - BAR / 2 if x2 > x1 else x2 + BAR / 2
        out.append(f'<line class="{css}" x1="{x1:g}" y1="{y:g}" x2="{end:g}" y2="{y:g}" marker-end="url(#a)"/>')
        anchor = "start" if x2 > x1 else "end"
        tx = x1 + 10 if x2 > x1 else x1 - 10
        out.append(f'<text x="{tx:g}" y="{y - 5:g}" text-anchor="{anchor}">{text}</text>')
    if step.kind == "raise":
        out.append(f'<text x="{x2:g}" y="{y + 4:g}" text-anchor="middle" fill="#c00">✕</text>')
    if step.kind == "call":
        bars.setdefault(target, []).append(y)
    return out
