"""The ``safetycore`` command line (``python -m safetycore``): the parser and ``main``.

Every command reads files, calls the library, and writes results to stdout (or
``--output``) and messages to stderr. No bad input ends in a traceback: a file that cannot be
read, a problem in a document or a table, and a missing extra each become a message naming
the file (and the path in it) and an exit code (``EXIT_CODES``).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final, TextIO

from safetycore import config
from safetycore.errors import SafetycoreError

from .files import CLOSED_PIPE, INVALID, MISSING_EXTRA, OK, UNREADABLE, USAGE, Stop

__all__ = ["EXIT_CODES", "main", "parser"]

EXIT_CODES: Final = {
    OK: "ok",
    INVALID: "the input is invalid (problems in a document, bad rows or cells in a table)",
    USAGE: "usage error (unknown command or option, a malformed option value or one the "
    "policy cannot take)",
    UNREADABLE: "a file cannot be read (missing, not JSON/YAML/CSV, not UTF-8)",
    MISSING_EXTRA: "a needed extra is not installed (the message names it)",
    CLOSED_PIPE: "stdout was closed by its reader (| head): the run stopped quietly",
}
"""The exit codes of every command, and what each means."""

_EPILOG: Final = "exit codes:\n" + "\n".join(
    textwrap.fill(meaning, 79, initial_indent=f"  {code:>3}  ", subsequent_indent=" " * 7)
    for code, meaning in EXIT_CODES.items()
)

Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


def _version() -> str:
    from safetycore import __version__

    return __version__


def parser() -> argparse.ArgumentParser:
    """The parser of ``safetycore``'s arguments: one subcommand per job."""
    from . import commands

    top = argparse.ArgumentParser(
        prog="safetycore",
        description=textwrap.fill(
            "Check policy files, run SLA clocks over events, decide claims, draw workflows. "
            "Messages go to stderr, results to stdout (or --output).",
            79,
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"safetycore {_version()}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, run: Command, help: str, description: str) -> argparse.ArgumentParser:
        found = sub.add_parser(
            name,
            help=help,
            description=textwrap.fill(description, 79),
            epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        found.set_defaults(run=run)
        return found

    def output(found: argparse.ArgumentParser, what: str) -> None:
        found.add_argument(
            "-o", "--output", type=Path, metavar="FILE", help=f"write {what} here (default: stdout)"
        )

    def calendars(found: argparse.ArgumentParser) -> None:
        found.add_argument(
            "--calendars",
            type=Path,
            metavar="FILE",
            help="calendars an SLA policy names but does not define: a JSON or YAML object in "
            'the form of a policy\'s "calendars" section (each reference mapped to '
            '{"version": ..., "calendar": <calendar>})',
        )

    validate = command(
        "validate",
        commands.validate,
        "check configuration files against their reader and JSON Schema",
        "Check each file (JSON: .json; YAML: .yaml or .yml, the 'cli' extra) by its kind: "
        "the reader's every check, then the shipped JSON Schema (when jsonschema, in the "
        "'cli' extra, is installed). Each problem is printed as FILE: path: message, one "
        "per line, on stderr; a good file as FILE: ok (kind) on stdout. A migration file "
        "may name the stock workflows and the workflow files given with it.",
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files to check")
    validate.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default): a line per problem; json: one report on stdout, for CI tools",
    )
    calendars(validate)

    evaluate = command(
        "evaluate",
        commands.evaluate,
        "run an SLA policy's clocks over an events CSV",
        "Every metric cycle of every case in EVENTS (a CSV file, a row per event: case_id, at, "
        "kind, actor, and the optional columns of an events table) under the SLA policy, as "
        "a CSV row per cycle. Instants are written in ISO 8601 in UTC, durations as ISO 8601 "
        "durations. A bad row is reported by row and column; its case is left out whole and "
        "the exit code is 1 (the other cases' results are still written). Needs the "
        "'analysis' extra.",
    )
    evaluate.add_argument("events", type=Path, metavar="EVENTS.csv", help="the events table")
    evaluate.add_argument(
        "--policy", type=Path, required=True, metavar="FILE", help="the SLA policy document"
    )
    evaluate.add_argument(
        "--as-of",
        type=commands.as_of_instant,
        metavar="INSTANT",
        help="evaluate as of this ISO 8601 instant with its offset (default: the last event's "
        "instant in the file, so the same files always give the same results)",
    )
    evaluate.add_argument(
        "--versioning",
        choices=("pin", "current"),
        default="pin",
        help="pin (default): each case under the version in force when it was created; "
        "current: every case under the version in force at --as-of",
    )
    evaluate.add_argument(
        "--version", metavar="NAME", help="every case under this policy version instead"
    )
    calendars(evaluate)
    output(evaluate, "the results CSV")

    decide = command(
        "decide",
        commands.decide,
        "decide a claims CSV under an eligibility policy",
        "Decide every row of CLAIMS (a CSV file, a column per fact, named as the fact) under "
        "the eligibility policy, as a CSV row per claim: row (the row number in CLAIMS, the "
        "header being row 1), the --id column, verdict, version, reasons, needs, payable, "
        "would_pay. Cells are read by the facts' kinds: ISO 8601 dates and instants with "
        "an offset, true/false, decimal text, ';'-joined lists; an empty cell is missing, "
        "'not applicable' is not applicable. Every bad cell is reported by row and column. "
        "Needs the 'analysis' extra.",
    )
    decide.add_argument("claims", type=Path, metavar="CLAIMS.csv", help="the claims table")
    decide.add_argument(
        "--policy", type=Path, required=True, metavar="FILE", help="the eligibility policy"
    )
    decide.add_argument(
        "--as-of",
        type=commands.as_of_date_or_instant,
        metavar="WHEN",
        help="decide as of this ISO 8601 date or instant with its offset (for evidence "
        "deadlines; default: none)",
    )
    decide.add_argument(
        "--id", metavar="COLUMN", help="the column naming each claim (copied to the output)"
    )
    decide.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="COLUMN",
        help="a column that is no fact (repeat for more); any other unknown column is refused",
    )
    output(decide, "the decisions CSV")

    diagram = command(
        "diagram",
        commands.diagram,
        "draw a workflow as Mermaid or Graphviz DOT text",
        "The workflow's statuses and steps as a Mermaid state diagram (paste it into Markdown) "
        "or Graphviz DOT (render it with: dot -Tsvg).",
    )
    diagram.add_argument("workflow", type=Path, metavar="WORKFLOW_FILE", help="the workflow")
    diagram.add_argument(
        "--format", choices=("mermaid", "dot"), default="mermaid", help="default: mermaid"
    )
    output(diagram, "the diagram")

    schema = command(
        "schema",
        commands.schema,
        "print the JSON Schema of a kind of document",
        "The JSON Schema (draft 2020-12) shipped for KIND, to save for an editor or CI: "
        "safetycore schema sla_policy > sla_policy.schema.json",
    )
    schema.add_argument("kind", choices=config.KINDS, metavar="KIND", help=", ".join(config.KINDS))
    output(schema, "the schema")

    examples = command(
        "examples",
        commands.examples,
        "list the shipped example documents, or print one",
        "Without NAME, each shipped example's name and kind; with NAME, that document as "
        "JSON (a starting point for your own).",
    )
    examples.add_argument("name", nargs="?", metavar="NAME", help="the example to print")
    output(examples, "the document")
    return top


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run ``safetycore`` with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Exit codes: ``EXIT_CODES``. Argparse's own usage errors (and ``--help``) return its code
    instead of exiting, so that callers (and tests) get a number back.
    """
    out = sys.stdout if stdout is None else stdout
    err = sys.stderr if stderr is None else stderr
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else USAGE
    run: Command = args.run
    try:
        return run(args, out, err)
    except Stop as stop:
        for line in stop.lines:
            err.write(f"{line}\n")
        return stop.code
    except SafetycoreError as error:  # one no command reported with its file: no traceback
        err.write(f"safetycore: {error}\n")
        return INVALID
