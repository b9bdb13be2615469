"""SLA metrics: what Metric refuses when built, and the standard metrics it must keep."""

from __future__ import annotations

import pytest

from safetycore.errors import ConfigurationError, InputTypeError
from safetycore.events import StatusCategory
from safetycore.sla import FIRST_REPLY, STANDARD_METRICS, Metric, Restart


def _metric(**changes: object) -> Metric:
    arguments: dict[str, object] = {"name": "m", "start": "created", "stop": "agent_public_reply"}
    arguments.update(changes)
    return Metric(**arguments)  # type: ignore[arg-type]


class TestMetricSignals:
    def test_one_signal_str_is_a_collection_of_one(self) -> None:
        """``start``, ``stop`` and ``cancel`` keep the documented one-signal str shorthand."""
        metric = _metric(cancel="merged")
        assert (metric.start, metric.stop, metric.cancel) == (
            frozenset({"created"}),
            frozenset({"agent_public_reply"}),
            frozenset({"merged"}),
        )

    @pytest.mark.parametrize("field", ["start", "stop", "cancel"])
    def test_unknown_signals_are_refused(self, field: str) -> None:
        """A signal outside SIGNALS raises ConfigurationError naming the field."""
        with pytest.raises(ConfigurationError) as error:
            _metric(**{field: ["created", "exploded"]})
        assert (error.value.field, error.value.value) == (field, ["exploded"])

    @pytest.mark.parametrize("field", ["start", "stop", "cancel"])
    @pytest.mark.parametrize("junk", [None, 3, {"created": 1}])
    def test_signals_that_are_not_names_are_refused(self, field: str, junk: object) -> None:
        """A non-collection or a mapping of signals raises InputTypeError naming the field."""
        with pytest.raises(InputTypeError) as error:
            _metric(**{field: junk})
        assert error.value.field == field

    def test_a_signal_that_is_not_text_names_its_index(self) -> None:
        """An item that is not text raises InputTypeError naming ``start[i]``."""
        with pytest.raises(InputTypeError) as error:
            _metric(start=["created", 7])
        assert (error.value.field, error.value.value) == ("start[1]", 7)

    @pytest.mark.parametrize("field", ["start", "stop"])
    def test_no_start_or_no_stop_is_refused(self, field: str) -> None:
        """A metric that can never start, or never be met, cannot be right."""
        with pytest.raises(ConfigurationError) as error:
            _metric(**{field: []})
        assert error.value.field == field

    def test_no_cancel_is_allowed(self) -> None:
        """A metric nothing cancels is a valid choice."""
        assert _metric(cancel=()).cancel == frozenset()


class TestMetricPauseIn:
    def test_categories_by_value_or_member(self) -> None:
        """``pause_in`` takes categories or their names."""
        assert _metric(pause_in=["pending", StatusCategory.ON_HOLD]).pause_in == {
            StatusCategory.PENDING,
            StatusCategory.ON_HOLD,
        }

    def test_a_bare_str_is_refused(self) -> None:
        """A bare str where a collection belongs is refused (it is not read as letters)."""
        with pytest.raises(InputTypeError) as error:
            _metric(pause_in="pending")
        assert error.value.field == "pause_in"

    def test_an_unknown_category_is_named(self) -> None:
        """An unknown category raises ConfigurationError naming it."""
        with pytest.raises(ConfigurationError) as error:
            _metric(pause_in=["pending", "asleep"])
        assert (error.value.field, error.value.value) == ("pause_in", "asleep")

    @pytest.mark.parametrize("junk", [None, 5, [None], [["pending"]]])
    def test_junk_is_an_input_type_error(self, junk: object) -> None:
        """A non-collection or an item that is not text raises InputTypeError."""
        with pytest.raises(InputTypeError) as error:
            _metric(pause_in=junk)
        assert error.value.field.startswith("pause_in")


class TestMetricFields:
    @pytest.mark.parametrize("name", [None, "", 5, ["m"]])
    def test_name_must_be_text(self, name: object) -> None:
        """A metric's name is non-empty text."""
        with pytest.raises(InputTypeError) as error:
            _metric(name=name)
        assert error.value.field == "name"

    def test_restart_by_name(self) -> None:
        """``restart`` takes a Restart or its value."""
        assert _metric(restart="once").restart is Restart.ONCE

    def test_unknown_restart_is_a_configuration_error(self) -> None:
        """An unknown restart rule is named (not a raw enum ValueError)."""
        with pytest.raises(ConfigurationError) as error:
            _metric(restart="sometimes")
        assert (error.value.field, error.value.value) == ("restart", "sometimes")

    @pytest.mark.parametrize("junk", [None, 1, True])
    def test_restart_junk_is_an_input_type_error(self, junk: object) -> None:
        """A restart that is not text raises InputTypeError naming ``restart``."""
        with pytest.raises(InputTypeError) as error:
            _metric(restart=junk)
        assert error.value.field == "restart"

    @pytest.mark.parametrize("after", [1, "", ["first_reply"]])
    def test_after_must_be_text_or_none(self, after: object) -> None:
        """``after`` names a metric (non-empty text) or is None."""
        with pytest.raises(InputTypeError) as error:
            _metric(after=after)
        assert error.value.field == "after"

    def test_after_itself_is_refused(self) -> None:
        """A metric that waits on itself would never start."""
        with pytest.raises(ConfigurationError) as error:
            _metric(after="m")
        assert (error.value.field, error.value.value) == ("after", "m")


class TestStandardMetrics:
    def test_standard_metrics_are_unchanged(self) -> None:
        """The standard metrics still build with the rules the docs table gives."""
        assert [m.name for m in STANDARD_METRICS][:2] == ["time_to_answer", "first_reply"]
        assert FIRST_REPLY.restart is Restart.ONCE
        assert FIRST_REPLY.cancel == {"status:solved", "status:closed", "merged"}


class TestMetricResetAndHolds:
    @pytest.mark.parametrize("field", ["reset", "pause_on", "resume_on"])
    def test_empty_by_default(self, field: str) -> None:
        """A metric resets and holds on no signal unless told."""
        assert getattr(_metric(), field) == frozenset()

    def test_one_signal_str_is_a_collection_of_one(self) -> None:
        """``reset``, ``pause_on`` and ``resume_on`` take the one-signal str shorthand."""
        metric = _metric(reset="customer_reply", pause_on="assigned", resume_on="merged")
        assert (metric.reset, metric.pause_on, metric.resume_on) == (
            frozenset({"customer_reply"}),
            frozenset({"assigned"}),
            frozenset({"merged"}),
        )

    @pytest.mark.parametrize("field", ["reset", "pause_on", "resume_on"])
    def test_unknown_signals_are_refused(self, field: str) -> None:
        """A signal outside SIGNALS raises ConfigurationError naming the field and the signal."""
        with pytest.raises(ConfigurationError) as error:
            _metric(**{field: ["customer_wait_started"]})
        assert (error.value.field, error.value.value) == (field, ["customer_wait_started"])

    @pytest.mark.parametrize("field", ["reset", "pause_on", "resume_on"])
    @pytest.mark.parametrize("junk", [None, 3, {"created": 1}])
    def test_junk_is_an_input_type_error(self, field: str, junk: object) -> None:
        """A non-collection or a mapping of signals raises InputTypeError naming the field."""
        with pytest.raises(InputTypeError) as error:
            _metric(**{field: junk})
        assert error.value.field == field

    def test_the_new_fields_are_keyword_only(self) -> None:
        """Positional arguments keep their meaning: the new rule words are keywords."""
        with pytest.raises(TypeError):
            Metric("m", "created", "agent_public_reply", (), (), "new_cycle", None, "merged")  # type: ignore[misc]

    @pytest.mark.parametrize("ending", ["stop", "cancel"])
    def test_a_reset_that_also_ends_is_refused(self, ending: str) -> None:
        """A signal that both resets and stops (or cancels) the metric is named under reset."""
        with pytest.raises(ConfigurationError) as error:
            _metric(**{ending: ["agent_public_reply", "merged"]}, reset=["merged", "assigned"])
        assert (error.value.field, error.value.value) == ("reset", ["merged"])

    def test_a_reset_that_also_starts_is_allowed(self) -> None:
        """Start and reset on one signal: it starts a cycle when none runs, resets one that does."""
        metric = _metric(start=["created", "customer_reply"], reset="customer_reply")
        assert metric.reset <= metric.start

    def test_a_pause_without_a_resume_is_refused(self) -> None:
        """A signal pause that nothing lifts would hold the clock for ever."""
        with pytest.raises(ConfigurationError) as error:
            _metric(pause_on="agent_public_reply")
        assert (error.value.field, error.value.value) == ("resume_on", frozenset())

    def test_a_resume_without_a_pause_is_refused(self) -> None:
        """Resume signals with no pause signal mean nothing."""
        with pytest.raises(ConfigurationError) as error:
            _metric(resume_on="customer_reply")
        assert (error.value.field, error.value.value) == ("pause_on", frozenset())

    def test_a_signal_that_pauses_and_resumes_is_refused(self) -> None:
        """One signal in both pause_on and resume_on is named under resume_on."""
        with pytest.raises(ConfigurationError) as error:
            _metric(pause_on=["assigned", "merged"], resume_on=["merged", "customer_reply"])
        assert (error.value.field, error.value.value) == ("resume_on", ["merged"])

    def test_standard_metrics_use_none_of_them(self) -> None:
        """The standard metrics neither reset nor hold on signals (their table is unchanged)."""
        assert all(not (m.reset or m.pause_on or m.resume_on) for m in STANDARD_METRICS)
