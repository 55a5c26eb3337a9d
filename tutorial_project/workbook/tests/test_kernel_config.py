"""Every kernel of an environment loads the workbook's kernel messages once the config is installed there."""

from __future__ import annotations

import json
from pathlib import Path

from tutorial_project.workbook.kernel_config import install


def test_install_puts_the_config_where_ipython_reads_it(tmp_path: Path) -> None:
    assert install(str(tmp_path)) == tmp_path / "etc" / "ipython" / "ipython_kernel_config.json"


def test_the_config_loads_the_kernel_messages_extension(tmp_path: Path) -> None:
    config = json.loads(install(str(tmp_path)).read_text())
    assert config["InteractiveShellApp"]["extensions"] == ["tutorial_project.workbook.kernel_messages"]
