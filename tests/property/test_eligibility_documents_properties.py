"""Drawn policies survive the document form exactly, decide identically, and fit the schema."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from importlib.resources import files
from typing import Any

import attrs
import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetycore.eligibility import (
    Evidence,
    Exclusion,
    Payout,
    Policy,
    PolicyVersion,
    Rule,
    days,
    decide,
)
from safetycore.eligibility.pet_guarantee import PetGuaranteeClaim
from safetycore.testing import facts_for, predicates_for
from tests.testing import eligibility_fixtures as fx

SCHEMA = jsonschema.Draft202012Validator(
    json.loads(files("safetycore.schemas").joinpath("eligibility_policy.schema.json").read_text())
)
AS_OF = dt.datetime(2026, 4, 1, 12, tzinfo=dt.UTC)
_DATED = {fx.Visit: "seen_on", PetGuaranteeClaim: "incident_date"}
_KINDS = {fx.Visit: ["receipt", "records"], PetGuaranteeClaim: ["itemised_vet_invoice", "photos"]}
_money = st.decimals(min_value=0, max_value=10_000, places=2)
_texts = st.text(st.characters(codec="utf-8"), max_size=8)


@st.composite
def _rules(draw: st.DrawFn, kind: type) -> list[Any]:
    predicates = predicates_for(kind, max_leaves=4)
    rules: list[Any] = []
    for i in range(draw(st.integers(1, 4))):
        applies = draw(st.none() | predicates)
        texts = {"citation": draw(_texts), "failure": draw(_texts)}
        choice = draw(st.sampled_from(["rule", "exclusion", "evidence"]))
        if choice == "evidence":
            accepted = draw(st.lists(st.sampled_from(_KINDS[kind]), min_size=1, unique=True))
            due = draw(st.none() | st.integers(0, 90).map(
                lambda n: _anchor(kind).plus(days(n))
            ))  # fmt: skip
            rules.append(
                Evidence(
                    f"e{i}", f"Evidence {i}", tuple(accepted),
                    need=draw(st.integers(1, len(accepted))), due=due, applies_if=applies,
                    **texts,
                )
            )  # fmt: skip
        else:
            cls = Rule if choice == "rule" else Exclusion
            rules.append(cls(f"r{i}", f"Rule {i}", draw(predicates), applies_if=applies, **texts))
    return rules


def _anchor(kind: type) -> Any:
    from safetycore.eligibility import F

    return getattr(F, _DATED[kind])


@st.composite
def policies(draw: st.DrawFn, kind: type) -> Policy:
    """Policies over ``kind`` of one or two versions, with rules of all three kinds and payouts."""
    versions = []
    for v in range(draw(st.integers(1, 2))):
        payout = draw(
            st.none()
            | st.builds(
                Payout,
                owner_share=_money,
                cap=st.none() | _money,
                pays_percent=st.none() | st.decimals(0, 100, places=1),
                excluded=st.frozensets(st.sampled_from(["grooming", "surgery", "exam"])),
                limits=st.dictionaries(st.sampled_from(["surgery", "exam"]), _money, max_size=2),
            )
        )
        versions.append(
            PolicyVersion(
                f"v{v}", dt.date(2025 + v, 1, 1), draw(_rules(kind)), payout=payout,
                notes=draw(_texts),
            )
        )  # fmt: skip
    return Policy(
        id="drawn", title="Drawn policy", facts=kind, decided_by=_DATED[kind], versions=versions
    )


def _json(data: Any) -> Any:
    return json.loads(json.dumps(data))


def _copy(claim: Any, kind: type) -> object:
    return kind(**{a.name: getattr(claim, a.name) for a in attrs.fields(claim.__class__)})


_settings = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestDrawnPolicies:
    @_settings
    @given(data=st.data(), kind=st.sampled_from([fx.Visit, PetGuaranteeClaim]))
    def test_round_trip_on_the_callers_class(self, data: st.DataObject, kind: type) -> None:
        """from_dict(to_dict(p), facts=...) == p; the JSON fits the schema; decisions agree."""
        policy = data.draw(policies(kind))
        document = _json(policy.to_dict())
        assert list(SCHEMA.iter_errors(document)) == []
        again = Policy.from_dict(document, facts=kind)
        assert again == policy
        assert _json(again.to_dict()) == document
        for claim in data.draw(st.lists(facts_for(kind), min_size=1, max_size=5)):
            for as_of in (None, AS_OF):
                assert (
                    decide(again, claim, as_of=as_of).to_dict()
                    == decide(policy, claim, as_of=as_of).to_dict()
                )

    @_settings
    @given(data=st.data(), kind=st.sampled_from([fx.Visit, PetGuaranteeClaim]))
    def test_round_trip_on_a_generated_class(self, data: st.DataObject, kind: type) -> None:
        """Read without facts=, the policy is equal to itself read again and decides alike."""
        policy = data.draw(policies(kind))
        document = _json(policy.to_dict())
        first, second = Policy.from_dict(document), Policy.from_dict(document)
        assert first == second
        assert _json(first.to_dict()) == document
        for claim in data.draw(st.lists(facts_for(kind), min_size=1, max_size=5)):
            copied = _copy(claim, first.facts)
            assert (
                decide(first, copied, as_of=AS_OF).to_dict()
                == decide(policy, claim, as_of=AS_OF).to_dict()
            )


def test_money_keeps_its_exponent() -> None:
    """Decimal text keeps the amount exactly, trailing zeros included."""
    payout = Payout(owner_share=Decimal("250.00"), cap=Decimal("1E+4"))
    policy = attrs.evolve(fx.CLINIC, versions=(PolicyVersion("1", fx.START, (), payout=payout),),
                          decided_by=None)  # fmt: skip
    document = _json(policy.to_dict())
    assert document["versions"][0]["payout"]["owner_share"] == "250.00"
    again = Policy.from_dict(document, facts=fx.Visit)
    assert again.versions[0].payout is not None
    assert str(again.versions[0].payout.owner_share) == "250.00"
    assert str(again.versions[0].payout.cap) == "1E+4"
