"""The compiled policy function: its source holds only generated identifiers."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from safetycore.eligibility import (
    Evidence,
    Exclusion,
    F,
    Param,
    Parameter,
    Policy,
    PolicyVersion,
    Rule,
    days,
    decide,
    documents,
    fact,
    facts,
    hours,
)
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim

# Every identifier the generated source may hold: its own machinery and numbered names.
_GENERATED = re.compile(
    r"(?:def|run|f|as_of|try|except|return|if|else|is|not|and|or|in|len|True|False|None"
    r"|OverflowError|__class__|_overflow|_Absent|_M|_NA|_UTC|_key|_past|_fact[0-9]+|astimezone"
    r"|[atkou][0-9]+)"
)


@facts
class Odd:
    """Facts whose names and rule ids would stand out in source."""

    speceis_zz: str = fact(str)
    when_zz: dt.datetime = fact(dt.datetime)
    day_zz: dt.date = fact(dt.date)
    flag_zz: bool = fact(bool)
    bill_zz: Decimal = fact(Decimal)
    papers_zz: frozenset[str] = documents(kinds={"receipt_zz"})


ODD = Policy(
    id="odd-policy-zz",
    title="Odd names zz",
    facts=Odd,
    decided_by="day_zz",
    versions=(
        PolicyVersion(
            "v-zz",
            dt.date(2026, 1, 1),
            (
                Rule(
                    "rule-zz",
                    "label zz",
                    (F.speceis_zz.equals("dog_zz") & F.flag_zz.is_true())
                    | (F.bill_zz > Param("limit_zz")),
                    applies_if=F.when_zz <= F.when_zz.plus(hours(2)),
                ),
                Exclusion("excl-zz", "excluded zz", F.day_zz > F.day_zz.plus(days(3))),
                Evidence(
                    "evid-zz",
                    "evidence zz",
                    ("receipt_zz",),
                    documents="papers_zz",
                    due=F.day_zz.plus(days(Param("due_zz"))),
                ),
            ),
            parameters={
                "limit_zz": Parameter(Decimal(5), "source zz"),
                "due_zz": Parameter(3, "source zz"),
            },
        ),
    ),
)


def _words(source: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", source))


class TestGeneratedSource:
    def test_no_configuration_text_in_source(self) -> None:
        """No fact name, rule id, label, parameter name or text of the policy reaches the source."""
        source = ODD.runner(0).__source__  # type: ignore[attr-defined]
        assert "zz" not in source
        assert {w for w in _words(source) if not _GENERATED.fullmatch(w)} == set()

    def test_pet_guarantee_source_holds_no_fact_name(self) -> None:
        """The shipped policy's compiled source names none of its facts."""
        source = PET_GUARANTEE.runner(0).__source__  # type: ignore[attr-defined]
        words = _words(source)
        assert not words & set(PetGuaranteeClaim.__safetycore_facts__)  # type: ignore[attr-defined]
        assert {w for w in words if not _GENERATED.fullmatch(w)} == set()

    def test_still_decides(self) -> None:
        """The renamed locals decide as before: a dog claim passes, a cat one fails."""
        zone = dt.timezone(dt.timedelta(hours=-5))
        base: dict[str, Any] = {
            "when_zz": dt.datetime(2026, 2, 1, 9, tzinfo=zone),
            "day_zz": dt.date(2026, 2, 1),
            "flag_zz": True,
            "bill_zz": Decimal(1),
            "papers_zz": {"receipt_zz"},
        }
        assert decide(ODD, Odd(speceis_zz="dog_zz", **base)).verdict.value == "eligible"
        assert decide(ODD, Odd(speceis_zz="cat", **base)).verdict.value == "ineligible"
