"""`manage.py shell_plus --notebook` starts Notebook 7 with a 'Django Shell-Plus' kernel that can use the ORM."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import get_commands
from django_extensions.management.commands.shell_plus import Command as StockShellPlusCommand
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from notebook.app import JupyterNotebookApp

from conftest import free_port, jupyter_server
from tutorial_project.workbook.management.commands.shell_plus import Command

REPO_ROOT = Path(__file__).resolve().parents[2]

# What shell_plus writes into the 'Django Shell-Plus' kernelspec: ipykernel plus django-extensions' extension.
KERNEL_ARGV = [
    sys.executable,
    "-m",
    "ipykernel_launcher",
    "-f",
    "{connection_file}",
    "--ext",
    "django_extensions.management.notebook_extension",
]
# Migrate an in-memory database (never the developer's db.sqlite3), then use the ORM.
COUNT_TASKS = """\
from django.core.management import call_command
from django.db import connection
from tutorial_project.tasks.models import Task
connection.close()
connection.settings_dict["NAME"] = ":memory:"
call_command("migrate", verbosity=0)
print(Task.objects.count())
"""


# --- The command -----------------------------------------------------------------------------------------------


def test_shell_plus_is_the_workbooks_command() -> None:
    assert get_commands()["shell_plus"] == "tutorial_project.workbook"


def test_the_notebook_flag_selects_our_notebook_runner() -> None:
    command = Command()
    options = command.create_parser("manage.py", "shell_plus").parse_args(["--notebook"])

    assert options.runner == command.get_notebook


def test_the_notebook_runner_returns_a_callable() -> None:
    # The stock runner returns a traceback string instead when it cannot import its Notebook application.
    assert callable(Command().get_notebook({}))


def test_the_notebook_runner_starts_notebook_7(monkeypatch: pytest.MonkeyPatch) -> None:
    started_with = []
    monkeypatch.setattr(Command, "run_notebookapp", lambda self, app_init, options: started_with.append(app_init))

    Command().get_notebook({"no_browser": True})()

    assert started_with == [JupyterNotebookApp.initialize_server]


def test_the_command_lets_kernels_use_the_orm_inside_jupyters_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    # setenv first so that monkeypatch restores the variable's absence afterwards.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "placeholder")
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE")
    monkeypatch.setattr(StockShellPlusCommand, "execute", lambda self, *args, **options: None)

    Command().execute()

    assert os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] == "true"


# --- The kernel ------------------------------------------------------------------------------------------------


def kernel_environment(**extra: str) -> dict[str, str]:
    """The environment a kernel started by `manage.py shell_plus` gets, without the developer's `.env`."""
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="tutorial_project.settings",
        DJANGO_ENV_FILE=os.devnull,
        PYTHONPATH=str(REPO_ROOT),
        **extra,
    )
    return env


def run_in_django_kernel(tmp_path: Path, code: str, env: dict[str, str]) -> tuple[str, list[str]]:
    """Start a 'Django Shell-Plus' kernel, run `code` in it, and return its printed output and error names."""
    kernel_dir = tmp_path / "kernels" / "django_extensions"
    kernel_dir.mkdir(parents=True)
    (kernel_dir / "kernel.json").write_text(
        json.dumps({"argv": KERNEL_ARGV, "display_name": "Django Shell-Plus", "language": "python"})
    )
    manager = KernelManager(
        kernel_name="django_extensions", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")])
    )
    manager.start_kernel(env=env, cwd=str(REPO_ROOT))
    client = manager.client()
    output: list[str] = []
    errors: list[str] = []

    def collect(message: dict[str, Any]) -> None:
        if message["msg_type"] == "stream":
            output.append(message["content"]["text"])
        elif message["msg_type"] == "error":
            errors.append(message["content"]["ename"])

    try:
        client.start_channels()
        # Generous: on a loaded 2-core machine a kernel with Django takes tens of seconds to answer.
        client.wait_for_ready(timeout=120)
        client.execute_interactive(code, output_hook=collect, timeout=120)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return "".join(output), errors


def test_the_django_shell_plus_kernel_can_count_tasks(tmp_path: Path) -> None:
    output, errors = run_in_django_kernel(tmp_path, COUNT_TASKS, kernel_environment(DJANGO_ALLOW_ASYNC_UNSAFE="true"))

    assert (output, errors) == ("0\n", [])


def test_without_django_allow_async_unsafe_the_kernel_cannot_use_the_orm(tmp_path: Path) -> None:
    # This is why our shell_plus sets the variable: ipykernel runs cells inside an asyncio event loop.
    output, errors = run_in_django_kernel(tmp_path, COUNT_TASKS, kernel_environment())

    assert (output, errors) == ("", ["SynchronousOnlyOperation"])


# --- The Notebook 7 server ---------------------------------------------------------------------------------------


def get_json(url: str, timeout: float) -> Any:
    """GET `url` and decode its JSON, retrying until the server answers or `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.load(response)
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@dataclass
class NotebookServer:
    url: str
    path_dir: Path


@pytest.fixture(scope="module")
def notebook_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NotebookServer]:
    """`manage.py shell_plus --notebook` on a free port with token `t`, and Jupyter's directories in a temporary one.

    The base python3 kernelspec is copied into a temporary JUPYTER_PATH directory, which Jupyter searches first, so
    shell_plus writes its kernelspec beside it there: what the server offers comes from this run, not from an
    earlier `make notebook`.
    """
    root = tmp_path_factory.mktemp("jupyter")
    server = NotebookServer(url=f"http://127.0.0.1:{free_port()}", path_dir=root / "path")
    shutil.copytree(
        KernelSpecManager().get_kernel_spec("python3").resource_dir, server.path_dir / "kernels" / "python3"
    )
    server_args = [f"--port={server.url.rsplit(':', 1)[1]}", "--IdentityProvider.token=t"]
    if os.geteuid() == 0:
        server_args.append("--allow-root")
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_ENV_FILE=os.devnull,
        JUPYTER_CONFIG_DIR=str(root / "config"),
        JUPYTER_DATA_DIR=str(root / "data"),
        JUPYTER_PATH=str(server.path_dir),
        JUPYTER_RUNTIME_DIR=str(root / "runtime"),
    )
    command = [sys.executable, "manage.py", "shell_plus", "--notebook", "--no-browser", "--", *server_args]
    with jupyter_server(command, server.url, "t", env, root / "server.log", cwd=REPO_ROOT):
        yield server


def test_shell_plus_notebook_writes_the_django_shell_plus_kernelspec(notebook_server: NotebookServer) -> None:
    spec = json.loads((notebook_server.path_dir / "kernels" / "django_extensions" / "kernel.json").read_text())

    assert (spec["display_name"], spec["argv"][-2:]) == (
        "Django Shell-Plus",
        ["--ext", "django_extensions.management.notebook_extension"],
    )


def test_the_kernelspec_lets_any_program_start_a_kernel_that_can_use_the_orm(notebook_server: NotebookServer) -> None:
    spec = json.loads((notebook_server.path_dir / "kernels" / "django_extensions" / "kernel.json").read_text())

    assert (spec["env"]["DJANGO_SETTINGS_MODULE"], spec["env"]["DJANGO_ALLOW_ASYNC_UNSAFE"]) == (
        "tutorial_project.settings",
        "true",
    )


def test_shell_plus_notebook_offers_the_django_shell_plus_kernel(notebook_server: NotebookServer) -> None:
    kernelspecs = get_json(f"{notebook_server.url}/api/kernelspecs?token=t", timeout=5)["kernelspecs"]

    assert kernelspecs["django_extensions"]["spec"]["display_name"] == "Django Shell-Plus"


def test_shell_plus_notebook_serves_the_notebook_7_file_browser(notebook_server: NotebookServer) -> None:
    with urllib.request.urlopen(f"{notebook_server.url}/tree?token=t", timeout=5) as response:
        assert (response.status, b"Jupyter Notebook" in response.read()) == (200, True)
