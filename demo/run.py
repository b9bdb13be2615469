"""``make demo``: the library's main job on sample data, then a closer look case by case.

1. Generates 100,000 support tickets and 20,000 pet-care guarantee claims (a claims team
   sees far fewer claims than a care team sees tickets; ``safetycore.datasets``, seeded:
   the same on every machine).
2. Runs every SLA clock of every ticket under the care team's current policy and under a
   proposal (``demo/policies.py``), and decides every claim under the guarantee policy.
3. Prints a short report: attainment and breaches per metric and priority, the what-if
   deltas, and eligibility outcomes with their top reasons.
4. Writes the plots as PNG files into ``demo/output/``.
5. Checks the shipped policy files with the command line (``safetycore validate``).
6. Runs ``demo/walkthrough.py``: the same rules on a handful of hand-made cases, edge by edge.

Options: ``--cases N`` (tickets, default 100,000), ``--claims N`` (default 20,000),
``--out DIR``, ``--no-walkthrough``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from policies import CURRENT, PROPOSED, ZONE
from walkthrough import main as walkthrough
from walkthrough import when

import safetycore
from safetycore import analysis, datasets, plots
from safetycore.__main__ import main as cli
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE

OUT = Path(__file__).parent / "output"
AS_OF = datetime(2026, 2, 1, tzinfo=UTC)
"""The instant the report is made: after the last sample case (the data covers 2025)."""
METRICS = ("first_reply", "resolution")


def _title(text: str) -> None:
    print(f"\n{'=' * 78}\n{text}\n{'=' * 78}")


def _percent(share: float) -> str:
    return "-" if pd.isna(share) else f"{100 * share:5.1f} %"


def _attainment(frame: pd.DataFrame) -> pd.DataFrame:
    """Met, breached and attainment (met / (met + breached)) per metric and priority."""
    done = frame[frame["metric"].isin(METRICS) & frame["state"].isin(["met", "breached"])]
    met = (done["state"] == "met").groupby([done["metric"], done["priority"]], observed=True)
    table = pd.DataFrame({"met": met.sum(), "cycles": met.size()})
    table["breached"] = table["cycles"] - table["met"]
    table["attainment"] = table["met"] / table["cycles"]
    return table


def sla_report(cases: int) -> tuple[pd.DataFrame, analysis.SlaComparison]:
    """Every ticket's clocks under both policies, and the report an SLA owner reads."""
    _title(f"1. SLA attainment: {cases:,} support tickets, as of {when(AS_OF)}")
    events = pd.concat(list(datasets.support_tickets(cases, seed=2026)), ignore_index=True)
    table = analysis.read_events(events)
    print(f"{len(events):,} events read; {len(table.rejected)} bad rows.")
    comparison = analysis.compare_sla(table, CURRENT, PROPOSED, AS_OF)
    now = _attainment(comparison.before)
    then = _attainment(comparison.after)
    print("\nUnder the current policy, and under the proposal (met / decided cycles):\n")
    print(f"  {'metric':12} {'priority':8} {'breached':>9} {'attainment':>11}   {'proposed':>11}")
    for (metric, priority), row in now.iterrows():
        proposed = (
            then.loc[(metric, priority), "attainment"]
            if (metric, priority) in then.index
            else float("nan")
        )
        breached, share = int(row["breached"]), _percent(row["attainment"])
        print(f"  {metric:12} {priority:8} {breached:>9,} {share:>11}   {_percent(proposed):>11}")
    summary = comparison.summary
    print("\nWhat-if, per metric (proposal minus current):\n")
    for metric in METRICS:
        row = summary.loc[metric]
        print(
            f"  {metric:12} breaches {int(row['breached_before']):>6,} -> "
            f"{int(row['breached_after']):>6,}  attainment {_percent(row['attainment_before'])}"
            f" -> {_percent(row['attainment_after'])}"
        )
    changed = comparison.changes
    print(f"\n{changed['case_id'].nunique():,} tickets change state; the first few, by ticket id:")
    for row in changed.head(3).itertuples():
        print(f"  {row.case_id} {row.metric}: {row.state_before} -> {row.state_after}")
    return comparison.before, comparison


def eligibility_report(cases: int) -> pd.DataFrame:
    """Every claim decided under the guarantee policy: outcomes, reasons, money."""
    _title(f"2. Guarantee claims: {cases:,} claims decided under the pet-care guarantee")
    claims = pd.concat(list(datasets.pet_guarantee_claims(cases, seed=2026)))
    claims = claims.set_index("claim_id")
    result = analysis.decide_frame(PET_GUARANTEE, claims, as_of=AS_OF.date())
    decisions = result.decisions
    counts = decisions["verdict"].value_counts()
    for verdict, count in counts.items():
        print(f"  {verdict:15} {count:>8,}  ({100 * count / len(decisions):4.1f} %)")
    payable = decisions["payable"].dropna()
    print(f"\n  payable in all: {sum(payable):,.2f} USD over {len(payable):,} eligible claims")
    refused = decisions.loc[decisions["verdict"] == "ineligible", "reasons"]
    print("\nTop reasons a claim is refused (a claim may have several):")
    for reason, count in refused.str.split(";").explode().value_counts().head(5).items():
        print(f"  {reason:22} {count:>8,}")
    needs = decisions.loc[decisions["verdict"] == "needs_info", "needs"]
    print("\nWhat is most often still missing:")
    for need, count in needs.str.split(";").explode().value_counts().head(3).items():
        print(f"  {need:22} {count:>8,}")
    older, newer = PET_GUARANTEE.pinned("2025-07"), PET_GUARANTEE.pinned("2026-01")
    changes = analysis.compare_frame(older, newer, claims)
    print(
        f"\nWhat-if: all {len(claims):,} claims under version 2025-07 (48 h to report), then"
        f" under 2026-01 (72 h): {len(changes):,} change; the first few, by claim id:"
    )
    for label, row in changes.head(3).iterrows():
        print(f"  {label}: {row['why']}")
    return decisions


def write_plots(
    frame: pd.DataFrame, comparison: analysis.SlaComparison, decisions: pd.DataFrame, out: Path
) -> None:
    """The report's figures as PNG files."""
    _title(f"3. Plots, written to {out}")
    out.mkdir(parents=True, exist_ok=True)
    figures = {
        "attainment.png": plots.attainment(frame),
        "breach_heatmap.png": plots.breach_heatmap(frame, zone=ZONE),
        "first_reply_times.png": plots.reply_time_distribution(frame),
        "what_if.png": plots.what_if(comparison),
        "verdicts.png": plots.verdicts(decisions),
    }
    for name, figure in figures.items():
        figure.savefig(out / name, dpi=100)
        print(f"  {name}")


def check_files() -> None:
    """The shipped policy files checked as a CI job would: ``safetycore validate``."""
    folder = Path(safetycore.__file__).parent / "policies"
    files = sorted(folder.glob("*.json"))
    _title(f"4. The command line: safetycore validate on the {len(files)} shipped policy files")
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = cli(["validate", *map(str, files)])
    for line in output.getvalue().splitlines():
        print(f"  {line.removeprefix(str(folder) + os.sep)}")
    print(f"  exit code {code} (docs/cli.md: the other commands and the exit codes)")


def main(argv: list[str] | None = None) -> None:
    """Run the main job, then the walkthrough."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-walkthrough", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    frame, comparison = sla_report(args.cases)
    decisions = eligibility_report(args.claims)
    write_plots(frame, comparison, decisions, args.out)
    check_files()
    print(f"\nThe main job took {time.perf_counter() - started:.1f} s.")
    if not args.no_walkthrough:
        _title("A closer look: the same rules on hand-made cases, edge by edge")
        walkthrough()


if __name__ == "__main__":
    main()
