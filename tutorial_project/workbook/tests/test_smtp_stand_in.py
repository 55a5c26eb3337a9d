"""The browser's SMTP stand-in, driven by Django's real SMTP backend (installed here as setup() installs it there)."""

from __future__ import annotations

import smtplib
from typing import Any

import pytest
from django.core.mail import get_connection, send_mail, send_mass_mail

from tutorial_project.workbook import smtp_stand_in
from tutorial_project.workbook.smtp_stand_in import Controller

FROM = "noreply@example.com"


class CountingHandler:
    """Notebook 06's handler: counts sessions (one EHLO each) and keeps each message's recipients."""

    def __init__(self, reply: str = "250 Message accepted") -> None:
        self.connections, self.recipients, self.reply = 0, [], reply

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str, responses: list) -> list:
        self.connections += 1
        return responses

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.recipients.append(envelope.rcpt_tos)
        return self.reply


@pytest.fixture(autouse=True)
def stand_in_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(smtplib, "SMTP", smtplib.SMTP)
    monkeypatch.setattr(smtplib, "SMTP_SSL", smtplib.SMTP_SSL)
    smtp_stand_in.install_stand_in_smtp()


def backend(port: int) -> Any:
    return get_connection("django.core.mail.backends.smtp.EmailBackend", host="127.0.0.1", port=port)


@pytest.fixture
def server() -> Any:
    controller = Controller(CountingHandler(), hostname="127.0.0.1", port=2525)
    controller.start()
    yield controller
    controller.stop()


def test_three_send_mail_calls_open_three_sessions(server: Controller) -> None:
    for address in ["ann@example.com", "bob@example.com", "cleo@example.com"]:
        send_mail("Hi", "Hello.", FROM, [address], connection=backend(server.port))
    assert server.handler.connections == 3


def test_send_mass_mail_sends_every_message_in_one_session(server: Controller) -> None:
    messages = [("Hi", "Hello.", FROM, [address]) for address in ["ann@example.com", "bob@example.com"]]
    send_mass_mail(messages, connection=backend(server.port))
    assert (server.handler.connections, server.handler.recipients) == (1, [["ann@example.com"], ["bob@example.com"]])


def test_an_address_with_no_stand_in_server_refuses_as_a_closed_port_does() -> None:
    with pytest.raises(ConnectionRefusedError, match=r"^\[Errno 111\] Connection refused$"):
        send_mail("Hi", "Hello.", FROM, ["ann@example.com"], connection=backend(2526))


def test_a_stopped_server_refuses_connections(server: Controller) -> None:
    server.stop()
    with pytest.raises(ConnectionRefusedError):
        send_mail("Hi", "Hello.", FROM, ["ann@example.com"], connection=backend(server.port))


def test_fail_silently_turns_the_refusal_into_zero_sent() -> None:
    quiet = get_connection("django.core.mail.backends.smtp.EmailBackend", port=2527, fail_silently=True)
    assert send_mail("Hi", "Hello.", FROM, ["ann@example.com"], connection=quiet) == 0


def test_a_rejecting_handler_raises_smtp_data_error() -> None:
    controller = Controller(CountingHandler(reply="554 Transaction failed"), hostname="127.0.0.1", port=2528)
    controller.start()
    try:
        with pytest.raises(smtplib.SMTPDataError, match="Transaction failed"):
            send_mail("Hi", "Hello.", FROM, ["ann@example.com"], connection=backend(2528))
    finally:
        controller.stop()


def test_a_hook_that_waits_says_the_stand_in_cannot_wait() -> None:
    class WaitingHandler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            import asyncio

            await asyncio.sleep(0)
            return "250 OK"

    controller = Controller(WaitingHandler(), hostname="127.0.0.1", port=2529)
    controller.start()
    try:
        with pytest.raises(RuntimeError, match="hooks must not wait"):
            send_mail("Hi", "Hello.", FROM, ["ann@example.com"], connection=backend(2529))
    finally:
        controller.stop()


def test_tls_is_refused_with_a_clear_message(server: Controller) -> None:
    tls = get_connection("django.core.mail.backends.smtp.EmailBackend", host="127.0.0.1", port=2525, use_tls=True)
    with pytest.raises(smtplib.SMTPNotSupportedError, match="no TLS"):
        tls.open()
