"""Stored and compared notebook outputs do not depend on how the kernel split its printed text."""

from __future__ import annotations

from nbformat.v4 import new_output

from tutorial_project.workbook.execute import _joined_streams


def stream(name: str, text: str) -> dict:
    return new_output("stream", name=name, text=text)


def test_consecutive_prints_to_one_stream_are_stored_as_one_output() -> None:
    joined = _joined_streams([stream("stdout", "a\n"), stream("stdout", "b\n")])
    assert [(o["name"], o["text"]) for o in joined] == [("stdout", "a\nb\n")]


def test_prints_to_different_streams_stay_apart() -> None:
    joined = _joined_streams([stream("stdout", "a\n"), stream("stderr", "log\n"), stream("stdout", "b\n")])
    assert [o["name"] for o in joined] == ["stdout", "stderr", "stdout"]
