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
def test_an_email_address_already_in_use_makes_no_account_whatever_its_case(sign_up, make_user, email):
    make_user("someone", "Ada@example.com", is_active=True)

    sign_up(email=email)

    assert not get_user_model().objects.filter(username="ada").exists()


@pytest.mark.django_db
def test_an_email_address_in_use_gets_the_same_page_as_a_new_one(sign_up, make_user):
    new = sign_up(username="first", email="first@example.com")
    make_user("someone", "taken@example.com", is_active=True)

    taken = sign_up(username="second", email="taken@example.com")

    assert (taken.status_code, taken.content) == (new.status_code, new.content)


@pytest.mark.django_db
def test_an_email_address_in_use_is_told_by_email_with_a_password_reset_link(sign_up, make_user):
    make_user("someone", "ada@example.com", is_active=True)

    sign_up()

    [notice] = mail.outbox
    assert notice.to == ["ada@example.com"]
    assert "already has an account" in notice.body
    assert "http://localhost:8000" + reverse("users:password_reset") in notice.body


@pytest.mark.django_db
def test_a_sign_up_replaces_a_never_activated_account_with_the_same_address(sign_up, make_user):
    make_user("squatter", "ada@example.com")

    sign_up()

    assert list(
        get_user_model().objects.filter(email__iexact="ada@example.com").values_list("username", flat=True)
    ) == ["ada"]


@pytest.mark.django_db
def test_the_owner_of_a_squatted_address_gets_their_own_activation_link(client, sign_up, make_user):
    make_user("squatter", "ada@example.com")

    sign_up()
    client.post(activation_link_in(mail.outbox[0]).removeprefix("http://localhost:8000"))

    assert get_user_model().objects.get(email="ada@example.com").username == "ada"
    assert get_user_model().objects.get(username="ada").is_active


@pytest.mark.django_db
def test_mismatched_passwords_create_no_user_and_send_no_email(sign_up):
    response = sign_up(password2="something-else-entirely")

    assert response.context["form"].has_error("password2", code="password_mismatch")
    assert not get_user_model().objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_username_already_taken_makes_no_account(sign_up, make_user):
    make_user("ada", "other@example.com", is_active=True)

    sign_up()

    assert not get_user_model().objects.filter(email="ada@example.com").exists()


@pytest.mark.django_db
def test_a_username_already_taken_gets_the_same_page_as_a_new_one(sign_up, make_user):
    new = sign_up(username="first", email="first@example.com")
    make_user("ada", "other@example.com", is_active=True)

    taken = sign_up(email="second@example.com")

    assert (taken.status_code, taken.content) == (new.status_code, new.content)


@pytest.mark.django_db
def test_a_username_already_taken_is_told_to_the_address_by_email(sign_up, make_user):
    make_user("ADA", "other@example.com", is_active=True)

    sign_up()

    [notice] = mail.outbox
    assert (notice.to, "username is taken" in notice.body) == (["ada@example.com"], True)


def test_a_failing_sign_up_hides_the_passwords_from_error_reports(rf, monkeypatch):
    from django.views.debug import SafeExceptionReporterFilter

    from tutorial_project.users import views

    def broken(form):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(views, "register", broken)
    monkeypatch.setattr(views, "emails_over_limit", lambda request: False)
    request = rf.post(SIGN_UP_URL, sign_up_data())

    with pytest.raises(RuntimeError):
        views.sign_up(request)

    shown = SafeExceptionReporterFilter().get_post_parameters(request)
    assert (shown["password1"], shown["password2"], shown["username"]) == ("********************",) * 2 + ("ada",)


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
