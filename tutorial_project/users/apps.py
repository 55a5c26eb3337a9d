from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "tutorial_project.users"
    label = "users"
    verbose_name = "Users"

    def ready(self) -> None:
        # Importing the module connects its @receiver functions.
        from tutorial_project.users import receivers  # noqa: F401
