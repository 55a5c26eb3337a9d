#!/usr/bin/env python
"""Django's command-line utility for the tutorial project."""

import os
import sys


def main() -> None:
    """Run a management command; a bad setting stops it with one line instead of a traceback."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tutorial_project.settings")
    from django.core.management import execute_from_command_line

    from tutorial_project.env import SettingsError

    try:
        execute_from_command_line(sys.argv)
    except SettingsError as exc:
        sys.exit(f"Configuration error: {exc}")


if __name__ == "__main__":
    main()
