"""The command line's commands: each reads its files, calls the library, writes its results.

Each command takes the parsed arguments and the two streams, returns its exit code, and
raises ``Stop`` for a file it cannot read or an extra that is missing. Results go to
``stdout`` (or ``--output``), messages to ``stderr``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final, TextIO

import pendulum

from safetycore import config
from safetycore._config import Problems
from safetycore.errors import SafetycoreError, _show
from safetycore.sla.policy import VersionedCalendar

from .files import (
    INVALID,
    OK,
    UNREADABLE,
    USAGE,
    Stop,
    line,
    one_line,
    problem,
    problems_of,
    read_document,
    read_table,
    write_text,
)
from .files import (
    analysis as analysis_module,
)

# -- configuration documents ----------------------------------------------------------------


def calendars_from(path: Path | None) -> dict[str, VersionedCalendar] | None:
    """The calendars a ``--calendars`` file defines, by reference; ``None`` without it.

    The file holds what an SLA policy document's ``calendars`` section holds (a JSON or
    YAML object: each reference mapped to ``{"version": ..., "calendar": <calendar>}``, and
    an optional ``name``), read by the same reader, so its problems carry the same paths
    (``calendars.office.calendar.zone``). Its problems are ``Stop(INVALID)``.
    """
    if path is None:
        return None
    from safetycore.sla._documents import _read_calendars

    data = read_document(path)
    problems = Problems("calendars")
    found = _read_calendars(data, {}, problems)
    try:
        problems.check()
    except SafetycoreError as error:
        raise Stop(INVALID, *(line(p) for p in problems_of(str(path), error))) from None
    return {reference: calendar for reference, calendar in found.items() if calendar is not None}


def options(calendars: Any) -> dict[str, Any]:
    """What ``config.load`` gets from the command line: ``--calendars`` and built-ins.

    The registries are those safetycore ships (the stock workflows' named checks, the US
    enrolment policy's functions and types). A file cannot bring code: any other name is
    refused by its reader, named.
    """
    from safetycore.eligibility import us_benefits
    from safetycore.workflow import STOCK_CHECKS

    return {"calendars": calendars, "checks": STOCK_CHECKS, "registry": us_benefits.REGISTRY}


def _schema_problems(file: str, kind: str, document: object) -> list[dict[str, Any]] | None:
    """The schema's complaints about ``document``; ``None`` when jsonschema is not installed."""
    try:
        # Imported by name: jsonschema ships no type information here (a dev dependency).
        jsonschema: Any = importlib.import_module("jsonschema")
    except ImportError:
        return None
    validator = jsonschema.Draft202012Validator(config.schema(kind))
    found = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        path = ""
        for part in error.absolute_path:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        found.append(problem(file, path or kind, f"schema: {error.message}"))
    return found


def _checked(
    path: Path, document: object, settings: dict[str, Any]
) -> tuple[list[dict[str, Any]], str | None, Any, bool]:
    """Check one document: its problems, kind, what it loads as, whether the schema ran."""
    file = str(path)
    try:
        kind = config.kind_of(document)
    except SafetycoreError as error:
        return problems_of(file, error), None, None, True
    try:
        loaded = config.load(document, **settings)
    except SafetycoreError as error:
        return problems_of(file, error), kind, None, True
    found = _schema_problems(file, kind, document)
    return found or [], kind, loaded, found is not None


def validate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``safetycore validate``: every file's problems; exit 1 if any, 3 if one is unreadable.

    Workflow files are checked first, so that a migration file names the workflows on the
    same command line (and the stock ones) whatever the order of the files.
    """
    from safetycore.workflow import GUARANTEE_CLAIM, SAFETY_INCIDENT, SUPPORT_TICKET

    settings = options(calendars_from(args.calendars))
    documents: dict[int, object] = {}
    unreadable: dict[int, Stop] = {}
    for i, path in enumerate(args.files):
        try:
            documents[i] = read_document(path)
        except Stop as failed:
            if failed.code != UNREADABLE:
                raise
            unreadable[i] = failed
    workflows = [SUPPORT_TICKET, SAFETY_INCIDENT, GUARANTEE_CLAIM]
    results = {}
    first = [i for i, d in documents.items() if isinstance(d, dict) and d.get("kind") == "workflow"]
    for i in [*first, *(i for i in documents if i not in first)]:
        results[i] = _checked(args.files[i], documents[i], {**settings, "workflows": workflows})
        _, kind, loaded, _ = results[i]
        if kind == "workflow" and loaded is not None:
            workflows.append(loaded)
    code = max((failed.code for failed in unreadable.values()), default=OK)
    report = []
    unchecked = False
    for i, path in enumerate(args.files):
        if i in unreadable:
            reading = unreadable[i]
            messages = [text.removeprefix(f"{path}: ") for text in reading.lines]
            report.append(
                {
                    "file": str(path),
                    "kind": None,
                    "ok": False,
                    "unreadable": True,
                    "problems": [problem(str(path), "", " ".join(messages))],
                }
            )
            if args.format == "text":
                for text in reading.lines:
                    stderr.write(f"{text}\n")
            continue
        found, kind, _, schema_checked = results[i]
        unchecked |= not schema_checked
        if found:
            code = max(code, INVALID)
        report.append(
            {
                "file": str(path),
                "kind": kind,
                "ok": not found,
                "unreadable": False,
                "problems": found,
            }
        )
        if args.format == "text":
            if found:
                for item in found:
                    stderr.write(f"{line(item)}\n")
            else:
                stdout.write(f"{path}: ok ({kind})\n")
    if args.format == "json":
        stdout.write(json.dumps({"ok": code == OK, "files": report}, indent=2) + "\n")
    if unchecked:
        stderr.write(
            "safetycore: the JSON Schemas were not checked (jsonschema is not installed; "
            "the readers' checks ran; pip install 'safetycore[cli]')\n"
        )
    return code


def policy_from(path: Path, kind: str, calendars: Any = None) -> Any:
    """The document of ``kind`` in ``path``, loaded; its problems are ``Stop(INVALID)``."""
    document = read_document(path)
    try:
        found = config.kind_of(document)
        if found != kind:
            raise Stop(
                INVALID,
                f"{path}: kind: must be {kind!r}, the kind this command reads (got {found!r})",
            )
        return config.load(document, **options(calendars))
    except SafetycoreError as error:
        raise Stop(INVALID, *(line(p) for p in problems_of(str(path), error))) from None


# -- tables ---------------------------------------------------------------------------------


def _instant_or_date(text: str) -> date:
    """``--as-of``: an ISO 8601 date, or an instant with its UTC offset."""
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 date (2026-03-03) or instant with an offset "
            "(2026-03-03T10:00:00-05:00)"
        ) from None
    if moment.utcoffset() is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no UTC offset (safetycore never guesses one): write {text}+00:00 for UTC"
        )
    return moment


def as_of_instant(text: str) -> datetime:
    """``evaluate --as-of``: an ISO 8601 instant with its UTC offset."""
    found = _instant_or_date(text)
    if not isinstance(found, datetime):
        raise argparse.ArgumentTypeError(
            f"{text!r} is a date; the clocks need an instant (2026-03-03T10:00:00-05:00)"
        )
    return found


as_of_date_or_instant = _instant_or_date


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _row_line(file: str, row: object, column: str, reason: str, value: object) -> str:
    """A bad cell as one line: ``FILE: row N, column C: message (got value)``."""
    missing = value is None or (isinstance(value, float) and value != value)
    got = "" if missing else f" (got {_show(value)})"
    return one_line(f"{file}: row {row}, column {column}: {reason}{got}")


def _row_lines(file: str, rejected: Any) -> list[str]:
    return [
        _row_line(file, r.row, r.column, r.reason, r.value)
        for r in rejected.itertuples(index=False)
    ]


def evaluate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``safetycore evaluate``: every SLA cycle of every case in an events CSV."""
    analysis = analysis_module()
    from .tables import csv_text

    calendars = calendars_from(args.calendars)
    policy = policy_from(args.policy, "sla_policy", calendars)
    frame = read_table(args.events)
    file = str(args.events)
    try:
        table = analysis.read_events(frame, errors="report")
    except SafetycoreError as error:
        raise Stop(INVALID, *(line(p) for p in problems_of(file, error))) from None
    as_of = args.as_of
    if as_of is None:
        if not len(table.at):
            raise Stop(INVALID, f"{file}: has no events to evaluate (and no --as-of)")
        from safetycore._time import from_micros

        as_of = from_micros(int(table.at.max()), pendulum.UTC)
    try:
        results = analysis.sla_frame(
            table, policy, as_of, versioning=args.versioning, version=args.version
        )
    except SafetycoreError as error:
        if error.field in ("version", "versioning"):  # an option the policy cannot take
            raise Stop(
                USAGE, one_line(f"safetycore evaluate: --{error.field}: {error.reason}")
            ) from None
        raise Stop(INVALID, *(line(p) for p in problems_of(file, error))) from None
    write_text(csv_text(results), args.output, stdout)
    if len(table.rejected):
        for text in _row_lines(file, table.rejected):
            stderr.write(f"{text}\n")
        excluded = table.excluded
        shown = ", ".join(excluded[:5]) + (", ..." if len(excluded) > 5 else "")
        stderr.write(
            f"{file}: {_count(len(table.rejected), 'bad row')}; "
            f"{_count(len(excluded), 'case')} left out whole ({one_line(shown)})\n"
        )
        return INVALID
    return OK


def decide(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``safetycore decide``: every claim in a CSV decided under an eligibility policy."""
    analysis = analysis_module()
    from .tables import csv_text

    policy = policy_from(args.policy, "eligibility_policy")
    frame = read_table(args.claims)
    file = str(args.claims)
    ignore = [*args.ignore, *([args.id] if args.id else [])]
    if args.id is not None and args.id not in frame.columns:
        raise Stop(INVALID, f"{file}: columns: has no column {args.id!r} (--id)")
    try:
        frames = analysis.decide_frame(policy, frame, as_of=args.as_of, ignore=ignore)
    except SafetycoreError as error:
        raise Stop(INVALID, *_cell_lines(file, error, policy, frame, args.as_of, ignore)) from None
    decisions = frames.decisions.copy()
    decisions.insert(0, "row", decisions.index)
    if args.id is not None:
        decisions.insert(1, args.id, frame[args.id])
    write_text(csv_text(decisions), args.output, stdout)
    return OK


def _cell_lines(
    file: str, error: SafetycoreError, policy: Any, frame: Any, as_of: Any, ignore: list[str]
) -> list[str]:
    """Every bad cell, not only the first ``decide_frame`` raises.

    ``decide_frame`` reads rows in order and stops at the first bad one, so the rows after
    it are read again until none is left: each bad row costs one partial read, and at most
    one full run decides what follows the last.
    """
    analysis = analysis_module()
    found: list[str] = []
    while True:
        match = _ROW.match(error.field)
        if match is None:  # not a cell: the columns, or the policy's own problem
            return [*found, *(line(p) for p in problems_of(file, error))]
        label = int(match["label"])
        column = error.field[match.end() :].lstrip(".")
        found.append(_row_line(file, label, column, error.reason, error.value))
        start = frame.index.get_loc(label) + 1
        try:
            analysis.decide_frame(policy, frame.iloc[start:], as_of=as_of, ignore=ignore)
        except SafetycoreError as later:
            error = later
            continue
        return found


_ROW: Final = re.compile(r"rows\[(?P<label>\d+)\]")


# -- workflows, schemas, examples -----------------------------------------------------------


def diagram(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``safetycore diagram``: a workflow file as Mermaid or Graphviz DOT text."""
    from safetycore.workflow import to_dot, to_mermaid

    workflow = policy_from(args.workflow, "workflow")
    draw = to_dot if args.format == "dot" else to_mermaid
    write_text(draw(workflow), args.output, stdout)
    return OK


def schema(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``safetycore schema KIND``: the shipped JSON Schema, to save for an editor or CI."""
    write_text(json.dumps(config.schema(args.kind), indent=2) + "\n", args.output, stdout)
    return OK


def examples(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``safetycore examples [NAME]``: the shipped examples, or one as JSON."""
    if args.name is None:
        for name in config.examples():
            kind = config.example_document(name)["kind"]
            stdout.write(f"{name}\t{kind}\n")
        return OK
    try:
        document = config.example_document(args.name)
    except SafetycoreError as error:
        raise Stop(INVALID, f"safetycore: {args.name}: {error.reason}") from None
    write_text(json.dumps(document, indent=2) + "\n", args.output, stdout)
    return OK
