"""Checks for 09 · Login with AuthenticationForm."""

from __future__ import annotations

from typing import Any

from tutorial_project.workbook.exercises import (
    Source,
    chosen_set,
    exercise,
    ordered_rows,
    receiver_answer,
    receiver_problem,
)

SIGN_IN_USER_SIGNALS = ["user_logged_in User", "pre_save User", "post_save User"]
# The `next` values notebook 09 asks about, and the ones the project's sign-in view follows (host: testserver).
NEXT_CANDIDATES = (
    "/users/?page=2",
    "https://testserver/admin/",
    "http://testserver.evil.example/",
    "http://localhost:8000/admin/",
)
NEXT_FOLLOWED = {"/users/?page=2", "https://testserver/admin/"}


def _username_of_failure(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> str:
    """A user_login_failed receiver that returns the username that was tried."""
    return credentials.get("username", "")


def _copied_from_user_logged_in(sender: Any, user: Any, request: Any, **kwargs: Any) -> str:
    """A user_logged_in-shaped receiver: user_login_failed sends no `user`."""
    return user.get_username()


@exercise(
    "09.1",
    praise="user_logged_in is sent first; update_last_login, its receiver, then saves the user, so pre_save and "
    "post_save (update_fields={'last_login'}) are nested inside it.",
    right=[
        SIGN_IN_USER_SIGNALS,
        tuple(SIGN_IN_USER_SIGNALS),
        ["user_logged_in User ", " pre_save User", "post_save User"],
    ],
    wrong=[
        (["pre_save User", "post_save User", "user_logged_in User"], "wrong order"),
        (set(SIGN_IN_USER_SIGNALS), "A set has no order"),
        (["pre_save User", "post_save User"], "always sends user_logged_in"),
        (["user_logged_in User "], "two from the save"),
    ],
)
def signals_of_sign_in(answer: Any) -> str | None:
    """The User signals of one successful sign-in, in the order they are sent."""
    answer = ordered_rows(answer, "user_logged_in User")
    if answer == SIGN_IN_USER_SIGNALS:
        return None
    if sorted(answer) == sorted(SIGN_IN_USER_SIGNALS):
        return "Right signals, wrong order: which signal's receiver does the save?"
    if "user_logged_in User" not in answer:
        return "A successful sign-in always sends user_logged_in, with the User class as sender."
    return "Look at the traced sign-in: one signal from login(), two from the save its receiver makes."


@exercise(
    "09.2",
    praise="Only URLs on the site itself are followed: a path, or a full URL whose host is the request's host. "
    "Everything else is replaced by LOGIN_REDIRECT_URL.",
    right=[set(NEXT_FOLLOWED), sorted(NEXT_FOLLOWED), frozenset(f" {value}" for value in NEXT_FOLLOWED)],
    wrong=[
        ({"/users/?page=2", "http://localhost:8000/admin/"}, "localhost:8000 is another host"),
        ({"/users/?page=2", "http://testserver.evil.example/"}, "merely starts with testserver"),
        ({"/users/?page=2"}, "One more is followed"),
        ({"/admin/"}, "Choose among the four values"),
    ],
)
def next_values_followed(answer: Any) -> str | None:
    """Which `next` values the project's sign-in view follows."""
    chosen = chosen_set(answer, "/users/?page=2")
    unknown = chosen - set(NEXT_CANDIDATES)
    if unknown:
        return f"Choose among the four values of the exercise; {sorted(unknown)} is not one of them."
    if chosen == NEXT_FOLLOWED:
        return None
    if "http://localhost:8000/admin/" in chosen:
        return "The host must be the request's host, testserver here: localhost:8000 is another host to Django."
    if "http://testserver.evil.example/" in chosen:
        return "testserver.evil.example is a different host that merely starts with testserver."
    return "One more is followed: a full URL is fine when its host is the request's host, whatever its scheme."


@exercise(
    "09.3",
    praise="Your receiver reads the credentials Django sends with user_login_failed (the password already masked).",
    right=[
        _username_of_failure,
        Source(
            "from django.contrib.auth.signals import user_login_failed\n"
            "from django.dispatch import receiver\n"
            "@receiver(user_login_failed)\n"
            "def answer(sender, credentials, **kwargs):\n"
            "    return credentials['username']\n"
        ),
        Source("def answer(**kwargs):\n    return kwargs['credentials'].get('username')\n"),
    ],
    wrong=[
        (_copied_from_user_logged_in, "not user"),
        (Source("def answer(sender, credentials, **kwargs):\n    return credentials['password']\n"), "returned"),
        (Source("def answer(sender, credentials):\n    return credentials['username']\n"), "**kwargs"),
        (Source("def answer(sender, **kwargs):\n    print(kwargs)\n"), "Read credentials['username']"),
    ],
)
def user_login_failed_receiver(answer: Any) -> str | None:
    """A user_login_failed receiver that returns the username of the failed attempt."""
    from django.contrib.auth import authenticate
    from django.contrib.auth.signals import user_login_failed

    from tutorial_project.workbook.cell_receivers import connected
    from tutorial_project.workbook.tracer import trace

    answer = receiver_answer(answer)
    try:
        with trace("09.3", signals=[user_login_failed]) as t, connected(user_login_failed, answer):
            authenticate(None, username="mallory", password="guess")
    except Exception as exc:  # the student's receiver may raise anything
        if "user" in str(exc).split(":")[-1] and isinstance(exc, TypeError | KeyError | AttributeError):
            return f"{type(exc).__name__}: {exc}. user_login_failed sends credentials and request, not user."
        return receiver_problem(exc) or f"Your receiver raised {type(exc).__name__}: {exc}."
    results = [call.result for event in t.signals for call in event.calls if call.receiver is answer]
    if results == ["mallory"]:
        return None
    got = repr(results[0]) if results else "nothing (it was not called)"
    return f"Your receiver returned {got} for a failed attempt as 'mallory'. Read credentials['username']."
