"""The "send me a new link" page: the same answer for every address; an email only to those who need one."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tutorial_project.users.activation import activate

RESEND_URL = reverse("users:resend_activation")


def resend(client, email: str):
    return client.post(RESEND_URL, {"email": email})


@pytest.mark.django_db
def test_the_page_shows_the_form(client):
    response = client.get(RESEND_URL)

    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


@pytest.mark.django_db
def test_the_answer_is_the_same_for_known_unknown_and_active_addresses(client, make_user):
    make_user("waiting", "waiting@example.com")
    make_user("active", "active@example.com", is_active=True)

    answers = [resend(client, email) for email in ["waiting@example.com", "nobody@example.com", "active@example.com"]]

    assert answers[0].status_code == 200
    assert len({(answer.status_code, answer.content) for answer in answers}) == 1


@pytest.mark.django_db
def test_an_inactive_user_gets_a_new_link(client, inactive_user):
    resend(client, "ada@example.com")

    assert [message.to for message in mail.outbox] == [["ada@example.com"]]
    assert "/activate/" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_address_is_matched_whatever_its_case(client, inactive_user):
    resend(client, "ADA@EXAMPLE.COM")

    assert [message.to for message in mail.outbox] == [["ada@example.com"]]


@pytest.mark.django_db
def test_an_unknown_address_gets_no_email(client):
    resend(client, "nobody@example.com")

    assert mail.outbox == []


@pytest.mark.django_db
def test_an_active_user_gets_no_email(client, make_user):
    make_user(is_active=True)

    resend(client, "ada@example.com")

    assert mail.outbox == []


@pytest.mark.django_db
def test_a_user_an_admin_deactivated_gets_no_email(client, inactive_user):
    activate(inactive_user)
    inactive_user.is_active = False
    inactive_user.save()

    resend(client, "ada@example.com")

    assert mail.outbox == []


@pytest.mark.django_db
def test_the_new_link_activates_the_account(client, inactive_user):
    resend(client, "ada@example.com")
    link = mail.outbox[0].body.split("http://localhost:8000", 1)[1].split()[0]

    client.post(link)

    inactive_user.refresh_from_db()
    assert inactive_user.is_active


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["", "not-an-address", "a" * 300 + "@example.com"])
def test_a_bad_address_shows_the_form_again_with_an_error(client, email):
    response = resend(client, email)

    assert response.status_code == 200
    assert response.context["form"].has_error("email")
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_new_link_is_sent_only_after_the_answer(rf, inactive_user):
    # Sent after the response is complete (close()), the email adds nothing to the time the answer takes, so the
    # answer for an address waiting for activation is no slower than for any other (finding 10).
    from django.core.signals import request_finished
    from django.db import close_old_connections

    from tutorial_project.users.views import resend_activation

    request = rf.post(RESEND_URL, {"email": "ada@example.com"})
    request.session, request._messages = {}, []

    response = resend_activation(request)
    before_close = len(mail.outbox)
    # As Django's test client does: keep the test's database connection open through request_finished.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)

    assert (response.status_code, before_close, len(mail.outbox)) == (200, 0, 1)
