"""Throttles on sign-in failures and on the emails forms make the site send (django-ratelimit, cache-backed).

Rates live in `settings.RATE_LIMITS`; `RATELIMIT_ENABLE = False` switches every throttle off.
A throttled request gets the page `users/rate_limited.html` with HTTP 429, never an error.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

View = Callable[..., HttpResponse]


def _client(group: str, request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _posted(field: str) -> Callable[[str, HttpRequest], str]:
    def key(group: str, request: HttpRequest) -> str:
        # Case and spaces do not make a new address or username: "Ada@Example.com " is "ada@example.com".
        return request.POST.get(field, "").strip().lower()

    return key


def _reached(request: HttpRequest, group: str, key: Callable[[str, HttpRequest], str], count_this: bool) -> bool:
    usage = get_usage(request, group=group, key=key, rate=settings.RATE_LIMITS[group], increment=count_this)
    if usage is None:  # throttles switched off
        return False
    # Counting this request, it must not take the count past the limit; only looking, the limit is reached.
    return usage["count"] > usage["limit"] if count_this else usage["count"] >= usage["limit"]


def _over(request: HttpRequest, limits: list[tuple[str, Callable[[str, HttpRequest], str]]], count_this: bool) -> bool:
    # Every counter moves (no short-circuit), so one limit being reached does not hide the others' counts.
    return any([_reached(request, group, key, count_this) for group, key in limits])


def too_many(request: HttpRequest, what: str) -> HttpResponse:
    """The 429 page: `what` the visitor did too often; try again later."""
    return render(request, "users/rate_limited.html", {"what": what}, status=HTTPStatus.TOO_MANY_REQUESTS)


SIGN_IN_FAILURES = [("sign_in_failures_per_username", _posted("username")), ("sign_in_failures_per_address", _client)]


def limit_failed_sign_ins(view: View) -> View:
    """Refuse sign-in POSTs once a username or a client has failed too often, even with the right password.

    A failure is a POST the view answers without redirecting (it shows the form again with an error), which
    is how both the site's sign-in and the admin's login answer a wrong password.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        if _over(request, SIGN_IN_FAILURES, count_this=False):
            return too_many(request, "failed sign-ins")
        response = view(request, *args, **kwargs)
        if response.status_code == HTTPStatus.OK:
            _over(request, SIGN_IN_FAILURES, count_this=True)
        return response

    return wrapper


def emails_over_limit(request: HttpRequest) -> bool:
    """Count one email to the posted address from this client; True when either has had too many."""
    return _over(request, [("emails_per_address", _posted("email")), ("emails_per_client", _client)], count_this=True)
