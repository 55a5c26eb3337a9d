"""Fixtures for the users app's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.cache import cache
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tutorial_project.users.tokens import activation_token_generator

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def fresh_throttles() -> Iterator[None]:
    """Every test starts with no counted sign-in failures or emails (the throttles count in the cache)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db: None) -> Callable[..., AbstractUser]:
    """Create a user (inactive unless told otherwise) with the password PASSWORD."""

    def make(username: str = "ada", email: str = "ada@example.com", is_active: bool = False) -> AbstractUser:
        return get_user_model().objects.create_user(username, email, PASSWORD, is_active=is_active)

    return make


@pytest.fixture
def inactive_user(make_user: Callable[..., AbstractUser]) -> AbstractUser:
    """A user who signed up and has not activated yet."""
    return make_user()


def activation_path(user: Any, token: str | None = None) -> str:
    """The activate URL for `user`, with a fresh token unless one is given."""
    token = token if token is not None else activation_token_generator.make_token(user)
    return reverse("users:activate", kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token})
