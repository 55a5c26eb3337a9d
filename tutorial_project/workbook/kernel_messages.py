"""An IPython extension: errors caused by the order cells ran in end with a sentence saying what to do.

The environment's IPython configuration (`ipython_kernel_config.json` beside this module, installed into
`{sys.prefix}/etc/ipython/`) loads it in every kernel, so it works before the first cell has run, when nothing
of the workbook is imported yet; `setup()` loads it too. This module imports nothing from Django: loading it
costs what importing its package costs. It speaks only in the workbook's notebooks folder or once `setup()` ran.
The traceback is shown as usual; the sentence is added to the exception as a note, printed right under the
error's own message.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import Any

NOTE_MARK = "👉 "
WORKBOOK_MARKER = "00-start-here.ipynb"  # the first notebook: its folder is the workbook's


def _django_error(name: str) -> type[BaseException] | None:
    """A Django exception class by dotted name, only if Django is already imported (never import it here)."""
    module_name, _, attr = name.rpartition(".")
    module = sys.modules.get(module_name)
    return getattr(module, attr, None) if module else None


def _is(value: BaseException, dotted: str) -> bool:
    cls = _django_error(dotted)
    return cls is not None and isinstance(value, cls)


def explain(value: BaseException) -> str | None:
    """The sentence for an error a student caused by running cells out of order, or None for any other error."""
    from tutorial_project.workbook import guidance  # here, not at the top: loading the extension stays cheap

    state = guidance.setup_state()
    if isinstance(value, guidance.WorkbookError):
        return None  # its message is the explanation already
    if state == "not run" and not in_workbook_folder():
        return None  # a kernel of this environment that is not running a workbook notebook: stay out of the way
    if state == "interrupted":  # the Ctrl-C that stopped setup() itself, or any error met afterwards
        return guidance.SETUP_INTERRUPTED
    if isinstance(value, KeyboardInterrupt):
        return None
    if _is(value, "django.core.exceptions.ImproperlyConfigured") and "settings" in str(value):
        return guidance.SETUP_NOT_RUN
    if _is(value, "django.core.exceptions.AppRegistryNotReady"):
        return guidance.SETUP_NOT_RUN
    if isinstance(value, RuntimeError) and "populate() isn't reentrant" in str(value):
        return guidance.RESTART_KERNEL
    if isinstance(value, NameError) and not isinstance(value, UnboundLocalError):
        return guidance.SETUP_NOT_RUN if state == "not run" else guidance.CELL_SKIPPED.format(name=value.name)
    if _is(value, "django.db.utils.IntegrityError") and "UNIQUE" in str(value).upper():
        return guidance.ROW_EXISTS
    if _is(value, "django.db.utils.IntegrityError") and "FOREIGN KEY" in str(value) and guidance.setup_runs() > 1:
        return guidance.STALE_ROWS
    if _is(value, "django.core.exceptions.MultipleObjectsReturned"):
        return guidance.ROWS_DUPLICATED
    if _is(value, "django.core.exceptions.ObjectDoesNotExist"):
        return guidance.ROW_MISSING
    if isinstance(value, ValueError) and "can't be deleted because its" in str(value):
        return guidance.ALREADY_DELETED
    if _is(value, "django.db.utils.OperationalError") and "no such table" in str(value):
        return guidance.NO_TABLE
    if state == "not run" and not isinstance(value, KeyboardInterrupt):
        return guidance.SETUP_NOT_RUN  # true of this kernel whatever failed, and the likeliest cause
    return None


def in_workbook_folder() -> bool:
    """Whether the kernel runs in the workbook's notebooks folder (or its solutions), as Jupyter starts it."""
    cwd = Path.cwd()
    return any((folder / WORKBOOK_MARKER).exists() for folder in (cwd, cwd.parent))


def add_explanation(value: BaseException) -> bool:
    """Attach the explanation to the exception as a note (once); return whether there was one."""
    sentence = explain(value)
    if sentence is None:
        return False
    note = NOTE_MARK + sentence
    if note not in getattr(value, "__notes__", ()):
        value.add_note(note)
    return True


def _handler(
    shell: Any, etype: type[BaseException], value: BaseException, tb: TracebackType, tb_offset: int | None = None
) -> None:
    try:
        add_explanation(value)
    except Exception:  # noqa: S110 - explaining must never hide the student's own error
        pass
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)


def load_ipython_extension(shell: Any) -> None:
    """Called by IPython: explain order mistakes in every error this kernel shows."""
    shell.set_custom_exc((Exception, KeyboardInterrupt), _handler)


def unload_ipython_extension(shell: Any) -> None:
    """Called by IPython's %unload_ext: back to plain tracebacks."""
    shell.set_custom_exc((), None)
