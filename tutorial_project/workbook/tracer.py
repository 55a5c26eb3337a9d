"""`trace()`: record every signal sent while a `with` block runs, which receivers ran and what they returned.

While a trace is open, `Signal.send` (and `send_robust`, `asend`, `asend_robust`) are wrapped so each send is
recorded, and the receivers Django is about to call are wrapped so each call's result or exception is
recorded too. Which receivers run, and in what order, is unchanged: Django still chooses them.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.dispatch import Signal

from tutorial_project.workbook.formatting import describe_instance, describe_sender, short, short_receiver_name
from tutorial_project.workbook.signal_names import signal_name
from tutorial_project.workbook.tables import Table

INIT_SIGNALS = ("pre_init", "post_init")
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
}
HIDDEN_KEYS = ("signal", "sender", "instance", "using")
_sequence = itertools.count()


@dataclass
class Call:
    """One receiver called for one signal: its result, or the exception it raised."""

    receiver: Callable[..., Any]
    result: Any = None
    error: BaseException | None = None
    finished: bool = False

    @property
    def name(self) -> str:
        return short_receiver_name(self.receiver)

    def outcome(self) -> str:
        if self.error is not None:
            return f"{self.name} raised {short(self.error)}"
        if not self.finished:
            return f"{self.name} (did not finish)"
        return f"{self.name} → {short(self.result)}"


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
        return self.kwargs.get("instance", self.kwargs.get("user"))

    def details(self) -> str:
        keys = DETAIL_KEYS.get(self.name)
        if keys is None:
            keys = tuple(k for k in self.kwargs if k not in HIDDEN_KEYS and k != "user")
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
        return f"{self.name} {describe_sender(self.sender)}"


@dataclass
class SqlEvent:
    """One SQL statement the default database ran while the trace was open."""

    sql: str
    params: Any
    depth: int
    kind = "sql"

    def text(self, limit: int = 100) -> str:
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


class Trace:
    """`with trace(...) as t:` records the signals sent inside the block; `t` shows them as a numbered table.

    signals/senders: record only these (objects or names); init: include pre_init/post_init (noisy);
    sql: include the SQL statements, COMMIT and ROLLBACK in between; mail: include the emails sent.
    """

    def __init__(
        self,
        label: str = "",
        *,
        signals: Iterable[Signal | str] | None = None,
        senders: Iterable[Any] | None = None,
        init: bool = False,
        sql: bool = False,
        mail: bool = True,
    ) -> None:
        self.label = label
        self._signals = None if signals is None else {s if isinstance(s, str) else signal_name(s) for s in signals}
        self._senders = None if senders is None else [s if isinstance(s, str) else describe_sender(s) for s in senders]
        self.init = init
        self.sql = sql
        self.mail = mail
        self.events: list[Event] = []
        self.timeline: list[tuple[str, Any]] = []  # ("send", event) / ("call", call) / ("return", call) / ...
        self.hidden_init = 0
        self._captures = ExitStack()

    def __enter__(self) -> Trace:
        if not _open:
            _install()
        _open.append(self)
        if self.sql:
            self._captures.enter_context(_capture_sql(self))
        if self.mail:
            self._captures.enter_context(_capture_mail(self))
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self._captures.close()
        finally:
            _open.remove(self)
            if not _open:
                _uninstall()

    # -- recording ----------------------------------------------------------------------------------------
    def accepts(self, name: str, sender: Any) -> bool:
        if self._signals is not None and name not in self._signals:
            return False
        if self._senders is not None and describe_sender(sender) not in self._senders:
            return False
        if not self.init and name in INIT_SIGNALS:
            self.hidden_init += 1
            return False
        return True

    def add(self, event: Event) -> None:
        self.events.append(event)
        self.timeline.append((event.kind, event))

    # -- plain data for assertions ------------------------------------------------------------------------
    @property
    def signals(self) -> list[SignalEvent]:
        """Only the signal events, in the order they were sent."""
        return [e for e in self.events if isinstance(e, SignalEvent)]

    def names(self) -> list[str]:
        """`['pre_save Task', 'post_save Task', ...]`: the order in one list, handy for asserting."""
        return [e.label() for e in self.signals]

    # -- display ------------------------------------------------------------------------------------------
    def table(self) -> Table:
        rows = []
        for number, event in enumerate(self.events, start=1):
            indent = "  " * max(event.depth - 1, 0)
            if isinstance(event, SignalEvent):
                receivers = "\n".join(call.outcome() for call in event.calls) or "(no receivers)"
                rows.append(
                    [
                        str(number),
                        indent + event.name,
                        describe_sender(event.sender),
                        event.instance_text,
                        event.details_text,
                        receivers,
                    ]
                )
            elif isinstance(event, SqlEvent):
                rows.append([str(number), indent + "SQL", "", "", event.text(), ""])
            else:
                rows.append([str(number), indent + "email", "", "", f"to {', '.join(event.to)}: {event.subject}", ""])
        footnote = ""
        if self.hidden_init:
            footnote = f"{self.hidden_init} pre_init/post_init signal(s) hidden; trace(init=True) shows them."
        caption = f"trace: {self.label}" if self.label else ""
        return Table(["#", "signal", "sender", "instance", "arguments", "receivers → result"], rows, caption, footnote)

    def __repr__(self) -> str:
        return repr(self.table())

    def _repr_html_(self) -> str:
        return self.table()._repr_html_()

    def diagram(self) -> Any:
        """This trace as a Mermaid sequence diagram (renders in JupyterLab 4 and Notebook 7)."""
        from tutorial_project.workbook.diagrams import sequence_diagram

        return sequence_diagram(self)


# -- the patches ------------------------------------------------------------------------------------------
_open: list[Trace] = []
_stack: list[list[tuple[Trace, SignalEvent]]] = []  # one entry per send in progress
_originals: dict[str, Any] = {}


def _record(signal: Signal, sender: Any, named: dict[str, Any], method: str) -> list[tuple[Trace, SignalEvent]]:
    name = signal_name(signal)
    recorded = []
    for tr in _open:
        if tr.accepts(name, sender):
            event = SignalEvent(signal, name, sender, dict(named), depth=len(_stack) + 1, method=method)
            event.instance_text = describe_instance(event.instance) if event.instance is not None else ""
            event.details_text = event.details()
            tr.add(event)
            recorded.append((tr, event))
    return recorded


def _unwrap(receiver: Any) -> Any:
    return getattr(receiver, "_workbook_receiver", receiver)


def _patch_send(method: str) -> Callable[..., Any]:
    original = getattr(Signal, method)

    @functools.wraps(original)
    def send(self: Signal, sender: Any, **named: Any) -> Any:
        _stack.append(_record(self, sender, named, method))
        try:
            responses = original(self, sender, **named)
        finally:
            _stack.pop()
        return [(_unwrap(r), response) for r, response in responses]

    return send


def _patch_asend(method: str) -> Callable[..., Any]:
    original = getattr(Signal, method)

    @functools.wraps(original)
    async def asend(self: Signal, sender: Any, **named: Any) -> Any:
        _stack.append(_record(self, sender, named, method))
        try:
            coroutine = original(self, sender, **named)
            # Receivers are chosen before the first await, while this send is on top of the stack.
            responses = await coroutine
        finally:
            _stack.pop()
        return [(_unwrap(r), response) for r, response in responses]

    return asend


def _live_receivers(self: Signal, sender: Any) -> tuple[list[Any], list[Any]]:
    sync_receivers, async_receivers = _originals["_live_receivers"](self, sender)
    if not _stack or not _stack[-1]:
        return sync_receivers, async_receivers
    recorded = _stack[-1]
    return [_wrap_sync(r, recorded) for r in sync_receivers], [_wrap_async(r, recorded) for r in async_receivers]


def _start_calls(receiver: Any, recorded: list[tuple[Trace, SignalEvent]]) -> list[Call]:
    calls = []
    for tr, event in recorded:
        call = Call(receiver)
        event.calls.append(call)
        tr.timeline.append(("call", (event, call)))
        calls.append(call)
    return calls


def _finish_calls(calls: list[Call], recorded: list[tuple[Trace, SignalEvent]], result: Any, error: Any) -> None:
    for call, (tr, event) in zip(calls, recorded, strict=True):
        call.result, call.error, call.finished = result, error, True
        tr.timeline.append(("return", (event, call)))


def _wrap_sync(receiver: Any, recorded: list[tuple[Trace, SignalEvent]]) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls = _start_calls(receiver, recorded)
        try:
            result = receiver(*args, **kwargs)
        except BaseException as exc:
            _finish_calls(calls, recorded, None, exc)
            raise
        _finish_calls(calls, recorded, result, None)
        return result

    return _mark(wrapper, receiver)


def _wrap_async(receiver: Any, recorded: list[tuple[Trace, SignalEvent]]) -> Any:
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls = _start_calls(receiver, recorded)
        try:
            result = await receiver(*args, **kwargs)
        except BaseException as exc:
            _finish_calls(calls, recorded, None, exc)
            raise
        _finish_calls(calls, recorded, result, None)
        return result

    return _mark(wrapper, receiver)


def _mark(wrapper: Any, receiver: Any) -> Any:
    for attr in ("__module__", "__name__", "__qualname__", "__doc__"):
        try:
            setattr(wrapper, attr, getattr(receiver, attr))
        except (AttributeError, TypeError):
            pass
    wrapper._workbook_receiver = receiver
    return wrapper


def _install() -> None:
    for method in ("send", "send_robust"):
        _originals[method] = getattr(Signal, method)
        setattr(Signal, method, _patch_send(method))
    for method in ("asend", "asend_robust"):
        _originals[method] = getattr(Signal, method)
        setattr(Signal, method, _patch_asend(method))
    _originals["_live_receivers"] = Signal._live_receivers
    Signal._live_receivers = _live_receivers


def _uninstall() -> None:
    for method, original in _originals.items():
        setattr(Signal, method, original)
    _originals.clear()


def _depth() -> int:
    return len(_stack) + 1


@contextmanager
def _capture_sql(tr: Trace) -> Iterator[None]:
    connection = connections["default"]

    def hook(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        tr.add(SqlEvent(sql, params, _depth()))
        return execute(sql, params, many, context)

    originals = {name: getattr(connection, name) for name in ("commit", "rollback")}
    shadowed = {name: vars(connection).get(name) for name in originals}  # set by an enclosing trace

    def transaction_end(name: str) -> Callable[[], None]:
        def end() -> None:
            tr.add(SqlEvent(name.upper(), None, _depth()))
            originals[name]()

        return end

    for name in originals:
        setattr(connection, name, transaction_end(name))
    try:
        with connection.execute_wrapper(hook):
            yield
    finally:
        for name, previous in shadowed.items():
            if previous is None:
                delattr(connection, name)
            else:
                setattr(connection, name, previous)


@contextmanager
def _capture_mail(tr: Trace) -> Iterator[None]:
    from django.core.mail.backends import locmem

    backend = locmem.EmailBackend
    original = backend.send_messages

    def send_messages(self: Any, messages: Any) -> int:
        count = original(self, messages)
        for message in messages:
            tr.add(MailEvent(list(message.to), message.subject, _depth()))
        return count

    backend.send_messages = send_messages
    try:
        yield
    finally:
        backend.send_messages = original


# `with trace(...) as t:` reads better in a notebook than a class name.
trace = Trace


def close_open_traces() -> None:
    """Forget traces left open (a cell interrupted mid-way) and restore Django's own Signal methods."""
    _open.clear()
    _stack.clear()
    if _originals:
        _uninstall()
