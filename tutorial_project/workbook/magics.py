"""`%%trace`: trace a whole cell and show its table and its diagram, without a `with` block.

    %%trace --sql --init --signals pre_save,post_save --title "create a task"
    Task.objects.create(title="Write report")

Options are those of `trace()`. Registered by `setup()` when it runs under IPython; harmless elsewhere.
"""

from __future__ import annotations

import argparse
import shlex
from typing import Any

from tutorial_project.workbook.ipython_shell import running_shell
from tutorial_project.workbook.signal_names import known_signal_names
from tutorial_project.workbook.tracer import Trace

USAGE = "%%trace [--sql] [--init] [--templates] [--no-mail] [--signals a,b] [--senders A,B] [--title TEXT]"


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad option as one line instead of printing usage and exiting the kernel."""

    def error(self, message: str) -> Any:
        raise ValueError(message)


def _parser() -> _Parser:
    parser = _Parser(prog="%%trace", add_help=False, allow_abbrev=False)
    parser.add_argument("--sql", action="store_true")
    parser.add_argument("--init", action="store_true")
    parser.add_argument("--templates", action="store_true")
    parser.add_argument("--no-mail", dest="mail", action="store_false")
    parser.add_argument("--signals", type=_names)
    parser.add_argument("--senders", type=_names)
    parser.add_argument("--title", default="")
    return parser


def _names(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError("expected names separated by commas, e.g. pre_save,post_save")
    return names


def trace_options(line: str, namespace: dict[str, Any] | None = None) -> dict[str, Any]:
    """The keyword arguments of `trace()` that a `%%trace` line asks for; ValueError with one line if it is wrong."""
    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise ValueError(f"{exc} in the %%trace line") from None
    options = vars(_parser().parse_args(words))
    unknown = sorted(set(options["signals"] or ()) - known_signal_names(namespace))
    if unknown:
        raise ValueError(f"unknown signal(s) {', '.join(unknown)}: use the names signals are declared under")
    return {"label": options.pop("title"), **options}


def trace_cell(line: str, cell: str) -> None:
    """Run the cell in the notebook's namespace inside `trace(...)`, then show the table and the diagram."""
    from IPython.core.error import UsageError
    from IPython.display import display

    shell = running_shell()
    try:
        options = trace_options(line, shell.user_ns)
    except ValueError as exc:
        raise UsageError(f"{exc}. Usage: {USAGE}") from None
    with Trace(**options) as recorded:
        shell.run_cell(cell, store_history=False)
    display(recorded)
    display(recorded.diagram())


def load_trace_magic() -> None:
    """Register `%%trace` in the running IPython kernel; do nothing outside IPython."""
    shell = running_shell()
    if shell is not None:
        shell.register_magic_function(trace_cell, magic_kind="cell", magic_name="trace")
