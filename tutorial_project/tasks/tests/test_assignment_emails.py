"""Employees newly assigned to a task get one email per task, after the assignment is committed."""

from __future__ import annotations

import email
import logging
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import m2m_changed

from conftest import free_port
from tutorial_project.tasks.models import Employee, Task

pytestmark = [
    pytest.mark.django_db,
]


class Rollback(Exception):
    """Raised inside a transaction to roll it back."""


def recipients() -> list[str]:
    """Who was emailed, one entry per email, in sending order."""
    return [address for message in mail.outbox for address in message.to]


def test_the_receiver_is_connected_with_its_dispatch_uid(disconnect_receiver: Any) -> None:
    assert disconnect_receiver(m2m_changed, Task.assigned_to.through, "tasks.receivers.email_new_assignees")


# --- Who gets mail, and how many --------------------------------------------------------------------------------


def test_adding_two_employees_emails_each_once(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task, ada, bob = make_task(), make_employee("Ada"), make_employee("Bob")

    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_to.add(ada, bob)

    assert sorted(recipients()) == ["ada@example.com", "bob@example.com"]


def test_the_assignment_email_subject_names_the_task(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task = make_task("Write the quarterly report")

    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_to.add(make_employee())

    assert [message.subject for message in mail.outbox] == ["New task: Write the quarterly report"]


def test_the_assignment_email_greets_the_employee_and_names_the_task(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task = make_task("Write the quarterly report")

    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_to.add(make_employee("Ada"))

    assert mail.outbox[0].body.startswith('Hello Ada,\n\nYou have been assigned the task "Write the quarterly report".')


def test_adding_a_third_employee_emails_only_the_third(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task = make_task()
    task.assigned_to.add(make_employee("Ada"), make_employee("Bob"))

    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_to.add(make_employee("Cy"))

    assert recipients() == ["cy@example.com"]


def test_adding_an_already_assigned_employee_emails_nobody(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task, ada = make_task(), make_employee("Ada")
    task.assigned_to.add(ada)

    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_to.add(ada)

    assert recipients() == []


def test_reverse_add_emails_the_employee_once_per_task(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    ada = make_employee("Ada")

    with django_capture_on_commit_callbacks(execute=True):
        ada.task_set.add(make_task("Plan"), make_task("Build"))

    assert sorted((message.to[0], message.subject) for message in mail.outbox) == [
        ("ada@example.com", "New task: Build"),
        ("ada@example.com", "New task: Plan"),
    ]


def test_set_emails_only_the_newly_added_employees(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task, ada, bob, cy = make_task(), make_employee("Ada"), make_employee("Bob"), make_employee("Cy")
    task.assigned_to.add(ada, bob)

    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_to.set([bob, cy])

    assert recipients() == ["cy@example.com"]


def test_removing_an_employee_emails_nobody(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task, ada = make_task(), make_employee("Ada")
    task.assigned_to.add(ada)

    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_to.remove(ada)

    assert recipients() == []


def test_clearing_the_assignees_emails_nobody(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task = make_task()
    task.assigned_to.add(make_employee("Ada"), make_employee("Bob"))

    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_to.clear()

    assert recipients() == []


# --- When: after commit, never on rollback, never for raw ---------------------------------------------------------


def test_nothing_is_sent_before_the_transaction_commits(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task, ada = make_task(), make_employee("Ada")

    with django_capture_on_commit_callbacks() as callbacks:
        task.assigned_to.add(ada)

    assert (len(callbacks), recipients()) == (1, [])


def test_a_rolled_back_assignment_schedules_no_email(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task, ada = make_task(), make_employee("Ada")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Rollback), transaction.atomic():
            task.assigned_to.add(ada)
            raise Rollback

    assert (callbacks, recipients()) == ([], [])


@pytest.mark.django_db(transaction=True)
def test_a_really_committed_assignment_sends_the_email_after_the_commit(make_task: Any, make_employee: Any) -> None:
    task, ada = make_task(), make_employee("Ada")

    with transaction.atomic():
        task.assigned_to.add(ada)
        sent_before_commit = recipients()

    assert (sent_before_commit, recipients()) == ([], ["ada@example.com"])


@pytest.mark.django_db(transaction=True)
def test_a_really_rolled_back_assignment_sends_nothing(make_task: Any, make_employee: Any) -> None:
    task, ada = make_task(), make_employee("Ada")

    with pytest.raises(Rollback), transaction.atomic():
        task.assigned_to.add(ada)
        raise Rollback

    assert (recipients(), task.assigned_to.count()) == ([], 0)


@pytest.mark.parametrize(("raw", "expected"), [(True, []), (False, ["ada@example.com"])])
def test_a_raw_m2m_changed_sends_nothing(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any, raw: bool, expected: list[str]
) -> None:
    # Django 5.2 never sends raw with m2m_changed (6.1 does, for fixture loads), so the test sends it itself.
    task, ada = make_task(), make_employee("Ada")

    with django_capture_on_commit_callbacks(execute=True):
        m2m_changed.send(
            sender=Task.assigned_to.through,
            instance=task,
            action="post_add",
            reverse=False,
            model=Employee,
            pk_set={ada.pk},
            using="default",
            raw=raw,
        )

    assert recipients() == expected


# --- Failures and the real SMTP path -----------------------------------------------------------------------------

CLOSED_SMTP_PORT = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
}


def test_an_smtp_failure_is_logged_naming_the_employee(
    make_task: Any,
    make_employee: Any,
    django_capture_on_commit_callbacks: Any,
    email_settings_from_env: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    email_settings_from_env(**CLOSED_SMTP_PORT, EMAIL_PORT=str(free_port()))
    task = make_task()

    with caplog.at_level(logging.ERROR, logger="tutorial_project.tasks"):
        with django_capture_on_commit_callbacks(execute=True):
            task.assigned_to.add(make_employee("Ada"))

    assert [record.getMessage() for record in caplog.records] == [
        f"Could not email ada@example.com about task {task.pk}"
    ]


def test_an_smtp_failure_keeps_the_assignment(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any, email_settings_from_env: Any
) -> None:
    email_settings_from_env(**CLOSED_SMTP_PORT, EMAIL_PORT=str(free_port()))
    task, ada = make_task(), make_employee("Ada")

    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_to.add(ada)

    assert list(Task.objects.get(pk=task.pk).assigned_to.all()) == [ada]


def test_an_assignment_email_goes_through_a_real_smtp_server_configured_by_environment_variables(
    make_task: Any,
    make_employee: Any,
    django_capture_on_commit_callbacks: Any,
    smtp_server: Any,
    email_settings_from_env: Any,
) -> None:
    email_settings_from_env(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=smtp_server.host,
        EMAIL_PORT=str(smtp_server.port),
        DEFAULT_FROM_EMAIL="Task Tracker <tasks@example.com>",
    )
    task = make_task("Write the quarterly report")

    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_to.add(make_employee("Ada"))

    [envelope] = smtp_server.messages
    message = email.message_from_bytes(envelope.original_content)
    assert (envelope.mail_from, envelope.rcpt_tos) == ("tasks@example.com", ["ada@example.com"])
    assert message["Subject"] == "New task: Write the quarterly report"
    assert 'assigned the task "Write the quarterly report"' in message.get_payload(decode=True).decode()


def test_loading_a_fixture_with_assignments_sends_nothing(
    tmp_path: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    fixture = tmp_path / "tasks.json"
    fixture.write_text(
        '[{"model": "tasks.employee", "pk": 100, "fields": {"name": "Ida", "email": "ida@example.com"}},'
        ' {"model": "tasks.task", "pk": 100, "fields": {"title": "Imported", "created_at": "2026-01-05T09:00:00Z",'
        ' "updated_at": "2026-01-05T09:00:00Z", "assigned_to": [100]}}]'
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", str(fixture), verbosity=0)

    assert (recipients(), Task.objects.get(pk=100).assigned_to.count()) == ([], 1)


def test_assignments_after_a_fixture_load_send_email_again(
    tmp_path: Any, make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    fixture = tmp_path / "employee.json"
    fixture.write_text(
        '[{"model": "tasks.employee", "pk": 100, "fields": {"name": "Ida", "email": "ida@example.com"}}]'
    )
    call_command("loaddata", str(fixture), verbosity=0)
    task, ada = make_task(), make_employee("Ada")

    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_to.add(ada)

    assert recipients() == ["ada@example.com"]
