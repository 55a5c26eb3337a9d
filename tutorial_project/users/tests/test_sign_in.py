"""Sign-in, sign-out and the home page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .conftest import PASSWORD

SIGN_IN_URL = reverse("users:sign_in")
SIGN_OUT_URL = reverse("users:sign_out")
HOME_URL = reverse("users:home")


def sign_in(client, username: str = "ada", password: str = PASSWORD, **extra: str):
    return client.post(SIGN_IN_URL, {"username": username, "password": password, **extra})


@pytest.fixture
def active_user(make_user):
    return make_user(is_active=True)


@pytest.mark.django_db
def test_the_sign_in_page_styles_its_fields(client):
    response = client.get(SIGN_IN_URL)

    assert response.status_code == 200
    assert 'class="form-control"' in response.content.decode()


def test_an_active_user_signs_in_and_goes_home(client, active_user):
    response = sign_in(client)

    assert response.status_code == 302
    assert response.url == HOME_URL
    assert client.session["_auth_user_id"] == str(active_user.pk)


def test_signing_in_says_welcome(client, active_user):
    response = client.post(SIGN_IN_URL, {"username": "ada", "password": PASSWORD}, follow=True)

    assert "Welcome, ada" in response.content.decode()


def test_an_inactive_user_with_the_right_password_is_told_to_activate(client, inactive_user):
    response = sign_in(client)

    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", code="inactive")
    assert "not activated yet" in response.content.decode()
    assert f'href="{reverse("users:resend_activation")}"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_inactive_user_with_a_wrong_password_gets_the_generic_error(client, inactive_user):
    response = sign_in(client, password="wrong-password")

    assert response.context["form"].has_error("__all__", code="invalid_login")
    assert not response.context["form"].has_error("__all__", code="inactive")
    assert "not activated" not in response.content.decode()


def test_an_unknown_user_gets_the_generic_error(client, db):
    response = sign_in(client, username="nobody")

    assert response.context["form"].has_error("__all__", code="invalid_login")


def test_a_wrong_password_for_an_inactive_or_an_unknown_user_reads_the_same(client, inactive_user):
    def errors(response):
        return response.context["form"].errors

    assert errors(sign_in(client, password="wrong")) == errors(sign_in(client, username="nobody", password="wrong"))


def test_an_on_site_next_is_followed(client, active_user):
    response = sign_in(client, next="/activate/resend/?x=1")

    assert response.url == "/activate/resend/?x=1"


@pytest.mark.parametrize("next_url", ["https://evil.example.com/", "//evil.example.com/", "javascript:alert(1)"])
def test_an_off_site_next_is_ignored(client, active_user, next_url):
    response = sign_in(client, next=next_url)

    assert response.url == HOME_URL


def test_the_sign_in_page_keeps_an_on_site_next_in_the_form(client, db):
    response = client.get(SIGN_IN_URL, {"next": "/activate/resend/"})

    assert 'name="next" value="/activate/resend/"' in response.content.decode()


def test_signing_out_by_get_shows_the_sign_out_button_and_keeps_the_session(client, active_user):
    client.force_login(active_user)

    response = client.get(SIGN_OUT_URL)

    assert response.status_code == 200
    assert f'<form method="post" action="{SIGN_OUT_URL}">' in response.content.decode()
    assert "_auth_user_id" in client.session


def test_signing_out_by_post_signs_out_and_goes_home(client, active_user):
    client.force_login(active_user)

    response = client.post(SIGN_OUT_URL, follow=True)

    assert response.redirect_chain == [(HOME_URL, 302)]
    assert not response.context["user"].is_authenticated
    assert "You are signed out" in response.content.decode()


def test_home_shows_who_is_signed_in_and_a_sign_out_button(client, active_user):
    client.force_login(active_user)

    content = client.get(HOME_URL).content.decode()

    assert "You are signed in as <strong>ada</strong>" in content
    assert f'action="{SIGN_OUT_URL}"' in content


@pytest.mark.django_db
def test_home_offers_sign_up_and_sign_in_to_visitors(client):
    content = client.get(HOME_URL).content.decode()

    assert "You are not signed in" in content
    assert f'href="{reverse("users:sign_up")}"' in content
    assert f'href="{SIGN_IN_URL}"' in content
