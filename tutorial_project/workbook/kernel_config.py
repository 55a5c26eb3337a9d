"""Install the IPython config that loads the workbook's kernel messages in every kernel of this environment.

IPython reads `{sys.prefix}/etc/ipython/`, so every kernel of the environment explains order mistakes (a cell
run before `setup()`, for instance) even when the first cell never ran. A wheel installs the file as data; an
editable install cannot (setuptools does not install data files in editable mode), so `make install` and
Binder's postBuild run `python -m tutorial_project.workbook.kernel_config`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

SOURCE = Path(__file__).with_name("ipython_kernel_config.json")


def install(prefix: str = sys.prefix) -> Path:
    """Copy the config into `prefix/etc/ipython/` (idempotent) and return where it now is."""
    target = Path(prefix, "etc", "ipython", SOURCE.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, target)
    return target


if __name__ == "__main__":
    print(f"Workbook kernel messages enabled: {install()}")
