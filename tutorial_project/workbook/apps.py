from django.apps import AppConfig


class WorkbookConfig(AppConfig):
    """The teaching toolkit the notebooks import; it also provides `shell_plus --notebook` for Notebook 7."""

    name = "tutorial_project.workbook"
    label = "workbook"
    verbose_name = "Workbook"
