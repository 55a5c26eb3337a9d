from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "tutorial_project.tasks"
    label = "tasks"
    verbose_name = "Tasks"

    def ready(self) -> None:
        # Importing the module connects its @receiver functions.
        from tutorial_project.tasks import receivers  # noqa: F401
