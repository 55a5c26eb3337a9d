"""The admin pages of the tasks app load, and assigning employees there sends the emails."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from tutorial_project.tasks.models import Task, TaskDetail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["employee", "task", "taskdetail"])
@pytest.mark.parametrize("page", ["changelist", "add"])
def test_the_admin_page_loads(admin_client: Any, model: str, page: str) -> None:
    assert admin_client.get(reverse(f"admin:tasks_{model}_{page}")).status_code == 200


def test_the_task_change_page_loads(admin_client: Any, make_task: Any, make_detail: Any) -> None:
    task = make_task()
    make_detail(task)

    assert admin_client.get(reverse("admin:tasks_task_change", args=[task.pk])).status_code == 200


def test_assigning_employees_in_the_admin_emails_only_the_new_ones(
    admin_client: Any, make_task: Any, make_employee: Any, django_capture_on_commit_callbacks: Any
) -> None:
    task, ada, bob, cy = make_task("Plan the launch"), make_employee("Ada"), make_employee("Bob"), make_employee("Cy")
    task.assigned_to.add(ada)
    form = {
        "title": task.title,
        "description": "",
        "due_date": "",
        "assigned_to": [ada.pk, bob.pk, cy.pk],
        "details-TOTAL_FORMS": "0",
        "details-INITIAL_FORMS": "0",
        "details-MIN_NUM_FORMS": "0",
        "details-MAX_NUM_FORMS": "1",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:tasks_task_change", args=[task.pk]), form)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert sorted((message.to[0], message.subject) for message in mail.outbox) == [
        ("bob@example.com", "New task: Plan the launch"),
        ("cy@example.com", "New task: Plan the launch"),
    ]


def test_deleting_a_task_with_a_detail_in_the_admin_deletes_both(
    admin_client: Any, make_task: Any, make_detail: Any
) -> None:
    task = make_task()
    make_detail(task)

    response = admin_client.post(reverse("admin:tasks_task_delete", args=[task.pk]), {"post": "yes"})

    assert (response.status_code, Task.objects.count(), TaskDetail.objects.count()) == (302, 0, 0)


def test_deleting_tasks_with_details_by_the_admin_bulk_action_deletes_both(
    admin_client: Any, make_task: Any, make_detail: Any
) -> None:
    tasks = [make_task(), make_task()]
    for task in tasks:
        make_detail(task)
    form = {"action": "delete_selected", "post": "yes", "_selected_action": [task.pk for task in tasks]}

    response = admin_client.post(reverse("admin:tasks_task_changelist"), form)

    assert (response.status_code, Task.objects.count(), TaskDetail.objects.count()) == (302, 0, 0)
