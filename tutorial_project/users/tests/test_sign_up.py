"""Sign-up: an inactive account, an activation email on commit, and the whole way to signing in."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD

SIGN_UP_URL = reverse("users:sign_up")
RESEND_URL = reverse("users:resend_activation")


def sign_up_data(**overrides: str) -> dict[str, str]:
    data = {"username": "ada", "email": "ada@example.com", "password1": PASSWORD, "password2": PASSWORD}
    return {**data, **overrides}


def activation_link_in(message: mail.EmailMessage) -> str:
    return re.search(r"http://\S+/activate/\S+/", message.body).group(0)


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """POST the sign-up form, running the on-commit callbacks the request registers."""

    def post(**overrides: str):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(SIGN_UP_URL, sign_up_data(**overrides))

    return post


@pytest.mark.django_db
def test_the_sign_up_page_shows_the_form(client):
    response = client.get(SIGN_UP_URL)

    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


@pytest.mark.django_db
def test_signing_up_creates_an_inactive_user(sign_up):
    sign_up()

    user = get_user_model().objects.get(username="ada")
    assert user.email == "ada@example.com"
    assert not user.is_active


@pytest.mark.django_db
def test_signing_up_says_to_check_the_email(sign_up):
    response = sign_up()

    assert response.status_code == 200
    assert "Check your email" in response.content.decode()


@pytest.mark.django_db
def test_the_check_your_email_page_does_not_reveal_the_link(sign_up):
    response = sign_up()

    token = activation_link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    assert token not in response.content.decode()


@pytest.mark.django_db
def test_signing_up_emails_one_activation_link_to_the_new_address(sign_up):
    sign_up()

    assert [message.to for message in mail.outbox] == [["ada@example.com"]]
    assert activation_link_in(mail.outbox[0]).startswith("http://localhost:8000/activate/")


@pytest.mark.django_db
def test_no_email_is_sent_before_the_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(SIGN_UP_URL, sign_up_data())

    assert len(callbacks) == 1
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["ada@example.com", "ADA@Example.COM"])
def test_an_email_address_already_in_use_is_refused_whatever_its_case(sign_up, make_user, email):
    make_user("someone", "Ada@example.com", is_active=True)

    response = sign_up(email=email)

    assert response.status_code == 200
    assert response.context["form"].has_error("email", code="duplicate_email")
    assert not get_user_model().objects.filter(username="ada").exists()


@pytest.mark.django_db
def test_mismatched_passwords_create_no_user_and_send_no_email(sign_up):
    response = sign_up(password2="something-else-entirely")

    assert response.context["form"].has_error("password2", code="password_mismatch")
    assert not get_user_model().objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_username_already_taken_is_refused(sign_up, make_user):
    make_user("ada", "other@example.com")

    response = sign_up()

    assert response.context["form"].has_error("username")


@pytest.mark.django_db
def test_the_whole_way_from_sign_up_to_signed_in(client, sign_up):
    sign_up()
    link = activation_link_in(mail.outbox[0]).removeprefix("http://localhost:8000")

    confirm_page = client.get(link)
    activated = client.post(link, follow=True)
    signed_in = client.post(reverse("users:sign_in"), {"username": "ada", "password": PASSWORD}, follow=True)

    assert b"Activate my account" in confirm_page.content
    assert activated.redirect_chain == [(reverse("users:sign_in"), 302)]
    assert signed_in.redirect_chain == [(reverse("users:home"), 302)]
    assert signed_in.context["user"].username == "ada"
    assert "You are signed in as <strong>ada</strong>" in signed_in.content.decode()


# transaction=True: a real commit inside the request, so the email is sent before the page is rendered.
@pytest.mark.django_db(transaction=True)
def test_once_the_email_went_out_the_page_says_to_check_it(client):
    response = client.post(SIGN_UP_URL, sign_up_data())

    assert len(mail.outbox) == 1
    assert "Check your email" in response.content.decode()
