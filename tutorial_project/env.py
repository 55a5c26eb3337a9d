"""Read settings from the environment and `.env` with python-decouple, failing with clear messages.

Precedence is python-decouple's: a variable in the process environment wins over `.env`, which wins over
the default given in settings.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from decouple import Config, RepositoryEmpty, RepositoryEnv, Undefined, UndefinedValueError, undefined

ENV_FILE_VARIABLE = "DJANGO_ENV_FILE"


class SettingsError(Exception):
    """A setting is missing or malformed; the message names the variable and says how to fix it.

    It is deliberately not ImproperlyConfigured: `manage.py` swallows that one while loading settings and
    then fails later with a less helpful message.
    """


def env_file(base_dir: Path) -> Path:
    """The `.env` to read: `$DJANGO_ENV_FILE` if set (tests and notebooks point it away), else BASE_DIR/.env."""
    return Path(os.environ.get(ENV_FILE_VARIABLE) or base_dir / ".env")


def load_config(path: Path) -> Config:
    """A decouple Config over `path`, or over nothing when the file does not exist."""
    if path.is_file():
        return Config(RepositoryEnv(str(path)))
    return Config(RepositoryEmpty())


_KINDS = {bool: "true/false value", int: "whole number"}


def read(
    config: Config, name: str, default: Any = undefined, cast: Callable[[Any], Any] | Undefined = undefined
) -> Any:
    """`config(name, default, cast)`, turning decouple's bare errors into a SettingsError naming the variable."""
    try:
        return config(name, default=default, cast=cast)
    except ValueError as exc:
        raw = os.environ.get(name, None)
        if raw is None and name in config.repository:
            raw = config.repository[name]
        kind = _KINDS.get(cast, "value")  # type: ignore[arg-type]
        examples = " (use True or False)" if cast is bool else ""
        raise SettingsError(f"{name}={raw!r} is not a valid {kind}{examples}.") from exc
    except UndefinedValueError as exc:
        raise SettingsError(f"{name} is not set: add it to .env (see .env.example).") from exc


def require(value: Any, name: str, reason: str) -> Any:
    """Return `value`, or stop start-up with a message naming `name` when it is empty."""
    if not value:
        raise SettingsError(f"{name} must be set {reason} (see .env.example).")
    return value
