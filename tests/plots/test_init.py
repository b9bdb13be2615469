"""``safetycore.plots``: its public names, its extra, and figures made without pyplot."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

import safetycore.plots as plots

_PROBE = """
import sys
sys.modules[{missing!r}] = None
try:
    import safetycore.plots
except ImportError as error:
    print(type(error).__name__, error.name)
    print(error)
"""

_NO_PYPLOT = """
import sys
from decimal import Decimal
from safetycore.eligibility import PayoutResult, PayoutStep
from safetycore import plots
step = PayoutStep("Invoiced", Decimal("10"), Decimal("10"))
plots.payout_waterfall(PayoutResult((step,), Decimal("10"), "USD")).savefig(sys.stdout.buffer)
print("pyplot" if "matplotlib.pyplot" in sys.modules else "no pyplot", file=sys.stderr)
"""


def _run(probe: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )


def test_public_names_are_sorted_and_listed_by_dir() -> None:
    """``__all__`` is sorted, ``dir()`` shows just it, and each reports the public module."""
    assert plots.__all__ == sorted(plots.__all__)
    assert dir(plots) == plots.__all__
    for name in plots.__all__:
        assert getattr(plots, name).__module__ == "safetycore.plots"


@pytest.mark.parametrize(("missing", "extra"), [("matplotlib", "plots"), ("pandas", "analysis")])
def test_a_missing_dependency_names_its_extra(missing: str, extra: str) -> None:
    """Without matplotlib (or pandas) the import is a ModuleNotFoundError naming the extra."""
    first, *message = _run(_PROBE.format(missing=missing)).stdout.splitlines()
    assert first == f"ModuleNotFoundError {missing}"
    assert f"pip install 'safetycore[{extra}]'" in "\n".join(message)


def test_drawing_and_saving_never_import_pyplot() -> None:
    """A fresh interpreter draws and saves a PNG with pyplot never imported (no backend)."""
    done = subprocess.run(
        [sys.executable, "-c", _NO_PYPLOT], capture_output=True, check=True, timeout=120
    )
    assert done.stdout.startswith(b"\x89PNG")
    assert done.stderr.decode().strip() == "no pyplot"


def test_a_figure_saves_to_png_in_process(frame: pd.DataFrame) -> None:
    """A returned figure renders to PNG bytes through savefig without pyplot's machinery."""
    buffer = io.BytesIO()
    plots.breach_heatmap(frame).savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")
