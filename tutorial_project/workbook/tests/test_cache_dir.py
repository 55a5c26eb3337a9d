"""The migrated template lives in a per-user cache outside the repository, so a read-only install works."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tutorial_project.workbook import database
from tutorial_project.workbook.bootstrap import REPO_ROOT


def test_the_cache_is_outside_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(database.CACHE_ENV, raising=False)
    assert REPO_ROOT not in database.cache_dir().parents


def test_workbook_cache_dir_chooses_the_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(database.CACHE_ENV, str(tmp_path / "cache"))
    assert database.cache_dir() == tmp_path / "cache"


def test_a_new_cache_folder_is_private_to_its_owner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(database.CACHE_ENV, str(tmp_path / "cache"))
    assert stat.S_IMODE(database.cache_dir().stat().st_mode) & 0o077 == 0


@pytest.mark.skipif(os.getuid() == 0, reason="root can write anywhere, so a read-only folder cannot be shown")
def test_an_unwritable_cache_folder_falls_back_to_the_next(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv(database.CACHE_ENV, str(locked / "cache"))
    assert database.cache_dir() != locked / "cache"


def test_a_folder_owned_by_someone_else_is_not_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(database.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(database, "_owned_by_me", lambda path: path != tmp_path)
    assert database.cache_dir() != tmp_path
