"""Notebook log lines: one line, no traceback, no token."""

from __future__ import annotations

import logging
import sys

import pytest

from tutorial_project.workbook import logs
from tutorial_project.workbook.formatting import hide_tokens
from tutorial_project.workbook.logs import OneLineFormatter

TOKEN = "d5k2ab-0123456789abcdef0123456789abcdef"


def record(message: str, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, None) if exc else None
    return logging.LogRecord("django.request", logging.WARNING, __file__, 1, message, (), exc_info)


def test_hide_tokens_replaces_a_token_and_keeps_the_rest_of_the_link() -> None:
    assert hide_tokens(f"http://localhost:8000/activate/MQ/{TOKEN}/") == "http://localhost:8000/activate/MQ/<token>/"


def test_hide_tokens_leaves_ordinary_hyphenated_words_alone() -> None:
    assert hide_tokens("sign-up and re-send") == "sign-up and re-send"


def test_a_log_line_names_the_exception_without_a_traceback() -> None:
    try:
        raise ConnectionRefusedError("refused")
    except ConnectionRefusedError as exc:
        line = OneLineFormatter().format(record("Could not send", exc))
    assert (line, "Traceback" in line) == (
        "WARNING django.request: Could not send (ConnectionRefusedError: refused)",
        False,
    )


def test_a_log_line_hides_tokens() -> None:
    assert OneLineFormatter().format(record(f"Bad Request: /activate/MQ/{TOKEN}/")).endswith("/activate/MQ/<token>/")


class RecordingStream:
    """A buffered stream that notes in `sent` what it sends, and when, as a Jupyter kernel's streams do on flush."""

    def __init__(self, name: str, sent: list[tuple[str, str]]) -> None:
        self.name, self.sent, self.buffer = name, sent, ""

    def write(self, text: str) -> None:
        self.buffer += text

    def flush(self) -> None:
        if self.buffer:
            self.sent.append((self.name, self.buffer))
            self.buffer = ""


def test_a_line_printed_before_a_log_line_is_sent_before_it(monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[tuple[str, str]] = []
    stdout, stderr = RecordingStream("stdout", sent), RecordingStream("stderr", sent)
    monkeypatch.setattr(sys, "stdout", stdout)
    handler = logs.InOrderHandler(stderr)
    handler.setFormatter(logs.OneLineFormatter())
    print("before")  # noqa: T201 (the print is what the test orders)
    handler.handle(logging.LogRecord("tutorial_project", logging.ERROR, __file__, 1, "failed", None, None))
    assert sent == [("stdout", "before\n"), ("stderr", "ERROR tutorial_project: failed\n")]
