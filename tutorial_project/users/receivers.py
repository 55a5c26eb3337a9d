"""Receivers of the users app, connected when `UsersConfig.ready()` imports this module."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from tutorial_project.users.emails import send_activation_email_after_sign_up


@receiver(post_save, sender=get_user_model(), dispatch_uid="users.receivers.email_activation_link")
def email_activation_link(
    sender: type[AbstractBaseUser], instance: AbstractBaseUser, created: bool, raw: bool, using: str, **kwargs: Any
) -> None:
    """Email a newly created, inactive user their activation link, once the user is committed."""
    # Active users (createsuperuser, the admin's add form) need no link; raw saves are fixture loads.
    if created and not instance.is_active and not raw:
        transaction.on_commit(partial(send_activation_email_after_sign_up, instance), using=using)
