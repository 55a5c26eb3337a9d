"""Sign-up as a service: create the inactive account, or tell the address's owner why none was made.

The sign-up page answers every well-formed form the same way ("check your email"), so it never says whether
a username or an address is taken: only the owner of the address learns it, by email. An account that was
never activated has proved nothing, so a new sign-up with its address replaces it: nobody can hold someone
else's address by signing up with it first.
"""

from __future__ import annotations

import logging
from enum import Enum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from tutorial_project.users.forms import SignUpForm

logger = logging.getLogger(__name__)


class Outcome(Enum):
    """What a sign-up did; the page shows the same words for each, the email differs."""

    CREATED = "created"
    EMAIL_TAKEN = "email_taken"
    USERNAME_TAKEN = "username_taken"


def register(form: SignUpForm) -> tuple[Outcome, AbstractBaseUser | None]:
    """Save the valid sign-up `form` as an inactive account (the post_save receiver emails its link), unless
    its username or address is taken; one query finds out which, before anything is written."""
    username, email = form.cleaned_data["username"], form.cleaned_data["email"]
    users = get_user_model()._default_manager
    try:
        with transaction.atomic():
            clashes = list(
                users.filter(Q(username__iexact=username) | Q(email__iexact=email)).select_related("activation")
            )
            stale = [user.pk for user in clashes if _same_address(user, email) and _never_activated(user)]
            if stale:
                users.filter(pk__in=stale).delete()
            clashes = [user for user in clashes if user.pk not in stale]
            if any(_same_address(user, email) for user in clashes):
                return Outcome.EMAIL_TAKEN, None
            if clashes:
                return Outcome.USERNAME_TAKEN, None
            return Outcome.CREATED, form.save()
    # The same username or address signed up at the same moment: the database's unique indexes refused the
    # second one, which is then told, like any other taken name, by email.
    except IntegrityError:
        taken = users.filter(email__iexact=email).exists()
        return (Outcome.EMAIL_TAKEN if taken else Outcome.USERNAME_TAKEN), None


def _same_address(user: AbstractBaseUser, email: str) -> bool:
    return user.email.casefold() == email.casefold()  # type: ignore[attr-defined]


def _never_activated(user: AbstractBaseUser) -> bool:
    return not user.is_active and not hasattr(user, "activation")


def send_taken_notice(outcome: Outcome, username: str, email: str) -> bool:
    """Tell the owner of `email` that their sign-up made no account, and why; return whether it went out."""
    site = settings.FRONTEND_URL.rstrip("/")
    context = {
        "username": username,
        "email_taken": outcome is Outcome.EMAIL_TAKEN,
        "sign_in_url": site + reverse("users:sign_in"),
        "sign_up_url": site + reverse("users:sign_up"),
        "password_reset_url": site + reverse("users:password_reset"),
    }
    try:
        send_mail(
            subject="Your Task Tracker sign-up",
            message=render_to_string("users/emails/sign_up_refused_body.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )
    except Exception:
        logger.exception("Could not send the sign-up notice to %s", email)
        return False
    return True
