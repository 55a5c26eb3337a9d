"""Task titles go into email subjects: one line only, so no title can add a header or lose its emails (finding 7)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tutorial_project.tasks.emails import one_line
from tutorial_project.tasks.models import Task

pytestmark = pytest.mark.django_db

LINE_BREAKERS = ["\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("breaker", LINE_BREAKERS)
def test_a_title_with_a_line_breaking_character_is_refused(breaker: str) -> None:
    with pytest.raises(ValidationError, match="on one line"):
        Task(title=f"Launch{breaker}Bcc: everyone@example.com").full_clean()


@pytest.mark.parametrize("breaker", LINE_BREAKERS)
def test_one_line_leaves_nothing_a_mail_reader_would_break_at(breaker: str) -> None:
    assert one_line(f"Launch{breaker}Bcc: x@example.com").splitlines() == ["Launch Bcc: x@example.com"]


def test_a_title_saved_around_the_form_still_gives_a_one_line_subject(
    make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task = make_task("Launch\x0bFrom: boss@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_to.add(make_employee("Ada"))

    [message] = mail.outbox
    header_lines = message.message().as_bytes().split(b"\n\n", 1)[0].decode().splitlines()
    assert "Subject: New task: Launch From: boss@example.com" in header_lines
    assert [line for line in header_lines if line.startswith("From:")] == [f"From: {message.from_email}"]


def test_the_admin_refuses_a_title_with_cr_lf_and_says_why(admin_client: Any, make_employee: Any) -> None:
    form = {
        "title": "Launch\r\nBcc: everyone@example.com",
        "assigned_to": [make_employee("Ada").pk],
        "details-TOTAL_FORMS": "0",
        "details-INITIAL_FORMS": "0",
        "details-MIN_NUM_FORMS": "0",
        "details-MAX_NUM_FORMS": "1",
    }

    response = admin_client.post(reverse("admin:tasks_task_add"), form)

    assert response.status_code == 200
    assert "Write the title on one line" in response.content.decode()
    assert Task.objects.count() == 0


def test_the_admin_names_the_assignee_boxes_after_employees(admin_client: Any) -> None:
    page = admin_client.get(reverse("admin:tasks_task_add")).content.decode()

    assert 'data-field-name="employees"' in page
