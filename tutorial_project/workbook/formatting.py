"""Short, deterministic text for the objects signals carry: no memory addresses, sets sorted."""

from __future__ import annotations

import inspect
import re
from typing import Any

from django.db import models


def model_label(model: type) -> str:
    """`Task`, or `Task_assigned_to` for an auto-created through model."""
    return model.__name__


def describe_sender(sender: Any) -> str:
    """A model class by name, any other class by name, None as 'None', anything else by its repr."""
    if sender is None:
        return "None"
    if inspect.isclass(sender):
        return sender.__name__
    return short(sender)


def describe_instance(instance: Any) -> str:
    """`<Task pk=1: Write report>`; the pk shows whether the row exists yet."""
    if isinstance(instance, models.Model):
        label = model_label(type(instance))
        # str() may read a deferred field (only()/defer()), which runs a query and builds one more instance:
        # describing must never change what is being traced, nor recurse through a post_init receiver.
        if instance.get_deferred_fields():
            return f"<{label} pk={instance.pk} (deferred fields)>"
        text = str(instance)
        default = f"{label} object ({instance.pk})"
        return f"<{label} pk={instance.pk}>" if text == default else f"<{label} pk={instance.pk}: {text}>"
    return short(instance)


def short(value: Any, limit: int = 80) -> str:
    """A one-line, deterministic description of any value a signal may carry."""
    if isinstance(value, models.Model):
        return describe_instance(value)
    if isinstance(value, models.QuerySet):
        return f"QuerySet<{value.model.__name__}>"
    if inspect.isclass(value):
        return value.__name__
    if isinstance(value, set | frozenset):
        items = ", ".join(short(v) for v in sorted(value, key=repr))
        return "{" + items + "}" if value else "set()"
    if isinstance(value, list | tuple):
        inner = ", ".join(short(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {short(v)}" for k, v in value.items()) + "}"
    if isinstance(value, BaseException):
        return f"{type(value).__name__}({str(value)!r})"
    if callable(value) and hasattr(value, "__qualname__"):
        return value.__qualname__
    text = repr(value)
    if " at 0x" in text or " object at " in text:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def receiver_name(func: Any) -> str:
    """`module.qualname` of a receiver; just the qualname for one defined in a notebook cell."""
    func = getattr(func, "__func__", func)
    module = getattr(func, "__module__", None) or ""
    qualname = getattr(func, "__qualname__", None) or type(func).__qualname__
    if module in ("__main__", "builtins") or not module:
        return qualname
    return f"{module}.{qualname}"


def short_receiver_name(func: Any) -> str:
    """A receiver's qualified name without its module: `email_new_assignees`, `Handler.on_save`."""
    func = getattr(func, "__func__", func)
    qualname = getattr(func, "__qualname__", None) or type(func).__qualname__
    return qualname.rsplit("<locals>.", 1)[-1]  # a function defined inside another: its own name


# "<timestamp in base 36>-<32 hex digits>": the shape of activation and password-reset tokens.
TOKEN = re.compile(r"\b[0-9a-z]+-[0-9a-f]{32}\b")


def hide_tokens(text: str) -> str:
    """Replace every token in `text` with <token>: a token hashes a salted password, so it differs on every run."""
    return TOKEN.sub("<token>", text)
