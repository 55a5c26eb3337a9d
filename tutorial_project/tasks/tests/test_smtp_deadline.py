"""SMTP time is bounded (finding 8): EMAIL_TIMEOUT limits a whole send, not each socket read, and a task's
emails share one connection and one deadline."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.mail import EmailMessage, get_connection

from conftest import free_port

pytestmark = pytest.mark.django_db

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def dripping_smtp_server() -> Iterator[int]:
    """A server on 127.0.0.1 that answers every connection with one byte of its greeting every 0.3 s, forever."""
    port = free_port()
    listener = socket.create_server(("127.0.0.1", port))
    stop = threading.Event()

    def drip(conn: socket.socket) -> None:
        with conn:
            while not stop.is_set():
                try:
                    conn.sendall(b"2")
                except OSError:
                    return
                time.sleep(0.3)

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        yield port
    finally:
        stop.set()
        server.join()
        listener.close()


def test_a_server_sending_one_byte_at_a_time_fails_the_send_within_email_timeout(
    email_settings_from_env: Any, settings: Any, dripping_smtp_server: int
) -> None:
    email_settings_from_env(EMAIL_BACKEND=SMTP_BACKEND, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(dripping_smtp_server))
    settings.EMAIL_TIMEOUT = 1
    message = EmailMessage("Hi", "Body", "from@example.com", ["to@example.com"])
    started = time.monotonic()

    with pytest.raises(TimeoutError, match="did not finish within 1 s"):
        get_connection().send_messages([message])

    assert time.monotonic() - started < 2


def test_a_task_with_three_new_assignees_costs_one_timeout_against_a_silent_server(
    email_settings_from_env: Any,
    settings: Any,
    dripping_smtp_server: int,
    make_task: Any,
    make_employee: Any,
    django_capture_on_commit_callbacks: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    email_settings_from_env(EMAIL_BACKEND=SMTP_BACKEND, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(dripping_smtp_server))
    settings.EMAIL_TIMEOUT = 1
    task, employees = make_task(), [make_employee() for _ in range(3)]
    started = time.monotonic()

    with caplog.at_level(logging.ERROR, logger="tutorial_project.tasks"):
        with django_capture_on_commit_callbacks(execute=True):
            task.assigned_to.add(*employees)

    assert time.monotonic() - started < 2
    assert [record.exc_info[0] for record in caplog.records] == [TimeoutError]
