"""Workflow versions: a case migrated by a status mapping, recorded, and replayed across it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetycore.errors import (
    ConfigurationError,
    ConfigurationErrorGroup,
    InputTypeError,
    InvalidArgumentError,
    ReplayError,
    SafetycoreError,
    UnknownNameError,
)
from safetycore.events import EventKind
from safetycore.workflow import (
    SUPPORT_TICKET,
    Actor,
    AuditRecord,
    Case,
    Migration,
    Status,
    Step,
    Workflow,
    case_history,
    fire,
    migrate,
    open_case,
    replay,
)
from tests.workflow.document_fixtures import MOVE, V1, V2, members

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
ANYONE = Actor("agent:1", {"agent", "vet", "finance"})
ADMIN = Actor("admin:1", {"admin"})


def walked(workflow: Workflow, case: Case, events: list[str], at: datetime) -> Case:
    """``case`` after taking each event in turn, a minute apart."""
    for event in events:
        at += MINUTE
        case = fire(workflow, case, event, at=at, actor=ANYONE)
    return case


def pending_case() -> Case:
    """A claim under version 1, waiting on the vet."""
    case = open_case(V1, "C-1", at=AT, actor=ANYONE, data={"priority": "high"})
    return walked(V1, case, ["ask_vet"], AT)


def fields(action: object) -> list[tuple[type[SafetycoreError], str]]:
    """The members of the ``ConfigurationErrorGroup`` ``action()`` raises, by class and path."""
    with pytest.raises(ConfigurationErrorGroup) as caught:
        action()  # type: ignore[operator]
    return [(type(error), error.field) for error in members(caught.value)]


class TestMigration:
    def test_completes_the_mapping_by_name(self) -> None:
        """Statuses left out map to the status of the same name, and all are listed."""
        assert dict(MOVE.statuses) == {
            "submitted": "submitted",
            "pending_vet": "awaiting_documents",
            "review": "review",
            "paid": "paid",
            "closed": "closed",
        }
        assert Migration(V1, V2, dict(MOVE.statuses)) == MOVE
        assert MOVE.target("pending_vet") == "awaiting_documents"

    def test_unmapped_status_missing_from_the_new_version(self) -> None:
        """A status the new version lacks must be mapped."""
        assert fields(lambda: Migration(V1, V2)) == [(ConfigurationError, "statuses.pending_vet")]

    def test_every_problem_at_once(self) -> None:
        """An unknown key, a target the new version lacks and a category change: all three."""
        errors = fields(
            lambda: Migration(
                V1,
                V2,
                {
                    "pending_vet": "awaiting_documents",
                    "nope": "review",
                    "review": "reviewing",
                    "paid": "closed",
                },
            )
        )
        assert errors == [
            (UnknownNameError, "statuses.nope"),
            (ConfigurationError, "statuses.review"),
            (ConfigurationError, "statuses.paid"),
        ]

    def test_category_must_not_change(self) -> None:
        """A pending status moved to an open one would change what the clocks see."""
        with pytest.raises(ConfigurationErrorGroup) as caught:
            Migration(V1, V2, {"pending_vet": "review"})
        (error,) = members(caught.value)
        assert (error.field, error.value) == ("statuses.pending_vet", "review")
        assert "maps a pending status to 'review', an open one" in error.reason

    def test_final_must_stay_final(self) -> None:
        """A final status may not map to a non-final one of the same category."""
        archive = V2.with_status(
            Status("archived", "closed"),
            Step("archive", "paid", "archived"),
            version="3",
            final=True,
        )
        assert Migration(V1, archive, {"pending_vet": "awaiting_documents", "closed": "archived"})
        not_final = Workflow(
            "claim",
            "4",
            [Status("submitted", "new"), Status("done", "closed"), Status("closed", "closed")],
            "submitted",
            [Step("finish", "submitted", "done"), Step("close", "done", "closed")],
            final={"closed"},
        )
        errors = fields(
            lambda: Migration(
                V1,
                not_final,
                {
                    "pending_vet": "submitted",
                    "review": "submitted",
                    "paid": "submitted",
                    "closed": "done",
                },
            )
        )
        assert (ConfigurationError, "statuses.closed") in errors

    def test_versions_of_one_workflow(self) -> None:
        """Another workflow, or the same version, is refused naming ``new``."""
        assert fields(lambda: Migration(V1, SUPPORT_TICKET, {}))[0] == (ConfigurationError, "new")
        assert fields(lambda: Migration(V1, V1)) == [(ConfigurationError, "new")]

    @pytest.mark.parametrize(
        "statuses", ["pending_vet", [("pending_vet",)], {"pending_vet": 3}, {4: "review"}]
    )
    def test_mapping_must_be_names(self, statuses: object) -> None:
        """A mapping that is not of names to names is an ``InputTypeError`` naming it."""
        with pytest.raises(InputTypeError) as caught:
            Migration(V1, V2, statuses)
        assert caught.value.field.startswith("statuses")

    def test_target_of_unknown_status(self) -> None:
        """Asking for the target of a status the old version lacks names ``status``."""
        with pytest.raises(UnknownNameError) as caught:
            MOVE.target("awaiting_documents")
        assert caught.value.field == "status"


class TestMigrationDocument:
    def test_round_trip(self) -> None:
        """``to_dict`` writes the complete mapping, sorted; ``from_dict`` reads it back equal."""
        document = MOVE.to_dict()
        assert document == {
            "kind": "workflow_migration",
            "format": 1,
            "workflow": "claim",
            "from_version": "1",
            "to_version": "2",
            "statuses": {
                "closed": "closed",
                "paid": "paid",
                "pending_vet": "awaiting_documents",
                "review": "review",
                "submitted": "submitted",
            },
        }
        assert Migration.from_dict(json.loads(json.dumps(document)), workflows=[V1, V2]) == MOVE

    def test_identities_may_be_left_out(self) -> None:
        """A document may list only the statuses that change."""
        document = {**MOVE.to_dict(), "statuses": {"pending_vet": "awaiting_documents"}}
        assert Migration.from_dict(document, workflows=[V1, V2]) == MOVE

    @given(st.data())
    def test_drawn_mappings_round_trip(self, data: st.DataObject) -> None:
        """Any sound mapping round-trips through its document."""
        statuses = {}
        for status in V1.statuses:
            sound = [
                s.name
                for s in V2.statuses
                if s.category == status.category
                and (s.name in V2.final) == (status.name in V1.final)
            ]
            statuses[status.name] = data.draw(st.sampled_from(sound))
        migration = Migration(V1, V2, statuses)
        assert Migration.from_dict(migration.to_dict(), workflows=(V2, V1)) == migration

    def test_every_document_problem(self) -> None:
        """An unknown key, an unknown version and a bad mapping are all reported."""
        document = {**MOVE.to_dict(), "to_version": "9", "statuse": {}}
        assert fields(lambda: Migration.from_dict(document, workflows=[V1, V2])) == [
            (ConfigurationError, "statuse"),
            (UnknownNameError, "to_version"),
        ]

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            ({"kind": "workflow"}, [(ConfigurationError, "kind")]),
            (
                {"workflow": "ticket"},
                [(UnknownNameError, "from_version"), (UnknownNameError, "to_version")],
            ),
            (
                {"workflow": 3},
                [
                    (InputTypeError, "workflow"),
                    (UnknownNameError, "from_version"),
                    (UnknownNameError, "to_version"),
                ],
            ),
            ({"from_version": None}, [(InputTypeError, "from_version")]),
            ({"statuses": ["pending_vet"]}, [(InputTypeError, "statuses")]),
            (
                {"statuses": {"pending_vet": "review"}},
                [(ConfigurationError, "statuses.pending_vet")],
            ),
            ({"statuses": {"pending_vet": 2}}, [(InputTypeError, "statuses.pending_vet")]),
        ],
    )
    def test_each_problem_names_its_path(self, change: dict[str, object], expected: object) -> None:
        """Each hand-broken migration document is refused, naming the field."""
        document = {**MOVE.to_dict(), **change}
        assert fields(lambda: Migration.from_dict(document, workflows=[V1, V2])) == expected

    def test_another_kind_is_refused_by_its_envelope_only(self) -> None:
        """A workflow handed to the migration reader is refused by name, not key by key."""
        document = V1.to_dict()
        errors = fields(lambda: Migration.from_dict(document, workflows=[V1, V2]))
        assert errors == [(ConfigurationError, "kind")] + [
            (ConfigurationError, key) for key in ("name", "version", "initial", "steps", "final")
        ]

    def test_missing_keys(self) -> None:
        """A document without its workflow is refused naming ``workflow``."""
        document = MOVE.to_dict()
        del document["workflow"]
        assert fields(lambda: Migration.from_dict(document, workflows=[V1, V2]))[0] == (
            ConfigurationError,
            "workflow",
        )


class TestMigrate:
    def test_moves_the_case_and_records_it(self) -> None:
        """The case is under version 2 in the mapped status, facts kept, one record longer."""
        case = pending_case()
        moved = migrate(MOVE, case, actor=ADMIN, at=AT + 5 * MINUTE, reason="claims v2")
        assert (moved.version, moved.status) == ("2", "awaiting_documents")
        assert (moved.facts, moved.evidence) == (case.facts, case.evidence)
        record = moved.trail[-1]
        assert (record.event, record.sequence, record.actor, sorted(record.roles)) == (
            "migrated",
            2,
            "admin:1",
            ["admin"],
        )
        assert (record.from_version, record.version, record.workflow) == ("1", "2", "claim")
        assert (record.from_status, record.to_status, record.reason) == (
            "pending_vet",
            "awaiting_documents",
            "claims v2",
        )
        assert record.to_dict()["from_version"] == "1"
        assert Case.from_dict(json.loads(json.dumps(moved.to_dict()))) == moved

    def test_then_fires_under_the_new_version_only(self) -> None:
        """After the move, steps are version 2's; version 1 no longer fires the case."""
        moved = migrate(MOVE, pending_case(), actor=ADMIN, at=AT + 5 * MINUTE)
        later = fire(V2, moved, "documents_received", at=AT + 6 * MINUTE, actor=ANYONE)
        assert later.status == "review"
        with pytest.raises(ConfigurationError):
            fire(V1, moved, "vet_replied", at=AT + 6 * MINUTE, actor=ANYONE)

    def test_case_of_another_version(self) -> None:
        """A case not under the migration's old version is refused naming ``case``."""
        moved = migrate(MOVE, pending_case(), actor=ADMIN, at=AT + 5 * MINUTE)
        with pytest.raises(ConfigurationError) as caught:
            migrate(MOVE, moved, actor=ADMIN, at=AT + 6 * MINUTE)
        assert caught.value.field == "case"

    def test_time_order(self) -> None:
        """A migration dated before the case's last record is refused naming ``at``."""
        with pytest.raises(InvalidArgumentError) as caught:
            migrate(MOVE, pending_case(), actor=ADMIN, at=AT)
        assert caught.value.field == "at"

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"migration": {"pending_vet": "awaiting_documents"}}, "migration"),
            ({"case": "C-1"}, "case"),
            ({"actor": "admin:1"}, "actor"),
            ({"at": "yesterday"}, "at"),
            ({"via": "pigeon"}, "via"),
            ({"reason": 5}, "reason"),
        ],
    )
    def test_junk_arguments(self, kwargs: dict[str, object], field: str) -> None:
        """Each argument is checked, naming it."""
        arguments: dict[str, object] = {
            "migration": MOVE,
            "case": pending_case(),
            "actor": ADMIN,
            "at": AT + 5 * MINUTE,
            **kwargs,
        }
        migration, case = arguments.pop("migration"), arguments.pop("case")
        with pytest.raises(SafetycoreError) as caught:
            migrate(migration, case, **arguments)  # type: ignore[arg-type]
        assert caught.value.field == field


class TestMigratedRecord:
    def test_needs_from_version(self) -> None:
        """A migrated record without the version it left is refused."""
        record = migrate(MOVE, pending_case(), actor=ADMIN, at=AT + 5 * MINUTE).trail[-1]
        with pytest.raises(InvalidArgumentError) as caught:
            attrs.evolve(record, from_version="")
        assert caught.value.field == "from_version"
        with pytest.raises(InvalidArgumentError):
            attrs.evolve(record, from_version="2")

    def test_only_migrated_records_carry_it(self) -> None:
        """``from_version`` on a step's record is refused."""
        record = pending_case().trail[-1]
        with pytest.raises(InvalidArgumentError) as caught:
            attrs.evolve(record, from_version="0")
        assert caught.value.field == "from_version"
        assert "from_version" not in record.to_dict()

    def test_from_dict_reads_it(self) -> None:
        """``AuditRecord.from_dict`` reads ``from_version`` back."""
        record = migrate(MOVE, pending_case(), actor=ADMIN, at=AT + 5 * MINUTE).trail[-1]
        assert AuditRecord.from_dict(record.to_dict()) == record


class TestReplayAcrossMigration:
    def moved(self) -> Case:
        case = migrate(MOVE, pending_case(), actor=ADMIN, at=AT + 5 * MINUTE)
        return walked(V2, case, ["documents_received", "escalate", "pay"], AT + 5 * MINUTE)

    def test_replays(self) -> None:
        """Given both versions, replay rebuilds the migrated case."""
        case = self.moved()
        assert replay(case.trail, [V1, V2]) == case

    def test_needs_the_new_version(self) -> None:
        """Without version 2 the migrated record is refused, naming its version."""
        with pytest.raises(ReplayError) as caught:
            replay(self.moved().trail, V1)
        assert caught.value.field == "records[2].version"

    def test_forged_move_is_refused(self) -> None:
        """A migrated record to a status of another category is refused by Migration's rule."""
        trail = list(self.moved().trail)[:3]
        trail[2] = attrs.evolve(trail[2], to_status="review", from_version="1")
        with pytest.raises(ReplayError) as caught:
            replay(trail, [V1, V2])
        assert caught.value.field == "records[2]"
        assert "a migration must not change what the SLA clocks see" in caught.value.reason

    def test_forged_from_version(self) -> None:
        """A migration that does not leave the case's version is refused."""
        trail = list(self.moved().trail)[:3]
        trail[2] = attrs.evolve(trail[2], from_version="0")
        with pytest.raises(ReplayError) as caught:
            replay(trail, [V1, V2])
        assert caught.value.field == "records[2].from_version"

    def test_version_change_without_migration(self) -> None:
        """A step record under another version, with no migrated record before, is refused."""
        trail = list(self.moved().trail)
        del trail[2]
        trail = [attrs.evolve(r, sequence=i) for i, r in enumerate(trail)]
        with pytest.raises(ReplayError) as caught:
            replay(trail, [V1, V2])
        assert caught.value.field == "records[2].version"

    def test_case_history_reads_each_version(self) -> None:
        """The history's categories come from each record's own version."""
        case = self.moved()
        history = case_history([V1, V2], case)
        changes = [dict(e.data) for e in history.events if e.kind is EventKind.STATUS_CHANGED]
        assert [(c["from"], c["to"], c["category"], c["event"]) for c in changes] == [
            ("submitted", "pending_vet", "pending", "ask_vet"),
            ("pending_vet", "awaiting_documents", "pending", "migrated"),
            ("awaiting_documents", "review", "open", "documents_received"),
            ("review", "second_review", "open", "escalate"),
            ("second_review", "paid", "solved", "pay"),
        ]
        with pytest.raises(ConfigurationError) as caught:
            case_history(V2, case)
        assert caught.value.field == "case.trail[1].version"

    @given(st.data())
    def test_random_walks_replay_across_the_migration(self, data: st.DataObject) -> None:
        """Walk version 1, migrate, walk version 2: replay gives back the same case."""
        case = open_case(V1, "C-9", at=AT, actor=ANYONE)
        at = AT
        for workflow, steps in (
            (V1, data.draw(st.integers(0, 6))),
            (V2, data.draw(st.integers(0, 6))),
        ):
            if workflow is V2:
                at += MINUTE
                case = migrate(MOVE, case, actor=ADMIN, at=at)
            for _ in range(steps):
                row = workflow.targets[case.status]
                if not row:
                    break
                at += data.draw(st.sampled_from([timedelta(0), MINUTE]))
                case = fire(
                    workflow, case, data.draw(st.sampled_from(sorted(row))), at=at, actor=ANYONE
                )
        assert replay(case.trail, [V1, V2]) == case
        assert Case.from_dict(json.loads(json.dumps(case.to_dict()))) == case
        assert case.version == "2"
