"""Django's loaddata, marking the time it runs so receivers can skip the side effects of fixture loads."""

from __future__ import annotations

from typing import Any

from django.core.management.commands.loaddata import Command as LoaddataCommand

from tutorial_project.tasks.fixtures import loading_fixtures


class Command(LoaddataCommand):
    def handle(self, *fixture_labels: str, **options: Any) -> None:
        token = loading_fixtures.set(True)
        try:
            super().handle(*fixture_labels, **options)
        finally:
            loading_fixtures.reset(token)
