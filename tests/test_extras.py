"""The optional extras: importing one without its dependencies says which extra to install."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Run in a fresh interpreter in which the dependency cannot be imported: ``None`` in
# ``sys.modules`` makes ``import numpy`` raise ModuleNotFoundError, as if it were not installed.
_PROBE = """
import sys
for name in {missing!r}:
    sys.modules[name] = None
try:
    import {package}
except ImportError as error:
    print(type(error).__name__)
    print(isinstance(error, ModuleNotFoundError))
    print(error.name)
    print(error)
else:
    print("imported")
"""


def _import_without(package: str, missing: tuple[str, ...]) -> list[str]:
    """The lines the probe prints: error class, is-ModuleNotFoundError, name, message."""
    probe = _PROBE.format(package=package, missing=missing)
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.splitlines()


class TestMissingExtras:
    """Defect: a missing extra surfaced as a bare "No module named 'numpy'" from deep inside."""

    @pytest.mark.parametrize(
        ("package", "missing", "extra"),
        [
            ("safetycore.analysis", ("numpy",), "analysis"),
            ("safetycore.analysis", ("pandas",), "analysis"),
            ("safetycore.analysis", ("numba",), "analysis"),
            ("safetycore.testing", ("hypothesis",), "testing"),
            ("safetycore.testing.workflows", ("hypothesis",), "testing"),
        ],
    )
    def test_says_which_extra(self, package: str, missing: tuple[str, ...], extra: str) -> None:
        """The ImportError (a ModuleNotFoundError) names the module and the extra to install."""
        kind, is_not_found, name, *message = _import_without(package, missing)
        assert (kind, is_not_found, name) == ("ModuleNotFoundError", "True", missing[0])
        text = "\n".join(message)
        assert f"pip install 'safetycore[{extra}]'" in text
        assert missing[0] in text

    def test_imports_with_the_extras(self) -> None:
        """With the dependencies present the packages import as usual."""
        assert _import_without("safetycore.analysis", ()) == ["imported"]
        assert _import_without("safetycore.testing", ()) == ["imported"]

    def test_core_needs_no_extra(self) -> None:
        """The core packages import without numpy, pandas and hypothesis."""
        for package in (
            "safetycore.workflow",
            "safetycore.sla",
            "safetycore.eligibility",
            "safetycore.config",
            "safetycore.__main__",
        ):
            assert _import_without(package, ("numpy", "pandas", "hypothesis")) == ["imported"]


_CALL_PROBE = """
import sys
sys.modules["dask"] = None
import safetycore.analysis
from safetycore.analysis.dask import sla_frame_dask
try:
    sla_frame_dask(None, None, None)
except ImportError as error:
    print(type(error).__name__)
    print(error.name)
    print(error)
"""


class TestDaskExtra:
    """safetycore.analysis.dask imports dask when first called, never at import."""

    def test_imports_without_dask(self) -> None:
        """safetycore.analysis and its dask module import where dask is not installed."""
        assert _import_without("safetycore.analysis", ("dask",)) == ["imported"]
        assert _import_without("safetycore.analysis.dask", ("dask",)) == ["imported"]

    def test_a_call_says_which_extra(self) -> None:
        """Called without dask, a function raises ModuleNotFoundError naming the extra."""
        done = subprocess.run(
            [sys.executable, "-c", _CALL_PROBE],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        kind, name, *message = done.stdout.splitlines()
        # With None in sys.modules, the import that fails is dask.dataframe's.
        assert (kind, name) == ("ModuleNotFoundError", "dask.dataframe")
        assert "pip install 'safetycore[dask]'" in "\n".join(message)
