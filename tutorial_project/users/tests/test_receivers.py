"""The post_save receiver: an activation email for new inactive users only, and only once committed."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_save

from tutorial_project.users.receivers import email_activation_link


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run what the block registers with on_commit when it ends, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.django_db
def test_the_receiver_ignores_post_save_from_other_models(django_capture_on_commit_callbacks):
    user = get_user_model()(pk=1, username="ada", email="ada@example.com", is_active=False)

    with django_capture_on_commit_callbacks() as callbacks:
        post_save.send(sender=Group, instance=user, created=True, raw=False, using="default", update_fields=None)

    assert callbacks == []


@pytest.mark.django_db
def test_creating_an_inactive_user_emails_them(committing):
    with committing():
        get_user_model().objects.create_user("ada", "ada@example.com", "pw", is_active=False)

    assert [message.to for message in mail.outbox] == [["ada@example.com"]]


@pytest.mark.django_db
def test_the_email_waits_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        get_user_model().objects.create_user("ada", "ada@example.com", "pw", is_active=False)

    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_creating_an_active_user_sends_nothing(committing):
    with committing():
        get_user_model().objects.create_user("ada", "ada@example.com", "pw")

    assert mail.outbox == []


@pytest.mark.django_db
def test_saving_an_existing_inactive_user_sends_nothing(committing, inactive_user):
    with committing():
        inactive_user.first_name = "Ada"
        inactive_user.save()

    assert mail.outbox == []


@pytest.mark.django_db
def test_createsuperuser_sends_nothing(committing, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "an-admin-password-1")

    with committing():
        call_command("createsuperuser", interactive=False, username="admin", email="admin@example.com", verbosity=0)

    assert get_user_model().objects.get(username="admin").is_superuser
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_raw_save_sends_nothing(committing):
    user = get_user_model()(username="fixture", email="fixture@example.com", is_active=False)

    with committing():
        user.save_base(raw=True)

    assert get_user_model().objects.filter(username="fixture").exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_loading_a_fixture_of_inactive_users_sends_nothing(committing, tmp_path):
    fixture = tmp_path / "users.json"
    fixture.write_text(
        '[{"model": "auth.user", "pk": 50, "fields": {"username": "loaded", "email": "loaded@example.com",'
        ' "password": "!", "is_active": false}}]'
    )

    with committing():
        call_command("loaddata", str(fixture), verbosity=0)

    assert get_user_model().objects.filter(username="loaded").exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_rolled_back_sign_up_sends_nothing(committing):
    with committing(), pytest.raises(RuntimeError), transaction.atomic():
        get_user_model().objects.create_user("ada", "ada@example.com", "pw", is_active=False)
        raise RuntimeError("something later in the same transaction fails")

    assert not get_user_model().objects.filter(username="ada").exists()
    assert mail.outbox == []


def test_the_receiver_ignores_raw_saves_when_called_directly():
    user = get_user_model()(username="x", is_active=False)

    email_activation_link(sender=get_user_model(), instance=user, created=True, raw=True, using="default")

    assert mail.outbox == []
