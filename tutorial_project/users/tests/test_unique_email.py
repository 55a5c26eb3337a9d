"""One account per email address, enforced by the database whatever the case (finding 2)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_account_with_the_same_address_in_another_case():
    users = get_user_model().objects
    users.create_user("ada", "ada@example.com")

    with pytest.raises(IntegrityError), transaction.atomic():
        users.create_user("ada2", "ADA@Example.com")


def test_the_database_allows_many_accounts_without_an_address():
    users = get_user_model().objects
    users.create_superuser("root", "", "x")
    users.create_superuser("admin", "", "x")

    assert users.filter(email="").count() == 2


def test_the_admin_refuses_a_duplicate_address_with_a_message(admin_client, django_user_model):
    django_user_model.objects.create_user("ada", "ada@example.com")
    bob = django_user_model.objects.create_user("bob", "bob@example.com")
    data = {"username": "bob", "email": "Ada@example.com", "date_joined_0": "2026-01-01", "date_joined_1": "00:00"}

    response = admin_client.post(f"/admin/auth/user/{bob.pk}/change/", data)

    assert response.status_code == 200
    assert "Another account already uses this email address." in response.content.decode()
