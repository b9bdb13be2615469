"""Each command on good files and on bad ones: results, messages and exit codes."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from safetycore import analysis, config, datasets
from safetycore._cli.commands import _schema_problems
from safetycore.analysis.sla_frame import COLUMNS
from safetycore.workflow import to_dot, to_mermaid

from .conftest import Run, shipped, write_csv, write_json

CliRun = Callable[..., Run]


def _csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])


class TestValidate:
    def test_every_shipped_example(self, cli: CliRun, tmp_path: Path) -> None:
        """Every shipped example is valid: a line ``FILE: ok (kind)`` each, exit 0."""
        paths = [shipped(name, tmp_path) for name in config.examples()]
        run = cli("validate", *paths)
        assert (run.code, run.err) == (0, "")
        assert run.out.splitlines() == [
            f"{path}: ok ({config.example_document(path.stem)['kind']})" for path in paths
        ]

    def test_yaml_twin(self, cli: CliRun, tmp_path: Path) -> None:
        """A YAML file with the same data as a shipped JSON example is valid too."""
        yaml = pytest.importorskip("yaml")
        for name in config.examples():
            path = tmp_path / f"{name}.yaml"
            path.write_text(yaml.safe_dump(config.example_document(name)), encoding="utf-8")
            run = cli("validate", path)
            assert (run.code, run.err) == (0, ""), name

    def test_every_problem_a_line(self, cli: CliRun, tmp_path: Path) -> None:
        """Each problem is one ``FILE: path: message (got value)`` line on stderr; exit 1."""
        document = config.example_document("support_sla_current")
        document["warnigns"] = [50]
        document["format"] = 2
        path = write_json(document, tmp_path / "sla.json")
        run = cli("validate", path)
        assert run.code == 1
        assert run.out == ""
        assert run.err.splitlines() == [
            f"{path}: format: must be 1 (the format this safetycore reads) (got 2)",
            f"{path}: warnigns: is not a known key (known: kind, format, $schema, name, "
            "statuses, calendars, versions) (got 'warnigns')",
        ]

    def test_not_a_document(self, cli: CliRun, tmp_path: Path) -> None:
        """A file holding a list, not an object, is exit 1 naming ``document``."""
        path = write_json([1, 2], tmp_path / "a.json")
        run = cli("validate", path)
        assert run.code == 1
        assert run.err == f"{path}: document: must be a mapping (a JSON object) (got [1, 2])\n"

    def test_missing_kind(self, cli: CliRun, tmp_path: Path) -> None:
        """A document without ``kind`` is exit 1, saying it is required and which are known."""
        path = write_json({"format": 1}, tmp_path / "a.json")
        run = cli("validate", path)
        assert run.code == 1
        assert run.err == (
            f"{path}: kind: is required (known: eligibility_policy, sla_policy, workflow, "
            "workflow_migration)\n"
        )

    def test_several_files_worst_code(self, cli: CliRun, tmp_path: Path) -> None:
        """Every file is checked; the exit code is the worst (3 unreadable over 1 invalid)."""
        good = shipped("support_ticket", tmp_path)
        bad = write_json({"kind": "nope"}, tmp_path / "bad.json")
        gone = tmp_path / "gone.json"
        run = cli("validate", good, bad, gone)
        assert run.code == 3
        assert run.out == f"{good}: ok (workflow)\n"
        assert run.err.splitlines()[-1] == f"{gone}: no such file"
        assert run.err.splitlines()[0].startswith(f"{bad}: kind: is not a kind of document")

    def test_migration_between_files_on_the_command_line(self, cli: CliRun, tmp_path: Path) -> None:
        """A migration names workflows given on the same command line, in any order."""
        v2 = config.example_document("support_ticket")
        v2["version"] = "2"
        v2["statuses"].append({"name": "escalated", "category": "open"})
        v2["steps"].append({"event": "escalate", "sources": ["open"], "target": "escalated"})
        v2["steps"].append({"event": "de_escalate", "sources": ["escalated"], "target": "open"})
        workflow = write_json(v2, tmp_path / "v2.json")
        migration = write_json(
            {
                "kind": "workflow_migration",
                "format": 1,
                "workflow": "support-ticket",
                "from_version": "1",
                "to_version": "2",
                "statuses": {},
            },
            tmp_path / "migration.json",
        )
        run = cli("validate", migration, workflow)
        assert (run.code, run.err) == (0, "")
        assert run.out == f"{migration}: ok (workflow_migration)\n{workflow}: ok (workflow)\n"
        alone = cli("validate", migration)
        assert alone.code == 1
        assert alone.err.startswith(f"{migration}: to_version: ")
        assert "'2'" in alone.err

    def test_json_report(self, cli: CliRun, tmp_path: Path) -> None:
        """``--format json``: one report on stdout, every file and problem; nothing on stderr."""
        good = shipped("support_ticket", tmp_path)
        bad = write_json({"kind": "nope"}, tmp_path / "bad.json")
        gone = tmp_path / "gone.json"
        run = cli("validate", "--format", "json", good, bad, gone)
        assert (run.code, run.err) == (3, "")
        report = json.loads(run.out)
        assert report["ok"] is False
        assert [(f["file"], f["kind"], f["ok"], f["unreadable"]) for f in report["files"]] == [
            (str(good), "workflow", True, False),
            (str(bad), None, False, False),
            (str(gone), None, False, True),
        ]
        assert report["files"][1]["problems"] == [
            {
                "file": str(bad),
                "path": "kind",
                "message": "is not a kind of document (known: eligibility_policy, sla_policy, "
                "workflow, workflow_migration)",
                "value": "'nope'",
            }
        ]

    def test_without_jsonschema(
        self, cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without jsonschema the readers still check; stderr says the schemas were not."""
        monkeypatch.setitem(sys.modules, "jsonschema", None)
        run = cli("validate", shipped("support_ticket", tmp_path))
        assert run.code == 0
        assert "the JSON Schemas were not checked (jsonschema is not installed" in run.err

    def test_schema_problems_have_paths(self) -> None:
        """The schema's complaints carry the document path (``steps[0]``) like the readers'."""
        document = config.example_document("support_ticket")
        document["steps"][0] = 7
        found = _schema_problems("w.json", "workflow", document)
        assert found is not None
        assert found
        assert {p["path"] for p in found} == {"steps[0]"}
        assert all(p["message"].startswith("schema: ") for p in found)


class TestEvaluate:
    def test_results(self, cli: CliRun, tmp_path: Path, tickets_csv: Path) -> None:
        """A row per cycle, as ``sla_frame`` computes, instants in UTC ISO 8601; exit 0."""
        policy = shipped("support_sla_current", tmp_path)
        run = cli("evaluate", "--policy", policy, tickets_csv, "--as-of", "2026-01-01T00:00Z")
        assert (run.code, run.err) == (0, "")
        found = _csv(run.out)
        assert tuple(found.columns) == COLUMNS
        events = _csv(tickets_csv.read_text(encoding="utf-8"))
        expected = analysis.sla_frame(
            events, config.example("support_sla_current"), pd.Timestamp("2026-01-01", tz="UTC")
        )
        assert len(found) == len(expected)
        assert found["state"].tolist() == expected["state"].astype(str).tolist()
        due = expected["due_at"].map(lambda v: None if pd.isna(v) else v.isoformat())
        assert found["due_at"].where(found["due_at"].notna(), None).tolist() == due.tolist()

    def test_as_of_defaults_to_the_last_event(
        self, cli: CliRun, tmp_path: Path, tickets_csv: Path
    ) -> None:
        """Without ``--as-of`` the clocks stop at the file's last event: reproducible."""
        policy = shipped("support_sla_current", tmp_path)
        last = _csv(tickets_csv.read_text(encoding="utf-8"))["at"].map(pd.Timestamp).max()
        implicit = cli("evaluate", "--policy", policy, tickets_csv)
        explicit = cli("evaluate", "--policy", policy, tickets_csv, "--as-of", last.isoformat())
        assert implicit.code == explicit.code == 0
        assert implicit.out == explicit.out

    def test_output_file(self, cli: CliRun, tmp_path: Path, tickets_csv: Path) -> None:
        """``-o`` writes the results there and nothing on stdout."""
        policy = shipped("support_sla_current", tmp_path)
        out = tmp_path / "out.csv"
        run = cli("evaluate", "--policy", policy, tickets_csv, "-o", out)
        assert (run.code, run.out, run.err) == (0, "", "")
        assert out.read_text(encoding="utf-8").startswith("case_id,metric,cycle,state,")

    def test_bad_rows(self, cli: CliRun, tmp_path: Path, tickets_csv: Path) -> None:
        """Bad rows are named by row and column; their cases are left out; exit 1."""
        events = _csv(tickets_csv.read_text(encoding="utf-8"))
        events.loc[1, "at"] = "2025-03-01T10:00:00"  # file row 3: no offset
        cases = list(events["case_id"].unique())
        second = events.index[events["case_id"] == cases[1]][1]  # the second case's second row
        events.loc[second, "kind"] = "agent_repiled"
        events.to_csv(tickets_csv, index=False)
        policy = shipped("support_sla_current", tmp_path)
        run = cli("evaluate", "--policy", policy, tickets_csv)
        assert run.code == 1
        lines = run.err.splitlines()
        assert lines[0] == (
            f"{tickets_csv}: row 3, column at: is ISO 8601 text without a UTC offset "
            "(safetycore never guesses one) (got '2025-03-01T10:00:00')"
        )
        assert lines[1].startswith(
            f"{tickets_csv}: row {second + 2}, column kind: is not an event kind (created, "
        )
        assert lines[1].endswith("(got 'agent_repiled')")
        assert lines[2:] == [
            f"{tickets_csv}: 2 bad rows; 2 cases left out whole ({cases[0]}, {cases[1]})"
        ]
        found = _csv(run.out)
        assert set(found["case_id"]) == set(cases[2:])

    def test_one_bad_row(self, cli: CliRun, tmp_path: Path, tickets_csv: Path) -> None:
        """One bad row, one case left out: the summary counts in the singular."""
        events = _csv(tickets_csv.read_text(encoding="utf-8"))
        events.loc[0, "actor"] = None
        events.to_csv(tickets_csv, index=False)
        run = cli("evaluate", "--policy", shipped("support_sla_current", tmp_path), tickets_csv)
        assert run.code == 1
        assert run.err.splitlines() == [
            f"{tickets_csv}: row 2, column actor: must be non-empty text",
            f"{tickets_csv}: 1 bad row; 1 case left out whole ({events.loc[0, 'case_id']})",
        ]

    def test_unknown_column(self, cli: CliRun, tmp_path: Path, tickets_csv: Path) -> None:
        """A column that is not in an events table is refused by name; exit 1."""
        events = _csv(tickets_csv.read_text(encoding="utf-8")).rename(
            columns={"priority": "priorty"}
        )
        events.to_csv(tickets_csv, index=False)
        run = cli("evaluate", "--policy", shipped("support_sla_current", tmp_path), tickets_csv)
        assert run.code == 1
        assert run.err.startswith(f"{tickets_csv}: events.columns: is not a column of an events")
        assert run.err.endswith("(got 'priorty')\n")

    def test_naive_as_of_is_usage(self, cli: CliRun, tmp_path: Path, tickets_csv: Path) -> None:
        """An ``--as-of`` without an offset is a usage error (exit 2), never read as UTC."""
        policy = shipped("support_sla_current", tmp_path)
        run = cli("evaluate", "--policy", policy, tickets_csv, "--as-of", "2026-01-01T00:00")
        assert run.code == 2
        assert "'2026-01-01T00:00' has no UTC offset" in run.err

    def test_date_as_of_is_usage(self, cli: CliRun, tmp_path: Path, tickets_csv: Path) -> None:
        """The clocks need an instant: a bare date is a usage error."""
        policy = shipped("support_sla_current", tmp_path)
        run = cli("evaluate", "--policy", policy, tickets_csv, "--as-of", "2026-01-01")
        assert run.code == 2
        assert "is a date; the clocks need an instant" in run.err

    def test_versioning_and_version(self, cli: CliRun, tmp_path: Path, tickets_csv: Path) -> None:
        """``--versioning current`` and ``--version NAME`` pick the version every case runs on."""
        policy = shipped("support_sla_current", tmp_path)
        pinned = cli("evaluate", "--policy", policy, tickets_csv)
        current = cli("evaluate", "--policy", policy, tickets_csv, "--versioning", "current")
        named = cli("evaluate", "--policy", policy, tickets_csv, "--version", "current")
        assert pinned.code == current.code == named.code == 0
        assert pinned.out == current.out == named.out  # the policy has one version

    def test_a_version_the_policy_lacks(
        self, cli: CliRun, tmp_path: Path, tickets_csv: Path
    ) -> None:
        """A ``--version`` the policy does not have is a usage error naming the option."""
        policy = shipped("support_sla_current", tmp_path)
        run = cli("evaluate", "--policy", policy, tickets_csv, "--version", "2027")
        assert (run.code, run.out) == (2, "")
        assert run.err == (
            "safetycore evaluate: --version: is not a version of policy 'care' (its versions: "
            "current)\n"
        )
        both = ("--version", "current", "--versioning", "current")
        assert cli("evaluate", "--policy", policy, tickets_csv, *both).code == 2

    def test_policy_of_another_kind(self, cli: CliRun, tmp_path: Path, tickets_csv: Path) -> None:
        """A workflow handed as the policy is refused by its kind; exit 1."""
        workflow = shipped("support_ticket", tmp_path)
        run = cli("evaluate", "--policy", workflow, tickets_csv)
        assert run.code == 1
        assert run.err == (
            f"{workflow}: kind: must be 'sla_policy', the kind this command reads "
            "(got 'workflow')\n"
        )

    def test_bad_policy(self, cli: CliRun, tmp_path: Path, tickets_csv: Path) -> None:
        """A bad policy file is reported with its paths; no events are read; exit 1."""
        document = config.example_document("support_sla_current")
        document["format"] = 9
        policy = write_json(document, tmp_path / "bad.json")
        run = cli("evaluate", "--policy", policy, tickets_csv)
        assert (run.code, run.out) == (1, "")
        assert run.err == (
            f"{policy}: format: must be 1 (the format this safetycore reads) (got 9)\n"
        )

    @pytest.mark.parametrize("module", ["pandas", "safetycore.analysis"])
    def test_without_the_analysis_extra(
        self,
        cli: CliRun,
        tmp_path: Path,
        tickets_csv: Path,
        monkeypatch: pytest.MonkeyPatch,
        module: str,
    ) -> None:
        """Without the analysis extra, evaluate and decide are exit 4, naming the extra."""
        monkeypatch.setitem(sys.modules, module, None)
        for command, policy in (("evaluate", "support_sla_current"), ("decide", "pet_guarantee")):
            run = cli(command, "--policy", shipped(policy, tmp_path), tickets_csv)
            assert (run.code, run.out) == (4, "")
            assert "(the 'analysis' extra): pip install 'safetycore[analysis]'" in run.err

    def test_missing_events(self, cli: CliRun, tmp_path: Path) -> None:
        """A missing events file is exit 3."""
        policy = shipped("support_sla_current", tmp_path)
        run = cli("evaluate", "--policy", policy, tmp_path / "none.csv")
        assert (run.code, run.err) == (3, f"{tmp_path / 'none.csv'}: no such file\n")


class TestCalendars:
    def _split(self, tmp_path: Path) -> tuple[Path, Path, dict[str, object]]:
        document = config.example_document("support_sla_current")
        calendars = document.pop("calendars")
        policy = write_json(document, tmp_path / "policy.json")
        return policy, write_json(calendars, tmp_path / "calendars.json"), calendars

    def test_calendars_from_their_own_file(
        self, cli: CliRun, tmp_path: Path, tickets_csv: Path
    ) -> None:
        """A policy whose calendars live in another file validates and runs with them."""
        policy, calendars, _ = self._split(tmp_path)
        assert cli("validate", policy, "--calendars", calendars).code == 0
        split = cli("evaluate", "--policy", policy, tickets_csv, "--calendars", calendars)
        whole = cli("evaluate", "--policy", shipped("support_sla_current", tmp_path), tickets_csv)
        assert (split.code, split.err) == (0, "")
        assert split.out == whole.out

    def test_without_them(self, cli: CliRun, tmp_path: Path) -> None:
        """Without ``--calendars`` every target's unknown calendar is named; exit 1."""
        policy, _, _ = self._split(tmp_path)
        run = cli("validate", policy)
        assert run.code == 1
        first = run.err.splitlines()[0]
        assert first.startswith(f"{policy}: versions[0].policies[0].targets[0].calendar: ")

    def test_bad_calendars_file(self, cli: CliRun, tmp_path: Path) -> None:
        """A bad calendars file is exit 1, its problems at their paths in that file."""
        policy, _, calendars = self._split(tmp_path)
        calendars["office"]["calendar"]["zone"] = "Mars/Olympus"  # type: ignore[index]
        del calendars["24/7"]["version"]  # type: ignore[attr-defined]
        path = write_json(calendars, tmp_path / "bad_calendars.json")
        run = cli("validate", policy, "--calendars", path)
        assert (run.code, run.out) == (1, "")
        lines = run.err.splitlines()
        assert [text.split(": ")[1] for text in lines] == [
            "calendars.24/7.version",
            "calendars.office.calendar.zone",
        ]
        assert all(text.startswith(f"{path}: ") for text in lines)


class TestDecide:
    def test_decisions(self, cli: CliRun, tmp_path: Path, enrolments_csv: Path) -> None:
        """A row per claim: its row number, id and ``decide_frame``'s decision; exit 0."""
        policy = shipped("us_benefits_enrolment", tmp_path)
        run = cli("decide", "--policy", policy, enrolments_csv, "--id", "request_id")
        assert (run.code, run.err) == (0, "")
        found = _csv(run.out)
        assert list(found.columns) == [
            "row",
            "request_id",
            "verdict",
            "version",
            "reasons",
            "needs",
            "payable",
            "would_pay",
        ]
        claims = _csv(enrolments_csv.read_text(encoding="utf-8"))
        assert found["row"].tolist() == [str(n) for n in range(2, len(claims) + 2)]
        assert found["request_id"].tolist() == claims["request_id"].tolist()
        expected = analysis.decide_frame(
            config.example("us_benefits_enrolment"), claims, ignore=["request_id"]
        )
        assert found["verdict"].tolist() == expected.decisions["verdict"].tolist()
        assert set(found["verdict"]) >= {"eligible", "ineligible"}

    def test_every_bad_cell(self, cli: CliRun, tmp_path: Path, enrolments_csv: Path) -> None:
        """Every bad cell is named by row and column (not only the first); exit 1."""
        claims = _csv(enrolments_csv.read_text(encoding="utf-8"))
        claims.loc[1, "hours_per_week"] = "lots"  # file row 3
        claims.loc[5, "event_date"] = "2025-13-01"  # file row 7
        claims.to_csv(enrolments_csv, index=False)
        policy = shipped("us_benefits_enrolment", tmp_path)
        run = cli("decide", "--policy", policy, enrolments_csv, "--id", "request_id")
        assert (run.code, run.out) == (1, "")
        assert run.err.splitlines() == [
            f"{enrolments_csv}: row 3, column hours_per_week: is text that is no decimal number "
            "(got 'lots')",
            f"{enrolments_csv}: row 7, column event_date: is text that is no ISO 8601 date "
            "(2026-03-03) (got '2025-13-01')",
        ]

    def test_adjacent_and_last_rows(
        self, cli: CliRun, tmp_path: Path, enrolments_csv: Path
    ) -> None:
        """Bad cells in neighbouring rows and in the last row are each reported once."""
        claims = _csv(enrolments_csv.read_text(encoding="utf-8"))
        last = len(claims) - 1
        for position in (0, 1, last):
            claims.loc[position, "hours_in_month"] = "-"
        claims.to_csv(enrolments_csv, index=False)
        policy = shipped("us_benefits_enrolment", tmp_path)
        run = cli("decide", "--policy", policy, enrolments_csv, "--id", "request_id")
        assert run.code == 1
        assert [text.split(",")[0] for text in run.err.splitlines()] == [
            f"{enrolments_csv}: row {position + 2}" for position in (0, 1, last)
        ]

    def test_column_that_is_no_fact(
        self, cli: CliRun, tmp_path: Path, enrolments_csv: Path
    ) -> None:
        """A column that is no fact (the id, without ``--id``) is refused by name; exit 1."""
        policy = shipped("us_benefits_enrolment", tmp_path)
        run = cli("decide", "--policy", policy, enrolments_csv)
        assert run.code == 1
        assert run.err.startswith(f"{enrolments_csv}: frame.columns: is not a fact of ")
        assert run.err.endswith("(got 'request_id')\n")

    def test_ignore(self, cli: CliRun, tmp_path: Path, enrolments_csv: Path) -> None:
        """``--ignore`` leaves a column out of the facts (and out of the output)."""
        policy = shipped("us_benefits_enrolment", tmp_path)
        run = cli("decide", "--policy", policy, enrolments_csv, "--ignore", "request_id")
        assert run.code == 0
        assert run.out.startswith("row,verdict,")

    def test_id_not_a_column(self, cli: CliRun, tmp_path: Path, enrolments_csv: Path) -> None:
        """An ``--id`` the file lacks is exit 1, named."""
        policy = shipped("us_benefits_enrolment", tmp_path)
        run = cli("decide", "--policy", policy, enrolments_csv, "--id", "claim")
        assert (run.code, run.err) == (
            1,
            f"{enrolments_csv}: columns: has no column 'claim' (--id)\n",
        )

    def test_a_fact_no_cell_can_hold(self, cli: CliRun, tmp_path: Path) -> None:
        """The pet guarantee's invoice lines have no text form: each row's cell is named."""
        claims = write_csv(next(datasets.pet_guarantee_claims(3, seed=1)), tmp_path / "c.csv")
        policy = shipped("pet_guarantee", tmp_path)
        run = cli("decide", "--policy", policy, claims, "--id", "claim_id")
        assert run.code == 1
        assert [text.split(": ")[1] for text in run.err.splitlines()] == [
            f"row {row}, column invoice" for row in (2, 3, 4)
        ]

    def test_bad_as_of(self, cli: CliRun, tmp_path: Path, enrolments_csv: Path) -> None:
        """A malformed ``--as-of`` is a usage error (exit 2)."""
        policy = shipped("us_benefits_enrolment", tmp_path)
        run = cli("decide", "--policy", policy, enrolments_csv, "--as-of", "soon")
        assert run.code == 2
        assert "'soon' is not an ISO 8601 date" in run.err


class TestDiagram:
    def test_mermaid_and_dot(self, cli: CliRun, tmp_path: Path) -> None:
        """The workflow file drawn as the library draws the workflow it describes."""
        path = shipped("support_ticket", tmp_path)
        workflow = config.example("support_ticket")
        assert cli("diagram", path).out == to_mermaid(workflow)
        run = cli("diagram", path, "--format", "dot")
        assert (run.code, run.out) == (0, to_dot(workflow))

    def test_a_check_the_command_line_does_not_know(self, cli: CliRun, tmp_path: Path) -> None:
        """A custom check no registry holds is refused by name, listing the checks known."""
        document = config.example_document("guarantee_claim")
        step = next(s for s in document["steps"] if s.get("requirements"))
        step["requirements"] = [{"check": "my_check", "reason": "ours"}]
        index = document["steps"].index(step)
        path = write_json(document, tmp_path / "w.json")
        run = cli("diagram", path)
        assert (run.code, run.out) == (1, "")
        assert run.err.startswith(
            f"{path}: steps[{index}].requirements[0].check: is not a check in the registry "
            "(known: appealable, documents_arrived, known_outcome, removal_outcome, "
            "second_reviewer)"
        )

    def test_bad_workflow(self, cli: CliRun, tmp_path: Path) -> None:
        """A bad workflow file is reported with its paths; nothing drawn; exit 1."""
        document = config.example_document("support_ticket")
        document["initial"] = "limbo"
        path = write_json(document, tmp_path / "w.json")
        run = cli("diagram", path)
        assert (run.code, run.out) == (1, "")
        assert run.err.startswith(f"{path}: initial: ")


class TestSchemaAndExamples:
    @pytest.mark.parametrize("kind", config.KINDS)
    def test_schema(self, cli: CliRun, kind: str) -> None:
        """``schema KIND`` prints the shipped schema as JSON."""
        run = cli("schema", kind)
        assert run.code == 0
        assert json.loads(run.out) == config.schema(kind)

    def test_unknown_kind(self, cli: CliRun) -> None:
        """A kind that does not exist is a usage error listing the kinds."""
        run = cli("schema", "calendar")
        assert run.code == 2
        assert "invalid choice: 'calendar'" in run.err

    def test_list(self, cli: CliRun) -> None:
        """``examples`` lists every shipped example with its kind."""
        run = cli("examples")
        assert run.code == 0
        assert run.out.splitlines() == [
            f"{name}\t{config.example_document(name)['kind']}" for name in config.examples()
        ]

    def test_print_one(self, cli: CliRun) -> None:
        """``examples NAME`` prints that document as JSON."""
        run = cli("examples", "support_ticket")
        assert json.loads(run.out) == config.example_document("support_ticket")

    def test_unknown_example(self, cli: CliRun) -> None:
        """An unknown example is exit 1, listing the ones shipped."""
        run = cli("examples", "nope")
        assert run.code == 1
        assert run.err.startswith("safetycore: nope: is not a shipped example (known: ")
