"""Brute force and email floods (finding 4): throttled sign-ins (the site's and the admin's) and emails, each
answered by a clear 429 page; a failed sign-in costs one password hash."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN_URL = reverse("users:sign_in")
ADMIN_LOGIN_URL = reverse("admin:login")
RESEND_URL = reverse("users:resend_activation")
SIGN_UP_URL = reverse("users:sign_up")
PASSWORD_RESET_URL = reverse("users:password_reset")


def fail_sign_ins(client, url: str, times: int, username: str = "ada") -> None:
    for _ in range(times):
        client.post(url, {"username": username, "password": "wrong-password"})


def test_after_five_wrong_passwords_the_right_one_is_refused_with_429(client, make_user):
    make_user(is_active=True)
    fail_sign_ins(client, SIGN_IN_URL, 5)

    response = client.post(SIGN_IN_URL, {"username": "ada", "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_429_page_says_what_happened(client, make_user):
    fail_sign_ins(client, SIGN_IN_URL, 6)

    response = client.post(SIGN_IN_URL, {"username": "ada", "password": PASSWORD})

    assert "Too many attempts" in response.content.decode()


def test_four_wrong_passwords_do_not_stop_the_right_one(client, make_user):
    make_user(is_active=True)
    fail_sign_ins(client, SIGN_IN_URL, 4)

    assert client.post(SIGN_IN_URL, {"username": "ada", "password": PASSWORD}).status_code == 302


def test_the_username_is_counted_whatever_its_case(client, make_user):
    make_user(is_active=True)
    fail_sign_ins(client, SIGN_IN_URL, 5, username="ADA ")

    assert client.post(SIGN_IN_URL, {"username": "ada", "password": PASSWORD}).status_code == 429


def test_one_client_failing_with_many_usernames_is_stopped_too(client, make_user):
    make_user(is_active=True)
    for number in range(20):
        fail_sign_ins(client, SIGN_IN_URL, 1, username=f"guess{number}")

    assert client.post(SIGN_IN_URL, {"username": "ada", "password": PASSWORD}).status_code == 429


def test_the_admin_login_is_throttled_like_the_site(client, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)
    fail_sign_ins(client, ADMIN_LOGIN_URL, 5, username="root")

    response = client.post(ADMIN_LOGIN_URL, {"username": "root", "password": PASSWORD})

    assert response.status_code == 429


def test_the_admin_login_still_signs_in(client, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)

    assert client.post(ADMIN_LOGIN_URL, {"username": "root", "password": PASSWORD}).status_code == 302


def test_throttles_can_be_switched_off(client, make_user, settings):
    settings.RATELIMIT_ENABLE = False
    make_user(is_active=True)
    fail_sign_ins(client, SIGN_IN_URL, 10)

    assert client.post(SIGN_IN_URL, {"username": "ada", "password": PASSWORD}).status_code == 302


@pytest.mark.parametrize("username", ["ada", "nobody"])
def test_a_wrong_password_costs_one_hash(client, make_user, username):
    make_user(is_active=True)

    with mock.patch.object(MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode) as encode:
        client.post(SIGN_IN_URL, {"username": username, "password": "wrong-password"})

    assert encode.call_count == 1


def test_resending_to_one_address_sends_three_emails_then_answers_429(client, make_user):
    make_user()

    statuses = [client.post(RESEND_URL, {"email": "ada@example.com"}).status_code for _ in range(25)]

    assert (len(mail.outbox), statuses[:4]) == (3, [200, 200, 200, 429])


def test_the_email_limit_counts_an_address_whatever_its_case(client, make_user):
    make_user()
    for email in ["ada@example.com", "ADA@example.com", "Ada@Example.com"]:
        client.post(RESEND_URL, {"email": email})

    assert client.post(RESEND_URL, {"email": "ada@EXAMPLE.com"}).status_code == 429


def test_one_client_gets_ten_emails_an_hour_whatever_the_addresses(client):
    statuses = [client.post(RESEND_URL, {"email": f"n{number}@example.com"}).status_code for number in range(11)]

    assert statuses == [200] * 10 + [429]


def test_sign_ups_are_throttled_per_address(client):
    data = {"email": "ada@example.com", "password1": PASSWORD, "password2": PASSWORD}

    statuses = [client.post(SIGN_UP_URL, {**data, "username": f"ada{n}"}).status_code for n in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_password_reset_requests_are_throttled_per_address(client):
    statuses = [client.post(PASSWORD_RESET_URL, {"email": "ada@example.com"}).status_code for _ in range(4)]

    assert statuses == [302, 302, 302, 429]
