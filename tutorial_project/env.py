"""Read settings from the environment and `.env` with python-decouple, failing with clear messages.

Precedence is python-decouple's: a variable in the process environment wins over `.env`, which wins over
the default given in settings.py. The `.env` file itself is parsed here rather than by decouple's
RepositoryEnv, which keeps a byte-order mark in the first name, `export ` in front of names and inline
comments inside values, and so silently ignored settings such as `DEBUG=False`.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from decouple import Config, RepositoryEmpty, Undefined, UndefinedValueError, undefined

ENV_FILE_VARIABLE = "DJANGO_ENV_FILE"


class SettingsError(Exception):
    """A setting is missing or malformed; the message names the variable and says how to fix it.

    It is deliberately not ImproperlyConfigured: `manage.py` swallows that one while loading settings and
    then fails later with a less helpful message.
    """


class EnvFile(RepositoryEmpty):
    """The variables of a `.env` file, for decouple's Config: `NAME=value` lines, `export NAME=value` too."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = parse_env_text(_read_text(path), path)

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def __getitem__(self, key: str) -> str:
        return self.data[key]


def _read_text(path: Path) -> str:
    try:
        # utf-8-sig: an editor's byte-order mark must not become part of the first variable's name.
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{path} is not UTF-8 text: save it as UTF-8 (without other encodings).") from exc


def parse_env_text(text: str, path: Path | str = ".env") -> dict[str, str]:
    """The NAME=value pairs of a `.env` text; `export`, quotes and ` # comments` are handled as a shell would."""
    data: dict[str, str] = {}
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :].lstrip()
        name, equals, value = line.partition("=")
        name = name.strip()
        if not equals or not name.isidentifier():
            raise SettingsError(f"{path}, line {number}: {raw_line.strip()!r} is not a NAME=value line.")
        data[name] = _value(value.strip())
    return data


def _value(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    # As in a shell, `#` starts a comment only after whitespace, so `#` inside a secret key stays.
    for index, char in enumerate(value):
        if char == "#" and index and value[index - 1].isspace():
            return value[:index].rstrip()
    return value


def env_file(base_dir: Path) -> Path:
    """The `.env` to read: `$DJANGO_ENV_FILE` if set (tests and notebooks point it away), else BASE_DIR/.env."""
    return Path(os.environ.get(ENV_FILE_VARIABLE) or base_dir / ".env")


def load_config(path: Path) -> Config:
    """A decouple Config over `path`; over nothing when it is the null device or the default `.env` is absent.

    A `DJANGO_ENV_FILE` that names a missing file stops start-up: silently using the defaults would mean
    DEBUG=True with the development key.
    """
    if path.is_file():
        return Config(EnvFile(path))
    named = os.environ.get(ENV_FILE_VARIABLE)
    if named and Path(named) == path and named != os.devnull:
        raise SettingsError(f"{ENV_FILE_VARIABLE}={str(path)!r} names no file.")
    return Config(RepositoryEmpty())


_KINDS = {bool: "true/false value", int: "whole number"}


def read(
    config: Config, name: str, default: Any = undefined, cast: Callable[[Any], Any] | Undefined = undefined
) -> Any:
    """`config(name, default, cast)`, turning decouple's bare errors into a SettingsError naming the variable."""
    names_read(config).add(name)
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


def read_following_debug(
    config: Config, name: str, debug: bool, development: Any, production: Any, cast: Callable[[Any], Any]
) -> Any:
    """`name` from the environment or `.env`; when unset or empty, `development` or `production` as DEBUG says."""
    if read(config, name, default="") == "":
        return development if debug else production
    return read(config, name, cast=cast)


def check(ok: bool, name: str, value: Any, expected: str) -> None:
    """Stop start-up naming `name` and its `value` unless `ok`: `expected` says what a good value looks like."""
    if not ok:
        raise SettingsError(f"{name}={str(value)!r} is not valid: {expected}.")


def is_web_address(url: str) -> bool:
    """True for an absolute http(s) address with a host, such as `http://localhost:8000`."""
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.hostname)


def names_read(config: Config) -> set[str]:
    """The names `read()` has looked up in `config` so far."""
    return config.__dict__.setdefault("names_read", set())


def reject_unknown_names(config: Config) -> None:
    """Stop start-up if `.env` sets a variable settings.py never read (a typo such as `DEBGU` or `debug`)."""
    repository = config.repository
    names = repository.data if isinstance(repository, EnvFile) else {}
    known = sorted(names_read(config))
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name.upper(), known, n=1)
            hint = f" Did you mean {close[0]}?" if close else " See .env.example for the variables it may set."
            raise SettingsError(f"{repository.path} sets {name}, which is not a setting.{hint}")
