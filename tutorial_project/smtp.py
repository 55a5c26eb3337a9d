"""Django's SMTP email backend with a deadline on the whole exchange, not only on each socket read.

Django passes EMAIL_TIMEOUT to the socket, where it bounds each read: a server that sends one byte every few
seconds keeps a request waiting for minutes. Here the exchange runs in a worker thread and the request waits
for it EMAIL_TIMEOUT seconds at most; then the socket is shut, which ends the worker, and the caller gets a
TimeoutError (or 0 with fail_silently), like any other failure to send.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends import smtp
from django.core.mail.message import EmailMessage


class EmailBackend(smtp.EmailBackend):
    """The SMTP backend whose send_messages() returns or fails within `timeout` seconds."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        """Send as Django's backend does, in a worker thread; give up when the deadline passes."""
        outcome: dict[str, Any] = {}

        def exchange() -> None:
            try:
                outcome["sent"] = smtp.EmailBackend.send_messages(self, email_messages)
            except BaseException as exc:  # handed to the caller's thread below
                outcome["error"] = exc

        worker = threading.Thread(target=exchange, name="smtp-exchange", daemon=True)
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            self._abandon()
            if self.fail_silently:
                return 0
            raise TimeoutError(f"The SMTP server {self.host}:{self.port} did not finish within {self.timeout} s.")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["sent"]

    def _abandon(self) -> None:
        # Shutting the socket makes the worker's blocked read fail at once; the next send opens a new one.
        connection, self.connection = self.connection, None
        sock = getattr(connection, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
