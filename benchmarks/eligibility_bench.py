"""Eligibility throughput: pet-guarantee claims decided with every reason kept.

Synthetic claims (seeded) for the example policy ``PET_GUARANTEE`` (12 rules: 5 rules, 5
exclusions, 2 evidence rules; two versions, 48- and 72-hour reporting windows): about 60%
complete and eligible, 25% failing one to three rules or exclusions (an evidence rule fails
only once its 60-day deadline has passed), 15% with facts left out or documents still to come
(NEEDS_INFO). Incidents fall between 2025-07-01 and 2026-03-28; about one claim in six is
reported while its booking still ran, the others after it ended; decisions are made as of
2026-04-01 12:00 America/New_York. Timed on the same claims, best of several runs:

- ``decide_many`` (the batch path: every rule outcome and the verdict kept, decisions built
  lazily), on ``PetGuaranteeClaim`` objects built beforehand (target >= 100,000 claims/s on
  one core), and on plain mappings (the facts built and validated inside);
- ``decide`` one claim at a time, building each full ``Decision``;
- building the ``PetGuaranteeClaim`` objects alone (validation happens there);
- a hand-written Python function over plain dicts, the same 12 conditions with plain
  booleans (a missing fact fails its condition), returning the verdict and every failing id;
- rule-engine: one compiled ``rule_engine.Rule`` per condition, all 12 evaluated per claim
  (every reason), ``Context(default_value=None)``; an evaluation that raises (a comparison
  with a missing value) counts as a failing condition.

Checks: ``decide_many`` against ``decide`` one by one (verdicts, every rule outcome, the full
``Decision``) on a subset; the hand-written function and rule-engine against safetycore on
every complete claim (all facts given, each document on file or overdue), and what each peer
does with the claims whose facts are missing.

Run ``.venv/bin/python benchmarks/eligibility_bench.py [--claims N] [--repeats R]``; a full
run's output is kept in ``benchmarks/results/eligibility.txt``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import os
import platform
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import rule_engine

from _timing import best
from safetycore import eligibility
from safetycore.eligibility import InvoiceLine, Outcome, Verdict, decide, decide_many
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, SERVICES, PetGuaranteeClaim

SEED = 20_260_401
ZONE = ZoneInfo("America/New_York")
AS_OF = datetime(2026, 4, 1, 12, 0, tzinfo=ZONE)
FIRST_INCIDENT, LAST_INCIDENT = date(2025, 7, 1), date(2026, 3, 28)
ELIGIBLE_SHARE, FAILING_SHARE = 0.60, 0.25  # the rest (15%) have facts missing
TARGET_PER_SECOND = 100_000

# What the policy says, restated for the peers (safetycore reads it from PET_GUARANTEE).
SECOND_VERSION = date(2026, 1, 1)  # the reporting window grows from 48 to 72 hours
WINDOWS = (timedelta(hours=48), timedelta(hours=72))
CARE_WITHIN = timedelta(days=30)
DOCUMENTS_WITHIN = timedelta(days=60)
RULE_IDS = tuple(rule.id for rule in PET_GUARANTEE.versions[0].rules)
RULE_FACTS = (  # every fact a rule reads (the invoice feeds only the payout)
    "incident_date",
    "booked_on_platform",
    "paid_on_platform",
    "service",
    "service_start",
    "service_end",
    "booking_ended_at",
    "reported_at",
    "own_pet",
    "cause",
    "pre_existing",
    "first_vet_visit",
    "documents",
)
REQUIRED_DOCUMENTS = {"vet-invoice": "itemised_vet_invoice", "vet-records": "vet_records"}
COVERED_SERVICES = sorted(SERVICES - {"meet_and_greet"})
CARE_CATEGORIES = ("exam", "surgery", "imaging", "medication", "hospitalisation", "preventive")

# rule-engine: (rule id, expression, whether the expression must hold (rule) or must not
# (exclusion)); ``{window}`` is the version's reporting window in hours.
RULE_ENGINE_RULES = (
    ("on-platform", "booked_on_platform and paid_on_platform", True),
    ("during-service", "service_start <= incident_date and incident_date <= service_end", True),
    ("owners-pet", "own_pet", True),
    (
        "care-within-30-days",
        'incident_date <= first_vet_visit and first_vet_visit <= incident_date + t"P30D"',
        True,
    ),
    ("reported-in-time", 'reported_at <= booking_ended_at + t"PT{window}H"', True),
    ("not-pre-existing", "pre_existing", False),
    ("not-illness", 'cause == "illness"', False),
    ("not-preventive", 'cause == "preventive"', False),
    ("not-parasites", 'cause == "parasites"', False),
    ("not-meet-and-greet", 'service == "meet_and_greet"', False),
    ("vet-invoice", '"itemised_vet_invoice" in documents', True),
    ("vet-records", '"vet_records" in documents', True),
)
RULE_ENGINE_FAILURES = (rule_engine.EvaluationError, TypeError)  # `"x" in null` is a TypeError

FULL_CLAIMS = 100_000
DECIDE_SUBSET = 20_000
RULE_ENGINE_SUBSET = 10_000
CHECK_SUBSET = 2_000


# -- synthetic claims --------------------------------------------------------------------------


def after(instant: datetime, elapsed: timedelta) -> datetime:
    """``elapsed`` real time after ``instant``, in its zone (DST changes counted)."""
    return (instant.astimezone(UTC) + elapsed).astimezone(ZONE)


def window(incident: date) -> timedelta:
    """The reporting window of the version in force on ``incident``."""
    return WINDOWS[incident >= SECOND_VERSION]


def overdue(incident: date) -> bool:
    """Whether the documents deadline (60 days after the incident) has passed as of AS_OF."""
    return AS_OF.date() > incident + DOCUMENTS_WITHIN


def invoice(rng: random.Random, visit: date) -> tuple[InvoiceLine, ...]:
    """One to four invoice lines, dated from the first vet visit."""
    return tuple(
        InvoiceLine(
            rng.choice(CARE_CATEGORIES),
            Decimal(rng.randrange(2_000, 400_000)).scaleb(-2),
            date=visit + timedelta(days=rng.randint(0, 10)),
        )
        for _ in range(rng.randint(1, 4))
    )


def eligible(rng: random.Random) -> dict[str, Any]:
    """The facts of a complete claim that meets every rule."""
    incident = FIRST_INCIDENT + timedelta(days=rng.randrange((LAST_INCIDENT - FIRST_INCIDENT).days))
    end = incident + timedelta(days=rng.randint(0, 6))
    ended = datetime.combine(end, clock(rng.randint(7, 20), rng.randrange(0, 60, 5)), ZONE)
    limit = int(window(incident).total_seconds())
    visit = incident + timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3, 5, 8, 13, 21, 30)))
    documents = {"itemised_vet_invoice", "vet_records"}
    if rng.random() < 0.5:
        documents.add(rng.choice(("photos", "vet_receipt")))
    values: dict[str, Any] = {
        "incident_date": incident,
        "booked_on_platform": True,
        "paid_on_platform": True,
        "service": rng.choice(COVERED_SERVICES),
        "service_start": incident - timedelta(days=rng.randint(0, 6)),
        "service_end": end,
        "booking_ended_at": ended,
        "reported_at": after(ended, timedelta(seconds=rng.randrange(limit))),
        "own_pet": True,
        "cause": rng.choice(("injury", "injury", "injury", "poisoning")),
        "pre_existing": False,
        "first_vet_visit": visit,
        "documents": frozenset(documents),
    }
    if end > incident and rng.random() < 0.2:  # reported while the booking still ran
        day = incident + timedelta(days=rng.randrange((end - incident).days))
        values["reported_at"] = datetime.combine(
            day, clock(rng.randint(8, 21), rng.randrange(60)), ZONE
        )
    if rng.random() < 0.7:
        values["invoice"] = invoice(rng, visit)
    return values


def fail(rng: random.Random, values: dict[str, Any], how: str) -> None:
    """Change ``values`` so that the condition ``how`` fails."""
    incident = values["incident_date"]
    if how == "on-platform":
        values[rng.choice(("booked_on_platform", "paid_on_platform"))] = False
    elif how == "during-service" and rng.random() < 0.5:
        values["service_start"] = incident + timedelta(days=rng.randint(1, 3))
        values["service_end"] = values["service_start"] + timedelta(days=rng.randint(0, 6))
    elif how == "during-service":
        values["service_end"] = incident - timedelta(days=rng.randint(1, 3))
        values["service_start"] = values["service_end"] - timedelta(days=rng.randint(0, 6))
    elif how == "owners-pet":
        values["own_pet"] = False
    elif how == "care-within-30-days" and rng.random() < 0.8:
        values["first_vet_visit"] = incident + timedelta(days=rng.randint(31, 120))
    elif how == "care-within-30-days":
        values["first_vet_visit"] = incident - timedelta(days=rng.randint(1, 3))
    elif how == "reported-in-time":
        late = window(incident) + timedelta(minutes=rng.randint(1, 20 * 24 * 60))
        values["reported_at"] = after(values["booking_ended_at"], late)
    elif how == "not-pre-existing":
        values["pre_existing"] = True
    elif how == "cause":
        values["cause"] = rng.choice(("illness", "preventive", "parasites"))
    elif how == "not-meet-and-greet":
        values["service"] = "meet_and_greet"
    elif how == "documents":  # only once the deadline has passed: before, it is pending
        values["documents"] = frozenset(
            rng.choice(((), ("photos",), ("vet_records",), ("itemised_vet_invoice", "photos")))
        )


FAILURES = (
    "on-platform",
    "during-service",
    "owners-pet",
    "care-within-30-days",
    "reported-in-time",
    "not-pre-existing",
    "cause",
    "not-meet-and-greet",
    "documents",
)


def claim_values(rng: random.Random) -> dict[str, Any]:
    """The facts of one claim: eligible, failing, or with facts missing (see the docstring)."""
    values = eligible(rng)
    roll = rng.random()
    if roll < ELIGIBLE_SHARE:
        return values
    if roll < ELIGIBLE_SHARE + FAILING_SHARE:
        options = [f for f in FAILURES if f != "documents" or overdue(values["incident_date"])]
        count = rng.choices((1, 2, 3), weights=(70, 20, 10))[0]
        for how in rng.sample(options, count):
            fail(rng, values, how)
        return values
    if rng.random() < 0.7:
        for name in rng.sample(RULE_FACTS, rng.choices((1, 2, 3), weights=(60, 30, 10))[0]):
            del values[name]
    elif overdue(values["incident_date"]):
        del values["documents"]  # nobody has said what arrived
    else:  # one document still to come, before its deadline
        values["documents"] = frozenset({rng.choice(("itemised_vet_invoice", "vet_records"))})
    return values


def is_complete(values: dict[str, Any]) -> bool:
    """Every fact a rule reads is given, and each document is on file or overdue."""
    if any(name not in values for name in RULE_FACTS):
        return False
    late = overdue(values["incident_date"])
    return late or all(kind in values["documents"] for kind in REQUIRED_DOCUMENTS.values())


def plain(values: dict[str, Any]) -> dict[str, Any]:
    """The same facts as a plain dict for the peers.

    Instants go to UTC, so that ``+ 48 hours`` is 48 real hours in rule-engine too;
    documents become a ``set`` (rule-engine refuses a frozenset); invoice lines, dicts.
    """
    out = dict(values)
    for name in ("booking_ended_at", "reported_at"):
        if name in out:
            out[name] = out[name].astimezone(UTC)
    if "documents" in out:
        out["documents"] = set(out["documents"])
    if "invoice" in out:
        out["invoice"] = [
            {"category": line.category, "amount": line.amount, "date": line.date}
            for line in out["invoice"]
        ]
    return out


# -- the peers ---------------------------------------------------------------------------------


def by_hand(claim: dict[str, Any]) -> tuple[str, list[str]]:
    """The 12 conditions as plain Python: (verdict, failing rule ids); missing fails."""
    get = claim.get
    failing = []
    incident = get("incident_date")
    if get("booked_on_platform") is not True or get("paid_on_platform") is not True:
        failing.append("on-platform")
    start, end = get("service_start"), get("service_end")
    if incident is None or start is None or end is None or not start <= incident <= end:
        failing.append("during-service")
    if get("own_pet") is not True:
        failing.append("owners-pet")
    visit = get("first_vet_visit")
    if incident is None or visit is None or not incident <= visit <= incident + CARE_WITHIN:
        failing.append("care-within-30-days")
    ended, reported = get("booking_ended_at"), get("reported_at")
    if (
        incident is None
        or ended is None
        or reported is None
        or not reported <= ended + WINDOWS[incident >= SECOND_VERSION]
    ):
        failing.append("reported-in-time")
    if get("pre_existing") is not False:
        failing.append("not-pre-existing")
    cause = get("cause")
    if cause is None or cause == "illness":
        failing.append("not-illness")
    if cause is None or cause == "preventive":
        failing.append("not-preventive")
    if cause is None or cause == "parasites":
        failing.append("not-parasites")
    service = get("service")
    if service is None or service == "meet_and_greet":
        failing.append("not-meet-and-greet")
    documents = get("documents", ())
    if "itemised_vet_invoice" not in documents:
        failing.append("vet-invoice")
    if "vet_records" not in documents:
        failing.append("vet-records")
    return ("ineligible" if failing else "eligible"), failing


def all_by_hand(claims: Sequence[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """``by_hand`` over every claim."""
    return [by_hand(claim) for claim in claims]


RuleSet = tuple[tuple[str, Any, bool], ...]


def rule_engine_rules() -> tuple[RuleSet, RuleSet]:
    """The compiled rules of each version (only the reporting window differs)."""
    context = rule_engine.Context(default_value=None)
    return tuple(  # type: ignore[return-value]
        tuple(
            (rule_id, rule_engine.Rule(text.replace("{window}", str(hours)), context=context), must)
            for rule_id, text, must in RULE_ENGINE_RULES
        )
        for hours in (48, 72)
    )


def by_rule_engine(
    versions: tuple[RuleSet, RuleSet], claims: Sequence[dict[str, Any]]
) -> tuple[list[tuple[str, list[str]]], int]:
    """Every rule on every claim: ((verdict, failing ids) per claim, evaluations that raised)."""
    first, second = versions
    results = []
    raised = 0
    for claim in claims:
        incident = claim.get("incident_date")
        rules = second if incident is not None and incident >= SECOND_VERSION else first
        failing = []
        for rule_id, rule, must in rules:
            try:
                if rule.matches(claim) is not must:
                    failing.append(rule_id)
            except RULE_ENGINE_FAILURES:
                failing.append(rule_id)
                raised += 1
        results.append((("ineligible" if failing else "eligible"), failing))
    return results, raised


# -- timing and reporting ----------------------------------------------------------------------


def best_interleaved(runs: Sequence[Callable[[], object]], repeats: int) -> list[float]:
    """The best time of each of ``runs``, timed in turn (A B A B ...), as ``best`` does.

    A passing load on the shared machine then falls on both sides of their ratio.
    """
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeats):
        for run, spent in zip(runs, times, strict=True):
            spent.append(best(run, 1))
    return [min(spent) for spent in times]


def one_by_one(claims: Sequence[PetGuaranteeClaim]) -> list[Any]:
    """``decide`` each claim, building its full Decision."""
    return [decide(PET_GUARANTEE, claim, as_of=AS_OF) for claim in claims]


def build(values: Sequence[dict[str, Any]]) -> list[PetGuaranteeClaim]:
    """A ``PetGuaranteeClaim`` per set of values (validated)."""
    return [PetGuaranteeClaim(**v) for v in values]


def failing_ids(outcomes: dict[str, Outcome]) -> list[str]:
    """The ids of the failing rules, in rule order."""
    return [rule_id for rule_id in RULE_IDS if outcomes.get(rule_id) is Outcome.FAIL]


def environment() -> list[str]:
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("safetycore", "attrs", "rule-engine")
    )
    # The source may hold uncommitted changes: a digest of the eligibility package tells runs
    # of different sources apart.
    digest = hashlib.sha256()
    for path in sorted(Path(eligibility.__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return [
        f"safetycore.eligibility source: sha256 {digest.hexdigest()[:12]} (its *.py files)",
        f"machine: {os.cpu_count()} cores, {platform.machine()}, "
        f"{platform.system()} {platform.release()}",
        f"python {platform.python_version()} ({platform.python_implementation()}); {versions}",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--claims", type=int, default=FULL_CLAIMS, help=f"claims (default {FULL_CLAIMS:,})"
    )
    parser.add_argument("--repeats", type=int, default=5, help="runs of each fast path (best)")
    args = parser.parse_args(argv)
    n, repeats = args.claims, args.repeats
    slow_repeats = min(repeats, 3)
    began = time.perf_counter()
    print("safetycore eligibility benchmark")
    print(*environment(), sep="\n")

    rng = random.Random(SEED)
    values = [claim_values(rng) for _ in range(n)]
    complete = [is_complete(v) for v in values]
    claims = build(values)
    dicts = [plain(v) for v in values]
    missing = sum(not c for c in complete)
    print(
        f"\nclaims: {n:,} (seed {SEED}), incidents {FIRST_INCIDENT} to {LAST_INCIDENT}, "
        f"as of {AS_OF.isoformat()}; {n - missing:,} complete, {missing:,} with facts "
        f"missing or documents to come; {sum('invoice' in v for v in values):,} with an invoice"
    )

    # -- safetycore ------------------------------------------------------------------------
    batch = decide_many(PET_GUARANTEE, claims, as_of=AS_OF)  # warm up
    batch_seconds, hand_seconds = best_interleaved(
        (partial(decide_many, PET_GUARANTEE, claims, as_of=AS_OF), partial(all_by_hand, dicts)),
        repeats,
    )
    mapping_seconds = best(partial(decide_many, PET_GUARANTEE, values, as_of=AS_OF), slow_repeats)
    build_seconds = best(partial(build, values), slow_repeats)
    decide_n = min(n, DECIDE_SUBSET)
    decide_seconds = best(partial(one_by_one, claims[:decide_n]), slow_repeats)
    verdicts = batch.verdicts
    counts = Counter(verdicts)
    print(
        "verdicts (decide_many): "
        + ", ".join(f"{v.value} {counts[v]:,} ({counts[v] / n:.1%})" for v in Verdict)
    )

    # -- peers -----------------------------------------------------------------------------
    hand = all_by_hand(dicts)
    versions = rule_engine_rules()
    engine_n = min(n, RULE_ENGINE_SUBSET)
    engine_seconds = best(partial(by_rule_engine, versions, dicts[:engine_n]), slow_repeats)
    engine, raised = by_rule_engine(versions, dicts[:engine_n])

    # -- table -----------------------------------------------------------------------------
    engine_rate = engine_n / engine_seconds
    rows = (
        ("safetycore decide_many (batch, facts objects)", n, batch_seconds),
        ("safetycore decide_many (mappings, facts built in)", n, mapping_seconds),
        ("safetycore decide (full Decision each)", decide_n, decide_seconds),
        ("building PetGuaranteeClaim (validated), alone", n, build_seconds),
        ("hand-written function (verdict + failing ids)", n, hand_seconds),
        ("rule-engine (12 Rules, .matches each)", engine_n, engine_seconds),
    )
    print(
        f"\nbest of {repeats} (decide_many on facts objects and the hand-written function, "
        f"interleaved), best of {slow_repeats} (the others); garbage collector off"
    )
    hand_rate = n / hand_seconds
    print(
        f"{'path':52} {'n':>8} {'claims/s':>11} {'us/claim':>9} {'vs rule-engine':>15} "
        f"{'vs hand-written':>16}"
    )
    print(f"{'-' * 52} {'-' * 8} {'-' * 11} {'-' * 9} {'-' * 15} {'-' * 16}")
    for name, count, seconds in rows:
        rate = count / seconds
        print(
            f"{name:52} {count:>8,} {rate:>11,.0f} {seconds / count * 1e6:>9.2f} "
            f"{rate / engine_rate:>14,.1f}x {rate / hand_rate:>15,.3f}x"
        )

    # -- checks ----------------------------------------------------------------------------
    check_n = min(n, CHECK_SUBSET)
    verdict_off = outcome_off = decision_off = 0
    for i, claim in enumerate(claims[:check_n]):
        single = decide(PET_GUARANTEE, claim, as_of=AS_OF)
        verdict_off += verdicts[i] is not single.verdict
        outcome_off += batch.outcomes(i) != {r.rule_id: r.outcome for r in single.results}
        decision_off += batch[i] != single
    print(
        f"\ndecide_many vs decide on {check_n:,} claims: {verdict_off} verdicts, "
        f"{outcome_off} rule outcomes, {decision_off} full decisions (batch[i]) disagree"
    )

    truth = [(verdicts[i].value, failing_ids(batch.outcomes(i))) for i in range(n)]
    needs_info = [i for i in range(n) if verdicts[i] is Verdict.NEEDS_INFO]
    note = f" ({raised:,} rule evaluations raised, counted as failing)" if raised else ""
    peers = (("hand-written", hand, n, ""), ("rule-engine", engine, engine_n, note))
    for name, answers, count, extra in peers:
        whole = [i for i in range(count) if complete[i]]
        verdict_wrong = sum(answers[i][0] != truth[i][0] for i in whole)
        reasons_wrong = sum(answers[i][1] != truth[i][1] for i in whole)
        pending = [i for i in needs_info if i < count]
        calls = Counter(answers[i][0] for i in pending)
        print(
            f"{name} vs safetycore on {len(whole):,} complete claims: {verdict_wrong} verdicts, "
            f"{reasons_wrong} lists of failing rules disagree; of {len(pending):,} NEEDS_INFO "
            f"claims it calls {calls['ineligible']:,} ineligible and approves "
            f"{calls['eligible']:,}" + extra
        )
        approved = Counter(
            fact
            for i in pending
            if answers[i][0] == "eligible"
            for fact in RULE_FACTS
            if fact not in values[i]
        )
        if approved:
            print(
                f"  {name} approves NEEDS_INFO claims missing: "
                + ", ".join(f"{fact} {times:,}" for fact, times in approved.most_common())
            )

    rate = n / batch_seconds
    met = "met" if rate >= TARGET_PER_SECOND else "NOT met"
    print(
        "\ntarget (issue): >= 100,000 claims/s on one core in batch, every reason and the "
        f"three-valued verdict kept: {met} ({rate:,.0f} claims/s, decide_many on facts objects)"
    )
    print(f"\ntotal {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
