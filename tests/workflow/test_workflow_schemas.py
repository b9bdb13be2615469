"""The shipped JSON Schemas of workflow and workflow-migration documents, against the readers."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs in the dev environment
import pytest
from hypothesis import given

from safetycore.errors import ConfigurationErrorGroup
from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SAFETY_INCIDENT,
    STOCK_CHECKS,
    SUPPORT_TICKET,
    Migration,
    Workflow,
)
from tests.workflow.document_fixtures import CHECKS, MOVE, V1, V2, workflows


def shipped(file: str) -> Any:
    """The parsed shipped file ``safetycore/policies/<file>``, read as package data."""
    return json.loads(files("safetycore").joinpath("policies", file).read_text("utf-8"))


def schema(name: str) -> dict[str, Any]:
    """A shipped schema, read as package data."""
    text = files("safetycore").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


WORKFLOW = jsonschema.Draft202012Validator(schema("workflow"))
MIGRATION = jsonschema.Draft202012Validator(schema("workflow_migration"))
STOCK_FILES = (
    "support_ticket.workflow.json",
    "safety_incident.workflow.json",
    "guarantee_claim.workflow.json",
)


class TestSchemas:
    @pytest.mark.parametrize("name", ["workflow", "workflow_migration"])
    def test_is_a_draft_2020_12_schema(self, name: str) -> None:
        """Each shipped schema is itself valid, with its ``$id`` and a description."""
        document = schema(name)
        jsonschema.Draft202012Validator.check_schema(document)
        assert document["$id"].endswith(f"/{name}.schema.json")
        assert document["description"]

    @pytest.mark.parametrize("workflow", [SUPPORT_TICKET, SAFETY_INCIDENT, GUARANTEE_CLAIM, V1, V2])
    def test_written_workflows_validate(self, workflow: Workflow) -> None:
        """What ``to_dict`` writes for each stock (and test) workflow is valid."""
        WORKFLOW.validate(workflow.to_dict())

    @pytest.mark.parametrize("file", STOCK_FILES)
    def test_shipped_files_validate(self, file: str) -> None:
        """Each shipped file, ``$schema`` key and all, is valid."""
        WORKFLOW.validate(shipped(file))

    @given(workflows())
    def test_drawn_workflows_validate(self, workflow: Workflow) -> None:
        """What ``to_dict`` writes for any drawn workflow is valid."""
        WORKFLOW.validate(workflow.to_dict())

    def test_written_migration_validates(self) -> None:
        """What ``Migration.to_dict`` writes is valid, and so is the short form."""
        MIGRATION.validate(MOVE.to_dict())
        MIGRATION.validate({**MOVE.to_dict(), "statuses": {"pending_vet": "awaiting_documents"}})


def _ticket() -> dict[str, Any]:
    return copy.deepcopy(SUPPORT_TICKET.to_dict())


def _change(edit: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    document = _ticket()
    edit(document)
    return document


BROKEN_WORKFLOWS = {
    "wrong kind": _change(lambda d: d.update(kind="sla_policy")),
    "unknown key": _change(lambda d: d.update(colour="red")),
    "missing steps": _change(lambda d: d.pop("steps")),
    "version not text": _change(lambda d: d.update(version=2)),
    "two-line name": _change(lambda d: d.update(name="a\nb")),
    "unknown category": _change(lambda d: d["statuses"][0].update(category="waiting")),
    "status name not an identifier": _change(lambda d: d["statuses"][0].update(name="New")),
    "status key misspelt": _change(lambda d: d["statuses"][0].update(lable="x")),
    "step without target": _change(lambda d: d["steps"][0].pop("target")),
    "no sources": _change(lambda d: d["steps"][0].update(sources=[])),
    "source twice": _change(lambda d: d["steps"][5].update(sources=["new", "new"])),
    "roles as text": _change(lambda d: d["steps"][0].update(roles="agent")),
    "requirement of two kinds": _change(
        lambda d: d["steps"][2]["requirements"][0].update(evidence=["x"])
    ),
    "requirement of no kind": _change(lambda d: d["steps"][2]["requirements"].__setitem__(0, {})),
    "data as text": _change(
        lambda d: d["steps"][2]["requirements"].__setitem__(0, {"data": "third_party"})
    ),
    "fact without reason": _change(
        lambda d: d["steps"][2]["requirements"].__setitem__(0, {"fact": "x", "equals": 1})
    ),
    "fact equals a list": _change(
        lambda d: d["steps"][2]["requirements"].__setitem__(
            0, {"fact": "x", "equals": [1], "reason": "r"}
        )
    ),
    "check without reason": _change(
        lambda d: d["steps"][2]["requirements"].__setitem__(0, {"check": "always"})
    ),
    "final as text": _change(lambda d: d.update(final="closed")),
    "format 2": _change(lambda d: d.update(format=2)),
}


BROKEN_MIGRATIONS = {
    "wrong kind": {**MOVE.to_dict(), "kind": "workflow"},
    "unknown key": {**MOVE.to_dict(), "mapping": {}},
    "statuses a list": {**MOVE.to_dict(), "statuses": ["pending_vet"]},
    "target not text": {**MOVE.to_dict(), "statuses": {"pending_vet": 3}},
    "missing to_version": {k: v for k, v in MOVE.to_dict().items() if k != "to_version"},
    "empty workflow": {**MOVE.to_dict(), "workflow": ""},
}


class TestBrokenDocuments:
    @pytest.mark.parametrize("name", sorted(BROKEN_WORKFLOWS))
    def test_workflow_refused_by_both(self, name: str) -> None:
        """Each hand-broken workflow document is refused by the schema and by ``from_dict``."""
        document = BROKEN_WORKFLOWS[name]
        assert not WORKFLOW.is_valid(document)
        with pytest.raises(ConfigurationErrorGroup):
            Workflow.from_dict(document, checks={**STOCK_CHECKS, **CHECKS})

    @pytest.mark.parametrize("name", sorted(BROKEN_MIGRATIONS))
    def test_migration_refused_by_both(self, name: str) -> None:
        """Each hand-broken migration document is refused by the schema and by ``from_dict``."""
        document = BROKEN_MIGRATIONS[name]
        assert not MIGRATION.is_valid(document)
        with pytest.raises(ConfigurationErrorGroup):
            Migration.from_dict(document, workflows=[V1, V2])

    def test_the_unbroken_document_passes_both(self) -> None:
        """The document the broken ones start from is valid, so each break is what is refused."""
        assert WORKFLOW.is_valid(_ticket())
        assert Workflow.from_dict(_ticket()) == SUPPORT_TICKET
