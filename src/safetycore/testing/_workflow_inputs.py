"""What the workflow testing tools hand to ``fire``: actors, instants, data and evidence.

Shared by the strategies of ``safetycore.testing.workflows`` (``cases``) and the model-based
tools of ``safetycore.testing.workflow_model``, so that every tool takes steps the same way:
with actors holding every role the workflow names, instants in time order, and, for the
stock workflows, data and evidence that satisfy their requirements.

Per-event inputs come in two forms. The strategies (``STOCK_DATA``, ``STOCK_EVIDENCE``)
draw varied values for random walks; the examples (``STOCK_EXAMPLE_DATA``,
``STOCK_EXAMPLE_EVIDENCE``) are one fixed value per event, for walks that must be the same
every run (``check_each_path``). Both are keyed by workflow name, so versions derived with
``with_status`` and friends keep them, and their values are JSON-compatible (lists, not
tuples), so cases round-trip through ``Case.to_dict`` and ``json``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from hypothesis import strategies as st

from safetycore._config import known_keys
from safetycore.errors import InputTypeError, TransitionRefusedError
from safetycore.events import Channel
from safetycore.workflow import Actor, Case, Workflow, fire

DataInputs = Mapping[str, Mapping[str, Any] | st.SearchStrategy[Mapping[str, Any]]]
"""Per event name: the data a step carries, as a fixed mapping or a strategy drawing one."""

EvidenceInputs = Mapping[str, Iterable[str] | st.SearchStrategy[Iterable[str]]]
"""Per event name: the evidence arriving with a step, as fixed names or a strategy."""

ACTORS: Final = ("tester:1", "tester:2")
"""Two testers, so that a step needing a second person (confirming a removal) is possible."""

GAPS: Final = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3))
"""Time between two steps of a drawn walk: 0 to 3 days, so trails are in order, ties kept."""

OPENED: Final = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
"""When a drawn case opens: UTC, years 2020 to 2030."""

_DOCUMENTS: Final = ("vet_invoice", "vet_records")

STOCK_DATA: Final[Mapping[str, DataInputs]] = {
    "support-ticket": {
        "hold": st.fixed_dictionaries(
            {"third_party": st.sampled_from(["carrier", "payments", "vet_clinic"])}
        ),
        "solve": st.fixed_dictionaries(
            {"resolution": st.sampled_from(["answered", "refunded", "duplicate"])}
        ),
    },
    "safety-incident": {
        "triage_emergency": st.fixed_dictionaries(
            {"emergency_reason": st.sampled_from(["threat_to_life", "animal_harm"])}
        ),
        "decide": st.fixed_dictionaries(
            {"outcome": st.sampled_from(["no_action", "warning", "suspension"])}
        ),
        "confirm_removal": {"outcome": "removal"},
        "resolve_appeal": st.fixed_dictionaries(
            {"appeal_outcome": st.sampled_from(["upheld", "overturned"])}
        ),
    },
    "guarantee-claim": {
        "request_documents": {"documents": list(_DOCUMENTS)},
        "record_eligibility": st.fixed_dictionaries(
            {"eligibility": st.sampled_from(["eligible", "ineligible"])}
        ),
        "approve": st.fixed_dictionaries({"amount": st.integers(1, 500_000)}),
        "deny": st.fixed_dictionaries(
            {
                "reasons": st.lists(
                    st.sampled_from(["pre_existing_condition", "late", "not_covered"]),
                    min_size=1,
                    max_size=3,
                    unique=True,
                )
            }
        ),
    },
}
"""Strategies (or fixed values) for the data that satisfies the stock workflows' steps."""

STOCK_EVIDENCE: Final[Mapping[str, EvidenceInputs]] = {
    "safety-incident": {
        "decide": ["investigation_notes"],
        "propose_removal": ["investigation_notes"],
    },
    "guarantee-claim": {
        "documents_received": st.sets(st.sampled_from(_DOCUMENTS), min_size=1),
    },
}
"""Strategies (or fixed values) for the evidence the stock workflows' steps need."""

STOCK_OPENING: Final[Mapping[str, st.SearchStrategy[Iterable[str]]]] = {
    "guarantee-claim": st.sets(st.sampled_from(_DOCUMENTS)),
}
"""Evidence a drawn stock case may already hold when it is opened."""

# One value per event, each a value its strategy above can draw. Chosen so that every step
# can be taken on some walk: a decision that can be appealed (``warning``, not
# ``no_action``), an eligible claim, and both vet documents arriving at once.
STOCK_EXAMPLE_DATA: Final[Mapping[str, Mapping[str, Mapping[str, Any]]]] = {
    "support-ticket": {
        "hold": {"third_party": "carrier"},
        "solve": {"resolution": "answered"},
    },
    "safety-incident": {
        "triage_emergency": {"emergency_reason": "threat_to_life"},
        "decide": {"outcome": "warning"},
        "confirm_removal": {"outcome": "removal"},
        "resolve_appeal": {"appeal_outcome": "upheld"},
    },
    "guarantee-claim": {
        "request_documents": {"documents": list(_DOCUMENTS)},
        "record_eligibility": {"eligibility": "eligible"},
        "approve": {"amount": 12_500},
        "deny": {"reasons": ["not_covered"]},
    },
}
"""One fixed value per stock event: the data a deterministic walk carries."""

STOCK_EXAMPLE_EVIDENCE: Final[Mapping[str, Mapping[str, Sequence[str]]]] = {
    "safety-incident": {
        "decide": ["investigation_notes"],
        "propose_removal": ["investigation_notes"],
    },
    "guarantee-claim": {"documents_received": list(_DOCUMENTS)},
}
"""One fixed value per stock event: the evidence a deterministic walk brings."""


def check_strategy(value: object, field: str) -> None:
    """``InputTypeError`` naming ``field`` unless ``value`` is a hypothesis strategy."""
    if not isinstance(value, st.SearchStrategy):
        raise InputTypeError("must be a hypothesis strategy", field=field, value=value)


def check_inputs(
    workflow: Workflow,
    value: object,
    field: str,
    check: Callable[[Any, str], object],
    *,
    strategies: bool = True,
) -> Mapping[str, Any]:
    """Per-event inputs: a mapping keyed by the workflow's events, each fixed or a strategy.

    A key that is no event of the workflow (a misspelt one would never be used) raises
    ``ConfigurationError``; a fixed value is checked by ``check(value, field.event)``. With
    ``strategies=False`` a strategy is refused too (``InputTypeError``): the caller walks
    each path once and needs the value itself.
    """
    if value is None:
        return {}
    inputs = known_keys(value, workflow.events, field)
    for event, item in inputs.items():
        if isinstance(item, st.SearchStrategy):
            if not strategies:
                raise InputTypeError(
                    "must be a fixed value, not a strategy (each path is walked once)",
                    field=f"{field}.{event}",
                    value=item,
                )
        else:
            check(item, f"{field}.{event}")
    return inputs


def as_strategy(value: Any) -> st.SearchStrategy[Any]:
    """``value`` if it is a strategy, else the strategy that always draws it."""
    return value if isinstance(value, st.SearchStrategy) else st.just(value)


def drawn_inputs(
    workflow: Workflow, data: Mapping[str, Any], evidence: Mapping[str, Any]
) -> tuple[dict[str, st.SearchStrategy[Any]], dict[str, st.SearchStrategy[Any]]]:
    """The strategies each event's data and evidence are drawn from: stock, then the caller's.

    ``data`` and ``evidence`` are already checked (``check_inputs``); their entries override
    the stock ones event by event.
    """
    merged_data = {**STOCK_DATA.get(workflow.name, {}), **data}
    merged_evidence = {**STOCK_EVIDENCE.get(workflow.name, {}), **evidence}
    return (
        {event: as_strategy(value) for event, value in merged_data.items()},
        {event: as_strategy(value) for event, value in merged_evidence.items()},
    )


def example_inputs(
    workflow: Workflow, data: Mapping[str, Any], evidence: Mapping[str, Any]
) -> tuple[dict[str, Mapping[str, Any]], dict[str, Iterable[str]]]:
    """The fixed data and evidence of each event: stock examples, then the caller's values."""
    return (
        {**STOCK_EXAMPLE_DATA.get(workflow.name, {}), **data},
        {**STOCK_EXAMPLE_EVIDENCE.get(workflow.name, {}), **evidence},
    )


def actors_for(workflow: Workflow) -> tuple[Actor, ...]:
    """The testers (``ACTORS``), each holding every role the workflow's steps name."""
    roles = frozenset[str]().union(*(step.roles for step in workflow.steps))
    return tuple(Actor(name, roles) for name in ACTORS)


def fire_by_anyone(
    workflow: Workflow,
    case: Case,
    event: str,
    *,
    at: datetime,
    actors: Sequence[Actor],
    via: Channel = Channel.SYSTEM,
    data: Mapping[str, Any],
    evidence: Iterable[str],
) -> Case:
    """``fire`` by the first of ``actors`` the step accepts; the first refusal if none does.

    Trying every actor lets a step that needs someone other than an earlier actor (a second
    reviewer) be taken. Raises the ``TransitionRefusedError`` of the first actor tried.
    """
    evidence = tuple(evidence)
    first: TransitionRefusedError | None = None
    for actor in actors:
        try:
            return fire(
                workflow, case, event, at=at, actor=actor, via=via, data=data, evidence=evidence
            )
        except TransitionRefusedError as error:
            if first is None:
                first = error
    assert first is not None, "fire_by_anyone needs at least one actor"
    raise first
