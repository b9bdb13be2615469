"""The command line pages run as written: every ``$ command`` shows the output it gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from .console import Shell, blocks, workspace

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("page", ["cli.md", "config.md"])
def test_console_blocks(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each console block's commands, run in order in one folder, print what the page shows."""
    monkeypatch.chdir(tmp_path)
    workspace(tmp_path)
    shell = Shell(tmp_path)
    found = list(blocks(DOCS / page))
    assert found, f"{page} has no console blocks"
    for block in found:
        for command, expected in block:
            assert shell.run(command) == expected, command
