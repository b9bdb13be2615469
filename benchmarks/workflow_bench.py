"""Workflow replay throughput: ``validate_histories`` against python-statemachine instances.

Synthetic histories come from a seeded random walk of ``SUPPORT_TICKET`` and
``GUARANTEE_CLAIM`` (5 to 15 events, fewer where the walk reaches ``closed`` first), a share
of them made impossible by replacing one event with one the status at that point does not
accept. They are validated three ways:

- ``validate_histories`` on the compiled table (the bulk path; target >= 1,000,000
  transitions/s), checked against the index each history was made to fail at;
- python-statemachine, as a user would without safetycore: one instance of
  ``Workflow.machine_class`` per history, ``send`` each event, stop at
  ``TransitionNotAllowed`` (timed on a subset, with and without building the instances);
- for information, ``fire`` with full case values (satisfying data, an actor holding every
  role) and ``replay`` of the trails it builds, per transition.

Run ``.venv/bin/python benchmarks/workflow_bench.py [--quick]``; a full run's output is kept
in ``benchmarks/results/workflow.txt``.
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import os
import platform
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from statemachine.exceptions import TransitionNotAllowed

from _timing import best
from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SUPPORT_TICKET,
    Actor,
    AuditRecord,
    Case,
    Workflow,
    fire,
    open_case,
    replay,
    validate_histories,
)

SEED = 20_250_303
WORKFLOWS = (SUPPORT_TICKET, GUARANTEE_CLAIM)
MIN_LENGTH, MAX_LENGTH = 5, 15
INVALID_SHARE = 0.1
TARGET_PER_SECOND = 1_000_000
START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)

# Data that satisfies every step's requirements; claims are opened with the documents and an
# eligible decision on file, so that every walk can be fired through.
STEP_DATA: dict[str, dict[str, Any]] = {
    "hold": {"third_party": "carrier"},
    "solve": {"resolution": "answered"},
    "request_documents": {"documents": ["vet_invoice", "vet_records"]},
    "record_eligibility": {"eligibility": "eligible"},
    "approve": {"amount": 12_000},
    "deny": {"reasons": ["late"]},
}
OPENING: dict[str, dict[str, Any]] = {
    "guarantee-claim": {
        "data": {"eligibility": "eligible"},
        "evidence": ["vet_invoice", "vet_records"],
    },
}


@dataclass(frozen=True)
class Sizes:
    histories: int
    machine_subset: int
    fire_subset: int
    repeats: int


FULL = Sizes(histories=100_000, machine_subset=2_000, fire_subset=2_000, repeats=5)
QUICK = Sizes(histories=10_000, machine_subset=500, fire_subset=200, repeats=3)


@dataclass(frozen=True)
class History:
    events: tuple[str, ...]
    failed_at: int | None  # where it was made impossible


class Model:
    """A plain model object for a python-statemachine instance."""

    state: str | None = None


def synthesise(workflow: Workflow, rng: random.Random, count: int) -> list[History]:
    """``count`` random walks of ``workflow``, ``INVALID_SHARE`` of them made impossible."""
    targets = workflow.targets
    histories = []
    for _ in range(count):
        length = rng.randint(MIN_LENGTH, MAX_LENGTH)
        status = workflow.initial
        events: list[str] = []
        before: list[str] = []
        while len(events) < length and targets[status]:
            options = list(targets[status])
            if len(events) < MIN_LENGTH:
                # Keep short walks from ending at once: avoid final statuses while there is
                # another way.
                onward = [e for e in options if targets[status][e] not in workflow.final]
                options = onward or options
            event = rng.choice(options)
            before.append(status)
            events.append(event)
            status = targets[status][event]
        failed_at = None
        if rng.random() < INVALID_SHARE:
            failed_at = rng.randrange(len(events))
            refused = [e for e in workflow.events if e not in targets[before[failed_at]]]
            events[failed_at] = rng.choice(refused)
        histories.append(History(tuple(events), failed_at))
    return histories


def machine_replay(workflow: Workflow, histories: Sequence[History]) -> int:
    """Replay through one python-statemachine instance per history; the transitions taken."""
    machine_class = workflow.machine_class
    count = 0
    for history in histories:
        machine = machine_class(model=Model())
        for event in history.events:
            try:
                machine.send(event)
            except TransitionNotAllowed:
                break
            count += 1
    return count


def machine_send_only(machines: Sequence[Any], histories: Sequence[History]) -> int:
    """As ``machine_replay``, on instances built beforehand (sending is all that is timed)."""
    count = 0
    for machine, history in zip(machines, histories, strict=True):
        for event in history.events:
            try:
                machine.send(event)
            except TransitionNotAllowed:
                break
            count += 1
    return count


def send_only_seconds(workflow: Workflow, histories: Sequence[History], repeats: int) -> float:
    """The best time of ``machine_send_only``, the instances built (untimed) before each run."""
    times = []
    for _ in range(repeats):
        machines = [workflow.machine_class(model=Model()) for _ in histories]
        gc.collect()
        gc.disable()
        try:
            began = time.perf_counter()
            machine_send_only(machines, histories)
            times.append(time.perf_counter() - began)
        finally:
            gc.enable()
    return min(times)


def fire_through(workflow: Workflow, histories: Sequence[History]) -> list[Case]:
    """Open a case per history and ``fire`` every event, a minute apart."""
    actor = Actor("bench:1", frozenset().union(*(step.roles for step in workflow.steps)))
    opening = OPENING.get(workflow.name, {})
    minute = timedelta(minutes=1)
    built = []
    for number, history in enumerate(histories):
        at = START
        case = open_case(workflow, f"C-{number}", at=at, actor=actor, **opening)
        for event in history.events:
            at += minute
            # Documents arriving must bring a document the case does not hold yet.
            evidence = (f"document-{at:%H%M}",) if event == "documents_received" else ()
            case = fire(
                workflow,
                case,
                event,
                at=at,
                actor=actor,
                data=STEP_DATA.get(event),
                evidence=evidence,
            )
        built.append(case)
    return built


def replay_all(workflow: Workflow, trails: Sequence[Sequence[AuditRecord]]) -> list[Case]:
    """``replay`` every trail."""
    return [replay(trail, workflow) for trail in trails]


def environment() -> list[str]:
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("safetycore", "python-statemachine", "attrs")
    )
    return [
        f"machine: {os.cpu_count()} cores, {platform.machine()}, "
        f"{platform.system()} {platform.release()}",
        f"python {platform.python_version()} ({platform.python_implementation()}); {versions}",
    ]


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>12,.0f} transitions/s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small n: a smoke run of < 30 s")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    began = time.perf_counter()
    print("safetycore workflow benchmark" + (" (quick)" if args.quick else ""))
    print(*environment(), sep="\n")

    rng = random.Random(SEED)
    per_workflow = sizes.histories // len(WORKFLOWS)
    data = {w.name: synthesise(w, rng, per_workflow) for w in WORKFLOWS}
    lengths = [len(h.events) for histories in data.values() for h in histories]
    invalid = sum(h.failed_at is not None for histories in data.values() for h in histories)
    print(
        f"\nhistories: {len(lengths):,} (seed {SEED}; "
        + ", ".join(f"{name} {len(histories):,}" for name, histories in data.items())
        + f"), {sum(lengths):,} events, lengths {min(lengths)}-{max(lengths)} "
        f"(mean {sum(lengths) / len(lengths):.1f}), {invalid:,} made impossible; "
        f"best of {sizes.repeats}"
    )

    # -- validate_histories: the bulk path ---------------------------------------------------
    table_seconds = 0.0
    table_transitions = 0
    wrong = 0
    for workflow in WORKFLOWS:
        histories = data[workflow.name]
        events = [h.events for h in histories]
        seconds = best(partial(validate_histories, workflow, events), sizes.repeats)
        result = validate_histories(workflow, events)
        wrong += sum(got != h.failed_at for got, h in zip(result.failed_at, histories, strict=True))
        table_seconds += seconds
        table_transitions += result.transitions
        print(
            f"  validate_histories {workflow.name:<16} {rate(result.transitions, seconds)}"
            f"  ({result.transitions:,} transitions in {seconds * 1e3:.1f} ms)"
        )
    table_rate = table_transitions / table_seconds
    met = "met" if table_rate >= TARGET_PER_SECOND else "NOT met"
    print(
        f"  validate_histories {'all':<16} {rate(table_transitions, table_seconds)}"
        f"  target >= {TARGET_PER_SECOND:,}/s: {met}; failure index wrong for {wrong:,}"
    )

    # -- python-statemachine, one instance per history, on a subset -------------------------
    subset = sizes.machine_subset // len(WORKFLOWS)
    print(
        f"\npython-statemachine: the first {subset:,} histories of each workflow "
        f"({subset * len(WORKFLOWS):,} in all), best of {sizes.repeats}"
    )
    machine_seconds = send_seconds = 0.0
    machine_transitions = subset_table_transitions = 0
    subset_table_seconds = 0.0
    for workflow in WORKFLOWS:
        histories = data[workflow.name][:subset]
        seconds = best(partial(machine_replay, workflow, histories), sizes.repeats)
        count = machine_replay(workflow, histories)

        sending = send_only_seconds(workflow, histories, sizes.repeats)
        events = [h.events for h in histories]
        table = best(partial(validate_histories, workflow, events), sizes.repeats)
        expected = validate_histories(workflow, events).transitions
        agree = "agree" if count == expected else f"DISAGREE ({expected:,} on the table)"
        machine_seconds += seconds
        send_seconds += sending
        machine_transitions += count
        subset_table_seconds += table
        subset_table_transitions += expected
        print(
            f"  machine per history {workflow.name:<16} {rate(count, seconds)}"
            f"  ({count:,} transitions; {agree} with validate_histories)"
        )
    machine_rate = machine_transitions / machine_seconds
    send_rate = machine_transitions / send_seconds
    subset_rate = subset_table_transitions / subset_table_seconds
    print(f"  machine per history {'all':<16} {rate(machine_transitions, machine_seconds)}")
    print(f"  machine send only   {'all':<16} {rate(machine_transitions, send_seconds)}")
    print(
        f"  validate_histories  {'same subset':<16} "
        f"{rate(subset_table_transitions, subset_table_seconds)}"
    )
    print(
        f"  ratio validate_histories / machine: {table_rate / machine_rate:,.0f}x "
        f"(full set vs subset, instances built per history), "
        f"{subset_rate / machine_rate:,.0f}x (same subset), "
        f"{subset_rate / send_rate:,.0f}x (same subset, sending only)"
    )

    # -- fire and replay with full case values, for information ----------------------------
    fire_subset = sizes.fire_subset // len(WORKFLOWS)
    print(
        f"\nfire and replay with case values (information): the first {fire_subset:,} "
        "possible histories of each workflow"
    )
    for workflow in WORKFLOWS:
        histories = [h for h in data[workflow.name] if h.failed_at is None][:fire_subset]
        transitions = sum(len(h.events) for h in histories)
        seconds = best(partial(fire_through, workflow, histories), sizes.repeats)
        built = fire_through(workflow, histories)
        trails = [case.trail for case in built]
        replay_seconds = best(partial(replay_all, workflow, trails), sizes.repeats)
        same = all(replay(case.trail, workflow) == case for case in built)
        print(
            f"  fire   {workflow.name:<16} {seconds / transitions * 1e6:8.1f} us/transition "
            f"({transitions:,} transitions, opening included)"
        )
        print(
            f"  replay {workflow.name:<16} {replay_seconds / transitions * 1e6:8.1f} "
            f"us/transition (rebuilds every case exactly: {same})"
        )
    print(f"\ntotal {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
