"""What a trace records: signals sent (with the receivers that ran), SQL statements and emails, described as text.

Every description is made from what is already in memory when the event happens (see `formatting.py`), so
recording an event never runs model code, a query or a signal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.dispatch import Signal

from tutorial_project.workbook.formatting import describe_sender, short, short_receiver_name

# What the table shows for each signal; `event.kwargs` always holds everything.
DETAIL_KEYS: dict[str, tuple[str, ...]] = {
    "pre_init": ("args", "kwargs"),
    "post_init": (),
    "pre_save": ("raw", "update_fields"),
    "post_save": ("created", "raw", "update_fields"),
    "pre_delete": ("origin",),
    "post_delete": ("origin",),
    "m2m_changed": ("action", "reverse", "model", "pk_set", "raw"),
    "request_started": ("environ",),
    "request_finished": (),
    # The context holds the view's objects (QuerySets among them): describing it could run queries.
    "template_rendered": ("template",),
}
HIDDEN_KEYS = ("signal", "sender", "instance", "using", "user")


@dataclass
class Call:
    """One receiver called for one signal: its result, or the exception it raised."""

    receiver: Callable[..., Any]
    result: Any = None
    error: BaseException | None = None
    finished: bool = False

    @property
    def name(self) -> str:
        """The receiver's name without its module: `email_new_assignees`."""
        return short_receiver_name(self.receiver)

    def result_text(self) -> str:
        """`→ None`, `raised ValueError('no')` or `(did not finish)`."""
        if self.error is not None:
            return f"raised {short(self.error)}"
        if not self.finished:
            return "(did not finish)"
        return f"→ {short(self.result)}"

    def outcome(self) -> str:
        """`email_new_assignees → None`: the receiver and what it gave back."""
        return f"{self.name} {self.result_text()}"


@dataclass
class SignalEvent:
    """A signal sent: by whom, about which instance, with which arguments, and the receivers that ran."""

    signal: Signal
    name: str
    sender: Any
    kwargs: dict[str, Any]
    depth: int
    method: str = "send"
    calls: list[Call] = field(default_factory=list)
    # Described when sent: the instance changes afterwards (an INSERT gives it a pk).
    instance_text: str = ""
    details_text: str = ""

    kind = "signal"

    @property
    def instance(self) -> Any:
        """The model instance (or user) the signal is about, if any."""
        return self.kwargs.get("instance", self.kwargs.get("user"))

    def describe(self) -> None:
        """Fill in the texts that must reflect the moment of sending."""
        self.instance_text = short(self.instance) if self.instance is not None else ""
        self.details_text = self.details()

    def details(self) -> str:
        """The arguments that matter for this signal, as `key=value` text."""
        keys = DETAIL_KEYS.get(self.name)
        if keys is None:
            keys = tuple(k for k in self.kwargs if k not in HIDDEN_KEYS)
        parts = []
        for key in keys:
            if key not in self.kwargs:
                continue
            value = self.kwargs[key]
            if key == "environ":
                parts.append(f"{value.get('REQUEST_METHOD', '')} {value.get('PATH_INFO', '')}".strip())
            else:
                parts.append(f"{key}={short(value)}")
        return ", ".join(parts)

    def label(self) -> str:
        """`post_save Task`: the signal and its sender, as the table, the diagram and `names()` write them."""
        return f"{self.name} {describe_sender(self.sender)}"


@dataclass
class SqlEvent:
    """One SQL statement the default database ran while the trace was open."""

    sql: str
    params: Any
    depth: int
    kind = "sql"

    def text(self, limit: int = 100) -> str:
        """The statement on one line with its parameters filled in, cut at `limit` characters."""
        sql = " ".join(self.sql.split())
        if self.params and "%s" in sql and isinstance(self.params, list | tuple):
            try:
                sql = sql % tuple(_sql_literal(p) for p in self.params)
            except (TypeError, ValueError):
                pass
        return sql if len(sql) <= limit else sql[: limit - 1] + "…"

    def verb(self) -> str:
        """`INSERT tasks_task`, `SELECT tasks_employee`, `COMMIT`: the statement in two words."""
        words = self.sql.replace('"', "").split()
        if not words:
            return "SQL"
        upper = [w.upper() for w in words]
        keyword = "UPDATE" if upper[0] == "UPDATE" else "INTO" if "INTO" in upper else "FROM"
        if keyword in upper and upper.index(keyword) + 1 < len(words):
            return f"{upper[0]} {words[upper.index(keyword) + 1]}"
        return upper[0]


@dataclass
class MailEvent:
    """One email handed to the locmem backend (the notebook's outbox)."""

    to: list[str]
    subject: str
    depth: int
    kind = "mail"


def _sql_literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


Event = SignalEvent | SqlEvent | MailEvent
