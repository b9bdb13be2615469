"""SLA policies as data: exact round trips, the schema, and every error path with its full path."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs in the venv
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetycore.errors import (
    ConfigurationError,
    ConfigurationErrorGroup,
    InputTypeError,
    NaiveDatetimeError,
    SafetycoreError,
    UnknownNameError,
    UnknownTimeZoneError,
)
from safetycore.events import Channel, StatusCategory, StatusMap
from safetycore.sla import (
    FIRST_REPLY,
    RESOLUTION,
    SIGNALS,
    BusinessDays,
    Calendar,
    Condition,
    EndOfBusinessDay,
    Metric,
    Policy,
    PolicyVersion,
    Restart,
    SlaPolicy,
    Target,
    VersionedCalendar,
    evaluate,
)
from safetycore.testing.clocks import case_histories
from safetycore.testing.strategies import calendars

SCHEMA = json.loads(
    (files("safetycore") / "schemas" / "sla_policy.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
H = timedelta(hours=1)
ZONE = "America/Chicago"
OFFICE = VersionedCalendar(
    "office",
    "2025",
    Calendar.from_dict(
        {"zone": ZONE, "hours": {"mon-fri": "08:00-18:00"}, "holidays": [{"country": "US"}]}
    ),
)
ALWAYS = VersionedCalendar("24/7", "1", Calendar.always(ZONE))


def _demo_policy(name: str, urgent_reply: timedelta, resolution: timedelta) -> SlaPolicy:
    """The demo's policies as demo/policies.py built them in Python before they were data."""
    return SlaPolicy(
        "care",
        [
            PolicyVersion(
                name,
                datetime(2020, 1, 1, tzinfo=UTC),
                [
                    Policy(
                        "urgent",
                        [
                            Target("first_reply", urgent_reply, ALWAYS),
                            Target("resolution", 24 * H, ALWAYS),
                        ],
                        when=Condition(priority="urgent"),
                    ),
                    Policy(
                        "high",
                        [
                            Target("first_reply", 4 * H, OFFICE),
                            Target("resolution", 16 * H, OFFICE),
                        ],
                        when=Condition(priority="high"),
                    ),
                    Policy(
                        "standard",
                        [
                            Target("first_reply", 8 * H, OFFICE),
                            Target("resolution", resolution, OFFICE),
                        ],
                    ),
                ],
            )
        ],
    )


CURRENT = _demo_policy("current", H, 40 * H)
PROPOSED = _demo_policy("proposed", H / 2, 30 * H)

# A policy using every part of the document: statuses, two versions of one calendar name,
# custom and standard metrics, conditions on every criterion, all three target forms.
OFFICE_2026 = VersionedCalendar(
    "office", "2026", Calendar.from_dict({"zone": ZONE, "hours": {"mon-fri": "09:00-17:00"}})
)
AWAITING = Metric(
    "awaiting_customer",
    start="created",
    stop=["status:solved", "status:closed"],
    pause_on="agent_public_reply",
    resume_on="customer_reply",
    pause_in=[StatusCategory.ON_HOLD],
    restart=Restart.RESUME,
    after="first_reply",
)
FULL = SlaPolicy(
    "full",
    [
        PolicyVersion(
            "2025",
            datetime(2025, 1, 1, tzinfo=UTC),
            [
                Policy(
                    "vip",
                    [
                        Target("first_reply", EndOfBusinessDay(0), OFFICE, warnings=[25]),
                        Target("resolution", BusinessDays(3), OFFICE, warnings=()),
                    ],
                    when=Condition(
                        priority=["high", "urgent"],
                        channel=["email", "phone"],
                        category="billing",
                        tags=["vip"],
                    ),
                ),
                Policy("rest", [Target("awaiting_customer", 8 * H, ALWAYS)]),
            ],
            [FIRST_REPLY, RESOLUTION, AWAITING],
        ),
        PolicyVersion(
            "2026",
            datetime(2026, 1, 1, 6, tzinfo=UTC),
            [Policy("all", [Target("first_reply", EndOfBusinessDay(1), OFFICE_2026)])],
        ),
    ],
    statuses=StatusMap({"Escalated": "open", "Awaiting customer": "pending", "Done": "solved"}),
)


def problems_of(data: object, **options: Any) -> list[tuple[type[SafetycoreError], str]]:
    """Each problem ``from_dict`` reports: its class and full path."""
    with pytest.raises(ConfigurationErrorGroup) as caught:
        SlaPolicy.from_dict(data, **options)  # type: ignore[arg-type]
    found = []
    for error in caught.value.exceptions:
        assert isinstance(error, SafetycoreError)  # flat: the reader flattens nested groups
        found.append((type(error), error.field))
    return found


def broken(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    """FULL's document with ``change`` applied (to a copy)."""
    document = copy.deepcopy(FULL.to_dict())
    change(document)
    return document


def _target(document: dict[str, Any], v: int = 0, p: int = 0, t: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = document["versions"][v]["policies"][p]["targets"][t]
    return found


# -- drawn policies --------------------------------------------------------------------------

NAMES = st.text("abcdeé-_ @", min_size=1, max_size=6)
WITHIN = st.one_of(
    st.timedeltas(timedelta(microseconds=1), timedelta(days=30)),
    st.builds(BusinessDays, st.integers(1, 10)),
    st.builds(EndOfBusinessDay, st.integers(0, 10)),
)
SIGNAL_LIST = sorted(SIGNALS)
CHANNELS = [str(channel) for channel in Channel]


@st.composite
def metrics(draw: st.DrawFn, name: str, earlier: list[str]) -> Metric:
    signals = st.sets(st.sampled_from(SIGNAL_LIST), min_size=1, max_size=3)
    held = draw(st.booleans())
    pause_on = draw(signals) if held else frozenset()
    resume_on = (
        draw(st.sets(st.sampled_from(sorted(set(SIGNAL_LIST) - pause_on)), min_size=1))
        if held
        else frozenset()
    )
    stop, cancel = draw(signals), draw(st.sets(st.sampled_from(SIGNAL_LIST), max_size=2))
    reset = draw(st.sets(st.sampled_from(sorted(set(SIGNAL_LIST) - stop - cancel)), max_size=2))
    return Metric(
        name,
        start=draw(signals),
        stop=stop,
        cancel=cancel,
        pause_in=draw(st.sets(st.sampled_from(list(StatusCategory)), max_size=2)),
        restart=draw(st.sampled_from(list(Restart))),
        after=draw(st.sampled_from([None, *earlier])),
        reset=reset,
        pause_on=pause_on,
        resume_on=resume_on,
    )


@st.composite
def sla_policies(draw: st.DrawFn) -> SlaPolicy:
    """Any valid policy: drawn calendars (two versions of a name at times), metrics, rows."""
    pool = [
        VersionedCalendar(draw(st.sampled_from(["office", "eu", "24/7"])), str(k), calendar)
        for k, calendar in enumerate(
            draw(st.lists(calendars(holidays=False), min_size=1, max_size=3))
        )
    ]
    versions = []
    effective = draw(st.lists(st.integers(0, 10**6), min_size=1, max_size=3, unique=True))
    for v, minutes in enumerate(effective):
        if draw(st.booleans()):
            tracked = None
            names = ["first_reply", "resolution", "next_reply"]
        else:
            custom: list[Metric] = []
            for m in range(draw(st.integers(1, 3))):
                custom.append(draw(metrics(f"m{m}", [c.name for c in custom])))
            tracked = [*draw(st.sets(st.sampled_from([FIRST_REPLY, RESOLUTION]))), *custom]
            names = [metric.name for metric in tracked]
        rows = []
        for r in range(draw(st.integers(0, 3))):
            chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=3))
            targets = [
                Target(
                    metric,
                    draw(WITHIN),
                    draw(st.sampled_from(pool)),
                    draw(st.sets(st.integers(1, 99), max_size=3)),
                )
                for metric in chosen
            ]
            when = Condition(
                priority=draw(st.none() | st.sets(NAMES, min_size=1, max_size=2)),
                channel=draw(
                    st.none() | st.sets(st.sampled_from([str(c) for c in Channel]), min_size=1)
                ),
                category=draw(st.none() | st.sets(NAMES, min_size=1, max_size=2)),
                tags=draw(st.none() | st.sets(NAMES, min_size=1, max_size=2)),
            )
            rows.append(Policy(f"row {r}", targets, when=when))
        at = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes, microseconds=v)
        if tracked is None:
            versions.append(PolicyVersion(f"v{v}", at, rows))
        else:
            versions.append(PolicyVersion(f"v{v}", at, rows, tracked))
    statuses = draw(
        st.none()
        | st.dictionaries(NAMES, st.sampled_from(list(StatusCategory)), min_size=1).map(StatusMap)
    )
    return SlaPolicy(draw(NAMES), versions, statuses=statuses)


class TestRoundTrip:
    @settings(max_examples=60, deadline=None)
    @given(sla_policies())
    def test_from_dict_of_to_dict_is_the_policy(self, policy: SlaPolicy) -> None:
        """Exact: through JSON text too; the document validates; writing it again is the same."""
        document = policy.to_dict()
        text = json.dumps(document, sort_keys=False)
        read = SlaPolicy.from_dict(json.loads(text))
        assert read == policy
        assert read.to_dict() == document
        assert json.dumps(read.to_dict()) == text  # deterministic, key order included
        VALIDATOR.validate(document)

    @settings(max_examples=20, deadline=None)
    @given(sla_policies(), case_histories())
    def test_answers_are_identical(self, policy: SlaPolicy, history: Any) -> None:
        """The policy read back gives the same report for a case as the one written."""
        read = SlaPolicy.from_dict(policy.to_dict())
        as_of = history.events[-1].at + timedelta(days=3)
        try:
            expected = evaluate(history, policy, as_of)
        except SafetycoreError as error:  # before the first version, a calendar never open
            with pytest.raises(type(error)):
                evaluate(history, read, as_of)
            return
        assert evaluate(history, read, as_of) == expected

    def test_the_full_policy(self) -> None:
        """Every part of the document: statuses, two versions of a name, metrics, day forms."""
        document = FULL.to_dict()
        VALIDATOR.validate(document)
        assert SlaPolicy.from_dict(document) == FULL
        assert sorted(document["calendars"]) == ["24/7", "office@2025", "office@2026"]
        assert document["calendars"]["office@2026"]["name"] == "office"
        assert "name" not in document["calendars"]["24/7"]
        first = document["versions"][0]
        assert first["metrics"][:2] == ["first_reply", "resolution"]
        assert first["metrics"][2]["pause_on"] == ["agent_public_reply"]
        assert first["policies"][0]["when"] == {
            "priority": ["high", "urgent"],
            "channel": ["email", "phone"],
            "category": ["billing"],
            "tags": ["vip"],
        }
        assert first["policies"][0]["targets"] == [
            {
                "metric": "first_reply",
                "end_of_business_day": 0,
                "calendar": "office@2025",
                "warnings": [25],
            },
            {"metric": "resolution", "business_days": 3, "calendar": "office@2025", "warnings": []},
        ]
        assert "metrics" not in document["versions"][1]  # the standard ones
        assert document["statuses"] == {
            "Awaiting customer": "pending",
            "Done": "solved",
            "Escalated": "open",
        }

    def test_calendars_by_name_from_the_caller(self) -> None:
        """``inline_calendars=False`` leaves the section out; ``calendars=`` resolves names."""
        document = CURRENT.to_dict(inline_calendars=False)
        assert "calendars" not in document
        VALIDATOR.validate(document)
        given = {"office": OFFICE, "24/7": ALWAYS}
        assert SlaPolicy.from_dict(document, calendars=given) == CURRENT

    def test_a_calendar_in_both_places_must_be_the_same(self) -> None:
        """The document's calendar and the caller's under one reference: equal is fine."""
        assert SlaPolicy.from_dict(CURRENT.to_dict(), calendars={"office": OFFICE}) == CURRENT
        other = VersionedCalendar("office", "2099", OFFICE.calendar)
        assert problems_of(CURRENT.to_dict(), calendars={"office": other}) == [
            (ConfigurationError, "calendars.office")
        ]

    def test_defaults_may_be_left_out(self) -> None:
        """Absent warnings are 50 and 75, absent ``when`` any case, a custom metric's defaults."""
        document = broken(lambda d: None)
        del _target(document)["warnings"]
        del document["versions"][0]["policies"][0]["when"]
        custom = document["versions"][0]["metrics"][2]
        for key in ("cancel", "reset", "pause_in", "restart", "after"):
            del custom[key]
        read = SlaPolicy.from_dict(document)
        row = read.versions[0].policies[0]
        assert row.targets[0].warnings == (50, 75)
        assert row.when == Condition()
        metric = read.versions[0].metrics[2]
        assert (metric.cancel, metric.restart, metric.after) == (
            frozenset({"merged"}),
            Restart.NEW_CYCLE,
            None,
        )

    def test_an_editor_schema_key_is_ignored(self) -> None:
        """``$schema`` is allowed (and the schema allows it too)."""
        document = {"$schema": SCHEMA["$id"], **CURRENT.to_dict()}
        VALIDATOR.validate(document)
        assert SlaPolicy.from_dict(document) == CURRENT


def _undescribed(node: object, path: str) -> list[str]:
    """The paths of properties (and definitions) in a schema node that lack a description."""
    missing: list[str] = []
    if isinstance(node, dict):
        for group in ("properties", "$defs"):
            for name, child in node.get(group, {}).items():
                if isinstance(child, dict) and "description" not in child and name != "$schema":
                    missing.append(f"{path}/{group}/{name}")
        for key, child in node.items():
            missing.extend(_undescribed(child, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            missing.extend(_undescribed(child, f"{path}/{i}"))
    return missing


class TestSchema:
    def test_is_a_valid_draft_2020_12_schema_with_an_id(self) -> None:
        """The shipped schema is itself valid, names its draft and has an ``$id``."""
        jsonschema.Draft202012Validator.check_schema(SCHEMA)
        assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert SCHEMA["$id"].endswith("/sla_policy.schema.json")

    def test_every_property_is_described(self) -> None:
        """Each property and definition carries a description, for editors' hover text."""
        assert _undescribed(SCHEMA, "#") == []


class TestShippedPolicies:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [("support_sla_current", CURRENT), ("support_sla_proposed", PROPOSED)],
    )
    def test_load_and_equal_the_policy_built_in_python(
        self, name: str, expected: SlaPolicy
    ) -> None:
        """Each shipped file reads as the policy built in Python, and is what to_dict writes."""
        text = (files("safetycore") / "policies" / f"{name}.json").read_text(encoding="utf-8")
        data = json.loads(text)
        VALIDATOR.validate(data)
        assert SlaPolicy.from_dict(data) == expected
        assert data == expected.to_dict()

    def test_the_demo_loads_them(self) -> None:
        """demo/policies.py's CURRENT and PROPOSED are the shipped documents."""
        import importlib.util
        from pathlib import Path

        path = Path(__file__).resolve().parents[2] / "demo" / "policies.py"
        spec = importlib.util.spec_from_file_location("demo_policies", path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert (module.CURRENT, module.PROPOSED) == (CURRENT, PROPOSED)


# -- every error path -----------------------------------------------------------------------

ERRORS: list[tuple[str, Callable[[dict[str, Any]], object], type[SafetycoreError], str]] = [
    ("wrong kind", lambda d: d.update(kind="workflow"), ConfigurationError, "kind"),
    ("format", lambda d: d.update(format=2), ConfigurationError, "format"),
    ("stray key", lambda d: d.update(warnigns=[50]), ConfigurationError, "warnigns"),
    ("no name", lambda d: d.pop("name"), ConfigurationError, "name"),
    ("empty name", lambda d: d.update(name=""), InputTypeError, "name"),
    ("statuses", lambda d: d.update(statuses=["open"]), InputTypeError, "statuses"),
    (
        "status category",
        lambda d: d["statuses"].update(Escalated="urgent"),
        ConfigurationError,
        "statuses.Escalated",
    ),
    ("calendars", lambda d: d.update(calendars=[]), InputTypeError, "calendars"),
    (
        "calendar key",
        lambda d: d["calendars"]["24/7"].update(colour="red"),
        ConfigurationError,
        "calendars.24/7.colour",
    ),
    (
        "calendar version",
        lambda d: d["calendars"]["24/7"].pop("version"),
        ConfigurationError,
        "calendars.24/7.version",
    ),
    (
        "calendar body",
        lambda d: d["calendars"]["24/7"].pop("calendar"),
        ConfigurationError,
        "calendars.24/7.calendar",
    ),
    (
        "calendar zone",
        lambda d: d["calendars"]["24/7"]["calendar"].update(zone="Mars/Base"),
        UnknownTimeZoneError,
        "calendars.24/7.calendar.zone",
    ),
    ("no versions", lambda d: d.pop("versions"), ConfigurationError, "versions"),
    ("versions", lambda d: d.update(versions={}), InputTypeError, "versions"),
    ("empty versions", lambda d: d.update(versions=[]), ConfigurationError, "versions"),
    (
        "version key",
        lambda d: d["versions"][0].update(rules=[]),
        ConfigurationError,
        "versions[0].rules",
    ),
    (
        "no effective",
        lambda d: d["versions"][0].pop("effective"),
        ConfigurationError,
        "versions[0].effective",
    ),
    (
        "naive effective",
        lambda d: d["versions"][0].update(effective="2025-01-01T00:00:00"),
        NaiveDatetimeError,
        "versions[0].effective",
    ),
    (
        "repeated version",
        lambda d: d["versions"][1].update(version="2025"),
        ConfigurationError,
        "versions[1].version",
    ),
    (
        "unknown standard metric",
        lambda d: d["versions"][0]["metrics"].__setitem__(0, "first_response"),
        UnknownNameError,
        "versions[0].metrics[0]",
    ),
    (
        "metric signal",
        lambda d: d["versions"][0]["metrics"][2].update(start=["opened"]),
        ConfigurationError,
        "versions[0].metrics[2].start",
    ),
    (
        "metric stop",
        lambda d: d["versions"][0]["metrics"][2].pop("stop"),
        ConfigurationError,
        "versions[0].metrics[2].stop",
    ),
    (
        "row targets",
        lambda d: d["versions"][0]["policies"][0].pop("targets"),
        ConfigurationError,
        "versions[0].policies[0].targets",
    ),
    (
        "when key",
        lambda d: d["versions"][0]["policies"][0]["when"].update(colour=["red"]),
        ConfigurationError,
        "versions[0].policies[0].when.colour",
    ),
    (
        "when channel",
        lambda d: d["versions"][0]["policies"][0]["when"].update(channel=["fax"]),
        ConfigurationError,
        "versions[0].policies[0].when.channel",
    ),
    (
        "repeated row",
        lambda d: d["versions"][0]["policies"][1].update(name="vip"),
        ConfigurationError,
        "versions[0].policies[1].name",
    ),
    (
        "unknown calendar",
        lambda d: _target(d).update(calendar="office-eu"),
        UnknownNameError,
        "versions[0].policies[0].targets[0].calendar",
    ),
    (
        "within",
        lambda d: _target(d, p=1).update(within="P1M"),
        ConfigurationError,
        "versions[0].policies[1].targets[0].within",
    ),
    (
        "zero within",
        lambda d: _target(d, p=1).update(within="PT0S"),
        ConfigurationError,
        "versions[0].policies[1].targets[0].within",
    ),
    (
        "two forms",
        lambda d: _target(d).update(within="PT4H"),
        ConfigurationError,
        "versions[0].policies[0].targets[0]",
    ),
    (
        "no form",
        lambda d: _target(d).pop("end_of_business_day"),
        ConfigurationError,
        "versions[0].policies[0].targets[0]",
    ),
    (
        "business days",
        lambda d: _target(d, t=1).update(business_days=0),
        ConfigurationError,
        "versions[0].policies[0].targets[1].business_days",
    ),
    (
        "end of business day",
        lambda d: _target(d).update(end_of_business_day="1"),
        InputTypeError,
        "versions[0].policies[0].targets[0].end_of_business_day",
    ),
    (
        "warnings",
        lambda d: _target(d).update(warnings=[0]),
        ConfigurationError,
        "versions[0].policies[0].targets[0].warnings[0]",
    ),
    (
        "untracked metric",
        lambda d: _target(d, v=1).update(metric="awaiting_customer"),
        ConfigurationError,
        "versions[1].policies[0].targets[0].metric",
    ),
    (
        "two targets for a metric",
        lambda d: _target(d, t=1).update(metric="first_reply"),
        ConfigurationError,
        "versions[0].policies[0].targets[1].metric",
    ),
]


SCHEMA_BLIND = {
    "calendar zone",
    "repeated version",
    "repeated row",
    "unknown calendar",
    "untracked metric",
    "two targets for a metric",
}
"""The broken documents in ERRORS that only ``from_dict`` can refuse."""


class TestErrors:
    @pytest.mark.parametrize(
        ("change", "kind", "path"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS]
    )
    def test_each_problem_names_its_full_path(
        self,
        change: Callable[[dict[str, Any]], object],
        kind: type[SafetycoreError],
        path: str,
    ) -> None:
        """The reader reports the problem once, with its class and its path from the root."""
        assert problems_of(broken(change)) == [(kind, path)]

    @pytest.mark.parametrize(
        "change",
        [e[1] for e in ERRORS if e[0] not in SCHEMA_BLIND],
        ids=[e[0] for e in ERRORS if e[0] not in SCHEMA_BLIND],
    )
    def test_the_schema_refuses_each_too(self, change: Callable[[dict[str, Any]], object]) -> None:
        """Every broken document a JSON Schema can see is refused by the schema as well."""
        assert not VALIDATOR.is_valid(broken(change))

    @pytest.mark.parametrize(
        "change",
        [e[1] for e in ERRORS if e[0] in SCHEMA_BLIND],
        ids=[e[0] for e in ERRORS if e[0] in SCHEMA_BLIND],
    )
    def test_what_only_from_dict_sees(self, change: Callable[[dict[str, Any]], object]) -> None:
        """Beyond a schema (docs/config-sla.md lists them): the schema passes, from_dict refuses.

        Names that must be distinct, references between parts and a zone's existence are
        checked by ``from_dict`` alone.
        """
        assert VALIDATOR.is_valid(broken(change))
        with pytest.raises(ConfigurationErrorGroup):
            SlaPolicy.from_dict(broken(change))

    def test_the_listing_of_the_docs(self) -> None:
        """The message names the unknown calendar and the known ones."""
        document = broken(lambda d: _target(d).update(calendar="office-eu"))
        with pytest.raises(ConfigurationErrorGroup) as caught:
            SlaPolicy.from_dict(document)
        assert str(caught.value).splitlines() == [
            "sla_policy: 1 problem",
            "  versions[0].policies[0].targets[0].calendar='office-eu': unknown calendar "
            "(known: 24/7, office@2025, office@2026)",
        ]

    def test_three_independent_problems_are_all_reported(self) -> None:
        """A bad calendar, a bad effective instant and a bad target: all three, in order."""

        def change(d: dict[str, Any]) -> None:
            d["calendars"]["24/7"]["calendar"]["zone"] = "Mars/Base"
            d["versions"][0]["effective"] = "2025-01-01T00:00:00"
            _target(d, v=1).update(calendar="office-eu")

        assert problems_of(broken(change)) == [
            (UnknownTimeZoneError, "calendars.24/7.calendar.zone"),
            (NaiveDatetimeError, "versions[0].effective"),
            (UnknownNameError, "versions[1].policies[0].targets[0].calendar"),
        ]

    def test_a_calendar_refused_is_reported_once(self) -> None:
        """Targets naming a calendar that was refused do not add "unknown calendar" noise."""
        document = broken(lambda d: d["calendars"]["office@2026"].pop("version"))
        assert problems_of(document) == [(ConfigurationError, "calendars.office@2026.version")]

    def test_not_a_mapping(self) -> None:
        """A list where the document belongs: InputTypeError naming the document."""
        assert problems_of([1, 2]) == [(InputTypeError, "sla_policy")]

    def test_calendars_argument_of_the_wrong_kind(self) -> None:
        """``calendars=`` must map text to VersionedCalendar: InputTypeError (a caller's bug)."""
        with pytest.raises(InputTypeError) as caught:
            SlaPolicy.from_dict(CURRENT.to_dict(), calendars={"office": OFFICE.calendar})  # type: ignore[dict-item]
        assert caught.value.field == "calendars"

    def test_a_bare_str_where_a_list_belongs(self) -> None:
        """``"targets": "first_reply"`` is refused, not read letter by letter."""
        document = broken(lambda d: d["versions"][0]["policies"][0].update(targets="x"))
        assert problems_of(document) == [(InputTypeError, "versions[0].policies[0].targets")]

    @pytest.mark.parametrize("reference", [None, 3, ""])
    def test_a_calendar_reference_that_is_not_text(self, reference: object) -> None:
        """A calendars key that is not non-empty text is one problem, not a TypeError.

        Found by tests/fuzz/test_sla.py (``{"calendars": {None: None}}``).
        """
        document = broken(lambda d: d["calendars"].update({reference: None}))
        assert problems_of(document) == [(InputTypeError, "calendars")]
