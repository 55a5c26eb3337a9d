"""The activation email through a real SMTP server, configured only by environment variables."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from conftest import free_port

from .conftest import PASSWORD

SIGN_UP = {"username": "ada", "email": "ada@example.com", "password1": PASSWORD, "password2": PASSWORD}
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# conftest's settings_from_env re-runs tutorial_project.settings with runpy, which warns that the module is
# already imported (settings_test imported it); pyproject turns RuntimeWarning into an error.


@pytest.mark.django_db
def test_the_activation_email_goes_through_a_real_smtp_server(
    client, smtp_server, email_settings_from_env, django_capture_on_commit_callbacks
):
    email_settings_from_env(EMAIL_BACKEND=SMTP_BACKEND, EMAIL_HOST=smtp_server.host, EMAIL_PORT=str(smtp_server.port))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("users:sign_up"), SIGN_UP)

    [envelope] = smtp_server.messages
    body = envelope.content.decode()
    assert envelope.rcpt_tos == ["ada@example.com"]
    assert "http://localhost:8000/activate/" in body


@pytest.fixture
def sign_up_with_smtp_down(client, email_settings_from_env):
    """Point the SMTP settings at a local port nobody listens on; return a function that signs up."""
    email_settings_from_env(EMAIL_BACKEND=SMTP_BACKEND, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(free_port()))
    return lambda: client.post(reverse("users:sign_up"), SIGN_UP)


# transaction=True: the request must commit for real, as it does in production, so the email is tried inside
# the request and the sign-up page can report the failure. (In a test transaction it would run afterwards.)
@pytest.mark.django_db(transaction=True)
def test_with_smtp_down_the_user_is_kept(sign_up_with_smtp_down):
    sign_up_with_smtp_down()

    assert get_user_model().objects.filter(username="ada", is_active=False).exists()


@pytest.mark.django_db(transaction=True)
def test_with_smtp_down_the_failure_is_logged(sign_up_with_smtp_down, caplog):
    sign_up_with_smtp_down()

    [record] = [r for r in caplog.records if r.name.startswith("tutorial_project.users")]
    assert record.levelno == logging.ERROR
    assert "ada@example.com" in record.getMessage()
    assert record.exc_info[0] is ConnectionRefusedError


@pytest.mark.django_db(transaction=True)
def test_with_smtp_down_the_page_says_so_and_links_to_a_new_link(sign_up_with_smtp_down):
    response = sign_up_with_smtp_down()

    assert response.status_code == 200
    assert "could not send the email" in response.content.decode()
    assert f'href="{reverse("users:resend_activation")}"' in response.content.decode()
