"""Reading configuration files: JSON and YAML, and every way a file can fail to be read."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from safetycore._cli.files import Stop, read_document, read_table

from .conftest import Run


def _stop(path: Path) -> Stop:
    with pytest.raises(Stop) as raised:
        read_document(path)
    return raised.value


class TestReadDocument:
    def test_json(self, tmp_path: Path) -> None:
        """A JSON file reads as its data."""
        path = tmp_path / "a.json"
        path.write_text('{"kind": "workflow", "n": [1, 2.5, true, null]}', encoding="utf-8")
        assert read_document(path) == {"kind": "workflow", "n": [1, 2.5, True, None]}

    def test_yaml_reads_like_json(self, tmp_path: Path) -> None:
        """A YAML file reads as the same data as its JSON twin."""
        path = tmp_path / "a.yaml"
        path.write_text("kind: workflow\nn: [1, 2.5, true, null]\n", encoding="utf-8")
        assert read_document(path) == {"kind": "workflow", "n": [1, 2.5, True, None]}

    @pytest.mark.parametrize("suffix", [".yml", ".YAML"])
    def test_yaml_suffixes(self, tmp_path: Path, suffix: str) -> None:
        """``.yml`` is YAML too, and the suffix is read in any case."""
        path = tmp_path / f"a{suffix}"
        path.write_text("a: 1\n", encoding="utf-8")
        assert read_document(path) == {"a": 1}

    def test_yaml_keeps_dates_and_instants_as_text(self, tmp_path: Path) -> None:
        """Unquoted dates and instants stay text, as in JSON: the readers parse them."""
        path = tmp_path / "a.yaml"
        path.write_text(
            "day: 2026-01-01\nat: 2026-01-01T00:00:00-06:00\nnaive: 2026-01-01 10:00\n",
            encoding="utf-8",
        )
        assert read_document(path) == {
            "day": "2026-01-01",
            "at": "2026-01-01T00:00:00-06:00",
            "naive": "2026-01-01 10:00",
        }

    def test_yaml_flags_are_only_true_and_false(self, tmp_path: Path) -> None:
        """YAML 1.2 flags: Norway's ``NO``, ``yes`` and ``off`` stay text; ``false`` is False."""
        path = tmp_path / "a.yaml"
        path.write_text("country: NO\na: yes\nb: off\nc: false\nd: True\n", encoding="utf-8")
        assert read_document(path) == {
            "country": "NO",
            "a": "yes",
            "b": "off",
            "c": False,
            "d": True,
        }

    def test_yaml_refuses_python_objects(self, tmp_path: Path) -> None:
        """A YAML tag that would build a Python object is refused: safe loading only."""
        path = tmp_path / "a.yaml"
        path.write_text("a: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
        stop = _stop(path)
        assert stop.code == 3
        assert stop.lines[0].startswith(f"{path}: is not YAML (line 1, column 4: ")

    def test_missing(self, tmp_path: Path) -> None:
        """A missing file is exit 3, named."""
        stop = _stop(tmp_path / "gone.json")
        assert (stop.code, stop.lines) == (3, (f"{tmp_path / 'gone.json'}: no such file",))

    def test_directory(self, tmp_path: Path) -> None:
        """A directory where a file belongs is exit 3."""
        folder = tmp_path / "d.json"
        folder.mkdir()
        stop = _stop(folder)
        assert (stop.code, stop.lines) == (3, (f"{folder}: is a directory, not a file",))

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A file that is not UTF-8 (Latin-1 here) is exit 3, with the byte."""
        path = tmp_path / "a.json"
        path.write_bytes('{"name": "café"}'.encode("latin-1"))
        stop = _stop(path)
        assert stop.code == 3
        assert stop.lines[0].startswith(f"{path}: is not UTF-8 text (byte 13: ")

    def test_not_json(self, tmp_path: Path) -> None:
        """Malformed JSON is exit 3, with its line and column."""
        path = tmp_path / "a.json"
        path.write_text('{\n  "kind": "workflow",\n}', encoding="utf-8")
        stop = _stop(path)
        assert stop.code == 3
        assert stop.lines == (
            f"{path}: is not JSON (line 3, column 1: Expecting property name enclosed in "
            "double quotes)",
        )

    def test_not_yaml(self, tmp_path: Path) -> None:
        """Malformed YAML is exit 3, with its line and column."""
        path = tmp_path / "a.yaml"
        path.write_text("a: [1, 2\nb: 3\n", encoding="utf-8")
        stop = _stop(path)
        assert stop.code == 3
        assert stop.lines[0].startswith(f"{path}: is not YAML (line ")

    @pytest.mark.parametrize(
        ("suffix", "text"), [(".json", '{"a": 1, "a": 2}'), (".yaml", "a: 1\na: 2\n")]
    )
    def test_a_key_twice(self, tmp_path: Path, suffix: str, text: str) -> None:
        """A key given twice is refused (readers would keep the last one silently)."""
        path = tmp_path / f"a{suffix}"
        path.write_text(text, encoding="utf-8")
        stop = _stop(path)
        assert stop.code == 3
        assert "'a' appears twice" in stop.lines[0]

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """A file that is neither .json nor .yaml/.yml is exit 3, saying which names work."""
        path = tmp_path / "a.toml"
        path.write_text("a = 1", encoding="utf-8")
        stop = _stop(path)
        assert stop.lines == (
            f"{path}: cannot tell its format from its name (name it .json, .yaml or .yml)",
        )

    def test_yaml_without_pyyaml(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without PyYAML a YAML file is exit 4, naming the ``yaml`` extra."""
        monkeypatch.setitem(sys.modules, "yaml", None)  # import yaml now raises ImportError
        path = tmp_path / "a.yaml"
        path.write_text("a: 1\n", encoding="utf-8")
        stop = _stop(path)
        assert stop.code == 4
        assert stop.lines == (
            "safetycore: this needs PyYAML (the 'cli' extra): pip install 'safetycore[cli]' "
            "(no module named 'yaml')",
        )


class TestReadTable:
    def test_cells_stay_text_rows_by_number(self, tmp_path: Path) -> None:
        """Cells are text (``007`` stays ``"007"``), empty ones missing; rows labelled 2, 3..."""
        path = tmp_path / "a.csv"
        path.write_text("a,b\n007,\n,x\n", encoding="utf-8")
        frame = read_table(path)
        assert list(frame.index) == [2, 3]
        assert frame.loc[2, "a"] == "007"
        assert frame.isna().to_numpy().tolist() == [[False, True], [True, False]]

    def test_empty(self, tmp_path: Path) -> None:
        """An empty file is exit 3."""
        path = tmp_path / "a.csv"
        path.write_text("", encoding="utf-8")
        with pytest.raises(Stop) as raised:
            read_table(path)
        assert raised.value.lines == (f"{path}: is empty (a CSV file needs a header row)",)

    @pytest.mark.parametrize("text", ["a,b\n1,2,3\n", "a,b\n1,2\n1,2,3\n"])
    def test_ragged(self, tmp_path: Path, text: str) -> None:
        """A row with more cells than the header is exit 3 (never cells dropped silently)."""
        path = tmp_path / "a.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(Stop) as raised:
            read_table(path)
        assert raised.value.code == 3
        assert raised.value.lines[0].startswith(f"{path}: is not CSV (")

    def test_short_row_is_missing_cells(self, tmp_path: Path) -> None:
        """A row with fewer cells than the header has its last cells missing."""
        path = tmp_path / "a.csv"
        path.write_text("a,b\n1\n", encoding="utf-8")
        assert read_table(path).isna().to_numpy().tolist() == [[False, True]]

    def test_without_pandas(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the analysis extra a table is exit 4, naming the extra."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        path = tmp_path / "a.csv"
        path.write_text("a\n1\n", encoding="utf-8")
        with pytest.raises(Stop) as raised:
            read_table(path)
        assert raised.value.code == 4
        assert (
            "(the 'analysis' extra): pip install 'safetycore[analysis]'" in (raised.value.lines[0])
        )


class TestExitCodes:
    def test_usage_error(self, cli: Callable[..., Run]) -> None:
        """An unknown command is argparse's usage error: exit 2, usage on stderr."""
        run = cli("frobnicate")
        assert run.code == 2
        assert "usage: safetycore" in run.err
        assert "invalid choice: 'frobnicate'" in run.err

    def test_no_command(self, cli: Callable[..., Run]) -> None:
        """No command at all is a usage error too."""
        assert cli().code == 2

    def test_help(self, cli: Callable[..., Run]) -> None:
        """``--help`` lists every command and every exit code, and exits 0."""
        run = cli("--help")
        assert run.code == 0
        for command in ("validate", "evaluate", "decide", "diagram", "schema", "examples"):
            assert f"    {command}  " in run.out
        for code in (0, 1, 2, 3, 4, 141):
            assert f"\n  {code:>3}  " in run.out

    @pytest.mark.parametrize(
        "command", ["validate", "evaluate", "decide", "diagram", "schema", "examples"]
    )
    def test_each_command_has_help(self, cli: Callable[..., Run], command: str) -> None:
        """Each command's ``--help`` says what it does and lists the exit codes."""
        run = cli(command, "--help")
        assert run.code == 0
        assert run.out.startswith(f"usage: safetycore {command}")
        assert "exit codes:\n    0  ok\n    1  the input is invalid" in run.out

    def test_unreadable_is_3(self, cli: Callable[..., Run], tmp_path: Path) -> None:
        """A missing file is exit 3 with one line on stderr and nothing on stdout."""
        run = cli("validate", tmp_path / "gone.json")
        assert (run.code, run.out, run.err) == (3, "", f"{tmp_path / 'gone.json'}: no such file\n")

    def test_missing_extra_is_4(
        self, cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A YAML file without PyYAML is exit 4, naming the extra."""
        monkeypatch.setitem(sys.modules, "yaml", None)
        path = tmp_path / "a.yaml"
        path.write_text("kind: workflow\n", encoding="utf-8")
        run = cli("validate", path)
        assert run.code == 4
        assert "pip install 'safetycore[cli]'" in run.err

    def test_invalid_is_1(self, cli: Callable[..., Run], tmp_path: Path) -> None:
        """A document of no known kind is exit 1, naming ``kind`` and the kinds known."""
        path = tmp_path / "a.json"
        path.write_text(json.dumps({"kind": "calendar", "format": 1}), encoding="utf-8")
        run = cli("validate", path)
        assert run.code == 1
        assert run.err == (
            f"{path}: kind: is not a kind of document (known: eligibility_policy, sla_policy, "
            "workflow, workflow_migration) (got 'calendar')\n"
        )


class TestOneLine:
    def test_every_line_break_is_escaped(self) -> None:
        """Each character ``str.splitlines`` breaks at is written as its escape."""
        from safetycore._cli.files import one_line

        text = "a\nb\rc\vd\fe\x1cf\x1dg\x1eh\x85i\u2028j\u2029k"
        assert one_line(text).splitlines() == [one_line(text)]
        assert one_line(text) == "a\\nb\\rc\\x0bd\\x0ce\\x1cf\\x1dg\\x1eh\\x85i\\u2028j\\u2029k"

    def test_a_problem_is_one_line(self, cli: Callable[..., Run], tmp_path: Path) -> None:
        """A key holding a line break still makes one line per problem."""
        path = tmp_path / "a.json"
        path.write_text(json.dumps({"kind": "workflow", "format": 1, "a\nb": 1}), encoding="utf-8")
        run = cli("validate", path)
        assert run.code == 1
        assert all(line.startswith(f"{path}: ") for line in run.err.splitlines())
        assert f"{path}: a\\nb: is not a known key" in run.err
