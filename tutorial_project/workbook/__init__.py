"""The teaching toolkit the notebooks import: `from tutorial_project.workbook import *; setup()`.

Nothing here touches Django's models or settings at import time, so it works before `setup()` has run.
"""

from tutorial_project.workbook.bootstrap import setup
from tutorial_project.workbook.cell_receivers import cell_receiver, connected, disconnect_cell_receivers
from tutorial_project.workbook.clock import clock
from tutorial_project.workbook.diagrams import models_diagram
from tutorial_project.workbook.exercises import check
from tutorial_project.workbook.formatting import hide_tokens
from tutorial_project.workbook.listing import receivers
from tutorial_project.workbook.outbox import outbox
from tutorial_project.workbook.tracer import trace

__all__ = [
    "setup",
    "trace",
    "outbox",
    "receivers",
    "models_diagram",
    "cell_receiver",
    "connected",
    "disconnect_cell_receivers",
    "check",
    "clock",
    "hide_tokens",
]
