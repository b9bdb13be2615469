"""Shared by the workflow-document tests: a drawn-workflow strategy, two claim versions."""

from __future__ import annotations

from hypothesis import strategies as st

from safetycore.errors import ConfigurationErrorGroup, SafetycoreError
from safetycore.events import StatusCategory
from safetycore.workflow import Attempt, Migration, Requirement, Status, Step, Workflow


def always(_: Attempt) -> bool:
    """A custom check for the tests' registries."""
    return True


CHECKS = {"always": always}


def members(group: ConfigurationErrorGroup) -> list[SafetycoreError]:
    """The group's members, each checked to be a ``SafetycoreError`` (none nested)."""
    found = list(group.exceptions)
    assert all(isinstance(error, SafetycoreError) for error in found)
    return found  # type: ignore[return-value]


@st.composite
def workflows(draw: st.DrawFn) -> Workflow:
    """A random valid workflow: a tree of statuses (leaves final) plus extra steps.

    Every requirement has a data form: evidence, fact, data or a named check.
    """
    count = draw(st.integers(1, 7))
    names = [f"s{i}" for i in range(count)]
    categories = st.sampled_from(list(StatusCategory))
    labels = st.sampled_from(["", "A label", "Waiting (on someone)"])
    statuses = [Status(name, draw(categories), label=draw(labels)) for name in names]
    identifiers = st.sampled_from(["amount", "reasons", "vet_invoice", "notes"])
    requirement = st.one_of(
        st.lists(identifiers, min_size=1, max_size=3).map(lambda n: Requirement.evidence(*n)),
        st.lists(identifiers, min_size=1, max_size=3, unique=True).map(
            lambda k: Requirement.data(*k)
        ),
        st.builds(
            lambda name, equals: Requirement.fact(name, equals=equals, reason="decided first"),
            identifiers,
            st.one_of(
                st.text(max_size=5),
                st.integers(),
                st.booleans(),
                st.none(),
                st.floats(allow_nan=False, allow_infinity=False),
            ),
        ),
        st.just(Requirement.named("always", always, reason="always holds")),
        st.just(Requirement.named("always", always, code="other_code", reason="always")),
    )
    edges = [(draw(st.integers(0, i - 1)), i) for i in range(1, count)]
    extra = draw(
        st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=4)
    )
    parents = {source for source, _ in edges}
    steps = []
    for k, (source, target) in enumerate(
        edges + [e for e in extra if e[0] in parents or count == 1]
    ):
        steps.append(
            Step(
                f"e{k}",
                names[source],
                names[target],
                roles=draw(st.frozensets(st.sampled_from(["agent", "lead", "system"]))),
                requirements=draw(st.lists(requirement, max_size=3)),
                label=draw(labels),
            )
        )
    leaving = {names[source] for source, _ in edges} | (
        {names[0]} if count == 1 and steps else set()
    )
    final = frozenset(names) - leaving
    return Workflow(
        "drawn", draw(st.sampled_from(["1", "2", "2026-01"])), statuses, "s0", steps, final=final
    )


# Version 1 and 2 of a small claim workflow: version 2 renames pending_vet and adds a review.
V1 = Workflow(
    "claim",
    "1",
    [
        Status("submitted", "new"),
        Status("pending_vet", "pending"),
        Status("review", "open"),
        Status("paid", "solved"),
        Status("closed", "closed"),
    ],
    "submitted",
    [
        Step("ask_vet", ("submitted", "review"), "pending_vet", roles={"agent"}),
        Step("vet_replied", "pending_vet", "review", roles={"vet"}),
        Step("start_review", "submitted", "review", roles={"agent"}),
        Step("pay", "review", "paid", roles={"finance"}),
        Step("close", "paid", "closed"),
    ],
    final={"closed"},
)
V2 = Workflow(
    "claim",
    "2",
    [
        Status("submitted", "new"),
        Status("awaiting_documents", "pending"),
        Status("review", "open"),
        Status("second_review", "open"),
        Status("paid", "solved"),
        Status("closed", "closed"),
    ],
    "submitted",
    [
        Step("ask_documents", ("submitted", "review"), "awaiting_documents", roles={"agent"}),
        Step("documents_received", "awaiting_documents", "review"),
        Step("start_review", "submitted", "review", roles={"agent"}),
        Step("escalate", "review", "second_review", roles={"agent"}),
        Step("pay", ("review", "second_review"), "paid", roles={"finance"}),
        Step("close", "paid", "closed"),
    ],
    final={"closed"},
)
MOVE = Migration(V1, V2, {"pending_vet": "awaiting_documents"})
