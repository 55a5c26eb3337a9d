"""Validators for the tasks app's fields."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError

# Control characters (Cc: tab, CR, LF, vertical tab, form feed, \x1c-\x1f, \x85 ...) and the Unicode line and
# paragraph separators: every character str.splitlines() breaks at, which an email subject would break at too.
FORBIDDEN_CATEGORIES = {"Cc", "Zl", "Zp"}


def single_line(value: str) -> None:
    """Refuse text with a line break or another control character: a title goes into email subjects."""
    bad = sorted({char for char in value if unicodedata.category(char) in FORBIDDEN_CATEGORIES})
    if bad:
        shown = ", ".join(repr(char) for char in bad)
        raise ValidationError(
            "Write the title on one line, without control characters (found %(chars)s).",
            code="single_line",
            params={"chars": shown},
        )
