"""Moving cases to a new version of their workflow: ``Migration`` and ``migrate``.

A workflow changes over time (a status renamed, split or added). Cases opened under the old
version may finish under it, or be moved: a ``Migration`` says, for every status of the old
version, the status of the new version a case in it moves to, and ``migrate`` moves one
case, recording a ``migrated`` record in its trail (who, when, from and to version, the old
and the new status). ``replay`` rebuilds a case across the migration.

A migration changes where a case is in the graph, not what its SLA clocks or its outcome
see: each status must map to a status of the same ``StatusCategory``, and a final status to
a final one (a migration neither closes nor reopens a case). To change a category, migrate,
then take a step of the new version.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Final, Self

import attrs

from safetycore._config import (
    Problems,
    envelope,
    instance_of,
    items_of,
    opened,
    text_of,
)
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    UnknownNameError,
)
from safetycore.events import Channel
from safetycore.workflow.case import (
    MIGRATED,
    Actor,
    AuditRecord,
    Case,
    channel,
    instant,
    unchecked,
)
from safetycore.workflow.definition import Workflow

__all__ = ["Migration", "migrate"]

KIND: Final = "workflow_migration"
_KEYS: Final = ("workflow", "from_version", "to_version", "statuses")


def mapping_problem(old: Workflow, new: Workflow, source: str, target: str) -> str | None:
    """Why moving a case from ``source`` (of ``old``) to ``target`` (of ``new``) would lie.

    ``None`` when the move is sound: ``target`` is a status of ``new`` in the same category
    as ``source``, and final exactly when ``source`` is. Shared by ``Migration`` and
    ``replay``, which re-checks every ``migrated`` record by it.
    """
    if target not in new.table:
        known = ", ".join(status.name for status in new.statuses)
        return f"is not a status of {new.name} version {new.version} (known: {known})"
    before = old.status(source).category
    after = new.status(target).category
    if before != after:
        return (
            f"maps {_a(str(before))} status to {target!r}, {_a(str(after))} one: a migration"
            " must not change what the SLA clocks see (migrate, then take a step)"
        )
    if (source in old.final) != (target in new.final):
        return (
            f"maps a {'final' if source in old.final else 'non-final'} status to {target!r},"
            f" a {'final' if target in new.final else 'non-final'} one: a migration neither"
            " closes nor reopens a case"
        )
    return None


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _pairs(value: object) -> tuple[tuple[str, str], ...]:
    """The given mapping of old to new status names as pairs (text checked)."""
    if value is None:
        return ()
    if isinstance(value, Mapping):
        items = tuple(value.items())
    elif isinstance(value, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in value):
        items = value  # the converted form, as attrs.evolve hands it back
    else:
        raise InputTypeError(
            "must be a mapping of old status names to new ones", field="statuses", value=value
        )
    for source, target in items:
        text_of(source, "statuses")
        text_of(target, f"statuses.{source}")
    return tuple(items)


@attrs.frozen
class Migration:
    """How cases move from version ``old`` of a workflow to version ``new``.

    ``statuses`` maps old status names to new ones; an old status left out maps to the new
    status of the same name, which must then exist. After construction ``statuses`` holds
    the complete mapping, one pair per old status in declaration order, so two migrations
    that move every status alike are equal. Checked when built, every problem at once as a
    ``ConfigurationErrorGroup`` naming ``statuses.<old status>`` (or ``new``): ``old`` and
    ``new`` are versions of one workflow (same name, other version), every key is a status
    of ``old`` (``UnknownNameError``), and every move is sound by ``mapping_problem``: same
    category, final to final.

    >>> from safetycore.workflow import SUPPORT_TICKET, Status, Step
    >>> v2 = SUPPORT_TICKET.with_status(
    ...     Status("escalated", "open"), Step("escalate", "open", "escalated"),
    ...     Step("de_escalate", "escalated", "open"), version="2")
    >>> Migration(SUPPORT_TICKET, v2).target("pending")
    'pending'
    """

    old: Workflow = attrs.field(validator=instance_of(Workflow))
    new: Workflow = attrs.field(validator=instance_of(Workflow))
    statuses: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)

    def __attrs_post_init__(self) -> None:
        old, new = self.old, self.new
        problems = Problems(KIND)
        if old.name != new.name:
            problems.add(
                ConfigurationError(
                    f"must be a version of {old.name!r} (a migration stays in one workflow)",
                    field="new",
                    value=new.name,
                )
            )
        elif old.version == new.version:
            problems.add(
                ConfigurationError(
                    f"must be another version than {old.version!r}",
                    field="new",
                    value=new.version,
                )
            )
        given = dict(self.statuses)
        for source in given:
            if source not in old.table:
                known = ", ".join(status.name for status in old.statuses)
                problems.add(
                    UnknownNameError(
                        f"is not a status of {old.name} version {old.version} (known: {known})",
                        field=f"statuses.{source}",
                        value=source,
                    )
                )
        complete = []
        for status in old.statuses:
            target = given.get(status.name, status.name)
            problem = mapping_problem(old, new, status.name, target)
            if problem is not None:
                if status.name not in given:
                    problem = f"is not mapped, and {problem.removeprefix('is ')}"
                problems.add(
                    ConfigurationError(problem, field=f"statuses.{status.name}", value=target)
                )
            complete.append((status.name, target))
        problems.check()
        object.__setattr__(self, "statuses", tuple(complete))

    def target(self, status: str) -> str:
        """The status of ``new`` a case in ``status`` (of ``old``) moves to."""
        found = dict(self.statuses).get(text_of(status, "status"))
        if found is None:
            raise UnknownNameError(
                f"is not a status of {self.old.name} version {self.old.version}",
                field="status",
                value=status,
            )
        return found

    def to_dict(self) -> dict[str, Any]:
        """The JSON-compatible document ``Migration.from_dict`` reads back equal.

        ``{"kind": "workflow_migration", "format": 1, "workflow", "from_version",
        "to_version", "statuses"}``, ``statuses`` complete (every old status, identities
        too) with its keys sorted, so that a review sees every move.
        """
        return envelope(
            KIND,
            {
                "workflow": self.old.name,
                "from_version": self.old.version,
                "to_version": self.new.version,
                "statuses": dict(sorted(self.statuses)),
            },
        )

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, workflows: Iterable[Workflow] | Workflow
    ) -> Self:
        """The migration a document describes, between two of the given ``workflows``.

        ``workflows`` holds (at least) both versions, found by the document's ``workflow``
        name and ``from_version`` / ``to_version`` (an ``UnknownNameError`` naming the key
        and listing the versions given otherwise). Every problem, in the document and in
        its mapping, is raised at once as one ``ConfigurationErrorGroup``.
        """
        given = (workflows,) if isinstance(workflows, Workflow) else workflows
        versions = {(w.name, w.version): w for w in items_of(given, Workflow, "workflows")}
        problems = Problems(KIND)
        # Another kind or format raises at once; an unknown key joins the body's problems.
        data = opened(data, KIND, _KEYS, problems)
        name = problems.run("", _text_key, data, "workflow")
        found: dict[str, Workflow] = {}
        for key in ("from_version", "to_version"):
            with problems.at(""):
                version = _text_key(data, key)
                workflow = versions.get((name or "", version))
                if workflow is None:
                    listed = ", ".join(f"{n} {v}" for n, v in sorted(versions)) or "none"
                    raise UnknownNameError(
                        f"names a workflow version not given (given: {listed})",
                        field=key,
                        value=version,
                    )
                found[key] = workflow
        statuses: Any = None
        with problems.at(""):
            statuses = data.get("statuses", {})
            if not isinstance(statuses, Mapping):
                raise InputTypeError(
                    "must be a mapping of old status names to new ones",
                    field="statuses",
                    value=statuses,
                )
        migration = None
        if problems.ok:
            with problems.at(""):
                migration = cls(found["from_version"], found["to_version"], statuses)
        problems.check()
        assert migration is not None
        return migration


def _text_key(data: Mapping[str, Any], key: str) -> str:
    """The document's own ``key``, non-empty text; a missing key is named as ``key``."""
    if key not in data:
        raise ConfigurationError("is required", field=key, value=None)
    return text_of(data[key], key)


def migrate(
    migration: Migration,
    case: Case,
    *,
    actor: Actor,
    at: datetime,
    via: Channel | str = Channel.SYSTEM,
    reason: str = "",
) -> Case:
    """``case`` moved to ``migration.new``: one ``migrated`` record longer, facts kept.

    The record names the actor, the instant, the old and new version (``from_version``,
    ``version``) and the old and new status (``from_status``, ``to_status``). No role is
    required (moving cases is an administrator's act, recorded with who did it); the step
    and requirement checks of either version do not apply.

    Refused, naming the argument: a ``migration`` that is no ``Migration``, a ``case`` that
    is no ``Case`` or runs under another workflow version than ``migration.old``
    (``ConfigurationError`` naming ``case``), an ``actor`` that is no ``Actor``, an ``at``
    that is no aware instant in years 2 to 9998 or earlier than the case's last record
    (``InvalidArgumentError`` naming ``at``), a ``via`` that is no ``Channel``, a ``reason``
    that is not text.
    """
    if not isinstance(migration, Migration):
        raise InputTypeError("must be a Migration", field="migration", value=migration)
    if not isinstance(case, Case):
        raise InputTypeError("must be a Case (see open_case)", field="case", value=case)
    if not isinstance(actor, Actor):
        raise InputTypeError("must be an Actor", field="actor", value=actor)
    old, new = migration.old, migration.new
    if (case.workflow, case.version) != (old.name, old.version):
        raise ConfigurationError(
            f"runs under {case.workflow} version {case.version}, but the migration leaves"
            f" {old.name} version {old.version}",
            field="case",
            value=case.case_id,
        )
    at = instant(at, "at")
    if at < case.trail[-1].at:
        raise InvalidArgumentError(
            f"is before the case's last record ({case.trail[-1].at.isoformat()})",
            field="at",
            value=at,
        )
    if not isinstance(reason, str):
        raise InputTypeError("must be text", field="reason", value=reason)
    target = migration.target(case.status)
    record = AuditRecord(
        case.case_id,
        len(case.trail),
        at,
        actor.id,
        actor.roles,
        channel(via),
        MIGRATED,
        case.status,
        target,
        new.name,
        new.version,
        reason=reason,
        from_version=old.version,
    )
    return unchecked(
        Case,
        case_id=case.case_id,
        workflow=new.name,
        version=new.version,
        status=target,
        facts=case.facts,
        evidence=case.evidence,
        trail=(*case.trail, record),
    )
