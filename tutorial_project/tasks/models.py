"""The course's task-management models: Employee, Task and TaskDetail."""

from __future__ import annotations

from django.db import models

from tutorial_project.tasks.validators import single_line


class Employee(models.Model):
    """Someone who can be assigned tasks, and who is emailed when they are."""

    name = models.CharField(max_length=100)
    email = models.EmailField(unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    """A piece of work, assigned to any number of employees."""

    # One line: the title becomes the subject of the assignment emails.
    title = models.CharField(max_length=200, validators=[single_line])
    description = models.TextField(blank=True)
    due_date = models.DateField(null=True, blank=True)
    is_completed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    assigned_to = models.ManyToManyField(Employee, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class TaskDetail(models.Model):
    """Extra information about a task, one row per task at most.

    `on_delete=DO_NOTHING` is the course's choice: deleting a Task leaves this row behind unless a receiver
    removes it (see `receivers.delete_task_detail`).
    """

    class Priority(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    task = models.OneToOneField(Task, on_delete=models.DO_NOTHING, related_name="details")
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Details of {self.task_id}"
