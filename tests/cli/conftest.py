"""The command line run in-process: ``main(argv)`` with its output captured by ``capsys``."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from safetycore.__main__ import main


@attrs.frozen
class Run:
    """One run of the command line: its exit code and what it wrote."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``cli("validate", "a.json")``: run ``safetycore`` with those arguments."""

    def run(*argv: object) -> Run:
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
