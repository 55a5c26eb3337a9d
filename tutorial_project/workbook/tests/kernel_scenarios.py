"""Run cells in a real IPython kernel configured like the project's environment, and collect what a student sees."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import start_new_kernel

REPO_ROOT = Path(__file__).resolve().parents[3]
KERNEL_CONFIG = REPO_ROOT / "tutorial_project" / "workbook" / "ipython_kernel_config.json"


@dataclass
class Outcome:
    """What one cell showed: its printed text, and the error's name, message and traceback lines if it failed."""

    text: str
    error: str | None
    traceback: list[str]

    @property
    def explained(self) -> bool:
        """Whether the error ends with the workbook's sentence (or is the workbook's own error)."""
        return self.error is not None and (
            self.error.startswith("WorkbookError") or any("👉" in line for line in self.traceback)
        )


class Kernel:
    """A kernel started in notebooks/, as Jupyter starts one for a notebook there."""

    def __init__(self, client: object) -> None:
        self.client = client

    def run(self, code: str) -> Outcome:
        """Execute one cell and return what it showed."""
        text: list[str] = []
        traceback: list[str] = []
        errors: list[str] = []
        self.client.execute_interactive(  # type: ignore[attr-defined]
            code, timeout=120, output_hook=lambda msg: _collect(msg, text, traceback, errors)
        )
        return Outcome("".join(text), errors[0] if errors else None, traceback)


def _collect(msg: dict, text: list[str], traceback: list[str], errors: list[str]) -> None:
    kind, content = msg["msg_type"], msg["content"]
    if kind == "stream":
        text.append(content["text"])
    elif kind in ("execute_result", "display_data"):
        text.append(content["data"].get("text/plain", ""))
    elif kind == "error":
        errors.append(f"{content['ename']}: {content['evalue']}")
        traceback.extend(content["traceback"])


@contextmanager
def kernel(*, environment_config: bool = True) -> Iterator[Kernel]:
    """A python3 kernel in notebooks/; with the environment's IPython config (the extension) or without it."""
    ipython_dir = tempfile.mkdtemp(prefix="workbook-ipython-")
    if environment_config:
        profile = Path(ipython_dir, "profile_default")
        profile.mkdir(parents=True)
        shutil.copy(KERNEL_CONFIG, profile / KERNEL_CONFIG.name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["IPYTHONDIR"] = ipython_dir
    # The environment's own config ({sys.prefix}/etc/ipython, installed by make install) loads the extension in
    # every kernel; a command-line setting wins over any config file, so the kernel "without" it really has none.
    extra = [] if environment_config else ["--InteractiveShellApp.extensions=[]"]
    manager, client = start_new_kernel(
        kernel_name="python3", cwd=str(REPO_ROOT / "notebooks"), env=env, extra_arguments=extra
    )
    try:
        yield Kernel(client)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
        shutil.rmtree(ipython_dir, ignore_errors=True)
