"""The activation email: its link, its text, and sending it without ever raising."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tutorial_project.users.tokens import activation_token_generator

logger = logging.getLogger(__name__)


def activation_url(user: AbstractBaseUser) -> str:
    """The absolute activation link for `user`: FRONTEND_URL and the activate path, joined by one slash."""
    path = reverse(
        "users:activate",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": activation_token_generator.make_token(user),
        },
    )
    return settings.FRONTEND_URL.rstrip("/") + path


def send_activation_email(user: AbstractBaseUser) -> bool:
    """Email `user` a fresh activation link; return whether it went out.

    A failure is logged, never raised: the user is already saved and must stay saved, and the resend page
    gives them a new link whenever they ask.
    """
    if not user.email:
        logger.warning("User %s has no email address: no activation email sent", user.pk)
        return False
    context = {
        "user": user,
        "activation_url": activation_url(user),
        "resend_url": settings.FRONTEND_URL.rstrip("/") + reverse("users:resend_activation"),
        "sign_up_url": settings.FRONTEND_URL.rstrip("/") + reverse("users:sign_up"),
        "max_age_hours": settings.ACTIVATION_LINK_MAX_AGE_HOURS,
    }
    try:
        send_mail(
            subject=render_to_string("users/emails/activation_subject.txt", context).strip(),
            message=render_to_string("users/emails/activation_body.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
    # Any backend, any failure (refused connection, timeout, rejected recipient): the caller only needs to know.
    except Exception:
        logger.exception("Could not send the activation email to %s (user %s)", user.email, user.pk)
        return False
    return True


def send_activation_email_after_sign_up(user: AbstractBaseUser) -> None:
    """Send the activation email to a new user and note the outcome on `user` for the sign-up view.

    The receiver runs this on commit, so it cannot return anything to the view; the attribute on the very
    instance the view saved is how the view learns whether the email went out (see `views.sign_up`).
    """
    user.activation_email_sent = send_activation_email(user)  # type: ignore[attr-defined]
