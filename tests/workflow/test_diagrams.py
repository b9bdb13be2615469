"""Diagrams of workflows: Mermaid and Graphviz DOT text."""

from __future__ import annotations

import re

import pytest

from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SAFETY_INCIDENT,
    SUPPORT_TICKET,
    Status,
    Step,
    Workflow,
    to_dot,
    to_mermaid,
)

STOCK = [SUPPORT_TICKET, SAFETY_INCIDENT, GUARANTEE_CLAIM]

DOOR = Workflow(
    "door",
    "1",
    [
        Status("closed", "new"),
        Status("open", "open"),
        Status("locked", "closed", label="Locked for the night"),
    ],
    "closed",
    [
        Step("push", "closed", "open"),
        Step("shut", "open", "closed"),
        Step("lock", ("closed", "open"), "locked", roles=("keyholder", "guard"), label="lock up"),
    ],
    final={"locked"},
)


def named(status: str) -> Workflow:
    """A two-status workflow whose second status is called ``status``, labelled with quotes."""
    return Workflow(
        "w",
        "1",
        [Status("first", "new"), Status(status, "closed", label='The "end"')],
        "first",
        [Step("go", "first", status)],
        final={status},
    )


class TestToMermaid:
    def test_by_hand(self) -> None:
        """A small workflow's diagram, written out."""
        assert to_mermaid(DOOR) == (
            "stateDiagram-v2\n"
            "    %% door version 1\n"
            "    closed: Closed (new)\n"
            "    open: Open (open)\n"
            "    locked: Locked for the night (closed)\n"
            "    [*] --> closed\n"
            "    closed --> open: push\n"
            "    open --> closed: shut\n"
            "    closed --> locked: lock up [guard, keyholder]\n"
            "    open --> locked: lock up [guard, keyholder]\n"
            "    locked --> [*]\n"
        )

    @pytest.mark.parametrize("workflow", STOCK, ids=lambda w: w.name)
    def test_one_edge_per_transition(self, workflow: Workflow) -> None:
        """Each stock workflow has one edge per (source, event), plus start and end markers."""
        edges = re.findall(r"^    (\w+) --> (\w+): (\S+)", to_mermaid(workflow), re.M)
        table = {
            (source, target) for source, row in workflow.targets.items() for target in row.values()
        }
        assert {(source, target) for source, target, _ in edges} == table
        assert len(edges) == sum(len(row) for row in workflow.targets.values())
        assert f"    [*] --> {workflow.initial}\n" in to_mermaid(workflow)
        assert to_mermaid(workflow).endswith("    closed --> [*]\n")


class TestToDot:
    def test_by_hand(self) -> None:
        """A small workflow's DOT text, written out; the final status has a double border."""
        assert to_dot(DOOR) == (
            'digraph "door" {\n'
            "    rankdir=LR;\n"
            "    node [shape=box, style=rounded];\n"
            '    "closed" [label="Closed\\n(new)"];\n'
            '    "open" [label="Open\\n(open)"];\n'
            '    "locked" [label="Locked for the night\\n(closed)", peripheries=2];\n'
            '    "__start__" [shape=point];\n'
            '    "__start__" -> "closed";\n'
            '    "closed" -> "open" [label="push"];\n'
            '    "open" -> "closed" [label="shut"];\n'
            '    "closed" -> "locked" [label="lock up\\n[guard, keyholder]"];\n'
            '    "open" -> "locked" [label="lock up\\n[guard, keyholder]"];\n'
            "}\n"
        )

    @pytest.mark.parametrize("workflow", STOCK, ids=lambda w: w.name)
    def test_every_status_and_transition(self, workflow: Workflow) -> None:
        """Each stock status is a node and each transition an edge."""
        text = to_dot(workflow)
        for status in workflow.statuses:
            assert f'    "{status.name}" [label=' in text
        edges = re.findall(r'^    "(\w+)" -> "(\w+)" \[', text, re.M)
        assert len(edges) == sum(len(row) for row in workflow.targets.values())

    def test_status_named_start(self) -> None:
        """A status called ``start`` stays distinct from the start marker."""
        point = re.search(r"^    (\S+) \[shape=point\];$", to_dot(named("start")), re.M)
        assert point is not None
        assert point.group(1) not in {'"first"', '"start"'}

    def test_status_named_keyword(self) -> None:
        """A status called ``node`` is a node, not an attribute statement for every node."""
        text = to_dot(named("node"))
        assert "    node [label=" not in text
        assert '    "node" [label=' in text

    def test_quotes_escaped(self) -> None:
        """A double quote in a label is escaped inside the quoted DOT string."""
        assert '\\"end\\"' in to_dot(named("done"))
