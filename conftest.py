"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os
import runpy
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

# Under nbval, every notebook also runs a second time in the same kernel (Run All twice).
pytest_plugins = ["tutorial_project.testing.nbval_run_twice"]

SETTINGS_FILE = Path(__file__).resolve().parent / "tutorial_project" / "settings.py"

CHROMIUM = Path("/usr/bin/chromium")
# Flags that keep a headless Chromium from phoning home on a machine with no network (it retries otherwise).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}

EMAIL_SETTINGS = (
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "DEFAULT_FROM_EMAIL",
)


@dataclass
class SmtpServer:
    """A real SMTP server on 127.0.0.1 that keeps what it receives."""

    host: str
    port: int
    messages: list[Any] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def jupyter_server(
    command: list[str], url: str, token: str, env: dict[str, str], log: Path, cwd: Path | None = None
) -> Iterator[subprocess.Popen]:
    """Start a Jupyter server, wait until its `/api/status` answers, and stop it after the block.

    The wait is long (Notebook 7 took 38 s to start at a load average of 20); the test fails with the end of
    the server's log if it stops or never answers.
    """
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            _wait_for_status(f"{url}/api/status?token={token}", process, log, timeout=120)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_status(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the Jupyter server stopped at start-up:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"the Jupyter server did not answer within {timeout:.0f} s:\n{log.read_text()[-2000:]}")


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """Start an aiosmtpd server on a free local port for the test, and stop it afterwards."""
    from aiosmtpd.controller import Controller

    server = SmtpServer(host="127.0.0.1", port=free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


@pytest.fixture
def settings_from_env(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Evaluate settings.py afresh under the given environment variables and return its namespace.

    It proves the path environment → python-decouple → settings without touching the developer's `.env`.
    """

    def load(**environ: str) -> dict[str, Any]:
        monkeypatch.setenv("DJANGO_ENV_FILE", "/dev/null")
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        # run_path, not run_module: the module is already imported, and run_module warns about re-running it.
        return runpy.run_path(str(SETTINGS_FILE))

    return load


@pytest.fixture
def email_settings_from_env(settings_from_env: Any, settings: Any) -> Any:
    """Apply the email settings that the given environment variables produce to the running test."""

    def apply(**environ: str) -> None:
        namespace = settings_from_env(**environ)
        for name in EMAIL_SETTINGS:
            setattr(settings, name, namespace[name])

    return apply


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that drives a browser, so a run can leave them out with `-m "not browser"`."""
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def require(available: bool, reason: str) -> None:
    """Skip with `reason` when a real part (a browser, a database server) is missing; under CI=true, fail instead."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: this test may not skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium, driven by Playwright, for the whole test session (one per xdist worker)."""
    require(CHROMIUM.exists(), "Chromium is not installed: `sudo apt-get install chromium` runs the browser tests")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API leaves its event loop marked as running in this thread, so every later ORM call in
    # this worker would raise SynchronousOnlyOperation; no Django code runs inside that loop, so it is safe.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class BrowserPage:
    """A fresh browser tab at a given width, with every request that would leave the machine blocked and kept."""

    page: Any
    blocked: list[str] = field(default_factory=list)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname in LOOPBACK_HOSTS


@contextmanager
def open_browser_page(chromium: Any) -> Iterator[BrowserPage]:
    """A 1024 × 768 tab (a projector's width) in its own context; `blocked` lists the non-loopback requests refused."""
    context = chromium.new_context(viewport={"width": 1024, "height": 768})
    tab = BrowserPage(page=context.new_page())

    def only_loopback(route: Any) -> None:
        if _is_local(route.request.url):
            route.continue_()
        else:
            tab.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def browser_page(chromium: Any) -> Iterator[BrowserPage]:
    """A fresh tab for one test (see `open_browser_page`)."""
    with open_browser_page(chromium) as tab:
        yield tab


# --- PostgreSQL: a throwaway cluster on 127.0.0.1 ---------------------------------------------------------------

POSTGRES_MISSING = "PostgreSQL is not installed: `sudo apt-get install postgresql` runs the site's tests on it too"


@dataclass
class PostgresCluster:
    """A PostgreSQL server started for the test session: trust authentication, TCP on 127.0.0.1 only."""

    bin_dir: Path
    data_dir: Path
    port: int
    host: str = "127.0.0.1"
    user: str = "postgres"

    def database_settings(self, name: str) -> dict[str, Any]:
        """What DATABASES["default"] needs to reach database `name` on this server."""
        return {"HOST": self.host, "PORT": self.port, "USER": self.user, "PASSWORD": "", "NAME": name}

    def environment(self, name: str) -> dict[str, str]:
        """The course's DB_* variables for database `name` on this server, as a `.env` would give them."""
        return {
            "DB_NAME": name,
            "DB_USER": self.user,
            "DB_PASSWORD": "",
            "DB_HOST": self.host,
            "DB_PORT": str(self.port),
        }

    def create_database(self, name: str) -> None:
        """Create an empty database `name`."""
        import psycopg

        with psycopg.connect(host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')


def postgres_bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin directory (Debian's layout), or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda path: int(path.parts[-3]))
    return found[-1].parent if found else None


def _as_cluster_owner(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; as root, run it as Debian's postgres user.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """Start a throwaway PostgreSQL cluster (initdb into a temporary folder) and remove it afterwards."""
    import shutil
    import subprocess
    import tempfile

    bin_dir = postgres_bin_dir()
    require(bin_dir is not None, POSTGRES_MISSING)
    assert bin_dir is not None
    # In /tmp, not in pytest's tmp_path: the postgres user must be able to reach the folder.
    data_dir = Path(tempfile.mkdtemp(prefix="workbook-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(data_dir, "postgres", "postgres")
    cluster = PostgresCluster(bin_dir=bin_dir, data_dir=data_dir / "data", port=free_port())
    run = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    initdb = [str(bin_dir / "initdb"), "-D", str(cluster.data_dir), "-U", cluster.user, "-A", "trust", "-E", "UTF8"]
    subprocess.run(_as_cluster_owner([*initdb, "--locale=C", "--no-sync"]), **run)
    # Durability off: a throwaway cluster need not survive a crash, and tests run faster without fsync.
    options = f"-c listen_addresses={cluster.host} -p {cluster.port} -c unix_socket_directories='' -c fsync=off"
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(cluster.data_dir), "-l", str(cluster.data_dir / "server.log")]
    subprocess.run(_as_cluster_owner([*pg_ctl, "-o", options, "-w", "start"]), **run)
    try:
        yield cluster
    finally:
        subprocess.run(_as_cluster_owner([*pg_ctl, "-m", "immediate", "-w", "stop"]), **run)
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None, request: Any) -> None:
    """Under a PostgreSQL settings module with no DB_HOST given, point Django at the throwaway cluster."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql" and not database["HOST"]:
        cluster = request.getfixturevalue("postgres_cluster")
        # In place: django.db.connections holds this very dict, and no connection has been opened yet.
        database.update({key: value for key, value in cluster.database_settings(database["NAME"]).items()})


# --- The site, served by runserver on 127.0.0.1 ------------------------------------------------------------------

# Variables of the developer's shell that must not reach the served site (it gets its settings from the test).
SITE_VARIABLES_TO_DROP = ("DB_", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_", "FRONTEND_URL", "DJANGO_")


@dataclass
class ServedSite:
    """`manage.py runserver` on 127.0.0.1 with a throwaway database; `output()` is what it printed (emails too)."""

    url: str
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    process: Any = None

    def output(self) -> str:
        """Everything the server printed so far: request lines, errors, and the console backend's emails."""
        return self.log.read_text(errors="replace")

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Rows of `sql` (placeholders `%s`) run on the site's database, SQLite or PostgreSQL."""
        if "SITE_TEST_SQLITE" in self.env:
            import sqlite3

            with sqlite3.connect(self.env["SITE_TEST_SQLITE"]) as db:
                return db.execute(sql.replace("%s", "?"), params).fetchall()
        import psycopg

        env = self.env
        with psycopg.connect(
            host=env["DB_HOST"], port=int(env["DB_PORT"]), user=env["DB_USER"], dbname=env["DB_NAME"]
        ) as db:
            return db.execute(sql, params).fetchall()

    def manage(self, *args: str, stdin: str = "") -> str:
        """Run a management command against the served site's database; its output."""
        import subprocess
        import sys

        root = Path(__file__).resolve().parent
        command = [sys.executable, str(root / "manage.py"), *args]
        done = subprocess.run(command, env=self.env, cwd=root, input=stdin, capture_output=True, text=True, check=True)
        return done.stdout

    def links(self, path_prefix: str) -> list[str]:
        """The links to this site starting with `path_prefix` in the emails printed so far, oldest first."""
        import re

        return re.findall(re.escape(self.url + path_prefix) + r"\S+", self.output())


def _wait_for_port(port: int, process: Any, seconds: float) -> None:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"runserver exited with status {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"runserver did not listen on 127.0.0.1:{port} within {seconds} s")


@pytest.fixture(scope="module")
def serve_site(tmp_path_factory: pytest.TempPathFactory, request: Any) -> Iterator[Any]:
    """Start the site with runserver (stopped at the end of the module): `serve_site(database=..., **environ)`.

    `database` is "sqlite" (a file in a temporary folder) or "postgresql" (a new database in the throwaway
    cluster). The site prints emails to its output (the console backend), as `make run` does.
    """
    import subprocess
    import sys

    started: list[subprocess.Popen[bytes]] = []
    root = Path(__file__).resolve().parent

    def serve(database: str = "sqlite", **environ: str) -> ServedSite:
        folder = tmp_path_factory.mktemp("site")
        port = free_port()
        env = {name: value for name, value in os.environ.items() if not name.startswith(SITE_VARIABLES_TO_DROP)}
        env.update(
            DJANGO_SETTINGS_MODULE="tutorial_project.settings_site_test",
            DJANGO_ENV_FILE=os.devnull,
            FRONTEND_URL=f"http://127.0.0.1:{port}",
            PYTHONUNBUFFERED="1",
        )
        if database == "postgresql":
            cluster = request.getfixturevalue("postgres_cluster")
            name = f"site_{port}"
            cluster.create_database(name)
            env.update(cluster.environment(name))
        else:
            env["SITE_TEST_SQLITE"] = str(folder / "db.sqlite3")
        env.update(environ)
        site = ServedSite(url=f"http://127.0.0.1:{port}", log=folder / "runserver.log", env=env)
        manage = [sys.executable, str(root / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=root)
        with site.log.open("wb") as log:
            process = subprocess.Popen(
                [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
                env=env,
                cwd=root,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        site.process = process
        _wait_for_port(port, process, seconds=60)
        return site

    try:
        yield serve
    finally:
        for process in started:
            process.terminate()
            process.wait(timeout=30)
