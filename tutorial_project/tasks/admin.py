from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.db.models import ManyToManyField
from django.http import HttpRequest

from tutorial_project.tasks.models import Employee, Task, TaskDetail


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["name", "email"]
    search_fields = ["name", "email"]


class TaskDetailInline(admin.StackedInline):
    model = TaskDetail
    can_delete = False


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["title", "due_date", "is_completed"]
    list_filter = ["is_completed"]
    search_fields = ["title"]
    # Assigning employees here sends them the assignment email (tasks.receivers.email_new_assignees).
    filter_horizontal = ["assigned_to"]
    inlines = [TaskDetailInline]

    def formfield_for_manytomany(
        self, db_field: ManyToManyField, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField | None:
        """Name the two boxes "Available employees" and "Chosen employees" rather than "... assigned to"."""
        if db_field.name == "assigned_to":
            kwargs["widget"] = FilteredSelectMultiple("employees", is_stacked=False)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(TaskDetail)
class TaskDetailAdmin(admin.ModelAdmin):
    list_display = ["task", "priority"]
    list_filter = ["priority"]
