from django.contrib import admin

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


@admin.register(TaskDetail)
class TaskDetailAdmin(admin.ModelAdmin):
    list_display = ["task", "priority"]
    list_filter = ["priority"]
