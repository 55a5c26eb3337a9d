"""The activation token generator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.tokens import default_token_generator

from tutorial_project.users.activation import activate
from tutorial_project.users.tokens import activation_token_generator, token_timestamp

SIGN_UP_TIME = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


def at(moment: datetime) -> mock._patch:
    """Freeze django.utils.timezone.now at `moment`."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_a_fresh_token_is_valid(inactive_user):
    token = activation_token_generator.make_token(inactive_user)

    assert activation_token_generator.check_token(inactive_user, token)


def test_a_token_is_not_valid_for_another_user(make_user, inactive_user):
    other = make_user("grace", "grace@example.com")
    token = activation_token_generator.make_token(inactive_user)

    assert not activation_token_generator.check_token(other, token)


def test_a_token_stops_working_once_the_user_is_activated(inactive_user):
    token = activation_token_generator.make_token(inactive_user)

    activate(inactive_user)

    assert not activation_token_generator.check_token(inactive_user, token)


def test_a_token_stays_dead_when_an_admin_deactivates_the_user(inactive_user):
    token = activation_token_generator.make_token(inactive_user)
    activate(inactive_user)

    inactive_user.is_active = False
    inactive_user.save()

    assert not activation_token_generator.check_token(inactive_user, token)


def test_a_used_token_is_recognised_as_genuine_before_activation(inactive_user):
    token = activation_token_generator.make_token(inactive_user)

    activate(inactive_user)

    assert activation_token_generator.is_genuine(inactive_user, token, before_activation=True)


def test_a_token_made_after_activation_is_not_taken_for_a_used_link(make_user):
    active_user = make_user(is_active=True)
    token = activation_token_generator.make_token(active_user)

    assert not activation_token_generator.is_genuine(active_user, token, before_activation=True)


def test_a_token_is_valid_until_the_last_second_of_its_lifetime(inactive_user, settings):
    settings.ACTIVATION_LINK_MAX_AGE_HOURS = 2
    with at(SIGN_UP_TIME):
        token = activation_token_generator.make_token(inactive_user)

    with at(SIGN_UP_TIME + timedelta(hours=2)):
        assert activation_token_generator.check_token(inactive_user, token)


def test_a_token_expires_after_its_lifetime(inactive_user, settings):
    settings.ACTIVATION_LINK_MAX_AGE_HOURS = 2
    with at(SIGN_UP_TIME):
        token = activation_token_generator.make_token(inactive_user)

    with at(SIGN_UP_TIME + timedelta(hours=2, seconds=1)):
        assert not activation_token_generator.check_token(inactive_user, token)
        assert activation_token_generator.is_genuine(inactive_user, token)


def test_the_lifetime_is_read_when_the_token_is_checked(inactive_user, settings):
    with at(SIGN_UP_TIME):
        token = activation_token_generator.make_token(inactive_user)

    settings.ACTIVATION_LINK_MAX_AGE_HOURS = 1
    with at(SIGN_UP_TIME + timedelta(hours=3)):
        assert not activation_token_generator.check_token(inactive_user, token)


def test_the_token_carries_the_frozen_time_in_utc(inactive_user):
    with at(SIGN_UP_TIME):
        token = activation_token_generator.make_token(inactive_user)

    assert token_timestamp(token) == (SIGN_UP_TIME - datetime(2001, 1, 1, tzinfo=UTC)).total_seconds()


def test_an_activation_token_is_not_a_password_reset_token(inactive_user):
    token = activation_token_generator.make_token(inactive_user)

    assert not default_token_generator.check_token(inactive_user, token)


def test_a_password_reset_token_is_not_an_activation_token(inactive_user):
    token = default_token_generator.make_token(inactive_user)

    assert not activation_token_generator.check_token(inactive_user, token)


def test_a_token_made_with_a_previous_secret_key_still_works(inactive_user, settings):
    token = activation_token_generator.make_token(inactive_user)

    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation"

    assert activation_token_generator.check_token(inactive_user, token)


@pytest.mark.parametrize("token", ["", "no-dash-here", "nodash", "!!-abc", "zzzzzzzzzzzzzz-abc", None])
def test_a_malformed_token_is_refused_without_error(inactive_user, token):
    assert not activation_token_generator.check_token(inactive_user, token)


def test_a_token_stops_working_when_the_email_address_changes(inactive_user):
    token = activation_token_generator.make_token(inactive_user)

    inactive_user.email = "someone.else@example.com"

    assert not activation_token_generator.check_token(inactive_user, token)
