"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os
import runpy
import socket
from collections.abc import Iterator
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

    with sync_playwright() as playwright:
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


@pytest.fixture
def browser_page(chromium: Any) -> Iterator[BrowserPage]:
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
