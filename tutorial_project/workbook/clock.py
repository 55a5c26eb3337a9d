"""A workbook clock: time stands still in notebooks until a cell moves it, so outputs never depend on today."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # Monday 5 January 2026, 09:00 UTC
_real_now = timezone.now


class Clock:
    """The time every `django.utils.timezone.now()` call sees once `install()` has run."""

    def __init__(self) -> None:
        self._now = START

    def now(self) -> datetime:
        """The current workbook time (an aware UTC datetime)."""
        return self._now

    def advance(self, **delta: float) -> datetime:
        """Move time forward, e.g. `clock.advance(hours=73)`, and return the new time."""
        step = timedelta(**delta)
        if step < timedelta(0):
            raise ValueError("The workbook clock only moves forward; use clock.reset() to go back to the start.")
        self._now += step
        return self._now

    def reset(self) -> None:
        """Go back to the start: Monday 5 January 2026, 09:00 UTC."""
        self._now = START

    def __repr__(self) -> str:
        return f"<workbook clock at {self._now:%Y-%m-%d %H:%M:%S} UTC>"


clock = Clock()


def _workbook_now() -> datetime:
    return clock.now()


def install_clock() -> None:
    """Route `timezone.now()`, and every model field default that is `timezone.now`, through the clock."""
    from django.apps import apps

    timezone.now = _workbook_now
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.default is _real_now:
                field.default = _workbook_now
                field.__dict__.pop("_get_default", None)  # a cached_property built from the old default
