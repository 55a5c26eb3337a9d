"""Recording: while a `Recording` is open, every signal sent, the receivers Django calls and what they return.

`Signal.send` (and `send_robust`, `asend`, `asend_robust`) are wrapped so each send is recorded, and the
receivers Django is about to call are wrapped so each call's result or exception is recorded too. Which
receivers run, and in what order, is unchanged: Django still chooses them, every time a signal is sent, so
receivers connected or disconnected while a recording is open behave exactly as without it. Nothing here
displays anything; the renderers (`trace_table.py`, `sequence.py`) read a finished recording.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from django.db import connections
from django.dispatch import Signal

from tutorial_project.workbook.events import Call, Event, MailEvent, SignalEvent, SqlEvent
from tutorial_project.workbook.formatting import describe_sender
from tutorial_project.workbook.signal_names import signal_name

# Signals a recording leaves out unless asked: they fill a trace without teaching much. Option name → signals.
NOISY_SIGNALS: dict[str, tuple[str, ...]] = {
    "init": ("pre_init", "post_init"),
    "templates": ("template_rendered",),
}


class Recording:
    """Records the signals sent while it is open (`with`), filtered by signal, sender and the noisy kinds."""

    def __init__(
        self,
        label: str = "",
        *,
        signals: Iterable[Signal | str] | None = None,
        senders: Iterable[Any] | None = None,
        init: bool = False,
        templates: bool = False,
        sql: bool = False,
        mail: bool = True,
    ) -> None:
        self.label = label
        self._signals = None if signals is None else {s if isinstance(s, str) else signal_name(s) for s in signals}
        self._senders = None if senders is None else [s if isinstance(s, str) else describe_sender(s) for s in senders]
        self.init = init
        self.templates = templates
        self.sql = sql
        self.mail = mail
        self.events: list[Event] = []
        # ("signal", event) / ("call", (event, call)) / ("return", (event, call)) / ("sql", event) / ("mail", event)
        self.timeline: list[tuple[str, Any]] = []
        self.hidden: Counter[str] = Counter()  # option name → how many signals it left out
        self._captures = ExitStack()

    def __enter__(self) -> Recording:
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

    @property
    def hidden_init(self) -> int:
        """How many pre_init/post_init signals were left out (trace(init=True) shows them)."""
        return self.hidden["init"]

    def accepts(self, name: str, sender: Any) -> bool:
        """Whether a signal of this name and sender belongs in this recording (counting the noisy ones left out)."""
        if self._signals is not None and name not in self._signals:
            return False
        if self._senders is not None and describe_sender(sender) not in self._senders:
            return False
        for option, names in NOISY_SIGNALS.items():
            if name in names and not getattr(self, option):
                self.hidden[option] += 1
                return False
        return True

    def add(self, event: Event) -> None:
        """Append an event, in the order it happened."""
        self.events.append(event)
        self.timeline.append((event.kind, event))

    @property
    def signals(self) -> list[SignalEvent]:
        """Only the signal events, in the order they were sent."""
        return [e for e in self.events if isinstance(e, SignalEvent)]

    def names(self) -> list[str]:
        """`['pre_save Task', 'post_save Task', ...]`: the order in one list, handy for asserting."""
        return [e.label() for e in self.signals]


# -- the patches ------------------------------------------------------------------------------------------
_open: list[Recording] = []
_stack: list[list[tuple[Recording, SignalEvent]]] = []  # one entry per send in progress
_originals: dict[str, Any] = {}
Recorded = list[tuple[Recording, SignalEvent]]


def _record(signal: Signal, sender: Any, named: dict[str, Any], method: str) -> Recorded:
    name = signal_name(signal)
    recorded = []
    for recording in _open:
        if recording.accepts(name, sender):
            event = SignalEvent(signal, name, sender, dict(named), depth=len(_stack) + 1, method=method)
            event.describe()
            recording.add(event)
            recorded.append((recording, event))
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
            # Receivers are chosen before the first await, while this send is on top of the stack.
            responses = await original(self, sender, **named)
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


def _start_calls(receiver: Any, recorded: Recorded) -> list[Call]:
    calls = []
    for recording, event in recorded:
        call = Call(receiver)
        event.calls.append(call)
        recording.timeline.append(("call", (event, call)))
        calls.append(call)
    return calls


def _finish_calls(calls: list[Call], recorded: Recorded, result: Any, error: Any) -> None:
    for call, (recording, event) in zip(calls, recorded, strict=True):
        call.result, call.error, call.finished = result, error, True
        recording.timeline.append(("return", (event, call)))


def _wrap_sync(receiver: Any, recorded: Recorded) -> Any:
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


def _wrap_async(receiver: Any, recorded: Recorded) -> Any:
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
def _capture_sql(recording: Recording) -> Iterator[None]:
    connection = connections["default"]

    def hook(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        recording.add(SqlEvent(sql, params, _depth()))
        return execute(sql, params, many, context)

    originals = {name: getattr(connection, name) for name in ("commit", "rollback")}
    shadowed = {name: vars(connection).get(name) for name in originals}  # set by an enclosing recording

    def transaction_end(name: str) -> Callable[[], None]:
        def end() -> None:
            recording.add(SqlEvent(name.upper(), None, _depth()))
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
def _capture_mail(recording: Recording) -> Iterator[None]:
    from django.core.mail.backends import locmem

    backend = locmem.EmailBackend
    original = backend.send_messages

    def send_messages(self: Any, messages: Any) -> int:
        count = original(self, messages)
        for message in messages:
            recording.add(MailEvent(list(message.to), message.subject, _depth()))
        return count

    backend.send_messages = send_messages
    try:
        yield
    finally:
        backend.send_messages = original


def close_open_recordings() -> None:
    """Forget recordings left open (a cell interrupted mid-way) and restore Django's own Signal methods."""
    _open.clear()
    _stack.clear()
    if _originals:
        _uninstall()
