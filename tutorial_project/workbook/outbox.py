"""`outbox()`: the emails sent so far (Django's locmem backend keeps them in `mail.outbox`)."""

from __future__ import annotations

from django.core import mail

from tutorial_project.workbook.guidance import WorkbookError, require_setup
from tutorial_project.workbook.tables import Table


class Outbox:
    """Call it to see the sent emails as a table; `outbox.clear()` empties it."""

    def __call__(self, lines: int = 3) -> Table:
        """A table of the sent emails: recipients, subject and the first `lines` lines of the body."""
        require_setup()
        messages = getattr(mail, "outbox", [])
        rows = [
            [str(number), ", ".join(m.to), m.subject, "\n".join(m.body.strip().splitlines()[:lines])]
            for number, m in enumerate(messages, start=1)
        ]
        caption = f"outbox: {len(messages)} email(s)"
        return Table(["#", "to", "subject", "body (first lines)"], rows, caption)

    def clear(self) -> None:
        """Forget every email sent so far."""
        mail.outbox = []

    def __len__(self) -> int:
        return len(getattr(mail, "outbox", []))

    def __repr__(self) -> str:
        try:
            return repr(self())
        except WorkbookError as error:
            return str(error)


outbox = Outbox()
