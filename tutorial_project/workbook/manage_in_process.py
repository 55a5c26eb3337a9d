"""Run `manage.py` inside this Python as a new process would run it: for the browser, which cannot start one.

A new process starts with its own `sys.argv`, environment and output, and reads the settings afresh. Here those
are swapped in for the length of the run and put back afterwards, so the kernel's own Django (its settings, its
logging, its loaded settings module) is as it was. The result has the fields of `subprocess.run`'s.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import runpy
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tutorial_project.workbook.browser import browser_note

# The project's settings modules (settings.py and those that import it): a new process imports them afresh.
SETTINGS_PACKAGE = "tutorial_project.settings"


def run_manage_py(manage_py: Path, arguments: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python manage.py *arguments` with environment `env`: its exit code and what it wrote, as text."""
    browser_note(
        "A web page cannot start a second Python, so this cell runs `manage.py` inside this one, with its own "
        "arguments and environment and its settings read afresh, as a new process would."
    )
    stdout, stderr = io.StringIO(), io.StringIO()
    argv = [str(manage_py), *arguments]
    with _own_process_state(argv, env), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        returncode = _exit_code(manage_py, stderr)
    return subprocess.CompletedProcess(argv, returncode, stdout.getvalue(), stderr.getvalue())


def _exit_code(manage_py: Path, stderr: io.StringIO) -> int:
    """Run the script as `__main__`; turn `sys.exit(...)` into the exit code the interpreter would give."""
    try:
        runpy.run_path(str(manage_py), run_name="__main__")
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            return done.code or 0
        print(done.code, file=stderr)  # sys.exit("message"): Python prints the message and exits with 1
        return 1
    return 0


@contextlib.contextmanager
def _own_process_state(argv: list[str], env: dict[str, str]) -> Iterator[None]:
    from django.conf import settings
    from django.utils.functional import empty

    saved_argv, saved_environ = sys.argv, dict(os.environ)
    saved_settings = settings._wrapped
    saved_modules = {name: sys.modules.pop(name) for name in list(sys.modules) if name.startswith(SETTINGS_PACKAGE)}
    saved_loggers = _logging_state()
    sys.argv = argv
    os.environ.clear()
    os.environ.update(env)
    settings._wrapped = empty  # read again from DJANGO_SETTINGS_MODULE, as a new process would
    try:
        yield
    finally:
        sys.argv = saved_argv
        os.environ.clear()
        os.environ.update(saved_environ)
        settings._wrapped = saved_settings
        for name in [name for name in sys.modules if name.startswith(SETTINGS_PACKAGE)]:
            del sys.modules[name]
        sys.modules.update(saved_modules)
        _restore_logging(saved_loggers)


def _logging_state() -> dict[str, tuple[int, list[logging.Handler], bool, bool]]:
    """Every logger's level, handlers, propagation and disabled flag: `django.setup()` in the run reconfigures them."""
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in logging.Logger.manager.loggerDict)]
    return {logger.name: (logger.level, list(logger.handlers), logger.propagate, logger.disabled) for logger in loggers}


def _restore_logging(state: dict[str, tuple[int, list[logging.Handler], bool, bool]]) -> None:
    for name, (level, handlers, propagate, disabled) in state.items():
        logger = logging.getLogger() if name == "root" else logging.getLogger(name)
        logger.setLevel(level)
        logger.handlers[:] = handlers
        logger.propagate, logger.disabled = propagate, disabled
