"""Policies: everything checked at construction, and the version in force on a claim's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from safetycore.eligibility import (
    MISSING,
    NOT_APPLICABLE,
    Evidence,
    Exclusion,
    F,
    InvoiceLine,
    Param,
    Parameter,
    Payout,
    Policy,
    PolicyVersion,
    Rule,
    Verdict,
    days,
    decide,
    documents,
    fact,
    facts,
    hours,
)
from safetycore.eligibility.pet_guarantee import PetGuaranteeClaim
from safetycore.errors import ConfigurationError, InputTypeError, InvalidArgumentError

NY = ZoneInfo("America/New_York")
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14: its date runs ahead of UTC's


@facts
class Claim:
    """Facts for policy tests: date and datetime dating facts, a flag, money, text, documents."""

    day: dt.date = fact(dt.date)
    at: dt.datetime = fact(dt.datetime)
    flag: bool = fact(bool)
    amount: Decimal = fact(Decimal)
    note: str = fact(str)
    docs: frozenset[str] = documents()
    invoice: tuple[InvoiceLine, ...] = fact(tuple, of=InvoiceLine)


JAN = dt.date(2026, 1, 1)
JUL = dt.date(2026, 7, 1)
FLAG = Rule("flag", "The flag is set", F.flag.is_true())
UNDER_LIMIT = Rule("under-limit", "At most the limit", F.amount <= Param("limit"))


def version(name: str, start: dt.date, *rules: Any, **options: Any) -> PolicyVersion:
    """A version with the given rules (the flag rule if none)."""
    return PolicyVersion(name, start, rules or (FLAG,), **options)


def policy(*versions: PolicyVersion, decided_by: str = "day") -> Policy:
    """A policy over ``Claim`` with the given versions (one from January 2026 if none)."""
    return Policy(
        id="p",
        title="Test policy",
        facts=Claim,
        decided_by=decided_by,
        versions=versions or (version("1", JAN),),
    )


def limits(decided_by: str = "day") -> Policy:
    """Two versions given out of order: "a" (limit 100) from January, "b" (200) from July."""
    return policy(
        version("b", JUL, UNDER_LIMIT, parameters={"limit": Parameter(Decimal(200), "s. 2")}),
        version("a", JAN, UNDER_LIMIT, parameters={"limit": Parameter(Decimal(100), "s. 1")}),
        decided_by=decided_by,
    )


class TestPolicyConstruction:
    def test_rule_reading_an_undeclared_fact(self) -> None:
        """A rule that reads an undeclared fact raises ConfigurationError naming rule and fact."""
        bad = Rule("typo", "Typo", F.flagg.is_true())
        with pytest.raises(ConfigurationError) as caught:
            policy(version("1", JAN, FLAG, bad))
        assert caught.value.field == "versions[0].rules[1] (typo)"
        assert caught.value.value == "flagg"
        assert isinstance(caught.value, ValueError)

    def test_applies_if_reading_an_undeclared_fact(self) -> None:
        """An ``applies_if`` reading an undeclared fact is refused the same way."""
        bad = Rule("r", "R", F.flag.is_true(), applies_if=F.kind.equals("dog"))
        with pytest.raises(ConfigurationError) as caught:
            policy(version("1", JAN, bad))
        assert caught.value.value == "kind"

    def test_repeated_version_names(self) -> None:
        """Two versions with one name raise ConfigurationError naming ``versions`` and the name."""
        with pytest.raises(ConfigurationError) as caught:
            policy(version("1", JAN), version("1", JUL))
        assert caught.value.field == "versions"
        assert caught.value.value == "1"

    def test_repeated_effective_from(self) -> None:
        """Two versions starting the same day raise ConfigurationError naming the date."""
        with pytest.raises(ConfigurationError) as caught:
            policy(version("1", JAN), version("2", JAN))
        assert caught.value.field == "versions"
        assert caught.value.value == JAN

    def test_no_versions(self) -> None:
        """A policy without versions raises ConfigurationError naming ``versions``."""
        with pytest.raises(ConfigurationError) as caught:
            Policy(id="p", title="P", facts=Claim, decided_by="day", versions=[])
        assert caught.value.field == "versions"

    def test_version_of_the_wrong_type(self) -> None:
        """A version that is not a PolicyVersion raises InputTypeError naming its index."""
        with pytest.raises(InputTypeError) as caught:
            Policy(id="p", title="P", facts=Claim, decided_by="day", versions=[FLAG])  # type: ignore[list-item]
        assert caught.value.field == "versions[0]"

    def test_evidence_over_a_non_documents_fact(self) -> None:
        """Evidence reading a plain str fact raises ConfigurationError naming its documents."""
        bad = Evidence("proof", "Proof", ("invoice",), documents="note")
        with pytest.raises(ConfigurationError) as caught:
            policy(version("1", JAN, FLAG, bad))
        assert caught.value.field == "versions[0].rules[1].documents"
        assert caught.value.value == "note"

    def test_decided_by_a_non_date_fact(self) -> None:
        """``decided_by`` naming a bool fact raises ConfigurationError naming ``decided_by``."""
        with pytest.raises(ConfigurationError) as caught:
            policy(decided_by="flag")
        assert caught.value.field == "decided_by"
        assert caught.value.value == "flag"

    def test_decided_by_an_undeclared_fact(self) -> None:
        """``decided_by`` naming no fact at all raises ConfigurationError too."""
        with pytest.raises(ConfigurationError) as caught:
            policy(decided_by="incident_date")
        assert caught.value.field == "decided_by"
        assert caught.value.value == "incident_date"

    def test_no_decided_by_with_two_versions(self) -> None:
        """Without ``decided_by`` two versions cannot be told apart: ConfigurationError."""
        with pytest.raises(ConfigurationError) as caught:
            policy(version("1", JAN), version("2", JUL), decided_by=None)  # type: ignore[arg-type]
        assert caught.value.field == "decided_by"

    def test_facts_not_made_with_facts(self) -> None:
        """A facts class not made with @facts raises InputTypeError naming ``facts``."""
        with pytest.raises(InputTypeError) as caught:
            Policy(id="p", title="P", facts=dict, decided_by="day", versions=[version("1", JAN)])
        assert caught.value.field == "facts"

    def test_param_the_version_lacks_in_a_rule(self) -> None:
        """A rule's Param the version lacks raises ConfigurationError when the policy is built."""
        with pytest.raises(ConfigurationError) as caught:
            policy(version("1", JAN, UNDER_LIMIT, parameters={"cap": Parameter(1, "s")}))
        assert caught.value.value == "limit"
        assert "cap" in str(caught.value)

    def test_param_the_version_lacks_in_a_deadline(self) -> None:
        """An evidence deadline with an unknown Param raises ConfigurationError at construction."""
        proof = Evidence(
            "proof", "Proof", ("invoice",), due=F.day.plus(days(Param("within"))), documents="docs"
        )
        with pytest.raises(ConfigurationError) as caught:
            policy(version("1", JAN, proof))
        assert caught.value.value == "within"

    def test_param_of_only_one_version_is_refused(self) -> None:
        """Each version is checked on its own: the one lacking the parameter is refused."""
        with pytest.raises(ConfigurationError) as caught:
            policy(
                version("a", JAN, UNDER_LIMIT, parameters={"limit": Parameter(Decimal(1), "s")}),
                version("b", JUL, UNDER_LIMIT),
            )
        assert caught.value.value == "limit"

    def test_param_the_version_lacks_in_the_payout(self) -> None:
        """A payout Param the version lacks raises ConfigurationError when the policy is built."""
        with pytest.raises(ConfigurationError):
            policy(version("1", JAN, FLAG, payout=Payout(owner_share=Param("share"))))

    def test_payout_lines_fact_not_a_tuple(self) -> None:
        """A payout whose ``lines`` fact is a str raises ConfigurationError naming it."""
        payout = Payout(owner_share=Decimal(0), lines="note")
        with pytest.raises(ConfigurationError) as caught:
            policy(version("1", JAN, FLAG, payout=payout))
        assert caught.value.field == "versions[0].payout.lines"
        assert caught.value.value == "note"

    def test_payout_lines_fact_undeclared(self) -> None:
        """A payout reading an undeclared invoice fact raises ConfigurationError naming it."""
        payout = Payout(owner_share=Decimal(0), lines="bill")
        with pytest.raises(ConfigurationError) as caught:
            policy(version("1", JAN, FLAG, payout=payout))
        assert caught.value.field == "versions[0].payout"
        assert caught.value.value == "bill"


class TestPolicyVersionConstruction:
    def test_repeated_rule_ids(self) -> None:
        """Two rules with one id raise ConfigurationError naming ``rules`` and the id."""
        with pytest.raises(ConfigurationError) as caught:
            version("1", JAN, FLAG, Exclusion("flag", "Flag", F.flag.is_false()))
        assert caught.value.field == "rules"
        assert caught.value.value == "flag"

    def test_rule_of_the_wrong_type(self) -> None:
        """A rule that is not a Rule, Exclusion or Evidence raises InputTypeError with its index."""
        with pytest.raises(InputTypeError) as caught:
            version("1", JAN, FLAG, F.flag.is_true())
        assert caught.value.field == "rules[1]"

    def test_parameter_of_the_wrong_type(self) -> None:
        """A parameter given as a bare value raises InputTypeError naming its key."""
        with pytest.raises(InputTypeError) as caught:
            version("1", JAN, parameters={"limit": 100})
        assert caught.value.field == "parameters['limit']"
        assert caught.value.value == 100

    def test_effective_from_datetime_is_refused(self) -> None:
        """A datetime ``effective_from`` raises InputTypeError naming the field."""
        with pytest.raises(InputTypeError) as caught:
            version("1", dt.datetime(2026, 1, 1, tzinfo=NY))
        assert caught.value.field == "effective_from"

    def test_rule_lookup(self) -> None:
        """``rule(id)`` finds a rule; an unknown id raises InvalidArgumentError listing the ids."""
        v = version("1", JAN, FLAG, UNDER_LIMIT)
        assert v.rule("under-limit") is UNDER_LIMIT
        with pytest.raises(InvalidArgumentError, match="flag, under-limit") as caught:
            v.rule("nope")
        assert (caught.value.field, caught.value.value) == ("rule_id", "nope")
        assert isinstance(caught.value, LookupError)


BUILDERS: list[Callable[[str], object]] = [
    lambda rule_id: Rule(rule_id, "R", F.flag.is_true()),
    lambda rule_id: Exclusion(rule_id, "E", F.flag.is_true()),
    lambda rule_id: Evidence(rule_id, "E", ("invoice",)),
]


class TestRuleIds:
    @pytest.mark.parametrize("bad", ["1abc", "has space", "", "-lead", "a/b"])
    @pytest.mark.parametrize("build", BUILDERS, ids=["rule", "exclusion", "evidence"])
    def test_bad_id_is_refused(self, bad: str, build: Callable[[str], object]) -> None:
        """An id not starting with a letter or holding other characters is refused by every kind."""
        with pytest.raises(ConfigurationError) as caught:
            build(bad)
        assert caught.value.field == "id"
        assert caught.value.value == bad

    @pytest.mark.parametrize("good", ["a", "reported-in-time", "s4.2_b", "A1"])
    def test_good_id_is_accepted(self, good: str) -> None:
        """Letters, digits, ``_``, ``.`` and ``-`` after a first letter are accepted."""
        assert Rule(good, "R", F.flag.is_true()).id == good

    def test_holds_must_be_a_predicate(self) -> None:
        """A rule whose ``holds`` is a bool (``F.x == 1``) raises TypeError."""
        with pytest.raises(TypeError):
            Rule("r", "R", F.flag == True)  # type: ignore[arg-type]  # noqa: E712


class TestEvidenceConstruction:
    @pytest.mark.parametrize("need", [0, 3, -1])
    def test_need_out_of_range(self, need: int) -> None:
        """``need`` outside 1..len(accepted) raises InvalidArgumentError naming ``need``."""
        with pytest.raises(InvalidArgumentError) as caught:
            Evidence("proof", "Proof", ("invoice", "receipt"), need=need)
        assert caught.value.field == "need"
        assert caught.value.value == need

    def test_need_counts_distinct_kinds(self) -> None:
        """A kind listed twice counts once: need 2 of ("a", "a") is refused."""
        with pytest.raises(InvalidArgumentError):
            Evidence("proof", "Proof", ("invoice", "invoice"), need=2)

    def test_need_must_be_an_int(self) -> None:
        """A bool ``need`` raises InputTypeError (a wrong type) naming ``need``."""
        with pytest.raises(InputTypeError) as caught:
            Evidence("proof", "Proof", ("invoice",), need=True)
        assert caught.value.field == "need"

    def test_accepted_must_not_be_empty(self) -> None:
        """No accepted kinds raises ConfigurationError naming ``accepted``."""
        with pytest.raises(ConfigurationError) as caught:
            Evidence("proof", "Proof", ())
        assert caught.value.field == "accepted"

    def test_due_must_be_a_deadline(self) -> None:
        """A ``due`` that is a plain fact raises ConfigurationError naming ``due``."""
        with pytest.raises(ConfigurationError) as caught:
            Evidence("proof", "Proof", ("invoice",), due=F.day)
        assert caught.value.field == "due"

    @pytest.mark.parametrize(
        ("accepted", "need", "text"),
        [
            (("vet_invoice",), 1, "vet invoice"),
            (("vet_invoice", "receipt"), 1, "any one of: vet invoice, receipt"),
            (("vet_invoice", "receipt"), 2, "all of: vet invoice, receipt"),
            (("a", "b", "c"), 2, "2 of: a, b, c"),
        ],
    )
    def test_describe(self, accepted: tuple[str, ...], need: int, text: str) -> None:
        """``describe`` says which kinds count and how many are needed."""
        assert Evidence("proof", "Proof", accepted, need=need).describe() == text


class TestVersionFor:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (dt.date(2025, 12, 31), None),
            (dt.date(2026, 1, 1), "a"),
            (dt.date(2026, 6, 30), "a"),
            (dt.date(2026, 7, 1), "b"),
            (dt.date(2030, 1, 1), "b"),
        ],
    )
    def test_by_a_date_fact(self, day: dt.date, expected: str | None) -> None:
        """Each date is decided by the latest version starting on or before it (None before all)."""
        chosen = limits().version_for(Claim(day=day))
        assert (None if chosen is None else chosen.version) == expected

    def test_versions_are_sorted_by_date(self) -> None:
        """Versions given out of order are kept in date order."""
        assert [v.version for v in limits().versions] == ["a", "b"]

    @pytest.mark.parametrize("absent", [MISSING, NOT_APPLICABLE])
    def test_absent_date(self, absent: object) -> None:
        """An absent date chooses no version; ``version_index`` returns the absent value."""
        claim = Claim(day=absent)
        assert limits().version_for(claim) is None
        assert limits().version_index(claim) is absent

    def test_before_the_first_version_index(self) -> None:
        """A date before the first version has index -1."""
        assert limits().version_index(Claim(day=dt.date(2025, 12, 31))) == -1

    def test_aware_datetime_uses_its_local_date(self) -> None:
        """2026-06-30 23:30 in New York (03:30 UTC on July 1) is decided by June's version."""
        at = dt.datetime(2026, 6, 30, 23, 30, tzinfo=NY)
        chosen = limits("at").version_for(Claim(at=at))
        assert chosen is not None
        assert chosen.version == "a"

    def test_aware_datetime_ahead_of_utc(self) -> None:
        """2026-07-01 00:30 at UTC+14 (June 30 10:30 UTC) is decided by July's version."""
        at = dt.datetime(2026, 7, 1, 0, 30, tzinfo=KIRITIMATI)
        chosen = limits("at").version_for(Claim(at=at))
        assert chosen is not None
        assert chosen.version == "b"

    def test_decide_uses_the_version_in_force(self) -> None:
        """150 is over January's limit of 100 and within July's limit of 200."""
        p = limits()
        before = decide(p, Claim(day=dt.date(2026, 6, 30), amount=Decimal(150)))
        after = decide(p, Claim(day=dt.date(2026, 7, 1), amount=Decimal(150)))
        assert (before.version, before.verdict) == ("a", Verdict.INELIGIBLE)
        assert (after.version, after.verdict) == ("b", Verdict.ELIGIBLE)


class TestPinned:
    @pytest.mark.parametrize(
        "day", [dt.date.min, dt.date(2025, 1, 1), dt.date(2026, 7, 1), dt.date(2099, 12, 31)]
    )
    def test_applies_to_every_date(self, day: dt.date) -> None:
        """A pinned version is in force on every date, before its start and after later ones."""
        pinned = limits().pinned("a")
        chosen = pinned.version_for(Claim(day=day))
        assert chosen is not None
        assert chosen.version == "a"

    def test_keeps_only_that_version(self) -> None:
        """The pinned copy holds the one version, its parameters intact."""
        pinned = limits().pinned("b")
        assert [v.version for v in pinned.versions] == ["b"]
        assert pinned.versions[0].parameters["limit"].value == Decimal(200)
        assert pinned.decided_by is None

    @pytest.mark.parametrize("absent", [MISSING, NOT_APPLICABLE])
    def test_applies_without_a_date(self, absent: object) -> None:
        """A pinned version decides a claim whose date is absent: it does not read the date."""
        chosen = limits().pinned("a").version_for(Claim(day=absent))
        assert chosen is not None
        assert chosen.version == "a"

    def test_pinned_decides_with_its_parameters(self) -> None:
        """Pinned to "b", a January claim of 150 is within the limit of 200."""
        pinned = limits().pinned("b")
        decision = decide(pinned, Claim(day=dt.date(2026, 1, 15), amount=Decimal(150)))
        assert decision.verdict is Verdict.ELIGIBLE

    def test_unknown_version(self) -> None:
        """Pinning a version the policy lacks raises InvalidArgumentError naming ``version``."""
        with pytest.raises(InvalidArgumentError, match="its versions: ") as caught:
            limits().pinned("c")
        assert (caught.value.field, caught.value.value) == ("version", "c")
        assert isinstance(caught.value, LookupError)  # as before it named the versions

    def test_version_of_the_wrong_type(self) -> None:
        """Pinning a version given as a non-str raises InputTypeError naming ``version``."""
        with pytest.raises(InputTypeError) as caught:
            limits().pinned(2024)  # type: ignore[arg-type]
        assert (caught.value.field, caught.value.value) == ("version", 2024)

    def test_original_is_unchanged(self) -> None:
        """Pinning returns a copy; the policy keeps both versions."""
        p = limits()
        p.pinned("a")
        assert [v.version for v in p.versions] == ["a", "b"]


class TestFactSpecsProperty:
    def test_lists_the_declared_facts(self) -> None:
        """``Policy.fact_specs`` lists the facts class's facts by name."""
        assert list(policy().fact_specs) == [
            "day",
            "at",
            "flag",
            "amount",
            "note",
            "docs",
            "invoice",
        ]


@facts
class Known:
    """Facts whose documents fact lists the kinds that exist."""

    day: dt.date = fact(dt.date)
    at: dt.datetime = fact(dt.datetime)
    note: str = fact(str)
    docs: frozenset[str] = documents(kinds={"invoice", "receipt"})
    invoice: tuple[InvoiceLine, ...] = fact(tuple, of=InvoiceLine)


def known(*rules: Any, **options: Any) -> Policy:
    """A policy over ``Known`` with one version."""
    return Policy(
        id="k",
        title="Known",
        facts=Known,
        decided_by="day",
        versions=[PolicyVersion("1", JAN, rules, **options)],
    )


class TestChecksWhenBuilt:
    """Mistakes a policy can show before any claim is decided are refused when it is built."""

    def test_date_compared_with_datetime(self) -> None:
        """Comparing a date fact with a datetime fact names the rule and both kinds."""
        with pytest.raises(ConfigurationError, match="compares a date with a datetime"):
            known(Rule("r", "r", F.day <= F.at))

    def test_text_compared_with_number(self) -> None:
        """Comparing a str fact with a number is refused."""
        with pytest.raises(ConfigurationError, match="compares a str with a int"):
            known(Rule("r", "r", F.note < 5))

    def test_includes_on_text(self) -> None:
        """includes() on a str fact is refused."""
        with pytest.raises(ConfigurationError, match="includes"):
            known(Rule("r", "r", F.note.includes({"a"})))

    def test_option_of_another_kind(self) -> None:
        """is_in() with a number option for a str fact is refused."""
        with pytest.raises(ConfigurationError, match="option 3"):
            known(Rule("r", "r", F.note.is_in({"a", 3})))

    def test_evidence_kind_the_documents_fact_does_not_know(self) -> None:
        """An evidence rule accepting an unknown kind (a typo) is refused, naming it."""
        with pytest.raises(ConfigurationError) as caught:
            known(Evidence("e", "e", ("invoce",), documents="docs"))
        assert caught.value.field == "versions[0].rules[0].accepted"
        assert "invoce" in str(caught.value)

    def test_evidence_kinds_as_a_bare_str(self) -> None:
        """A bare str for the accepted kinds is refused (it would be a set of letters)."""
        with pytest.raises(InputTypeError) as caught:
            Evidence("e", "e", "invoice")  # type: ignore[arg-type]
        assert (caught.value.field, caught.value.value) == ("accepted", "invoice")

    @pytest.mark.parametrize("amount", [Decimal("-50"), Decimal("NaN"), "250", 250])
    def test_money_parameter_must_be_an_amount(self, amount: object) -> None:
        """A negative, NaN, str or int owner's share parameter is refused when built."""
        with pytest.raises((InputTypeError, InvalidArgumentError)) as caught:
            known(
                Rule("r", "r", F.note.equals("x")),
                payout=Payout(owner_share=Param("share")),
                parameters={"share": Parameter(amount, "s. 1")},
            )
        assert caught.value.field == "versions[0].payout.owner_share"

    @pytest.mark.parametrize(
        ("percent", "error"),
        [
            (Decimal("120"), InvalidArgumentError),
            (Decimal("NaN"), InvalidArgumentError),
            (80, InputTypeError),
        ],
    )
    def test_percent_parameter_must_be_a_percentage(
        self, percent: object, error: type[Exception]
    ) -> None:
        """A ``pays_percent`` parameter of 120, NaN or an int is refused when built."""
        with pytest.raises(error) as caught:
            known(
                Rule("r", "r", F.note.equals("x")),
                payout=Payout(owner_share=Decimal(0), pays_percent=Param("coinsurance")),
                parameters={"coinsurance": Parameter(percent, "s. 2")},
            )
        assert caught.value.field == "versions[0].payout.pays_percent"  # type: ignore[attr-defined]

    def test_percent_param_the_version_lacks(self) -> None:
        """A ``pays_percent`` Param the version lacks raises when the policy is built."""
        with pytest.raises(ConfigurationError) as caught:
            known(
                Rule("r", "r", F.note.equals("x")),
                payout=Payout(owner_share=Decimal(0), pays_percent=Param("coinsurance")),
            )
        assert caught.value.value == "coinsurance"

    def test_care_window_from_a_datetime_fact(self) -> None:
        """A care window counted from a datetime fact is refused (invoice lines carry dates)."""
        with pytest.raises(ConfigurationError, match="date fact"):
            known(
                payout=Payout(owner_share=Decimal(0), care_within=days(30), care_from="at"),
            )

    def test_care_window_in_hours(self) -> None:
        """A care window in hours is refused."""
        from safetycore.eligibility import hours

        with pytest.raises(ConfigurationError, match="days"):
            known(
                payout=Payout(owner_share=Decimal(0), care_within=hours(30), care_from="day"),
            )

    def test_excluded_categories_as_a_bare_str(self) -> None:
        """A bare str for the excluded categories is refused."""
        with pytest.raises(InputTypeError):
            Payout(owner_share=Decimal(0), excluded="preventive")


class TestMissingParameterIsNamed:
    """A Param the version lacks names the rule or payout field, not ``Param.name``."""

    def test_in_a_rule_window(self) -> None:
        """A deadline's window parameter missing names the rule (it said Param.name before)."""
        rule = Rule("late", "Late", F.reported_at <= F.booking_ended_at.plus(hours(Param("w"))))
        with pytest.raises(ConfigurationError) as caught:
            Policy(
                id="p", title="P", facts=PetGuaranteeClaim, decided_by=None,
                versions=(PolicyVersion("1", dt.date(2026, 1, 1), (rule,)),),
            )  # fmt: skip
        assert (caught.value.field, caught.value.value) == ("versions[0].rules[0] (late)", "w")

    def test_in_a_payout_amount(self) -> None:
        """A payout amount's parameter missing names the payout field."""
        version = PolicyVersion("1", dt.date(2026, 1, 1), (), payout=Payout(owner_share=Param("s")))
        with pytest.raises(ConfigurationError) as caught:
            Policy(id="p", title="P", facts=PetGuaranteeClaim, decided_by=None, versions=(version,))
        assert caught.value.field == "versions[0].payout.owner_share"
