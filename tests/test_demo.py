"""``make demo`` keeps working: the demo runs on its shipped data and shows the edges."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "demo" / "run.py"


def test_the_demo_runs() -> None:
    """The demo exits cleanly and still shows the DST night shifts it is about."""
    done = subprocess.run(
        [sys.executable, str(DEMO)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "UK spring change: Saturday night shift 22:00 GMT -> 06:00 BST holds 7h00" in done.stdout
    assert "UK autumn change: Saturday night shift 22:00 BST -> 06:00 GMT holds 9h00" in done.stdout
