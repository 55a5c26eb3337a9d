"""django-extensions' shell_plus, with `--notebook` launching Notebook 7 and an ORM usable in its kernels.

django-extensions 4.1 still imports `notebook.notebookapp`, which Notebook 7 removed, so the stock
`--notebook` fails. Here it starts Notebook 7 the way the stock `--lab` starts JupyterLab.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from django_extensions.management.commands.shell_plus import Command as ShellPlusCommand
from django_extensions.management.commands.shell_plus import shell_runner


class Command(ShellPlusCommand):
    def execute(self, *args: Any, **options: Any) -> Any:
        # Jupyter runs cells inside an event loop, where Django refuses ORM calls unless told it is safe.
        # Kernels inherit this server's environment.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        return super().execute(*args, **options)

    def generate_kernel_specs(self, app: Any, ipython_arguments: list[str]) -> dict[str, Any]:
        """The stock "Django Shell-Plus" kernelspec, plus what a kernel needs when another program starts it."""
        specs = super().generate_kernel_specs(app, ipython_arguments)
        for spec in specs.values():
            spec.env.setdefault(
                "DJANGO_SETTINGS_MODULE", os.environ.get("DJANGO_SETTINGS_MODULE", "tutorial_project.settings")
            )
            spec.env.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        return specs

    # The name must stay get_notebook: the parent finds runners by attribute, and a second --notebook
    # runner under another name makes argparse fail with a conflicting option.
    @shell_runner(flags=["--notebook"], name="Jupyter Notebook 7")
    def get_notebook(self, options: dict[str, Any]) -> Callable[[], None]:
        from notebook.app import JupyterNotebookApp

        def run_notebook() -> None:
            self.run_notebookapp(JupyterNotebookApp.initialize_server, options)

        return run_notebook
