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
        for package in ("safetycore.workflow", "safetycore.sla", "safetycore.eligibility"):
            assert _import_without(package, ("numpy", "pandas", "hypothesis")) == ["imported"]
