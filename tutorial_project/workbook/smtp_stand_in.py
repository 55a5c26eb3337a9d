"""SMTP in the browser, where Python has no sockets and no threads: a stand-in for `smtplib.SMTP` and a server.

Django's SMTP backend makes `smtplib.SMTP(host, port, ...)`, calls `sendmail()` for each message, then `quit()`.
Under Pyodide the workbook puts `StandInSMTP` in smtplib's place (`install_stand_in_smtp`, from `setup()`), so:

- a connection to an address where a stand-in `Controller` is started reaches that controller's handler, whose
  aiosmtpd hooks (`handle_EHLO`, `handle_DATA`) run as aiosmtpd runs them, once per session and message;
- a connection anywhere else is refused with the `ConnectionRefusedError` a closed port gives on CPython.

Nothing here runs on CPython, where notebook 06 starts aiosmtpd's real server on 127.0.0.1.
"""

from __future__ import annotations

import smtplib
from collections.abc import Coroutine
from types import SimpleNamespace
from typing import Any

from tutorial_project.workbook.browser import browser_note

# The number Linux gives a refused connection, as the stored outputs show it (emscripten's errno module says 14).
LINUX_ECONNREFUSED = 111
_listening: dict[tuple[str, int], Controller] = {}
_refusal_told: list[bool] = []  # the refusal's note is shown once per kernel: at the first refusal


class Controller:
    """aiosmtpd's `Controller(handler, hostname=..., port=...)`, `start()` and `stop()`, with no socket or thread."""

    def __init__(self, handler: Any, hostname: str = "127.0.0.1", port: int = 8025) -> None:
        self.handler, self.hostname, self.port = handler, hostname, port

    def start(self) -> None:
        _listening[(self.hostname, self.port)] = self
        browser_note(
            "Python here has no sockets or threads, so aiosmtpd cannot run. Django's SMTP backend talks to a "
            "stand-in for `smtplib.SMTP` instead, which calls this handler's hooks once per SMTP session, as "
            "aiosmtpd does.",
        )

    def stop(self) -> None:
        _listening.pop((self.hostname, self.port), None)

    def call(self, hook: str, *args: Any) -> Any:
        """Run the handler's `hook` coroutine, if it has one; None if it has not."""
        method = getattr(self.handler, hook, None)
        return None if method is None else _run_without_loop(method(self, *args))


class StandInSMTP:
    """The part of `smtplib.SMTP` Django's SMTP backend uses, answered by a started stand-in `Controller`."""

    def __init__(self, host: str = "", port: int = 0, local_hostname: str | None = None, **_: Any) -> None:
        self.controller = _listening.get((host, int(port)))
        if self.controller is None:
            if not _refusal_told:
                _refusal_told.append(True)
                browser_note(
                    "Python here cannot open network connections, so the workbook's stand-in for `smtplib.SMTP` "
                    "refuses this one, as a port with no server behind it does."
                )
            raise ConnectionRefusedError(LINUX_ECONNREFUSED, "Connection refused")
        self.local_hostname = local_hostname or "localhost"
        self.session = SimpleNamespace(host_name=None, peer=("127.0.0.1", 0))
        self.greeted = False

    def ehlo_or_helo_if_needed(self) -> None:
        if not self.greeted:
            self.greeted = True
            self.controller.call("handle_EHLO", self.session, _envelope(), self.local_hostname, ["250 HELP"])

    def sendmail(self, from_addr: str, to_addrs: str | list[str], msg: bytes | str, *_: Any, **__: Any) -> dict:
        self.ehlo_or_helo_if_needed()
        recipients = [to_addrs] if isinstance(to_addrs, str) else list(to_addrs)
        content = msg.encode() if isinstance(msg, str) else msg
        status = self.controller.call("handle_DATA", self.session, _envelope(from_addr, recipients, content))
        if status and not str(status).startswith("2"):
            code, _, text = str(status).partition(" ")
            raise smtplib.SMTPDataError(int(code), text)
        return {}

    def starttls(self, *_: Any, **__: Any) -> None:
        raise smtplib.SMTPNotSupportedError("the stand-in SMTP server speaks plain SMTP only (no TLS)")

    def login(self, *_: Any, **__: Any) -> None:
        raise smtplib.SMTPNotSupportedError("the stand-in SMTP server takes no log-in")

    def quit(self) -> None:
        self.close()

    def close(self) -> None:
        self.controller = None


def install_stand_in_smtp() -> None:
    """Put the stand-in where Django's SMTP backend looks for its connection class (`smtplib.SMTP` and `SMTP_SSL`)."""
    smtplib.SMTP = smtplib.SMTP_SSL = StandInSMTP  # type: ignore[misc, assignment]


def _envelope(mail_from: str | None = None, rcpt_tos: list[str] | None = None, content: bytes = b"") -> Any:
    return SimpleNamespace(mail_from=mail_from, rcpt_tos=rcpt_tos or [], content=content, original_content=content)


def _run_without_loop(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a handler hook that never waits (as a counting one); the stand-in has no loop to wait in."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise RuntimeError("A stand-in SMTP handler hook awaited something; in the browser, hooks must not wait.")
