"""The two ways in: ``python -m safetycore`` and the ``safetycore`` console script."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import safetycore.__main__

ROOT = Path(__file__).resolve().parents[2]


def test_python_m_safetycore_help() -> None:
    """``python -m safetycore --help`` runs the command line in a fresh process: exit 0."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "safetycore", "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: safetycore ")
    assert "exit codes:" in done.stdout
    assert done.stderr == ""


def test_console_script_resolves_to_main() -> None:
    """Pyproject's ``safetycore`` script names ``safetycore.__main__:main``, which runs it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = project["project"]["scripts"]["safetycore"]
    module, _, name = target.partition(":")
    entry = getattr(importlib.import_module(module), name)
    assert entry is safetycore.__main__.main
    assert entry(["schema", "--help"]) == 0


def test_a_closed_pipe_ends_quietly() -> None:
    """A reader that goes away (``| head``) ends the run with 141 and no traceback."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    child = subprocess.Popen(
        [sys.executable, "-m", "safetycore", "examples", "safety_incident"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    child.stdout.close()  # before the child writes: its first write meets a closed pipe
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=120) == 141
    assert err == b""


class _Closed:
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process too: the closed stdout is the exit code, not an exception."""
    monkeypatch.setattr(sys, "stdout", _Closed())
    assert safetycore.__main__.main(["examples"]) == 141


def test_without_pandas_in_a_fresh_process(tmp_path: Path) -> None:
    """Without pandas at all, documents still validate; ``evaluate`` is exit 4, no traceback."""
    events = tmp_path / "events.csv"
    events.write_text("case_id,at,kind,actor\n", encoding="utf-8")
    policy = tmp_path / "policy.json"
    policy.write_text(
        (ROOT / "src/safetycore/policies/support_sla_current.json").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    code = (
        "import sys; sys.modules['pandas'] = None; from safetycore.__main__ import main; "
        f"print(main(['validate', {str(policy)!r}])); "
        f"sys.exit(main(['evaluate', '--policy', {str(policy)!r}, {str(events)!r}]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 4, done.stderr
    assert done.stdout == f"{policy}: ok (sla_policy)\n0\n"
    assert done.stderr.startswith("safetycore: this needs pandas, numpy and numba (the 'analysis'")
    assert "Traceback" not in done.stderr
