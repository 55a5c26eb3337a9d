"""A fresh, migrated, in-memory database for each notebook, copied from a cached template in milliseconds."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path

import django
from django.core.management import call_command
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

# Shared cache, so every thread of the kernel (the test client, sync_to_async) sees the same database.
MEMORY_NAME = "file:workbook?mode=memory&cache=shared"


CACHE_ENV = "WORKBOOK_CACHE_DIR"
APP_NAME = "django-signals-workbook"


def cache_dir() -> Path:
    """Where this user's migrated templates are kept: never inside the repository, which may be read-only.

    `$WORKBOOK_CACHE_DIR` if set, else the user's cache folder (`~/.cache/django-signals-workbook` on Linux),
    else a folder of this user's in the temporary directory. Each user gets their own, so students sharing one
    machine (a JupyterHub) never share or clash.
    """
    candidates = [os.environ.get(CACHE_ENV, ""), _user_cache_dir(), f"{tempfile.gettempdir()}/{APP_NAME}-{_user_id()}"]
    for candidate in filter(None, candidates):
        path = Path(candidate)
        if _writable_dir(path):
            return path
    raise PermissionError(f"No writable folder for the workbook's cache; set {CACHE_ENV} to one you can write to.")


def _user_cache_dir() -> str:
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # platformdirs comes with Jupyter; a bare environment falls back to the temp folder
        return ""
    return user_cache_dir(APP_NAME, appauthor=False)


def _user_id() -> str:
    return str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")


def _writable_dir(path: Path) -> bool:
    """Create the folder (private to its owner) if needed; True if this user can write there."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK) and _owned_by_me(path)


def _owned_by_me(path: Path) -> bool:
    """A shared temp folder made by another user could be swapped under us; only our own folder is trusted."""
    return not hasattr(os, "getuid") or path.stat().st_uid == os.getuid()


def migrations_fingerprint() -> str:
    """A hash of Django's version and every installed app's migration files: a new one needs a new template."""
    from django.apps import apps

    digest = hashlib.sha256(django.__version__.encode())
    for app in sorted(apps.get_app_configs(), key=lambda a: a.label):
        for path in sorted(Path(app.path, "migrations").glob("*.py")):
            digest.update(f"{app.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def template_path() -> Path:
    """The migrated template for the current migrations, built on first use."""
    path = cache_dir() / f"template-{migrations_fingerprint()}.sqlite3"
    if not path.exists():
        _build_template(path)
    return path


def _build_template(path: Path) -> None:
    connection = connections["default"]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".sqlite3")
    os.close(fd)
    original_name = connection.settings_dict["NAME"]
    try:
        _close(connection)
        connection.settings_dict["NAME"] = tmp
        call_command("migrate", verbosity=0, interactive=False)
        _close(connection)
        os.replace(tmp, path)  # atomic: two kernels building at once both end with a whole file
    finally:
        connection.settings_dict["NAME"] = original_name
        if os.path.exists(tmp):
            os.remove(tmp)


def _close(connection: BaseDatabaseWrapper) -> None:
    """Really close the connection (SQLite's close() keeps in-memory databases open) and forget any transaction."""
    if connection.connection is not None:
        connection.connection.close()
    connection.connection = None
    connection.in_atomic_block = False
    connection.savepoint_ids = []
    connection.atomic_blocks = []
    connection.needs_rollback = False
    connection.closed_in_transaction = False
    connection.run_on_commit = []
    connection.queries_log.clear()


def reset_database() -> None:
    """Point the default database at a fresh in-memory copy of the migrated template."""
    from django.contrib.contenttypes.models import ContentType

    template = template_path()
    connection = connections["default"]
    _close(connection)
    connection.settings_dict["NAME"] = MEMORY_NAME
    connection.ensure_connection()
    source = sqlite3.connect(template)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    ContentType.objects.clear_cache()
