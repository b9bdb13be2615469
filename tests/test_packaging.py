"""The wheel users install: what it ships besides the code."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

pytest.importorskip("hatchling")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-build-isolation",
            "--no-deps",
            "--disable-pip-version-check",
            str(ROOT),
            "--wheel-dir",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("safetycore-*.whl")
    return zipfile.ZipFile(built)


class TestWheel:
    def test_license_ships_in_the_metadata(self, wheel: zipfile.ZipFile) -> None:
        """The MIT licence text is in the wheel and its metadata declares it."""
        names = wheel.namelist()
        (license_file,) = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert wheel.read(license_file) == (ROOT / "LICENSE").read_bytes()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        text = wheel.read(metadata).decode()
        assert "License-Expression: MIT" in text
        assert "License-File: LICENSE" in text

    def test_only_the_package_ships(self, wheel: zipfile.ZipFile) -> None:
        """The wheel holds the package with its py.typed marker, and no tests or benchmarks."""
        tops = {name.split("/")[0] for name in wheel.namelist()}
        assert tops == {"safetycore", f"safetycore-{version('safetycore')}.dist-info"}
        assert "safetycore/py.typed" in wheel.namelist()

    def test_schemas_examples_and_the_command_line_ship(self, wheel: zipfile.ZipFile) -> None:
        """Every schema and example document ships, and the console script is declared."""
        names = set(wheel.namelist())
        for folder in ("schemas", "policies"):
            for path in (ROOT / "src" / "safetycore" / folder).glob("*.json"):
                assert f"safetycore/{folder}/{path.name}" in names
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        text = wheel.read(entry_points).decode()
        assert "[console_scripts]\nsafetycore = safetycore.__main__:main" in text

    def test_workflow_data_ships(self, wheel: zipfile.ZipFile) -> None:
        """The stock workflow files (read at import) and the workflow schemas are in the wheel."""
        names = set(wheel.namelist())
        for name in ("support_ticket", "safety_incident", "guarantee_claim"):
            assert f"safetycore/policies/{name}.workflow.json" in names
        for name in ("workflow", "workflow_migration"):
            assert f"safetycore/schemas/{name}.schema.json" in names
