"""What `setup()` lets go of, so a kernel that runs a notebook again and again does not grow."""

from __future__ import annotations

from django.utils import inspect as django_inspect

from tutorial_project.workbook.ipython_shell import running_shell


def release_caches() -> None:
    """Forget what the last run left in caches that only grow: Django's and IPython's.

    Django's `_get_func_parameters` keeps 512 entries keyed by function, and the test client's requests fill it
    with the closures of every rendered template (a 500 page's traceback included): about 1 MB per Run All of
    notebook 08. IPython's output history (`Out`, `_`, `__`) keeps every displayed trace and table alive.
    """
    django_inspect._get_func_parameters.cache_clear()
    hook = getattr(running_shell(), "displayhook", None)  # None outside a kernel: nothing of IPython's to release
    if getattr(hook, "do_full_cache", False):  # flush() refuses when output caching is off
        hook.flush()
