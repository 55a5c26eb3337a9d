"""Log output in notebooks: one line per record, the exception's type and message but no traceback.

Tracebacks hold absolute file paths and request logs hold tokens; both differ from run to run and would break
the compared outputs.
"""

from __future__ import annotations

import logging
import sys

from tutorial_project.workbook.formatting import hide_tokens

NOTEBOOK_LOGGERS = ("tutorial_project", "django.dispatch", "django.request", "django.db.backends.base")


class OneLineFormatter(logging.Formatter):
    """`ERROR tutorial_project.users.emails: Could not send ... (ConnectionRefusedError: ...)`."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"{record.levelname} {record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            text += f" ({type(exc).__name__}: {exc})"
        return hide_tokens(text)


class InOrderHandler(logging.StreamHandler):
    """Writes to stderr once stdout is flushed, so a cell's prints and log lines reach it in the order they happened.

    Jupyter sends each stream when its buffer is flushed: without this, a line printed before a log line could be
    shown after it, and which one came first would change from run to run.
    """

    def emit(self, record: logging.LogRecord) -> None:
        sys.stdout.flush()
        super().emit(record)


def install_log_handler() -> None:
    """Send the project's and Django's signal/request logs to the cell's stderr, one line each."""
    handler = InOrderHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter())
    for name in NOTEBOOK_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False
        logger.setLevel(logging.INFO)
