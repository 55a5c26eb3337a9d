"""Django's password reset, wired to the site: the owner of an address can always take its account back
(finding 3)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

RESET_URL = reverse("users:password_reset")
NEW_PASSWORD = "a-brand-new-pass-phrase-9"


def reset_link(message: mail.EmailMessage) -> str:
    return re.search(r"http://localhost:8000(/password-reset/\S+/)", message.body).group(1)


def test_asking_for_a_reset_emails_the_active_account_a_link_on_frontend_url(client, make_user):
    make_user(is_active=True)

    client.post(RESET_URL, {"email": "ada@example.com"})

    [message] = mail.outbox
    assert (message.to, message.subject) == (["ada@example.com"], "Choose a new Task Tracker password")
    assert reset_link(message).startswith("/password-reset/")


def test_the_answer_is_the_same_for_an_unknown_address(client, make_user):
    make_user(is_active=True)

    known = client.post(RESET_URL, {"email": "ada@example.com"}, follow=True)
    unknown = client.post(RESET_URL, {"email": "nobody@example.com"}, follow=True)

    assert known.content == unknown.content


def test_the_link_sets_a_new_password_that_signs_in(client, make_user):
    make_user(is_active=True)
    client.post(RESET_URL, {"email": "ada@example.com"})
    form_page = client.get(reset_link(mail.outbox[0]), follow=True)

    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    signed_in = client.post(reverse("users:sign_in"), {"username": "ada", "password": NEW_PASSWORD})
    old_refused = client.login(username="ada", password=PASSWORD)

    assert (signed_in.status_code, old_refused) == (302, False)


def test_the_sign_in_page_links_to_the_password_reset(client):
    assert f'href="{RESET_URL}"' in client.get(reverse("users:sign_in")).content.decode()
