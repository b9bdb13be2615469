"""Seeded sample cases as tables of events, made by walking the stock workflows.

Each generator streams DataFrames of a chunk of cases each, in the schema
``safetycore.analysis.read_events`` reads (a row per event). The paths cases take are walks
of the real workflow with the real engine (``_walks``), so every case is one the workflow
allows; each case then gets its own arrival instant (peaks by hour, weekday and holiday:
``_arrivals``), priority, channel, agents and waits, drawn on numpy arrays (no Python loop
over events). The same arguments give the same tables on any machine.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from safetycore._time import zone_named
from safetycore.datasets._arguments import check, stream
from safetycore.datasets._arrivals import Profile, arrivals
from safetycore.datasets._walks import Event, Script, walk
from safetycore.errors import InputTypeError
from safetycore.workflow import GUARANTEE_CLAIM, SAFETY_INCIDENT, SUPPORT_TICKET, Workflow

__all__ = ["guarantee_claims", "safety_incidents", "support_tickets"]

IntArray = npt.NDArray[np.int64]

_MINUTE: Final = 60_000_000
_TEMPLATES: Final = 256
_AGENTS: Final = tuple(f"agent:{k}" for k in range(1, 41))
_COLUMNS: Final = (
    "case_id",
    "at",
    "kind",
    "actor",
    "via",
    "priority",
    "tags",
    "from",
    "to",
    "category",
    "public",
)
# Waits before an event: the median in minutes and the spread of a log-normal.
_WAITS: Final[dict[str, tuple[float, float]]] = {
    "now": (0.0, 0.0),
    "triage": (10.0, 0.8),
    "agent": (90.0, 1.0),
    "customer": (480.0, 1.2),
    "third_party": (2880.0, 0.8),
    "lead": (240.0, 0.9),
    "finance": (1440.0, 0.5),
    "close": (5760.0, 0.2),
}
_WAIT_CODE: Final = {name: code for code, name in enumerate(_WAITS)}
# Agents answer urgent cases faster.
_HASTE: Final = {"low": 1.5, "normal": 1.0, "high": 0.5, "urgent": 0.2}


@attrs.frozen(eq=False)  # hashed by identity: the three kinds below are the only ones
class _Kind:
    """One kind of case: its workflow, how its steps are acted out, who and when."""

    prefix: str
    workflow: Workflow
    scripts: Mapping[str, Script | tuple[Script, ...]]
    stop: float
    profile: Profile
    channels: Mapping[str, float]
    priorities: Mapping[str, float]
    vip: float = 0.0


_EVENING: Final = (1, 1, 1, 1, 1, 2, 4, 6, 8, 9, 9, 8, 7, 8, 8, 8, 7, 7, 9, 10, 10, 8, 5, 2)
_NIGHT: Final = (9, 9, 8, 7, 5, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 5, 6, 7, 8, 9, 10, 10)
_DAYTIME: Final = (0, 0, 0, 0, 0, 1, 2, 5, 9, 10, 10, 9, 8, 9, 9, 8, 6, 4, 3, 2, 2, 1, 1, 0)

TICKETS: Final = _Kind(
    "T",
    SUPPORT_TICKET,
    {
        "start_work": Script(10, "agent", say=("public",)),
        "ask_customer": Script(4, "agent", say=("public",)),
        "hold": Script(1, "agent", data={"third_party": "carrier"}, say=("internal",)),
        "customer_replied": Script(1, "customer", say=("customer",)),
        "resume": Script(1, "third_party"),
        "solve": Script(5, "agent", data={"resolution": "answered"}, say=("public",)),
        "reopen": Script(1, "customer", say=("customer",)),
        "close": Script(6, "close"),
    },
    stop=0.04,
    profile=Profile(_EVENING, (10, 9, 9, 9, 8, 6, 6), holiday=0.8, beside_holiday=1.4),
    channels={"email": 0.4, "chat": 0.25, "phone": 0.15, "web": 0.2},
    priorities={"low": 0.25, "normal": 0.55, "high": 0.15, "urgent": 0.05},
    vip=0.05,
)
INCIDENTS: Final = _Kind(
    "S",
    SAFETY_INCIDENT,
    {
        "triage_emergency": Script(
            2, "triage", data={"emergency_reason": "threat to safety"}, say=("internal",)
        ),
        "triage_standard": Script(5, "agent"),
        "investigate": Script(1, "agent"),
        "request_information": Script(2, "agent", say=("public",)),
        "information_received": Script(1, "customer", say=("customer",)),
        "decide": (
            Script(
                2,
                "agent",
                data={"outcome": "warning"},
                evidence=frozenset({"investigation_notes"}),
                say=("public",),
            ),
            Script(
                1,
                "agent",
                data={"outcome": "no_action"},
                evidence=frozenset({"investigation_notes"}),
                say=("public",),
            ),
            Script(
                1,
                "agent",
                data={"outcome": "suspension"},
                evidence=frozenset({"investigation_notes"}),
                say=("public",),
            ),
        ),
        "propose_removal": Script(
            1, "agent", evidence=frozenset({"investigation_notes"}), say=("internal",)
        ),
        "confirm_removal": Script(
            3, "lead", data={"outcome": "removal"}, say=("public",), second=True
        ),
        "reject_removal": Script(1, "lead", second=True),
        "appeal": Script(1, "customer", say=("customer",)),
        "resolve_appeal": Script(
            4, "lead", data={"appeal_outcome": "upheld"}, say=("public",), second=True
        ),
        "close": Script(5, "close"),
    },
    stop=0.03,
    profile=Profile(_NIGHT, (8, 8, 8, 8, 9, 11, 11), holiday=2.0, beside_holiday=1.3),
    channels={"web": 0.6, "phone": 0.3, "chat": 0.1},
    priorities={"low": 0.2, "normal": 0.8},
)
CLAIMS: Final = _Kind(
    "G",
    GUARANTEE_CLAIM,
    {
        "start_review": Script(6, "agent"),
        "request_documents": Script(4, "agent", data={"documents": "vet_records"}, say=("public",)),
        "documents_received": (
            Script(
                2, "customer", evidence=frozenset({"vet_invoice", "vet_records"}), say=("customer",)
            ),
            Script(1, "customer", evidence=frozenset({"vet_records"}), say=("customer",)),
        ),
        "record_eligibility": (
            Script(4, "agent", data={"eligibility": "eligible"}),
            Script(1, "agent", data={"eligibility": "ineligible"}),
        ),
        "approve": Script(
            6,
            "agent",
            data={"amount": "250.00"},
            evidence=frozenset({"vet_invoice", "vet_records"}),
            say=("public",),
        ),
        "deny": Script(1, "agent", data={"reasons": "not covered"}, say=("public",)),
        "pay": Script(5, "finance"),
        "appeal": Script(1, "customer", say=("customer",)),
        "overturn": Script(1, "lead", second=True),
        "uphold_denial": Script(2, "lead", second=True),
        "close": Script(5, "close"),
    },
    stop=0.03,
    profile=Profile(_DAYTIME, (10, 10, 10, 10, 9, 4, 3), holiday=0.5, beside_holiday=1.0),
    channels={"web": 0.8, "email": 0.2},
    priorities={"normal": 0.9, "high": 0.1},
)


@functools.lru_cache(maxsize=16)
def _bank(kind: _Kind, seed: int) -> tuple[dict[str, Any], IntArray, IntArray, npt.NDArray[Any]]:
    """``_TEMPLATES`` walks as columns: (events, offsets, lengths, emergency flags)."""
    rng = random.Random(seed)
    walks: list[tuple[Event, ...]] = [
        walk(kind.workflow, kind.scripts, rng, stop=kind.stop) for _ in range(_TEMPLATES)
    ]
    lengths = np.array([len(events) for events in walks], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    flat = [event for events in walks for event in events]

    def column(key: str) -> npt.NDArray[Any]:
        values = np.empty(len(flat), dtype=object)
        values[:] = [event.data.get(key) for event in flat]
        return values

    events = {
        "kind": np.array([event.kind for event in flat], dtype=object),
        "actor": np.array(
            [{"customer:1": 0, "staff:1": 1, "staff:2": 2}[event.actor] for event in flat],
            dtype=np.int64,
        ),
        "wait": np.array([_WAIT_CODE[event.wait] for event in flat], dtype=np.int64),
        "from": column("from"),
        "to": column("to"),
        "category": column("category"),
        "public": column("public"),
    }
    emergency = np.array(
        [any(event.data.get("to") == "triaged_emergency" for event in w) for w in walks]
    )
    return events, offsets, lengths, emergency


def _draw(rng: np.random.Generator, options: Mapping[str, float], count: int) -> Any:
    names = np.array(list(options), dtype=object)
    weights = np.array(list(options.values()), dtype=float)
    return names[rng.choice(len(names), size=count, p=weights / weights.sum())]


def _chunk(
    kind: _Kind,
    rng: np.random.Generator,
    first: int,
    count: int,
    *,
    seed: int,
    start: date,
    days: int,
    zone: str,
    country: str,
) -> pd.DataFrame:
    """Cases ``first`` to ``first + count - 1`` of ``kind`` as one events table."""
    events, offsets, lengths, emergency = _bank(kind, seed)
    arrived = arrivals(
        rng, count, start=start, days=days, zone=zone, country=country, profile=kind.profile
    )
    template = rng.integers(0, _TEMPLATES, size=count)
    per_case = lengths[template]
    case = np.repeat(np.arange(count, dtype=np.int64), per_case)
    case_start = np.concatenate([[0], np.cumsum(per_case)[:-1]])
    position = np.arange(len(case), dtype=np.int64) - case_start[case]
    bank = offsets[template][case] + position
    priority = _draw(rng, kind.priorities, count)
    if emergency.any():
        priority = np.where(emergency[template], "urgent", priority)
    # Waits: a log-normal per kind of wait, agents faster on urgent cases.
    wait = events["wait"][bank]
    gaps = np.zeros(len(case), dtype=np.int64)
    haste = np.array([_HASTE.get(str(p), 1.0) for p in priority.tolist()])
    for name, (median, spread) in _WAITS.items():
        where = wait == _WAIT_CODE[name]
        if median == 0 or not where.any():
            continue
        minutes = median * np.exp(spread * rng.standard_normal(int(where.sum())))
        if name in ("agent", "triage"):
            minutes = minutes * haste[case[where]]
        gaps[where] = np.maximum((minutes * _MINUTE).astype(np.int64), 1_000_000)
    elapsed = np.cumsum(gaps)
    elapsed -= np.repeat(elapsed[case_start] - gaps[case_start], per_case)
    at = arrived[case] + elapsed
    numbers = [f"{kind.prefix}-{n:07d}" for n in range(first, first + count)]
    ids = np.empty(count, dtype=object)
    ids[:] = numbers
    agent_one = rng.integers(0, len(_AGENTS), size=count)
    agent_two = (agent_one + rng.integers(1, len(_AGENTS), size=count)) % len(_AGENTS)
    agents = np.array(_AGENTS, dtype=object)
    who = events["actor"][bank]
    customers = np.empty(count, dtype=object)
    customers[:] = [f"customer:{n}" for n in range(first, first + count)]
    actor = np.where(
        who == 0,
        customers[case],
        np.where(who == 1, agents[agent_one[case]], agents[agent_two[case]]),
    )
    kinds = events["kind"][bank]
    created = kinds == "created"
    tags = np.empty(len(case), dtype=object)
    if kind.vip:
        vip = rng.random(count) < kind.vip
        tags[created & vip[case]] = "vip"
    columns: dict[str, Any] = {
        "case_id": ids[case],
        "at": pd.Series(at.view("M8[us]")).dt.tz_localize("UTC"),
        "kind": kinds,
        "actor": actor,
        "via": _draw(rng, kind.channels, count)[case],
        "priority": np.where(created, priority[case], None),
        "tags": tags,
        "from": events["from"][bank],
        "to": events["to"][bank],
        "category": events["category"][bank],
        "public": events["public"][bank],
    }
    return pd.DataFrame(columns, columns=list(_COLUMNS))


def _generate(
    kind: _Kind,
    cases: int,
    *,
    seed: int,
    start: date,
    days: int,
    zone: str,
    country: str,
    chunk_size: int,
) -> Iterator[pd.DataFrame]:
    check(cases, seed, start, days, chunk_size)
    zone_named(zone)
    if not isinstance(country, str):
        raise InputTypeError("must be a country code (text)", field="country", value=country)
    chunk = functools.partial(
        _chunk, kind, seed=seed, start=start, days=days, zone=zone, country=country
    )
    return stream(cases, chunk_size, [seed], chunk)


def support_tickets(
    cases: int,
    *,
    seed: int = 0,
    start: date = date(2025, 1, 1),
    days: int = 365,
    zone: str = "America/New_York",
    country: str = "US",
    chunk_size: int = 100_000,
) -> Iterator[pd.DataFrame]:
    """Support tickets as tables of events, ``chunk_size`` cases a table, ``cases`` in all.

    Walks of ``SUPPORT_TICKET``: agents reply in public when they start work, ask the
    customer or solve; customers reply to reopen. Arrivals peak in the evening and on the
    days beside holidays (``country``'s, in ``zone``), over ``days`` days from ``start``;
    priorities low 25 %, normal 55 %, high 15 %, urgent 5 %; 5 % of cases tagged ``vip``.
    Case ids ``T-0000000`` on, in order within each table (arrivals sorted in each). The
    same arguments give the same tables (``chunk_size`` included). ``cases`` from 0 to a
    billion, ``chunk_size`` from 1 to ten million; ``days`` from 1 to 3660 from ``start``
    (a date in the years 1900 to 2200); ``zone`` an IANA zone; a bad argument raises when
    the generator is called, before any table is made.

    >>> from safetycore.analysis import read_events
    >>> table = next(support_tickets(3, seed=7))
    >>> table.columns.tolist()[:5], read_events(table).case_ids
    (['case_id', 'at', 'kind', 'actor', 'via'], ('T-0000000', 'T-0000001', 'T-0000002'))
    """
    return _generate(
        TICKETS,
        cases,
        seed=seed,
        start=start,
        days=days,
        zone=zone,
        country=country,
        chunk_size=chunk_size,
    )


def safety_incidents(
    cases: int,
    *,
    seed: int = 0,
    start: date = date(2025, 1, 1),
    days: int = 365,
    zone: str = "America/New_York",
    country: str = "US",
    chunk_size: int = 100_000,
) -> Iterator[pd.DataFrame]:
    """Safety incidents as tables of events (``S-`` ids), as ``support_tickets`` streams them.

    Walks of ``SAFETY_INCIDENT``: emergencies (urgent priority) triaged within minutes,
    removals proposed by one person and confirmed by another. Arrivals peak at night and
    on holidays.
    """
    return _generate(
        INCIDENTS,
        cases,
        seed=seed,
        start=start,
        days=days,
        zone=zone,
        country=country,
        chunk_size=chunk_size,
    )


def guarantee_claims(
    cases: int,
    *,
    seed: int = 0,
    start: date = date(2025, 1, 1),
    days: int = 365,
    zone: str = "America/New_York",
    country: str = "US",
    chunk_size: int = 100_000,
) -> Iterator[pd.DataFrame]:
    """Guarantee claims as tables of events (``G-`` ids), as ``support_tickets`` streams them.

    Walks of ``GUARANTEE_CLAIM``: documents requested and received, eligibility recorded,
    approvals paid by finance, denials appealed. Arrivals in office hours, fewer on holidays.
    """
    return _generate(
        CLAIMS,
        cases,
        seed=seed,
        start=start,
        days=days,
        zone=zone,
        country=country,
        chunk_size=chunk_size,
    )
