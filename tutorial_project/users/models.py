"""The one thing Django's User cannot record for us: that an account has been activated."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Activation(models.Model):
    """The moment a user activated their account with an emailed link.

    `is_active` alone cannot make a link single-use: an admin who deactivates the user sets it back to False,
    which would bring every old link back to life. This row stays, and its timestamp is part of every
    activation token (see `tokens.py`), so links made before it never work again.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="activation"
    )
    activated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user} activated at {self.activated_at:%Y-%m-%d %H:%M}"
