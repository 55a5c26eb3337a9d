"""Simultaneous requests against the served site (runserver, threaded) on this run's database: no 500s,
one activation per link, one account per username and per email address.

They run on SQLite (`make test`) and on PostgreSQL (`make test-postgres`), each against a real server.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import pytest
import requests
from django.conf import settings

PASSWORD = "Correct-Horse-42"
ROUNDS = 10


@pytest.fixture(scope="module")
def site(serve_site: Any) -> Any:
    """The site on this run's kind of database, throttles off (these tests send many forms from one address)."""
    engine = settings.DATABASES["default"]["ENGINE"]
    return serve_site("postgresql" if engine.endswith("postgresql") else "sqlite", SITE_TEST_THROTTLES="off")


def form_session(url: str) -> tuple[requests.Session, str]:
    """A session that has opened the form at `url`, and the CSRF token the form carries."""
    session = requests.Session()
    page = session.get(url, timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session, token


def at_once(*posts: Callable[[], requests.Response]) -> list[int]:
    """Run the POSTs in threads released together; their status codes."""
    barrier = threading.Barrier(len(posts))
    statuses: list[int] = [0] * len(posts)

    def run(index: int) -> None:
        barrier.wait()
        statuses[index] = posts[index]().status_code

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def sign_up_post(site: Any, username: str, email: str) -> Callable[[], requests.Response]:
    """A prepared sign-up POST (its form already opened), to send when called."""
    session, token = form_session(f"{site.url}/sign-up/")
    data = {"csrfmiddlewaretoken": token, "username": username, "email": email}
    data |= {"password1": PASSWORD, "password2": PASSWORD}
    return lambda: session.post(f"{site.url}/sign-up/", data=data, timeout=60, allow_redirects=False)


def activate_post(link: str) -> Callable[[], requests.Response]:
    """A prepared POST of the activation button behind `link`."""
    session, token = form_session(link)
    return lambda: session.post(link, data={"csrfmiddlewaretoken": token}, timeout=60, allow_redirects=False)


def test_the_same_activation_link_posted_twice_at_once_activates_once_without_errors(site: Any) -> None:
    for number in range(ROUNDS):
        sign_up_post(site, f"double{number}", f"double{number}@example.com")()
    links = [link for link in site.links("/activate/") if "/resend/" not in link][-ROUNDS:]

    statuses = [at_once(activate_post(link), activate_post(link)) for link in links]

    assert sorted(sorted(pair) for pair in statuses) == [[302, 410]] * ROUNDS


def test_two_sign_ups_with_one_username_at_once_make_one_account_without_errors(site: Any) -> None:
    statuses = [
        at_once(
            sign_up_post(site, f"same{n}", f"same{n}.a@example.com"),
            sign_up_post(site, f"same{n}", f"same{n}.b@example.com"),
        )
        for n in range(ROUNDS)
    ]
    accounts = site.query("SELECT COUNT(*) FROM auth_user WHERE username LIKE %s", "same%")

    assert (statuses, accounts) == ([[200, 200]] * ROUNDS, [(ROUNDS,)])


def test_two_sign_ups_with_one_address_at_once_leave_one_account_for_it(site: Any) -> None:
    statuses = [
        at_once(
            sign_up_post(site, f"one{n}a", f"one{n}@example.com"), sign_up_post(site, f"one{n}b", f"ONE{n}@example.com")
        )
        for n in range(ROUNDS)
    ]
    per_address = site.query(
        "SELECT LOWER(email), COUNT(*) FROM auth_user WHERE username LIKE %s GROUP BY LOWER(email)", "one%"
    )

    assert statuses == [[200, 200]] * ROUNDS
    assert sorted(count for _, count in per_address) == [1] * ROUNDS
