"""The activation email: its link and its text, and a failure to send it."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from django.core import mail
from django.urls import resolve

from tutorial_project.users.emails import activation_url, send_activation_email
from tutorial_project.users.tokens import activation_token_generator


@pytest.mark.parametrize("frontend_url", ["https://tasks.example.com", "https://tasks.example.com/"])
def test_the_link_has_no_double_slash_whatever_frontend_url_ends_with(inactive_user, settings, frontend_url):
    settings.FRONTEND_URL = frontend_url

    url = activation_url(inactive_user)

    assert url.startswith("https://tasks.example.com/activate/")
    assert "//" not in url.removeprefix("https://")


def test_the_link_opens_the_activation_page_with_a_valid_token(inactive_user):
    path = activation_url(inactive_user).removeprefix("http://localhost:8000")

    match = resolve(path)

    assert match.view_name == "users:activate"
    assert activation_token_generator.check_token(inactive_user, match.kwargs["token"])


def test_the_email_holds_the_link_the_lifetime_and_the_resend_page(inactive_user, settings):
    settings.ACTIVATION_LINK_MAX_AGE_HOURS = 48

    send_activation_email(inactive_user)

    body = mail.outbox[0].body
    assert "http://localhost:8000/activate/" in body
    assert "48 hours" in body
    assert "http://localhost:8000/activate/resend/" in body


def test_the_email_comes_from_default_from_email(inactive_user, settings):
    settings.DEFAULT_FROM_EMAIL = "Tasks <tasks@example.com>"

    send_activation_email(inactive_user)

    assert mail.outbox[0].from_email == "Tasks <tasks@example.com>"


def test_sending_returns_true_when_the_email_went_out(inactive_user):
    assert send_activation_email(inactive_user) is True


def test_a_failure_to_send_is_logged_and_returns_false(inactive_user, caplog):
    with mock.patch("tutorial_project.users.emails.send_mail", side_effect=ConnectionRefusedError):
        sent = send_activation_email(inactive_user)

    assert sent is False
    assert caplog.records[-1].name == "tutorial_project.users.emails"
    assert caplog.records[-1].levelno == logging.ERROR
    assert "ada@example.com" in caplog.records[-1].getMessage()


def test_a_user_without_an_address_gets_no_email(make_user, caplog):
    user = make_user(email="")

    assert send_activation_email(user) is False
    assert mail.outbox == []
    assert "no email address" in caplog.text


def test_the_activation_email_tells_the_owner_of_a_squatted_address_to_sign_up_instead(inactive_user):
    send_activation_email(inactive_user)

    body = mail.outbox[0].body
    assert "If you did not choose the username\nada, someone else used your address" in body
    assert "http://localhost:8000/sign-up/" in body
