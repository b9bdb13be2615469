"""Eligibility policies as data: ``Policy.to_dict`` / ``Policy.from_dict`` (issue 11)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from importlib.resources import files
from typing import Any

import attrs
import jsonschema
import pandas as pd
import pytest

from safetycore.analysis import decide_frame
from safetycore.datasets import benefits_enrolments, pet_guarantee_claims
from safetycore.eligibility import (
    DecisionTable,
    F,
    Input,
    Payout,
    Policy,
    PolicyVersion,
    Row,
    Rule,
    business_days,
    call,
    decide,
    fact,
    facts,
)
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.eligibility.us_benefits import (
    GROUP_HEALTH_ENROLMENT,
    REGISTRY,
    EnrolmentRequest,
)
from safetycore.errors import ConfigurationErrorGroup, SafetycoreError
from safetycore.sla import Calendar
from tests.eligibility.built_policies import GROUP_HEALTH_ENROLMENT_BUILT, PET_GUARANTEE_BUILT
from tests.testing import eligibility_fixtures as fx

AS_OF = dt.datetime(2026, 4, 1, 12, tzinfo=dt.UTC)


def _json(data: Any) -> Any:
    """``data`` as a JSON file would give it back."""
    return json.loads(json.dumps(data))


def _pet() -> dict[str, Any]:
    document: dict[str, Any] = _json(PET_GUARANTEE.to_dict())
    return document


def _problems(document: Any, **options: Any) -> list[tuple[str, str]]:
    """Each (field, reason) ``from_dict`` reports for ``document``."""
    with pytest.raises(ConfigurationErrorGroup) as caught:
        Policy.from_dict(document, **options)
    errors: list[SafetycoreError] = list(caught.value.exceptions)  # type: ignore[arg-type]
    return [(error.field, error.reason) for error in errors]


def _fields(document: Any, **options: Any) -> list[str]:
    return [field for field, _ in _problems(document, **options)]


def _same_decisions(first: Policy, second: Policy, claims: list[Any]) -> None:
    for claim in claims:
        for as_of in (None, AS_OF):
            assert (
                decide(first, claim, as_of=as_of).to_dict()
                == decide(second, claim, as_of=as_of).to_dict()
            )


class TestShippedPolicies:
    def test_pet_guarantee_file_is_the_python_policy(self) -> None:
        """The shipped pet guarantee, read from its file, equals the one built in Python."""
        assert PET_GUARANTEE == PET_GUARANTEE_BUILT
        assert PET_GUARANTEE.facts is PetGuaranteeClaim

    def test_us_enrolment_file_is_the_python_policy(self) -> None:
        """The shipped enrolment policy, read with its registry, equals the Python one."""
        assert GROUP_HEALTH_ENROLMENT == GROUP_HEALTH_ENROLMENT_BUILT
        assert GROUP_HEALTH_ENROLMENT.facts is EnrolmentRequest

    def test_pet_guarantee_decides_the_dataset_identically(self) -> None:
        """On 1,500 dataset claims the file's policy and the Python one decide alike."""
        table = next(pet_guarantee_claims(1500, seed=11))
        loaded = decide_frame(PET_GUARANTEE, table, ignore=["claim_id"], as_of=AS_OF)
        built = decide_frame(PET_GUARANTEE_BUILT, table, ignore=["claim_id"], as_of=AS_OF)
        pd.testing.assert_frame_equal(loaded.decisions, built.decisions)
        assert loaded.decisions["verdict"].nunique() == 3

    def test_us_enrolment_decides_the_dataset_identically(self) -> None:
        """On 1,500 dataset requests the file's policy and the Python one decide alike."""
        table = next(benefits_enrolments(1500, seed=11))
        loaded = decide_frame(GROUP_HEALTH_ENROLMENT, table, ignore=["request_id"])
        built = decide_frame(GROUP_HEALTH_ENROLMENT_BUILT, table, ignore=["request_id"])
        pd.testing.assert_frame_equal(loaded.decisions, built.decisions)
        assert loaded.decisions["verdict"].nunique() == 3

    def test_shipped_files_are_what_to_dict_writes(self) -> None:
        """The files are exactly the policies' documents (plus the editor's $schema)."""
        for name, written in (
            ("pet_guarantee.json", PET_GUARANTEE.to_dict()),
            ("us_benefits_enrolment.json", GROUP_HEALTH_ENROLMENT.to_dict(registry=REGISTRY)),
        ):
            shipped = json.loads(files("safetycore.policies").joinpath(name).read_text())
            assert shipped.pop("$schema").endswith("eligibility_policy.schema.json")
            assert shipped == _json(written)

    def test_enrolment_needs_its_registry(self) -> None:
        """Without the registry every call, enum type and parameter object is named missing."""
        document = _json(GROUP_HEALTH_ENROLMENT.to_dict(registry=REGISTRY))
        problems = _problems(document)
        fields = [field for field, _ in problems]
        assert "facts.qualifying_event.kind" in fields
        assert "versions[0].rules[0].when.args[0].args[0].function" in fields
        assert "versions[0].parameters.waiting_period.value.ref" in fields
        assert all("registry" in reason for _, reason in problems)


class TestRoundTrip:
    @pytest.mark.parametrize(
        "policy",
        [fx.CLINIC, fx.SURGERY_LIMIT, fx.NO_RABBITS, fx.DOGS_ONLY, fx.DOCUMENTS_WAIT,
         fx.DOCUMENTS_DUE, fx.UNLISTED_SPECIES, fx.TABLE_GAP],
        ids=lambda p: p.id,
    )  # fmt: skip
    def test_fixture_policies(self, policy: Policy) -> None:
        """Each fixture policy comes back equal from its JSON text, on its own facts class."""
        registry = _fixture_registry()
        again = Policy.from_dict(
            _json(policy.to_dict(registry=registry)), facts=fx.Visit, registry=registry
        )
        assert again == policy

    def test_generated_facts_class(self) -> None:
        """Without facts= a class is built; reading twice gives equal policies and classes."""
        document = _pet()
        first, second = Policy.from_dict(document), Policy.from_dict(copy.deepcopy(document))
        assert first == second
        assert first.facts == second.facts
        assert hash(first.facts) == hash(second.facts)
        assert first.facts is not second.facts
        assert first.facts != PetGuaranteeClaim  # never equal to a hand-written class
        assert first.facts.__name__ == "PetGuaranteeClaim"
        assert _json(first.to_dict()) == document

    def test_generated_class_decides_identically(self) -> None:
        """The generated class's claims decide as the hand-written class's claims do."""
        generated = Policy.from_dict(_pet())
        table = next(pet_guarantee_claims(300, seed=3)).drop(columns=["claim_id"])
        for row in table.to_dict("records")[:300]:
            values = {k: v for k, v in row.items() if v is not None and v == v}
            mine = decide(PET_GUARANTEE, values, as_of=AS_OF)
            theirs = decide(generated, values, as_of=AS_OF)
            assert mine.to_dict() == theirs.to_dict()

    def test_generated_class_refuses_bad_values(self) -> None:
        """The generated class validates facts as the declaration says (choices, kinds)."""
        generated = Policy.from_dict(_pet()).facts
        with pytest.raises(SafetycoreError) as caught:
            generated(service="swimming")
        assert caught.value.field == "service"

    def test_business_day_calendar_round_trips(self) -> None:
        """A business-day window keeps its calendar (Calendar.to_dict inline)."""
        calendar = Calendar.from_dict(
            {"zone": "America/New_York", "hours": {"mon-fri": "09:00-17:00"}}
        )
        rule = Rule(
            "quick", "Reported within 2 business days",
            F.seen_on <= F.seen_on.plus(business_days(2, calendar)),
        )  # fmt: skip
        policy = attrs.evolve(
            fx.CLINIC, versions=(PolicyVersion("b", fx.START, (rule,)),), decided_by=None
        )
        again = Policy.from_dict(_json(policy.to_dict()), facts=fx.Visit)
        assert again == policy

    def test_constants_of_every_kind(self) -> None:
        """Dates, instants (with their zone), decimals and durations come back exactly."""

        @facts
        class Kinds:
            when: dt.datetime = fact(dt.datetime)
            day: dt.date = fact(dt.date)
            amount: Decimal = fact(Decimal, minimum=Decimal("0.00"))
            wait: dt.timedelta = fact(dt.timedelta, default=dt.timedelta(hours=4))

        from zoneinfo import ZoneInfo

        zone = ZoneInfo("Europe/Paris")
        rule = Rule(
            "all",
            "Every kind",
            F.when.between(
                dt.datetime(2026, 3, 29, 1, 30, tzinfo=zone),
                dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=zone),
            )
            & F.day.is_in({dt.date(2026, 1, 1), dt.date(2026, 12, 25)})
            & (F.amount <= Decimal("1E+3"))
            & F.wait.equals(dt.timedelta(days=1, microseconds=5)),
        )
        policy = Policy(
            id="k", title="K", facts=Kinds, decided_by=None,
            versions=(PolicyVersion("1", fx.START, (rule,)),),
        )  # fmt: skip
        document = _json(policy.to_dict())
        assert Policy.from_dict(document, facts=Kinds) == policy
        again = Policy.from_dict(document)
        assert again.to_dict() == document
        holds: Any = again.versions[0].rules[0]
        low = holds.holds.parts[0].low.value
        assert low.tzinfo == zone
        assert low == dt.datetime(2026, 3, 29, 1, 30, tzinfo=zone)


def _fixture_registry() -> dict[str, object]:
    return {
        "age_limit": fx.AGE_LIMITS.__getitem__,
        "_listed_limit": fx._listed_limit,
        "lookup": fx._LIMITS_TABLE.lookup,
    }


# -- errors ---------------------------------------------------------------------------------------


def _edit(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    document = _pet()
    change(document)
    return document


def _rule(document: dict[str, Any], version: int, index: int) -> dict[str, Any]:
    rule: dict[str, Any] = document["versions"][version]["rules"][index]
    return rule


class TestErrors:
    def test_unknown_fact(self) -> None:
        """A misspelt fact names its full path and the name."""
        document = _edit(lambda d: _rule(d, 1, 3)["when"]["args"][0].update({"fact": "speceis"}))
        [(field, reason)] = _problems(document)
        assert field == "versions[1].rules[3].when.args[0].fact"
        assert reason.startswith("unknown fact 'speceis'")

    def test_three_independent_problems_all_reported(self) -> None:
        """Problems in two versions and the facts are reported together."""

        def change(d: dict[str, Any]) -> None:
            d["facts"]["cause"]["kind"] = "colour"
            _rule(d, 0, 0)["when"]["op"] = "xor"
            d["versions"][1]["payout"]["owner_share"] = 250.5

        assert _fields(_edit(change)) == [
            "facts.cause.kind",
            "versions[0].rules[0].when.op",
            "versions[1].payout.owner_share",
        ]

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            (lambda d: d.update(kind="sla_policy"), "kind"),
            (lambda d: d.update(format=2), "format"),
            (lambda d: d.update(warnigns=[]), "warnigns"),
            (lambda d: d.pop("id"), "id"),
            (lambda d: d.update(facts_class="not a name"), "facts_class"),
            (lambda d: d.update(facts=[]), "facts"),
            (lambda d: d["facts"]["service"].update(choices="boarding"), "facts.service.choices"),
            (lambda d: d["facts"]["service"].update(colour=1), "facts.service.colour"),
            (lambda d: d["facts"].update({"_secret": {"kind": "bool"}}), "facts._secret"),
            (
                lambda d: d["facts"]["own_pet"].update(default={"absent": "gone"}),
                "facts.own_pet.default.absent",
            ),
            (  # not text, nor hashable (found by the command line's fuzz test)
                lambda d: d["facts"]["own_pet"].update(default={"absent": []}),
                "facts.own_pet.default.absent",
            ),
            (lambda d: d["facts"]["invoice"].update(of="invoice_lines"), "facts.invoice.of"),
            (lambda d: d.update(versions={}), "versions"),
            (
                lambda d: d["versions"][1].update(effective_from="2026-13-01"),
                "versions[1].effective_from",
            ),
            (lambda d: d["versions"][0].update(notez=""), "versions[0].notez"),
            (lambda d: _rule(d, 0, 1).update(whne={}), "versions[0].rules[1].whne"),
            (lambda d: _rule(d, 0, 1).update(type="requirement"), "versions[0].rules[1].type"),
            (lambda d: _rule(d, 0, 1).update(id="1st"), "versions[0].rules[1].id"),
            (lambda d: _rule(d, 0, 1).pop("label"), "versions[0].rules[1].label"),
            (
                lambda d: _rule(d, 0, 1).update(when={"fact": "own_pet"}),
                "versions[0].rules[1].when",
            ),
            (lambda d: _rule(d, 0, 1)["when"].update(op="<"), "versions[0].rules[1].when.args"),
            (
                lambda d: _rule(d, 0, 1)["when"]["args"].__setitem__(0, {"op": "true", "args": []}),
                "versions[0].rules[1].when.args[0].args",
            ),
            (
                lambda d: _rule(d, 0, 1)["when"]["args"].__setitem__(0, {"const": 1.5}),
                "versions[0].rules[1].when.args[0].const",
            ),
            (
                lambda d: _rule(d, 0, 1)["when"]["args"].__setitem__(
                    0, {"const": {"decimal": "x"}}
                ),
                "versions[0].rules[1].when.args[0].const.decimal",
            ),
            (
                lambda d: _rule(d, 0, 1)["when"]["args"].__setitem__(
                    0, {"const": {"date": "soon"}}
                ),
                "versions[0].rules[1].when.args[0].const.date",
            ),
            (
                lambda d: _rule(d, 0, 1)["when"]["args"].__setitem__(
                    0, {"const": {"datetime": "2026-01-01T00:00:00"}}
                ),
                "versions[0].rules[1].when.args[0].const.datetime",
            ),
            (
                lambda d: _rule(d, 0, 1)["when"]["args"].__setitem__(0, {"speceis": 1}),
                "versions[0].rules[1].when.args[0]",
            ),
            (
                lambda d: _rule(d, 0, 4)["when"]["args"][1]["length"].update(unit="weeks"),
                "versions[0].rules[4].when.args[1].length.unit",
            ),
            (
                lambda d: _rule(d, 0, 4)["when"]["args"][1]["length"].update(amount=-1),
                "versions[0].rules[4].when.args[1].length.amount",
            ),
            (
                lambda d: _rule(d, 0, 4)["when"]["args"].__setitem__(
                    1, {"op": "call", "function": "later", "args": [{"fact": "reported_at"}]}
                ),
                "versions[0].rules[4].when.args[1].function",
            ),
            (
                lambda d: _rule(d, 0, 4)["when"]["args"][1]["length"].update(
                    amount={"param": "report_window_hourz"}
                ),
                "versions[0].rules[4]",
            ),
            (
                lambda d: d["versions"][0]["payout"]["care_within"].update(amount={"param": "c"}),
                "versions[0].payout.care_within",
            ),
            (
                lambda d: _rule(d, 0, 6)["when"]["args"][1].update(const="ilness"),
                "versions[0].rules[6]",
            ),
            (lambda d: _rule(d, 0, 10).update(need=3), "versions[0].rules[10].need"),
            (
                lambda d: _rule(d, 0, 10).update(accepted=["x-ray"]),
                "versions[0].rules[10].accepted",
            ),
            (lambda d: d["versions"][0]["payout"].update(cap="a lot"), "versions[0].payout.cap"),
            (
                lambda d: d["versions"][0]["payout"].update(cap={"param": "kap"}),
                "versions[0].payout.cap",
            ),
            (
                lambda d: d["versions"][0]["payout"].update(pays_percent="120"),
                "versions[0].payout.pays_percent",
            ),
            (
                lambda d: d["versions"][0]["payout"].update(limits={"surgery": 5}),
                "versions[0].payout.limits.surgery",
            ),
            (
                lambda d: d["versions"][0]["parameters"]["cap"].update(value={"decimal": "1,000"}),
                "versions[0].parameters.cap.value.decimal",
            ),
            (
                lambda d: d["versions"][0]["parameters"]["cap"].update(valeu=1),
                "versions[0].parameters.cap.valeu",
            ),
            (lambda d: d.update(decided_by="cause"), "decided_by"),
        ],
    )
    def test_error_paths(self, change: Callable[[dict[str, Any]], object], field: str) -> None:
        """Each broken document is refused with the problem at its full path."""
        fields = _fields(_edit(change))
        assert fields[0] == field or fields[0].startswith(f"{field} "), fields

    def test_not_a_mapping(self) -> None:
        """A document that is not an object is refused by its kind."""
        assert _fields([1, 2]) == ["eligibility_policy"]

    def test_facts_class_must_match(self) -> None:
        """A facts= class that differs from the declaration is named fact by fact."""

        @facts
        class Other:
            incident_date: dt.date = fact(dt.date, label="when")
            extra: bool = fact(bool)

        problems = _problems(_pet(), facts=Other)
        fields = [field for field, _ in problems]
        assert fields[0] == "facts.incident_date"
        assert "does not match Other.incident_date" in problems[0][1]
        assert "facts.booked_on_platform" in fields
        assert "facts.extra" in fields

    def test_registry_must_be_a_mapping(self) -> None:
        """A registry of the wrong type is refused by name."""
        with pytest.raises(SafetycoreError) as caught:
            Policy.from_dict(_pet(), registry=[len])  # type: ignore[arg-type]
        assert caught.value.field == "registry"

    def test_call_needs_its_function_registered(self) -> None:
        """A call naming a function the registry lacks names the function's path."""
        document = _json(fx.UNLISTED_SPECIES.to_dict(registry=_fixture_registry()))
        [(field, reason)] = _problems(document, facts=fx.Visit)
        assert field == "versions[0].rules[1].when.args[1].function"
        assert "registry" in reason

    def test_value_not_written_without_a_name(self) -> None:
        """to_dict refuses a parameter object it cannot write and the registry does not name."""
        with pytest.raises(SafetycoreError) as caught:
            GROUP_HEALTH_ENROLMENT.to_dict()
        assert caught.value.field == "versions[0].parameters.waiting_period"

    def test_call_written_by_its_label(self) -> None:
        """A call function the registry does not name is written by its label."""
        document = fx.CLINIC.to_dict()
        node = document["versions"][0]["rules"][1]["when"]["args"][1]
        assert node == {"op": "call", "function": "age_limit", "args": [{"fact": "species"}]}

    def test_no_code_is_evaluated(self) -> None:
        """Text that would be code in a fact name or a function name is only ever a name."""
        document = _edit(lambda d: d["facts"].update({"__import__('os')": {"kind": "bool"}}))
        assert _fields(document) == ["facts.__import__('os')"]
        document = _json(fx.CLINIC.to_dict())
        document["versions"][0]["rules"][1]["when"]["args"][1]["function"] = "__import__"
        assert _fields(document, facts=fx.Visit)[0].endswith(".function")


def test_exclusion_and_unknown_call_shapes() -> None:
    """A call node accepts extra keys 'function' and 'label' only; 'label' round-trips."""
    rule = Rule("r", "R", F.age <= call(fx.AGE_LIMITS.__getitem__, F.species, label="limit"))
    policy = attrs.evolve(
        fx.CLINIC, versions=(PolicyVersion("x", fx.START, (rule,)),), decided_by=None
    )
    registry = {"ages": fx.AGE_LIMITS.__getitem__}
    document = _json(policy.to_dict(registry={"ages": registry["ages"]}))
    node = document["versions"][0]["rules"][0]["when"]["args"][1]
    assert node["label"] == "limit"
    assert Policy.from_dict(document, facts=fx.Visit, registry=registry) == policy


# -- the JSON Schema ------------------------------------------------------------------------------

_SCHEMA_TEXT = json.loads(
    files("safetycore.schemas").joinpath("eligibility_policy.schema.json").read_text()
)
SCHEMA = jsonschema.Draft202012Validator(_SCHEMA_TEXT)


class TestSchema:
    def test_is_a_draft_2020_12_schema_with_an_id(self) -> None:
        """The shipped schema is itself valid, with its $id and a description on each part."""
        jsonschema.Draft202012Validator.check_schema(_SCHEMA_TEXT)
        assert _SCHEMA_TEXT["$id"].endswith("/eligibility_policy.schema.json")
        assert all("description" in part for part in _SCHEMA_TEXT["$defs"].values())

    @pytest.mark.parametrize(
        "document",
        [
            PET_GUARANTEE.to_dict(),
            GROUP_HEALTH_ENROLMENT.to_dict(registry=REGISTRY),
            *(p.to_dict(registry=_fixture_registry()) for p in (fx.CLINIC, fx.TABLE_GAP)),
            fx.DOCUMENTS_DUE.to_dict(),
        ],
        ids=["pet", "enrolment", "clinic", "table-gap", "documents-due"],
    )
    def test_what_to_dict_writes_validates(self, document: dict[str, Any]) -> None:
        """Every document to_dict writes passes the schema."""
        assert [e.message for e in SCHEMA.iter_errors(_json(document))] == []

    def test_a_benefit_table_validates(self) -> None:
        """A payout's decision table (cells, default) fits the schema and round-trips."""
        table = DecisionTable(
            "benefit",
            (Input("species", domain={"dog", "cat", "rabbit"}), Input("age")),
            (
                Row(('"dog", "cat"', "< 5"), Decimal("300.00")),
                Row(('"dog", "cat"', "[5..10]"), Decimal("200")),
                Row(("-", "> 10"), Decimal("50")),
            ),
            hit_policy="F",
            default=Decimal("0"),
        )
        payout = Payout(owner_share=Decimal("10"), benefit=table, citation="s. 3")
        policy = attrs.evolve(
            fx.CLINIC, versions=(PolicyVersion("t", fx.START, (), payout=payout),),
            decided_by=None,
        )  # fmt: skip
        document = _json(policy.to_dict())
        assert list(SCHEMA.iter_errors(document)) == []
        assert Policy.from_dict(document, facts=fx.Visit) == policy

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            (lambda d: d.update(kind="workflow"), "kind"),
            (lambda d: d.update(warnigns=[]), "warnigns"),
            (lambda d: d["facts"]["service"].update(colour=1), "facts.service.colour"),
            (lambda d: _rule(d, 0, 1).update(type="requirement"), "versions[0].rules[1].type"),
            (lambda d: _rule(d, 0, 1)["when"].update(op="xor"), "versions[0].rules[1].when.op"),
            (lambda d: _rule(d, 0, 1)["when"]["args"].__setitem__(0, {"const": 1.5}),
             "versions[0].rules[1].when.args[0].const"),
            (lambda d: d["versions"][0]["payout"].update(owner_share=250),
             "versions[0].payout.owner_share"),
            (lambda d: _rule(d, 0, 4)["when"]["args"][1]["length"].update(unit="weeks"),
             "versions[0].rules[4].when.args[1].length.unit"),
            (lambda d: d["versions"][0].pop("rules"), "versions[0].rules"),
            (lambda d: d["versions"][0]["parameters"]["cap"].update(value={"decimal": "1,0"}),
             "versions[0].parameters.cap.value.decimal"),
        ],
    )  # fmt: skip
    def test_broken_documents_refused_by_both(
        self, change: Callable[[dict[str, Any]], object], field: str
    ) -> None:
        """A hand-broken document fails the schema and from_dict, which names the path."""
        document = _edit(change)
        assert list(SCHEMA.iter_errors(document)) != []
        assert _fields(document)[0] == field


class TestInstants:
    NY = "America/New_York"

    @pytest.mark.parametrize(
        ("wall", "fold"),
        [
            (dt.datetime(2025, 3, 9, 2, 0), 0),  # in the spring gap
            (dt.datetime(2025, 3, 9, 2, 30), 1),
            (dt.datetime(2025, 11, 2, 1, 30), 0),  # twice in the autumn fold
            (dt.datetime(2025, 11, 2, 1, 30), 1),
        ],
    )
    def test_wall_time_and_fold_come_back(self, wall: dt.datetime, fold: int) -> None:
        """An instant in a zone keeps its wall-clock time and fold, even in a DST gap."""
        from zoneinfo import ZoneInfo

        from safetycore.eligibility._documents import _Names, value_from_data, value_to_data

        value = wall.replace(tzinfo=ZoneInfo(self.NY), fold=fold)
        written = _json(value_to_data(value, _Names(None), "const"))
        back = value_from_data(written, _Names(None), "const")
        assert (back.replace(tzinfo=None), back.fold, back.tzinfo) == (wall, fold, value.tzinfo)
        assert value_to_data(back, _Names(None), "const") == written

    def test_a_naive_instant_is_naive_as_everywhere(self) -> None:
        """A constant instant without offset is a NaiveDatetimeError, as in every document."""
        from safetycore.eligibility._documents import _Names, value_from_data
        from safetycore.errors import NaiveDatetimeError

        with pytest.raises(NaiveDatetimeError) as caught:
            value_from_data({"datetime": "2026-01-01T00:00:00"}, _Names(None), "c")
        assert (caught.value.field, caught.value.value) == ("c.datetime", "2026-01-01T00:00:00")

    def test_offset_the_zone_never_has(self) -> None:
        """An offset the zone does not have at that wall time is refused at .datetime."""
        from safetycore.eligibility._documents import _Names, value_from_data

        with pytest.raises(SafetycoreError) as caught:
            value_from_data(
                {"datetime": "2025-07-01T12:00:00-05:00", "zone": self.NY}, _Names(None), "c"
            )
        assert caught.value.field == "c.datetime"

    def test_unknown_zone(self) -> None:
        """A zone that is not an IANA name is refused at .zone."""
        from safetycore.eligibility._documents import _Names, value_from_data

        with pytest.raises(SafetycoreError) as caught:
            value_from_data(
                {"datetime": "2025-07-01T12:00:00-04:00", "zone": "Mars/Olympus"}, _Names(None), "c"
            )
        assert caught.value.field == "c.zone"
