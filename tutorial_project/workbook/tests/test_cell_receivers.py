"""Receivers connected from cells: a re-run replaces, a `with` block cleans up."""

from __future__ import annotations

from typing import Any

import pytest
from django.dispatch import Signal

from tutorial_project.workbook.cell_receivers import cell_receiver, connected, disconnect_cell_receivers

calls: list[str] = []


@pytest.fixture(autouse=True)
def clean() -> Any:
    calls.clear()
    yield
    disconnect_cell_receivers()


def define_on_ping(version: str) -> Any:
    """What running the same cell twice does: a new function object with the same name each time."""

    def on_ping(**kwargs: Any) -> None:
        calls.append(version)

    on_ping.__module__ = "__main__"
    on_ping.__qualname__ = "on_ping"
    return on_ping


def test_rerunning_a_cell_replaces_the_receiver_instead_of_adding_one() -> None:
    ping = Signal()
    cell_receiver(ping)(define_on_ping("first"))
    cell_receiver(ping)(define_on_ping("edited"))
    ping.send(sender=None)
    assert calls == ["edited"]


def test_cell_receiver_accepts_a_list_of_signals() -> None:
    ping, pong = Signal(), Signal()
    cell_receiver([ping, pong])(define_on_ping("both"))
    ping.send(sender=None)
    pong.send(sender=None)
    assert calls == ["both", "both"]


def test_cell_receiver_respects_sender() -> None:
    ping = Signal()
    cell_receiver(ping, sender=str)(define_on_ping("str only"))
    ping.send(sender=int)
    assert calls == []


def test_disconnect_cell_receivers_removes_them_all() -> None:
    ping = Signal()
    cell_receiver(ping)(define_on_ping("x"))
    assert disconnect_cell_receivers() == 1 and not ping.has_listeners()


def test_connected_receiver_runs_only_inside_the_block() -> None:
    ping = Signal()
    with connected(ping, define_on_ping("inside")):
        ping.send(sender=None)
    ping.send(sender=None)
    assert calls == ["inside"]


def test_connected_disconnects_even_when_the_block_raises() -> None:
    ping = Signal()
    with pytest.raises(ValueError), connected(ping, define_on_ping("x")):
        raise ValueError
    assert not ping.has_listeners()
