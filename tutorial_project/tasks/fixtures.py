"""Whether a fixture is being loaded right now, for receivers that Django 5.2 gives no `raw` to."""

from __future__ import annotations

from contextvars import ContextVar

# Set by this app's `loaddata` command while it runs. On Django 5.2, loaddata sends m2m_changed without `raw`
# (6.1 adds it), so this is how the assignment receiver tells a fixture from a real assignment.
loading_fixtures: ContextVar[bool] = ContextVar("loading_fixtures", default=False)
