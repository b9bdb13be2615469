"""The one mechanism configuration readers share: every problem, each with its full path."""

from __future__ import annotations

import pickle
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetycore._config import (
    FORMAT,
    Problems,
    duration,
    duration_text,
    envelope,
    joined,
    opened,
    rebased,
)
from safetycore.errors import (
    ConfigurationError,
    ConfigurationErrorGroup,
    InputTypeError,
    SafetycoreError,
    UnknownNameError,
)


class TestJoined:
    @pytest.mark.parametrize(
        ("path", "field", "expected"),
        [
            ("versions[0]", "effective", "versions[0].effective"),
            ("versions[0]", "[2].name", "versions[0][2].name"),
            ("versions[0]", "versions[0].effective", "versions[0].effective"),
            ("versions[0]", "versions[0]", "versions[0]"),
            ("versions[0]", "", "versions[0]"),
            ("", "effective", "effective"),
            ("steps", "steps_taken", "steps.steps_taken"),  # a prefix of a word is not a path
        ],
    )
    def test_paths(self, path: str, field: str, expected: str) -> None:
        assert joined(path, field) == expected


class TestRebased:
    def test_keeps_class_reason_and_value(self) -> None:
        moved = rebased(UnknownNameError("unknown calendar", field="calendar", value="eu"), "t[0]")
        assert type(moved) is UnknownNameError
        assert (moved.field, moved.value, moved.reason) == (
            "t[0].calendar",
            "eu",
            "unknown calendar",
        )
        assert str(moved) == "t[0].calendar='eu': unknown calendar"


class TestProblems:
    def test_no_problem_no_error(self) -> None:
        problems = Problems("doc")
        assert problems.run("a", int, "3") == 3
        problems.check()
        assert problems.ok

    def test_collects_every_problem_in_order(self) -> None:
        problems = Problems("sla_policy")
        with problems.at("versions[0]"):
            raise ConfigurationError("is required", field="effective", value=None)
        assert problems.run("versions[1]", _fails_with_type) is None
        problems.add(ConfigurationError("is given twice", field="versions", value="v1"))
        with pytest.raises(ConfigurationErrorGroup) as caught:
            problems.check()
        group = caught.value
        assert [(type(e), e.field) for e in group.exceptions] == [
            (ConfigurationError, "versions[0].effective"),
            (InputTypeError, "versions[1].name"),
            (ConfigurationError, "versions"),
        ]
        assert (group.field, group.value) == ("sla_policy", 3)
        assert str(group).splitlines() == [
            "sla_policy: 3 problems",
            "  versions[0].effective=None: is required",
            "  versions[1].name=3: must be text",
            "  versions='v1': is given twice",
        ]

    def test_nested_groups_are_flattened_with_their_paths(self) -> None:
        inner = Problems("calendar")
        inner.add(ConfigurationError("bad", field="hours.mon", value="x"))
        inner.add(ConfigurationError("bad", field="zone", value="Mars/Base"))
        outer = Problems("sla_policy")
        with outer.at("calendars.office"):
            inner.check()
        with pytest.raises(ConfigurationErrorGroup) as caught:
            outer.check()
        assert [e.field for e in caught.value.exceptions] == [
            "calendars.office.hours.mon",
            "calendars.office.zone",
        ]

    def test_other_exceptions_are_not_swallowed(self) -> None:
        problems = Problems("doc")
        with pytest.raises(ZeroDivisionError), problems.at("a"):
            _ = 1 / 0


class TestGroup:
    def test_is_caught_as_a_safetycore_error_a_value_error_and_by_except_star(self) -> None:
        group = ConfigurationErrorGroup(
            "doc",
            [
                UnknownNameError("unknown", field="a", value="x"),
                InputTypeError("must be text", field="b", value=1),
            ],
        )
        assert isinstance(group, (SafetycoreError, ValueError, ExceptionGroup))
        picked: list[SafetycoreError] = []
        try:
            raise group
        except* UnknownNameError as names:
            picked.extend(names.exceptions)  # type: ignore[arg-type]
        except* InputTypeError as types:
            picked.extend(types.exceptions)  # type: ignore[arg-type]
        assert [e.field for e in picked] == ["a", "b"]

    def test_split_keeps_the_class_and_document(self) -> None:
        group = ConfigurationErrorGroup("doc", [InputTypeError("t", field="b", value=1)])
        matched, rest = group.split(InputTypeError)
        assert isinstance(matched, ConfigurationErrorGroup)
        assert matched.document == "doc"
        assert rest is None

    def test_pickles(self) -> None:
        group = ConfigurationErrorGroup("doc", [ConfigurationError("bad", field="a", value=1)])
        back = pickle.loads(pickle.dumps(group))
        assert type(back) is ConfigurationErrorGroup
        assert str(back) == str(group)


class TestEnvelope:
    def test_round_trip(self) -> None:
        doc = envelope("workflow", {"name": "w"})
        assert doc == {"kind": "workflow", "format": FORMAT, "name": "w"}
        assert opened(doc, "workflow", ["name"]) is doc

    def test_every_envelope_problem_at_once(self) -> None:
        with pytest.raises(ConfigurationErrorGroup) as caught:
            opened({"kind": "sla_policy", "format": 9, "nmae": "w"}, "workflow", ["name"])
        assert [e.field for e in caught.value.exceptions] == ["kind", "format", "nmae"]

    def test_not_a_mapping(self) -> None:
        with pytest.raises(ConfigurationErrorGroup) as caught:
            opened(["workflow"], "workflow", ["name"])
        assert isinstance(caught.value.exceptions[0], InputTypeError)

    def test_schema_key_is_allowed(self) -> None:
        opened({"kind": "workflow", "$schema": "x.json"}, "workflow", [])


def _fails_with_type() -> None:
    raise InputTypeError("must be text", field="name", value=3)


class TestDuration:
    @given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=10_000)))
    def test_round_trip_is_exact(self, value: timedelta) -> None:
        assert duration(duration_text(value), "within") == value

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("PT4H", timedelta(hours=4)),
            ("P3D", timedelta(days=3)),
            ("PT90M", timedelta(minutes=90)),
            ("PT0.25S", timedelta(milliseconds=250)),
            ("PT0S", timedelta(0)),
        ],
    )
    def test_reads(self, text: str, expected: timedelta) -> None:
        assert duration(text, "within") == expected

    @pytest.mark.parametrize(
        "text", ["P", "PT", "P1M", "P1Y", "P1W", "-PT1H", "PT1.0000001S", "P1DT", "4h", " PT1H"]
    )
    def test_refuses(self, text: str) -> None:
        with pytest.raises(ConfigurationError) as caught:
            duration(text, "targets[0].within")
        assert caught.value.field == "targets[0].within"

    def test_refuses_a_number(self) -> None:
        with pytest.raises(InputTypeError):
            duration(3600, "within")


class TestUnknownKeysDoNotStopTheReaders:
    """A misspelt top-level key is one problem among the body's, not the only one reported."""

    def test_opened_records_unknown_keys_in_the_readers_problems(self) -> None:
        problems = Problems("workflow")
        doc = opened({"kind": "workflow", "nmae": "w"}, "workflow", ["name"], problems)
        assert doc["nmae"] == "w"
        assert [e.field for e in problems.errors] == ["nmae"]

    def test_a_wrong_kind_still_stops_at_once(self) -> None:
        problems = Problems("workflow")
        with pytest.raises(ConfigurationErrorGroup) as caught:
            opened({"kind": "sla_policy", "nmae": "w"}, "workflow", ["name"], problems)
        assert [e.field for e in caught.value.exceptions] == ["kind", "nmae"]

    @pytest.mark.parametrize("name", ["support_sla_current", "pet_guarantee", "support_ticket"])
    def test_each_reader_reports_the_key_and_the_body(self, name: str) -> None:
        from safetycore import config

        document = config.example_document(name)
        document["nmae"] = 1
        broken = _broken_body(document)
        with pytest.raises(ConfigurationErrorGroup) as caught:
            config.load(document, **_registries())
        fields = [e.field for e in caught.value.exceptions]
        assert "nmae" in fields
        assert broken in fields


class TestNaiveInstantText:
    def test_the_value_is_the_text_as_written(self) -> None:
        from safetycore._time import aware
        from safetycore.errors import NaiveDatetimeError

        with pytest.raises(NaiveDatetimeError) as caught:
            aware("2026-01-01T00:00:00", "versions[0].effective")
        assert caught.value.value == "2026-01-01T00:00:00"
        assert caught.value.field == "versions[0].effective"


def _broken_body(document: dict[str, object]) -> str:
    """Break one field deep in ``document``'s body; return its path."""
    if document["kind"] == "sla_policy":
        document["versions"][0]["effective"] = "2026-01-01T00:00:00"  # type: ignore[index]
        return "versions[0].effective"
    if document["kind"] == "workflow":
        document["statuses"][0]["category"] = "nonsense"  # type: ignore[index]
        return "statuses[0].category"
    document["versions"][0]["rules"] = 7  # type: ignore[index]
    return "versions[0].rules"


def _registries() -> dict[str, object]:
    """The registries the shipped documents name (stock checks, the benefits functions)."""
    from safetycore.eligibility import us_benefits
    from safetycore.workflow import STOCK_CHECKS

    return {"checks": STOCK_CHECKS, "registry": us_benefits.REGISTRY}
