"""The workbook clock: frozen until moved forward."""

from __future__ import annotations

import pytest

from tutorial_project.workbook.clock import START, Clock


def test_clock_starts_at_the_fixed_start() -> None:
    assert Clock().now() == START


def test_advance_moves_time_forward() -> None:
    clock = Clock()
    clock.advance(hours=2)
    assert (clock.now() - START).total_seconds() == 7200


def test_advance_refuses_to_go_back() -> None:
    with pytest.raises(ValueError, match="only moves forward"):
        Clock().advance(hours=-1)


def test_reset_goes_back_to_the_start() -> None:
    clock = Clock()
    clock.advance(days=1)
    clock.reset()
    assert clock.now() == START
