"""SLA policies: what each constructor refuses when built, naming the field and value."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    NaiveDatetimeError,
    OutOfRangeError,
    UnknownNameError,
)
from safetycore.events import Channel, StatusMap
from safetycore.sla import (
    FIRST_REPLY,
    RESOLUTION,
    Calendar,
    CaseAttributes,
    Condition,
    Metric,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
)

H = timedelta(hours=1)
ALWAYS = VersionedCalendar("24/7", "1", Calendar.always("UTC"))
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def _target(**changes: object) -> Target:
    arguments: dict[str, object] = {"metric": "first_reply", "within": H, "calendar": ALWAYS}
    arguments.update(changes)
    return Target(**arguments)  # type: ignore[arg-type]


def _version(**changes: object) -> PolicyVersion:
    arguments: dict[str, object] = {
        "version": "1",
        "effective": T0,
        "policies": [Policy("p", [_target()])],
    }
    arguments.update(changes)
    return PolicyVersion(**arguments)  # type: ignore[arg-type]


class TestVersionedCalendar:
    @pytest.mark.parametrize("field", ["name", "version"])
    @pytest.mark.parametrize("junk", [None, "", 1, ["x"]])
    def test_name_and_version_are_text(self, field: str, junk: object) -> None:
        """A calendar's name and version are non-empty text."""
        arguments: dict[str, object] = {"name": "c", "version": "1", "calendar": ALWAYS.calendar}
        arguments[field] = junk
        with pytest.raises(InputTypeError) as error:
            VersionedCalendar(**arguments)  # type: ignore[arg-type]
        assert (error.value.field, error.value.value) == (field, junk)

    def test_calendar_is_a_calendar(self) -> None:
        """The calendar is a Calendar."""
        with pytest.raises(InputTypeError) as error:
            VersionedCalendar("c", "1", {"zone": "UTC"})  # type: ignore[arg-type]
        assert error.value.field == "calendar"


class TestTarget:
    """Defect: Target took junk warnings and raw Calendars, failing later or internally."""

    def test_warnings_must_be_a_collection(self) -> None:
        """``warnings=50`` raises InputTypeError naming ``warnings``, not a TypeError."""
        with pytest.raises(InputTypeError) as error:
            _target(warnings=50)
        assert (error.value.field, error.value.value) == ("warnings", 50)

    @pytest.mark.parametrize("warnings", ["50", {"50": 1}, None])
    def test_warnings_junk_is_refused(self, warnings: object) -> None:
        """A str, a mapping or None is not a collection of percentages."""
        with pytest.raises(InputTypeError) as error:
            _target(warnings=warnings)
        assert error.value.field == "warnings"

    @pytest.mark.parametrize("item", ["50", 50.0, True, None])
    def test_warning_items_must_be_whole_numbers(self, item: object) -> None:
        """A threshold that is not an int raises InputTypeError naming its index."""
        with pytest.raises(InputTypeError) as error:
            _target(warnings=[25, item])
        assert (error.value.field, error.value.value) == ("warnings[1]", item)

    @pytest.mark.parametrize("item", [0, 100, -5, 10**30])
    def test_warning_items_must_be_between_0_and_100(self, item: int) -> None:
        """A threshold outside 1..99 raises ConfigurationError naming its index."""
        with pytest.raises(ConfigurationError) as error:
            _target(warnings=[25, item])
        assert (error.value.field, error.value.value) == ("warnings[1]", item)

    def test_repeated_warnings_are_refused(self) -> None:
        """A threshold given twice is refused (it would warn twice at one instant)."""
        with pytest.raises(ConfigurationError) as error:
            _target(warnings=[50, 75, 50])
        assert (error.value.field, error.value.value) == ("warnings", 50)

    def test_warnings_are_sorted(self) -> None:
        """Thresholds are kept in increasing order; none at all is allowed."""
        assert _target(warnings=(75, 25)).warnings == (25, 75)
        assert _target(warnings=()).warnings == ()

    def test_a_raw_calendar_is_refused(self) -> None:
        """A Calendar where a VersionedCalendar belongs is refused when built."""
        with pytest.raises(InputTypeError) as error:
            _target(calendar=ALWAYS.calendar)
        assert error.value.field == "calendar"

    @pytest.mark.parametrize("metric", [None, "", 3, ["first_reply"]])
    def test_metric_must_be_text(self, metric: object) -> None:
        """The target's metric is non-empty text."""
        with pytest.raises(InputTypeError) as error:
            _target(metric=metric)
        assert (error.value.field, error.value.value) == ("metric", metric)

    @pytest.mark.parametrize("within", [3600, None, "1h"])
    def test_within_must_be_a_timedelta(self, within: object) -> None:
        """``within`` is a timedelta."""
        with pytest.raises(InputTypeError) as error:
            _target(within=within)
        assert error.value.field == "within"

    @pytest.mark.parametrize("within", [timedelta(0), -H])
    def test_within_must_be_positive(self, within: timedelta) -> None:
        """``within`` is positive."""
        with pytest.raises(ConfigurationError) as error:
            _target(within=within)
        assert error.value.field == "within"


class TestCaseAttributes:
    @pytest.mark.parametrize(
        ("field", "junk"), [("priority", 1), ("priority", ""), ("category", 2)]
    )
    def test_priority_and_category_are_text(self, field: str, junk: object) -> None:
        """Priority and category are non-empty text or None."""
        with pytest.raises(InputTypeError) as error:
            CaseAttributes(**{field: junk})  # type: ignore[arg-type]
        assert (error.value.field, error.value.value) == (field, junk)

    def test_channel_is_a_channel(self) -> None:
        """The channel is a Channel (or its value)."""
        assert CaseAttributes(channel="chat").channel is Channel.CHAT
        with pytest.raises(InputTypeError) as error:
            CaseAttributes(channel="fax")
        assert (error.value.field, error.value.value) == ("channel", "fax")

    @pytest.mark.parametrize("tags", ["vip", 3, [1], None])
    def test_tags_are_names(self, tags: object) -> None:
        """Tags are a collection of non-empty text; a bare str is refused."""
        with pytest.raises(InputTypeError) as error:
            CaseAttributes(tags=tags)
        assert error.value.field.startswith("tags")


class TestCondition:
    """Defect: Condition took numbers for names and channels that can never match."""

    def test_a_bare_str_is_one_name(self) -> None:
        """One name as a str is the documented shorthand for a collection of one."""
        assert Condition(priority="urgent").priority == frozenset({"urgent"})

    @pytest.mark.parametrize("field", ["priority", "category", "tags", "channel"])
    @pytest.mark.parametrize("junk", [1, [1], {"a": 1}, [""]])
    def test_criteria_are_names(self, field: str, junk: object) -> None:
        """A criterion that is not names raises InputTypeError naming the field."""
        with pytest.raises(InputTypeError) as error:
            Condition(**{field: junk})  # type: ignore[arg-type]
        assert error.value.field.startswith(field)

    def test_an_unknown_channel_is_refused(self) -> None:
        """``channel="fax"`` could never match; it raises ConfigurationError naming it."""
        with pytest.raises(ConfigurationError) as error:
            Condition(channel="fax")
        assert (error.value.field, error.value.value) == ("channel", "fax")
        assert Condition(channel=[Channel.CHAT, "email"]).channel == frozenset({"chat", "email"})

    @pytest.mark.parametrize("field", ["priority", "category", "tags", "channel"])
    def test_an_empty_criterion_is_refused(self, field: str) -> None:
        """An empty collection would match no case; None is how to match any."""
        with pytest.raises(ConfigurationError) as error:
            Condition(**{field: []})
        assert error.value.field == field

    def test_matches(self) -> None:
        """A condition matches a case whose attributes meet every present criterion."""
        case = CaseAttributes(priority="urgent", channel=Channel.CHAT, tags=["vip"])
        assert Condition(priority="urgent", channel="chat", tags=["vip", "x"]).matches(case)
        assert not Condition(category="billing").matches(case)


class TestPolicy:
    """Defect: a single Target where a collection belongs failed with an internal error."""

    def test_a_single_target_is_refused(self) -> None:
        """``Policy(name, Target(...))`` raises InputTypeError naming ``targets``."""
        with pytest.raises(InputTypeError) as error:
            Policy("p", _target())  # type: ignore[arg-type]
        assert error.value.field == "targets"

    @pytest.mark.parametrize("targets", ["first_reply", 3, None, {"first_reply": H}])
    def test_targets_must_be_a_collection(self, targets: object) -> None:
        """A non-collection, a str or a mapping raises InputTypeError naming ``targets``."""
        with pytest.raises(InputTypeError) as error:
            Policy("p", targets)  # type: ignore[arg-type]
        assert error.value.field == "targets"

    def test_target_items_must_be_targets(self) -> None:
        """An item that is not a Target names its index."""
        with pytest.raises(InputTypeError) as error:
            Policy("p", [_target(), "resolution"])  # type: ignore[list-item]
        assert (error.value.field, error.value.value) == ("targets[1]", "resolution")

    def test_two_targets_for_one_metric_are_refused(self) -> None:
        """One metric, two targets: ConfigurationError naming the second."""
        with pytest.raises(ConfigurationError) as error:
            Policy("p", [_target(), _target(within=2 * H)])
        assert (error.value.field, error.value.value) == ("targets[1].metric", "first_reply")

    @pytest.mark.parametrize("name", [None, "", 1])
    def test_name_must_be_text(self, name: object) -> None:
        """A policy row's name is non-empty text."""
        with pytest.raises(InputTypeError) as error:
            Policy(name, [_target()])  # type: ignore[arg-type]
        assert error.value.field == "name"

    def test_when_must_be_a_condition(self) -> None:
        """``when`` is a Condition."""
        with pytest.raises(InputTypeError) as error:
            Policy("p", [_target()], when={"priority": "urgent"})  # type: ignore[arg-type]
        assert error.value.field == "when"


class TestPolicyVersion:
    @pytest.mark.parametrize("version", [None, "", 1])
    def test_version_must_be_text(self, version: object) -> None:
        """A version's name is non-empty text."""
        with pytest.raises(InputTypeError) as error:
            _version(version=version)
        assert error.value.field == "version"

    @pytest.mark.parametrize("effective", [datetime(2025, 1, 1), "2025-01-01", 0, None])
    def test_effective_must_be_aware(self, effective: object) -> None:
        """``effective`` is an aware instant (naive ones and junk refused)."""
        with pytest.raises((NaiveDatetimeError, InputTypeError)) as error:
            _version(effective=effective)
        assert error.value.field == "effective"

    @pytest.mark.parametrize("policies", [Policy("p", []), "p", None, 3])
    def test_policies_must_be_a_collection(self, policies: object) -> None:
        """A single Policy, a str or junk raises InputTypeError naming ``policies``."""
        with pytest.raises(InputTypeError) as error:
            _version(policies=policies)
        assert error.value.field == "policies"

    def test_policy_items_must_be_policies(self) -> None:
        """An item that is not a Policy names its index."""
        with pytest.raises(InputTypeError) as error:
            _version(policies=[Policy("p", []), "q"])
        assert (error.value.field, error.value.value) == ("policies[1]", "q")

    def test_repeated_policy_names_are_refused(self) -> None:
        """Two rows with one name would make results ambiguous."""
        with pytest.raises(ConfigurationError) as error:
            _version(policies=[Policy("p", []), Policy("p", [])])
        assert (error.value.field, error.value.value) == ("policies[1].name", "p")

    @pytest.mark.parametrize("metrics", [FIRST_REPLY, "first_reply", None])
    def test_metrics_must_be_a_collection(self, metrics: object) -> None:
        """A single Metric, a str or None raises InputTypeError naming ``metrics``."""
        with pytest.raises(InputTypeError) as error:
            _version(metrics=metrics)
        assert error.value.field == "metrics"

    def test_metric_items_must_be_metrics(self) -> None:
        """An item that is not a Metric names its index."""
        with pytest.raises(InputTypeError) as error:
            _version(metrics=[FIRST_REPLY, "resolution"])
        assert (error.value.field, error.value.value) == ("metrics[1]", "resolution")

    def test_repeated_metric_names_are_refused(self) -> None:
        """Two metrics with one name are refused, naming the second."""
        again = Metric("first_reply", start="created", stop="status:solved")
        with pytest.raises(ConfigurationError) as error:
            _version(metrics=[FIRST_REPLY, again])
        assert (error.value.field, error.value.value) == ("metrics[1].name", "first_reply")

    def test_a_target_for_an_untracked_metric_is_named(self) -> None:
        """A target whose metric the version does not track names its place."""
        with pytest.raises(ConfigurationError) as error:
            _version(metrics=[RESOLUTION])
        assert (error.value.field, error.value.value) == (
            "policies[0].targets[0].metric",
            "first_reply",
        )

    def test_waiting_on_an_unknown_metric_is_named(self) -> None:
        """A metric's ``after`` must name a metric of the version."""
        waits = Metric("w", start="created", stop="status:solved", after="nope")
        with pytest.raises(ConfigurationError) as error:
            _version(policies=[], metrics=[waits])
        assert (error.value.field, error.value.value) == ("metrics[0].after", "nope")

    def test_metrics_waiting_on_each_other_are_refused(self) -> None:
        """Two metrics each waiting on the other would never start."""
        a = Metric("a", start="created", stop="status:solved", after="b")
        b = Metric("b", start="created", stop="status:solved", after="a")
        with pytest.raises(ConfigurationError) as error:
            _version(policies=[], metrics=[a, b])
        assert error.value.field == "metrics[0].after"


class TestSlaPolicy:
    """Defect: SlaPolicy took items that are not versions and failed with internal errors."""

    def test_items_must_be_versions(self) -> None:
        """``SlaPolicy("s", ["1"])`` raises InputTypeError naming ``versions[0]``."""
        with pytest.raises(InputTypeError) as error:
            SlaPolicy("s", ["1"])  # type: ignore[list-item]
        assert (error.value.field, error.value.value) == ("versions[0]", "1")

    @pytest.mark.parametrize("versions", ["1", None, 3])
    def test_versions_must_be_a_collection(self, versions: object) -> None:
        """A str or junk raises InputTypeError naming ``versions``."""
        with pytest.raises(InputTypeError) as error:
            SlaPolicy("s", versions)  # type: ignore[arg-type]
        assert error.value.field == "versions"

    def test_a_single_version_is_refused(self) -> None:
        """One PolicyVersion where a collection belongs is refused."""
        with pytest.raises(InputTypeError) as error:
            SlaPolicy("s", _version())  # type: ignore[arg-type]
        assert error.value.field == "versions"

    def test_no_version_is_refused(self) -> None:
        """A policy needs at least one version."""
        with pytest.raises(ConfigurationError) as error:
            SlaPolicy("s", [])
        assert error.value.field == "versions"

    def test_repeated_version_names_are_refused(self) -> None:
        """Two versions with one name are refused (``version_named`` would be ambiguous)."""
        with pytest.raises(ConfigurationError) as error:
            SlaPolicy("s", [_version(), _version(effective=T0 + H)])
        assert (error.value.field, error.value.value) == ("versions[1].version", "1")

    def test_versions_in_force_from_one_instant_are_refused(self) -> None:
        """Two versions effective at the same instant (in any zone) are refused."""
        same = T0.astimezone(timezone(timedelta(hours=3)))
        with pytest.raises(ConfigurationError) as error:
            SlaPolicy("s", [_version(), _version(version="2", effective=same)])
        assert error.value.field == "versions[1].effective"

    @pytest.mark.parametrize("name", [None, "", 1])
    def test_name_must_be_text(self, name: object) -> None:
        """A policy's name is non-empty text."""
        with pytest.raises(InputTypeError) as error:
            SlaPolicy(name, [_version()])  # type: ignore[arg-type]
        assert error.value.field == "name"

    @pytest.mark.parametrize("statuses", [{"Open": "open"}, "open", 3])
    def test_statuses_must_be_a_status_map(self, statuses: object) -> None:
        """``statuses`` is a StatusMap or None."""
        with pytest.raises(InputTypeError) as error:
            SlaPolicy("s", [_version()], statuses=statuses)  # type: ignore[arg-type]
        assert error.value.field == "statuses"
        assert SlaPolicy("s", [_version()], statuses=StatusMap.identity()).statuses

    def test_version_at_shows_an_iso_instant(self) -> None:
        """Before the first version, the error's value is the instant, not raw microseconds."""
        policy = SlaPolicy("s", [_version()])
        before = T0 - H
        micros = (before - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)
        with pytest.raises(OutOfRangeError) as error:
            policy.version_at(micros)
        assert error.value.value == before
        assert "2024-12-31T23:00:00+00:00" in str(error.value)

    @pytest.mark.parametrize("micros", [None, 1.5, "0", True])
    def test_version_at_takes_whole_microseconds(self, micros: object) -> None:
        """``version_at`` of something that is not an int names ``instant``."""
        with pytest.raises(InputTypeError) as error:
            SlaPolicy("s", [_version()]).version_at(micros)  # type: ignore[arg-type]
        assert error.value.field == "instant"

    def test_version_named_refuses_junk(self) -> None:
        """A version name that is not text is an InputTypeError naming it."""
        with pytest.raises(InputTypeError) as error:
            SlaPolicy("s", [_version()]).version_named(3)  # type: ignore[arg-type]
        assert (error.value.field, error.value.value) == ("version", 3)

    def test_version_named_finds_a_version_by_its_name(self) -> None:
        """``version_named`` gives the version whose ``version`` is the name, whatever its date."""
        older = _version(version="2025-Q1")
        newer = _version(version="2026-Q3", effective=datetime(2026, 7, 1, tzinfo=UTC))
        assert SlaPolicy("s", [newer, older]).version_named("2025-Q1") is older

    def test_an_unknown_version_name_lists_the_names(self) -> None:
        """A name no version has raises UnknownNameError (a LookupError and a ValueError)."""
        older = _version(version="2025-Q1")
        newer = _version(version="2026-Q3", effective=datetime(2026, 7, 1, tzinfo=UTC))
        with pytest.raises(UnknownNameError) as error:
            SlaPolicy("s", [newer, older]).version_named("2026-Q4")
        assert (error.value.field, error.value.value) == ("version", "2026-Q4")
        assert "its versions: 2025-Q1, 2026-Q3" in str(error.value)
        assert isinstance(error.value, LookupError)
        assert isinstance(error.value, ValueError)
