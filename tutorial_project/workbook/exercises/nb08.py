"""Checks for 08 · User activation."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from tutorial_project.workbook.exercises import Source, chosen_set, exercise, number, receiver_answer

EVENTS = {"activate", "sign in", "deactivate", "change password"}
KILLS_COURSE_LINK = {"sign in", "change password"}


def _send_course_email(user: Any) -> None:
    from django.core.mail import send_mail

    send_mail("Activate your account", "Your link.", None, [user.email])


def _good_receiver(sender: type, instance: Any, created: bool, raw: bool, using: str, **kwargs: Any) -> None:
    """Email a new, inactive user once the save is committed; never for fixture loads."""
    from django.db import transaction

    if created and not raw and not instance.is_active:
        transaction.on_commit(partial(_send_course_email, instance), using=using)


def _course_receiver(sender: type, instance: Any, created: bool, **kwargs: Any) -> None:
    """The course's receiver: sends at once, for every created user."""
    if created:
        _send_course_email(instance)


def _emails_from(receiver: Callable[..., Any], user: Any, *, created: bool, raw: bool) -> tuple[int, int]:
    """Call `receiver` as post_save would; return (emails sent before the commit, emails sent by the commit)."""
    from django.core import mail
    from django.db.models.signals import post_save
    from django.test import TestCase

    before = len(mail.outbox)
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        receiver(
            signal=post_save,
            sender=type(user),
            instance=user,
            created=created,
            update_fields=None,
            raw=raw,
            using="default",
        )
    at_once = len(mail.outbox) - before
    for callback in callbacks:
        callback()
    return at_once, len(mail.outbox) - before - at_once


def _run_activation_scenario(receiver: Callable[..., Any]) -> str | None:
    """Show `receiver` a sign-up, a superuser, a fixture load and an update; undo everything afterwards."""
    from django.contrib.auth import get_user_model

    from tutorial_project.workbook.sandbox import rolled_back

    user_model = get_user_model()
    problem: str | None = None
    with rolled_back():
        new = user_model.objects.create_user("check-new", "check-new@example.com", "pw", is_active=False)
        admin = user_model.objects.create_superuser("check-admin", "check-admin@example.com", "pw")
        cases = [
            ("a new inactive user", new, True, False, 1),
            ("a superuser (already active)", admin, True, False, 0),
            ("a fixture load (raw=True)", new, True, True, 0),
            ("an update of an existing user (created=False)", new, False, False, 0),
        ]
        for label, user, created, raw, expected in cases:
            at_once, on_commit = _emails_from(receiver, user, created=created, raw=raw)
            if at_once:
                problem = f"For {label}, the email went out before the commit: a rollback could not take it back."
            elif on_commit != expected:
                problem = f"For {label}, the commit sent {on_commit} email(s); it should send {expected}."
            if problem:
                break
    return problem


@exercise(
    "08.1",
    praise="The course's token hashes the user's pk, password, last_login and email, not is_active: signing in "
    "(last_login) and a new password kill it; activating and deactivating do not.",
    right=[KILLS_COURSE_LINK, ["change password", "sign in"], {"Sign in ", "change  password"}],
    wrong=[
        ({"activate", "sign in", "change password"}, "still worked after activation"),
        ({"sign in"}, "so does set_password()"),
        ({"log in", "change password"}, "Choose among"),
        (3, "set of strings"),
    ],
)
def events_that_kill_course_link(answer: Any) -> str | None:
    """Which events make a course link (default_token_generator) stop working."""
    answer = {event.lower() for event in chosen_set(answer, "sign in")}
    if not answer <= EVENTS:
        return f"Choose among {sorted(EVENTS)}."
    if answer == KILLS_COURSE_LINK:
        return None
    if "activate" in answer or "deactivate" in answer:
        return "Look at problem 3: the link still worked after activation, and again after the admin deactivated."
    return "Which of the user's fields does the token hash? A sign-in sets one of them; so does set_password()."


@exercise(
    "08.2",
    praise="Your receiver sends one email to a new inactive user, only once the save is committed, and none "
    "for superusers, fixture loads or updates.",
    right=[
        _good_receiver,
        Source(
            "from django.core.mail import send_mail\n"
            "from django.db import transaction\n"
            "def answer(sender, instance, created, raw=False, **kwargs):\n"
            "    if raw or not created or instance.is_active:\n"
            "        return\n"
            "    transaction.on_commit(lambda: send_mail('Activate', 'link', None, [instance.email]))\n"
        ),
        Source(
            "from django.contrib.auth.models import User\n"
            "from django.core.mail import send_mail\n"
            "from django.db import transaction\n"
            "from django.db.models.signals import post_save\n"
            "from django.dispatch import receiver\n"
            "@receiver(post_save, sender=User)\n"
            "def answer(instance, created, raw, using, **kwargs):\n"
            "    if created and not raw and not instance.is_active:\n"
            "        email = instance.email\n"
            "        transaction.on_commit(lambda: send_mail('Activate', 'link', None, [email]), using=using)\n"
        ),
    ],
    wrong=[
        (_course_receiver, "before the commit"),
        (
            Source(
                "from django.core.mail import send_mail\n"
                "from django.db import transaction\n"
                "def answer(sender, instance, created, **kwargs):\n"
                "    if created:\n"
                "        transaction.on_commit(lambda: send_mail('Activate', 'link', None, [instance.email]))\n"
            ),
            "a superuser (already active)",
        ),
        (
            Source(
                "from django.core.mail import send_mail\n"
                "from django.db import transaction\n"
                "def answer(sender, instance, created, **kwargs):\n"
                "    if created and not instance.is_active:\n"
                "        transaction.on_commit(lambda: send_mail('Activate', 'link', None, [instance.email]))\n"
            ),
            "a fixture load (raw=True)",
        ),
        (Source("def answer(sender, instance, created, raw, using):\n    pass\n"), "**kwargs"),
    ],
)
def safe_activation_receiver(answer: Any) -> str | None:
    """A post_save receiver for User that emails only new, inactive, non-raw users, on commit."""
    return _run_activation_scenario(receiver_answer(answer))


@exercise(
    "08.3",
    praise="410 Gone: the link was genuine once and is not any more, which is what an expired link is.",
    right=[410, 410.0, 400 + 10],
    wrong=[(400, "never was valid"), (200, "not 200"), (True, "yes/no answer"), ("410 Gone", "number")],
)
def status_of_expired_link(answer: Any) -> str | None:
    """The HTTP status the project answers to an expired activation link."""
    answer = number(answer)
    if answer == 410:
        return None
    if answer == 400:
        return "400 is for a link that never was valid. This one was, until time ran out."
    if answer == 200:
        return "An expired link shows an error page, so not 200. Look at the status printed in the expired-link cell."
    return "Look at the status code printed in the expired-link cell."
