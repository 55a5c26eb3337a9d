"""The activation page: GET confirms, POST activates, and every unusable link gets a named 4xx page."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tutorial_project.users.activation import ActivationError, LinkProblem, activate
from tutorial_project.users.models import Activation
from tutorial_project.users.tokens import activation_token_generator

from .conftest import activation_path

RESEND_URL = reverse("users:resend_activation")


def refresh(user):
    user.refresh_from_db()
    return user


def link(uidb64: str, token: str) -> str:
    return reverse("users:activate", kwargs={"uidb64": uidb64, "token": token})


def uid_of(user) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def test_opening_the_link_shows_a_confirmation_button(client, inactive_user):
    response = client.get(activation_path(inactive_user))

    assert response.status_code == 200
    assert b"Activate my account" in response.content


def test_opening_the_link_does_not_activate(client, inactive_user):
    client.get(activation_path(inactive_user))

    assert not refresh(inactive_user).is_active


def test_confirming_activates_the_user(client, inactive_user):
    client.post(activation_path(inactive_user))

    assert refresh(inactive_user).is_active


def test_confirming_records_the_activation(client, inactive_user):
    client.post(activation_path(inactive_user))

    assert Activation.objects.filter(user=inactive_user).exists()


def test_confirming_redirects_to_sign_in_with_a_message(client, inactive_user):
    response = client.post(activation_path(inactive_user), follow=True)

    assert response.redirect_chain == [(reverse("users:sign_in"), 302)]
    assert "Your account is active" in response.content.decode()


def test_activation_saves_only_is_active(client, inactive_user):
    with mock.patch.object(type(inactive_user), "save", autospec=True) as save:
        client.post(activation_path(inactive_user))

    assert save.call_args.kwargs == {"update_fields": ["is_active"]}


# Each way a link can be invalid, as a function of a freshly signed-up user.
INVALID_LINKS = {
    "malformed uid": lambda user: link("!!!", activation_token_generator.make_token(user)),
    "uid that is not a number": lambda user: link(urlsafe_base64_encode(b"not-a-number"), "c2s-abc"),
    "unknown uid": lambda user: link(urlsafe_base64_encode(b"99999"), activation_token_generator.make_token(user)),
    "uid too big for the database": lambda user: link(urlsafe_base64_encode(b"9" * 30), "c2s-abc"),
    "bad token": lambda user: link(uid_of(user), "c2s-0123456789abcdef"),
    "malformed token": lambda user: link(uid_of(user), "not-a-token-at-all"),
    "password reset token": lambda user: link(uid_of(user), default_token_generator.make_token(user)),
}


@pytest.fixture(params=INVALID_LINKS.values(), ids=INVALID_LINKS.keys())
def invalid_link(request, inactive_user) -> str:
    return request.param(inactive_user)


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_invalid_link_gets_a_400_page(client, invalid_link, method):
    response = getattr(client, method)(invalid_link)

    assert response.status_code == 400
    assert response.context["problem"] == LinkProblem.INVALID.value
    assert "not valid" in response.content.decode()


def test_an_invalid_link_page_links_to_a_new_link(client, inactive_user):
    response = client.get(link(uid_of(inactive_user), "c2s-0123456789abcdef"))

    assert f'href="{RESEND_URL}"' in response.content.decode()


def test_a_used_link_gets_a_410_already_activated_page(client, inactive_user):
    path = activation_path(inactive_user)
    client.post(path)

    response = client.post(path)

    assert response.status_code == 410
    assert response.context["problem"] == LinkProblem.ALREADY_ACTIVATED.value
    assert "already been used" in response.content.decode()


def test_a_used_link_does_not_work_after_an_admin_deactivated_the_user(client, inactive_user):
    path = activation_path(inactive_user)
    client.post(path)
    user = refresh(inactive_user)
    user.is_active = False
    user.save()

    response = client.post(path)

    assert response.status_code == 410
    assert not refresh(user).is_active


def test_a_made_up_token_for_an_activated_account_does_not_reveal_the_activation(client, inactive_user):
    activate(inactive_user)

    response = client.get(link(uid_of(inactive_user), "c2s-0123456789abcdef"))

    assert response.status_code == 400
    assert response.context["problem"] == LinkProblem.INVALID.value


def test_an_expired_link_gets_a_410_expired_page(client, inactive_user, settings):
    path = activation_path(inactive_user)
    later = timezone.now() + timedelta(hours=settings.ACTIVATION_LINK_MAX_AGE_HOURS, minutes=1)

    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.post(path)

    assert response.status_code == 410
    assert response.context["problem"] == LinkProblem.EXPIRED.value
    assert "expired" in response.content.decode()


def test_an_expired_link_does_not_activate(client, inactive_user, settings):
    path = activation_path(inactive_user)
    settings.ACTIVATION_LINK_MAX_AGE_HOURS = 0
    later = timezone.now() + timedelta(seconds=1)

    with mock.patch("django.utils.timezone.now", return_value=later):
        client.post(path)

    assert not refresh(inactive_user).is_active


def test_the_activation_page_refuses_other_methods(client, inactive_user):
    response = client.put(activation_path(inactive_user))

    assert response.status_code == 405


def test_a_second_simultaneous_confirmation_is_told_the_link_was_used(inactive_user):
    # Both requests passed the token check before either activated; the second must not crash.
    activate(inactive_user)

    with pytest.raises(ActivationError) as raised:
        activate(inactive_user)

    assert raised.value.problem is LinkProblem.ALREADY_ACTIVATED
