"""A pytest plugin: under nbval, every notebook's cells run a second time in the same kernel."""

from __future__ import annotations

import copy
from typing import Any

import pytest


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under nbval, run every notebook's cells a second time in the same kernel, compared with the same outputs.

    A student who presses Run All twice must see what the notebook stores. Appending a second pass to nbval's
    own items checks that without a third execution of every notebook, and `--dist loadfile` keeps both passes
    of a notebook on one worker, in one kernel.
    """
    if not config.getoption("nbval", default=False):
        return
    from nbval.plugin import IPyNbCell

    by_notebook: dict[Any, list[IPyNbCell]] = {}
    for item in items:
        if isinstance(item, IPyNbCell):
            by_notebook.setdefault(item.parent, []).append(item)
    for notebook, cells in by_notebook.items():
        # A copy of each cell: nbval merges the stored streams in place when it compares, and the second pass
        # must compare with the outputs as stored.
        again = [
            IPyNbCell.from_parent(
                notebook,
                name=f"{cell.name} (run again)",
                cell_num=cell.cell_num,
                cell=copy.deepcopy(cell.cell),
                options=cell.options,
            )
            for cell in cells
        ]
        last = items.index(cells[-1])
        items[last + 1 : last + 1] = again
