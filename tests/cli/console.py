"""Run the ``console`` blocks of a Markdown page: each ``$ command`` and the output it shows.

The blocks are a tiny shell: ``safetycore ...`` (run in-process, stdout and stderr together,
in the order written), ``cat FILE``, ``echo $?`` (the last command's exit code), and after a
command ``| head -n N`` or ``> FILE``. ``workspace`` makes the files the pages use.
"""

from __future__ import annotations

import io
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from safetycore import config, datasets
from safetycore._cli import main

from .conftest import write_csv, write_json

_BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(page: Path) -> Iterator[list[tuple[str, str]]]:
    """Each console block of ``page`` as (command, expected output) pairs."""
    for match in _BLOCK.finditer(page.read_text(encoding="utf-8")):
        pairs: list[tuple[str, str]] = []
        for line in match.group(1).splitlines(keepends=True):
            if line.startswith("$ "):
                pairs.append((line[2:].rstrip("\n"), ""))
            elif pairs:
                command, output = pairs[-1]
                pairs[-1] = (command, output + line)
        yield pairs


class Shell:
    """Runs one page's commands in a folder, remembering the last exit code."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.code = 0

    def run(self, command: str) -> str:
        """The output ``command`` shows (stdout and stderr together)."""
        target = None
        head = None
        if " > " in command:
            command, target = command.split(" > ")
        if " | head -n " in command:
            command, count = command.split(" | head -n ")
            head = int(count)
        words = shlex.split(command)
        if words == ["echo", "$?"]:
            return f"{self.code}\n"
        if words[0] == "cat":
            text = (self.folder / words[1]).read_text(encoding="utf-8")
        else:
            assert words[0] == "safetycore", command
            out = io.StringIO()
            err = io.StringIO() if target else out
            self.code = main(words[1:], stdout=out, stderr=err)
            text = out.getvalue()
            if target:
                (self.folder / target).write_text(text, encoding="utf-8")
                return err.getvalue()
        if head is not None:
            text = "".join(text.splitlines(keepends=True)[:head])
        return text


def workspace(folder: Path) -> None:
    """The files the pages read: sample tables, and bad copies of the shipped examples."""
    tickets = next(datasets.support_tickets(4, seed=7))
    write_csv(tickets, folder / "events.csv")
    bad = tickets.astype(object)  # text cells: pandas would read the naive text as UTC
    bad.loc[2, "at"] = "2025-03-01T10:00:00"
    bad.loc[5, "kind"] = "agent_repiled"
    write_csv(bad, folder / "bad_events.csv")
    claims = next(datasets.benefits_enrolments(4, seed=7))
    write_csv(claims, folder / "claims.csv")
    claims = claims.astype(object)
    claims.loc[1, "hours_per_week"] = "full time"
    claims.loc[3, "request_date"] = "31/05/2025"
    write_csv(claims, folder / "bad_claims.csv")
    workflow = config.example_document("support_ticket")
    workflow["colour"] = "blue"
    workflow["statuses"][0]["category"] = "fresh"
    write_json(workflow, folder / "bad_workflow.json")
    sla = config.example_document("support_sla_current")
    sla["versions"][0]["effective"] = "2020-01-01T00:00:00"
    sla["versions"][0]["policies"][0]["targets"][0]["within"] = "1 hour"
    sla["versions"][0]["policies"][1]["targets"][0]["calendar"] = "office-eu"
    write_json(sla, folder / "bad_sla.json")
    yaml = pytest.importorskip("yaml")
    (folder / "support_ticket.yaml").write_text(
        yaml.safe_dump(config.example_document("support_ticket"), sort_keys=False),
        encoding="utf-8",
    )
    (folder / "bad_yaml.yaml").write_text("kind: workflow\nname: [support\n", encoding="utf-8")
