"""Turn an activation link into the user it activates, or into the named reason it cannot be used."""

from __future__ import annotations

from enum import Enum
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.http import urlsafe_base64_decode

from tutorial_project.users.models import Activation
from tutorial_project.users.tokens import activation_token_generator


class LinkProblem(Enum):
    """Why an activation link cannot be used, one case per message (as django-registration names them)."""

    INVALID = "invalid"
    EXPIRED = "expired"
    ALREADY_ACTIVATED = "already_activated"

    @property
    def status(self) -> HTTPStatus:
        """400 for a link that never was valid; 410 Gone for one that was, and is no more."""
        return HTTPStatus.BAD_REQUEST if self is LinkProblem.INVALID else HTTPStatus.GONE


class ActivationError(Exception):
    """An activation link that cannot be used; `problem` says why."""

    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def user_to_activate(uidb64: str, token: str) -> AbstractBaseUser:
    """The user the link (uidb64, token) activates; raise ActivationError if it cannot be used."""
    user = _user_from_uidb64(uidb64)
    if user is None:
        raise ActivationError(LinkProblem.INVALID)
    if activation_token_generator.check_token(user, token):
        return user
    if activation_token_generator.is_genuine(user, token):
        raise ActivationError(LinkProblem.EXPIRED)
    # Only a link that really was made for this account is called "used": a guessed token for someone else's
    # uid learns nothing about that account.
    if activation_token_generator.is_genuine(user, token, before_activation=True):
        raise ActivationError(LinkProblem.ALREADY_ACTIVATED)
    raise ActivationError(LinkProblem.INVALID)


def activate(user: AbstractBaseUser) -> None:
    """Make `user` active and record the activation, which retires every link made before it."""
    with transaction.atomic():
        # get_or_create survives two simultaneous clicks: the second finds the row and is told so.
        _, created = Activation.objects.get_or_create(user=user)
        if not created:
            raise ActivationError(LinkProblem.ALREADY_ACTIVATED)
        user.is_active = True
        user.save(update_fields=["is_active"])


def _user_from_uidb64(uidb64: str) -> AbstractBaseUser | None:
    user_model = get_user_model()
    try:
        pk = urlsafe_base64_decode(uidb64).decode()
        return user_model._default_manager.get(pk=pk)
    # The same list as Django's PasswordResetConfirmView: whatever the uid holds, the answer is "invalid".
    except (TypeError, ValueError, OverflowError, ValidationError, user_model.DoesNotExist):
        return None
