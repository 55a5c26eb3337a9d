"""Short, deterministic text for the objects signals carry: no memory addresses, sets sorted."""

from __future__ import annotations

import datetime
import decimal
import enum
import inspect
import re
import uuid
from pathlib import PurePath
from typing import Any

from django.db import models
from django.db.models import DEFERRED
from django.http import HttpRequest
from django.template import Template
from django.utils.functional import LazyObject, empty

# A field never shown as an instance's label: its value is a secret or a hash.
SECRET_FIELD = re.compile(r"password|token|secret|key", re.IGNORECASE)
# Types whose repr is short, deterministic and runs no model or database code.
SAFE_REPR = (
    str,
    bytes,
    int,
    float,
    complex,
    bool,
    type(None),
    decimal.Decimal,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    uuid.UUID,
    enum.Enum,
    PurePath,
    HttpRequest,
    Template,
)


def model_label(model: type) -> str:
    """`Task`, or `Task_assigned_to` for an auto-created through model."""
    return model.__name__


def describe_sender(sender: Any) -> str:
    """A class by name, None as 'None', anything else as `short()` says: the table and the diagram both use it."""
    if sender is None:
        return "None"
    if inspect.isclass(sender):
        return sender.__name__
    return short(sender)


def describe_instance(instance: Any) -> str:
    """`<Task pk=1: Write report>` from what is already in memory: the class, the pk and one loaded text field.

    Never `str(instance)`, a related descriptor or a deferred field: each may run a query and build another
    instance (with its own pre_init/post_init), so describing would change what is being traced.
    """
    instance = _unwrap_lazy(instance)
    if not isinstance(instance, models.Model):
        return short(instance)
    loaded = vars(instance)
    label = model_label(type(instance))
    pk = loaded.get(instance._meta.pk.attname)
    text = _label_text(instance, loaded)
    return f"<{label} pk={pk}: {text}>" if text else f"<{label} pk={pk}>"


def _label_text(instance: models.Model, loaded: dict[str, Any]) -> str:
    """The first loaded free-text field (`title`, `name`, `username`...): what `__str__` usually shows.

    Fields with choices (a status, a priority) and secrets (a password hash) are not names, so they are skipped.
    """
    for field in instance._meta.concrete_fields:
        if field.primary_key or field.is_relation or field.choices or field.attname not in loaded:
            continue
        if isinstance(field, models.CharField) and not SECRET_FIELD.search(field.name):
            value = loaded[field.attname]
            return "" if value is None else str(value)
    return ""


def _unwrap_lazy(value: Any) -> Any:
    """The object behind an evaluated `SimpleLazyObject` (`request.user`); an unevaluated one stays as it is."""
    if isinstance(value, LazyObject):
        wrapped = object.__getattribute__(value, "_wrapped")  # reading it never evaluates the object
        return value if wrapped is empty else wrapped
    return value


def short(value: Any, limit: int = 80) -> str:
    """A one-line, deterministic description of any value a signal may carry, that runs none of its code.

    Only types whose repr is known to be harmless are repr'd; anything else (a template Context, a form, a
    manager) shows as `<TypeName>`, since its repr may evaluate a QuerySet or call a model's `__str__`.
    """
    if isinstance(value, LazyObject):
        unwrapped = _unwrap_lazy(value)
        return f"<{type(value).__name__}>" if unwrapped is value else short(unwrapped, limit)
    if isinstance(value, models.Model):
        return describe_instance(value)
    if isinstance(value, models.QuerySet):
        return f"QuerySet<{value.model.__name__}>"
    if inspect.isclass(value):
        return value.__name__
    if isinstance(value, set | frozenset):
        items = ", ".join(short(v) for v in sorted(value, key=_sort_key))
        return "{" + items + "}" if value else "set()"
    if isinstance(value, list | tuple):
        inner = ", ".join(short(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {short(v)}" for k, v in value.items()) + "}"
    if isinstance(value, BaseException):
        return f"{type(value).__name__}({str(value)!r})"
    if isinstance(value, SAFE_REPR) or value is DEFERRED:
        text = repr(value)
    elif callable(value) and hasattr(value, "__qualname__"):
        return value.__qualname__
    else:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _sort_key(value: Any) -> tuple[str, str]:
    """Sort a set's items by type and value without calling any model code."""
    return (type(value).__name__, repr(value) if isinstance(value, SAFE_REPR) else short(value))


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
