"""Compare the outputs a notebook produced in the browser with the ones stored in the checkout, as nbval does."""

from __future__ import annotations

import configparser
import re
from pathlib import Path
from typing import Any

from nbformat import from_dict
from nbval.plugin import coalesce_streams

ROOT = Path(__file__).resolve().parent.parent
SANITIZE_FILE = ROOT / "notebooks" / "sanitize.cfg"
# nbval's defaults: what it never compares (the traceback's frames, counters, metadata, widget ids, images).
SKIPPED_KEYS = {
    "metadata",
    "traceback",
    "prompt_number",
    "output_type",
    "name",
    "execution_count",
    "application/vnd.jupyter.widget-view+json",
    "image/png",
    "image/jpeg",
}


def sanitizers(path: Path = SANITIZE_FILE) -> list[tuple[re.Pattern[str], str]]:
    """The (regex, replacement) pairs of the committed nbval sanitize file."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path)
    return [(re.compile(parser[section]["regex"]), parser[section]["replace"]) for section in parser.sections()]


def _text(value: Any) -> Any:
    return "".join(value) if isinstance(value, list) else value


def comparable(outputs: list[dict[str, Any]], rules: list[tuple[re.Pattern[str], str]]) -> list[dict[str, Any]]:
    """A cell's outputs reduced to what nbval compares: streams joined, skipped keys gone, sanitize rules applied."""

    def clean(value: Any) -> Any:
        value = _text(value)
        if isinstance(value, str):
            for pattern, replacement in rules:
                value = pattern.sub(replacement, value)
        return value

    reduced = []
    joined = [{**output, **({"text": _text(output["text"])} if "text" in output else {})} for output in outputs]
    for output in coalesce_streams([from_dict(output) for output in joined]):
        item: dict[str, Any] = {}
        for key, value in output.items():
            if key == "data":
                item["data"] = {mime: clean(text) for mime, text in value.items() if mime not in SKIPPED_KEYS}
            elif key not in SKIPPED_KEYS:
                item[key] = clean(value)
        reduced.append(item)
    return reduced


# The metadata of the one-sentence notes a cell shows only in the browser (tutorial_project/workbook/browser.py).
BROWSER_NOTE = {"workbook": "browser-note"}
# The tag of a cell that shows its lesson another way in the browser: its outputs there differ by design, so the
# check asks only that it ran without an error and said so in a browser note.
SHOWN_ANOTHER_WAY = "browser-shows-another-way"


def browser_notes(cells: list[dict[str, Any]]) -> list[str]:
    """The text of every browser note the cells showed, in order."""
    return [
        _text(output["data"].get("text/markdown", ""))
        for cell in cells
        for output in cell.get("outputs", [])
        if output.get("metadata") == BROWSER_NOTE
    ]


def differences(stored: list[dict[str, Any]], ran: list[dict[str, Any]]) -> list[str]:
    """One line per code cell whose outputs differ (by its index and first line), empty when every cell matches.

    Browser notes are left out: they are the browser's own words, listed by `browser_notes`.
    """
    rules = sanitizers()
    stored_code = [cell for cell in stored if cell["cell_type"] == "code"]
    ran_code = [cell for cell in ran if cell["cell_type"] == "code"]
    if len(stored_code) != len(ran_code):
        return [f"{len(ran_code)} code cells ran, the stored notebook has {len(stored_code)}"]
    found = []
    for number, (want, got) in enumerate(zip(stored_code, ran_code, strict=True), start=1):
        first_line = _text(want["source"]).splitlines()[0] if _text(want["source"]) else ""
        where = f"code cell {number} ({first_line[:60]})"
        if SHOWN_ANOTHER_WAY in want.get("metadata", {}).get("tags", []):
            found += [f"{where}: {problem}" for problem in _shown_another_way_problems(got["outputs"])]
            continue
        outputs = [output for output in got["outputs"] if output.get("metadata") != BROWSER_NOTE]
        expected, actual = comparable(want["outputs"], rules), comparable(outputs, rules)
        if expected != actual:
            found.append(f"{where}: expected {expected!r:.300} got {actual!r:.300}")
    return found


def _shown_another_way_problems(outputs: list[dict[str, Any]]) -> list[str]:
    problems = [f"raised {output['ename']}: {output['evalue']}" for output in outputs if "ename" in output]
    if not any(output.get("metadata") == BROWSER_NOTE for output in outputs):
        problems.append(f"is tagged {SHOWN_ANOTHER_WAY} but showed no browser note")
    return problems


def shown_another_way(cells: list[dict[str, Any]]) -> int:
    """How many code cells are tagged as showing their lesson another way in the browser."""
    return sum(SHOWN_ANOTHER_WAY in cell.get("metadata", {}).get("tags", []) for cell in cells)


def mermaid_diagrams(cells: list[dict[str, Any]]) -> int:
    """How many diagrams the cells' outputs hold (```mermaid blocks in Markdown outputs): the book draws each one."""
    return sum(
        _text(output.get("data", {}).get("text/markdown", "")).count("```mermaid")
        for cell in cells
        for output in cell.get("outputs", [])
    )
