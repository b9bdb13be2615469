"""Case events and histories: validation, order, round trips, status maps."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta, timezone

import pytest

from safetycore.errors import (
    ConfigurationError,
    HistoryOrderError,
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
    UnknownStatusError,
)
from safetycore.events import (
    CaseEvent,
    CaseHistory,
    Channel,
    EventKind,
    StatusCategory,
    StatusMap,
)

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def _created(at: datetime = T0, case: str = "T-1") -> CaseEvent:
    return CaseEvent(case, at, EventKind.CREATED, actor="customer:1", via=Channel.EMAIL)


def _reply(at: datetime, *, public: bool = True) -> CaseEvent:
    return CaseEvent("T-1", at, "agent_replied", actor="agent:7", data={"public": public})


class TestCaseEvent:
    def test_naive_instant_is_refused(self) -> None:
        """An event at a naive datetime raises NaiveDatetimeError naming ``at``."""
        with pytest.raises(NaiveDatetimeError) as error:
            CaseEvent("T-1", datetime(2025, 1, 1), EventKind.CREATED, actor="system")
        assert error.value.field == "at"

    def test_kind_and_channel_are_checked(self) -> None:
        """Unknown kinds and channels raise InputTypeError listing the valid ones."""
        with pytest.raises(InputTypeError, match="status_changed"):
            CaseEvent("T-1", T0, "exploded", actor="system")
        with pytest.raises(InputTypeError, match="sms"):
            CaseEvent("T-1", T0, "created", actor="system", via="pigeon")

    def test_kind_data_is_required(self) -> None:
        """A status change without its target category is refused, naming the missing key."""
        with pytest.raises(ConfigurationError) as error:
            CaseEvent("T-1", T0, "status_changed", actor="agent:7", data={"from": "a", "to": "b"})
        assert error.value.field == "data.category"
        with pytest.raises(InputTypeError):
            CaseEvent(
                "T-1",
                T0,
                "status_changed",
                actor="agent:7",
                data={"from": "a", "to": "b", "category": "resting"},
            )

    def test_data_reads_like_a_mapping(self) -> None:
        """``event[key]`` and ``event.get`` read the data; a missing key is a KeyError."""
        event = _reply(T0, public=False)
        assert event["public"] is False
        assert event.get("absent", 3) == 3
        with pytest.raises(KeyError):
            event["absent"]

    def test_dict_round_trip(self) -> None:
        """``from_dict(to_dict())`` gives back an equal event, offset included."""
        event = CaseEvent(
            "T-1",
            datetime(2025, 3, 3, 9, 0, tzinfo=timezone(timedelta(hours=-5))),
            "status_changed",
            actor="agent:7",
            via="chat",
            data={"from": "new", "to": "Awaiting reply", "category": "pending"},
        )
        again = CaseEvent.from_dict(event.to_dict())
        assert again == event
        assert again.at.utcoffset() == timedelta(hours=-5)

    def test_events_are_hashable_and_picklable(self) -> None:
        """Events are immutable values: hashable, picklable, equal by value."""
        event = _reply(T0)
        assert hash(event) == hash(_reply(T0))
        assert pickle.loads(pickle.dumps(event)) == event

    def test_from_dict_names_a_missing_key(self) -> None:
        """A dict without ``actor`` raises ConfigurationError naming ``event.actor``."""
        with pytest.raises(ConfigurationError) as error:
            CaseEvent.from_dict({"case_id": "T-1", "at": T0.isoformat(), "kind": "created"})
        assert error.value.field == "event.actor"

    def test_code_packs_kind_public_flag_and_category(self) -> None:
        """``code`` holds the kind's position, the public bit, the category and the priority bit."""
        kinds = list(EventKind)
        assert _created().code == kinds.index(EventKind.CREATED)
        assert _reply(T0).code == kinds.index(EventKind.AGENT_REPLIED) | 32
        assert _reply(T0, public=False).code == kinds.index(EventKind.AGENT_REPLIED)
        pending = CaseEvent(
            "T-1",
            T0,
            "status_changed",
            actor="agent:7",
            data={"from": "open", "to": "waiting", "category": "pending"},
        )
        position = list(StatusCategory).index(StatusCategory.PENDING)
        assert pending.code == kinds.index(EventKind.STATUS_CHANGED) | (position + 1) << 6
        raised = CaseEvent(
            "T-1", T0, "priority_changed", actor="agent:7", data={"from": "low", "to": "high"}
        )
        assert raised.code == kinds.index(EventKind.PRIORITY_CHANGED) | 1 << 10
        assert raised.code > max(e.code for e in (_created(), _reply(T0), pending))

    def test_code_layout_fits_every_kind_and_category(self) -> None:
        """Every kind fits the kind bits and every category (plus one) the category bits."""
        from safetycore.events import CODE_CATEGORY_MASK, CODE_KIND_MASK

        assert len(EventKind) <= CODE_KIND_MASK + 1
        assert len(StatusCategory) + 1 <= CODE_CATEGORY_MASK


class TestCaseHistory:
    def test_events_in_order_are_kept(self) -> None:
        """Appending events in time order keeps them all, ties in appending order."""
        history = (
            CaseHistory("T-1")
            .append(_created())
            .append(_reply(T0))
            .append(_reply(T0, public=False))
        )
        assert [e.kind for e in history] == ["created", "agent_replied", "agent_replied"]
        assert len(history) == 3

    def test_out_of_order_is_refused(self) -> None:
        """An event earlier than the last one raises HistoryOrderError naming its position."""
        history = CaseHistory("T-1", [_created(T0 + timedelta(hours=1))])
        with pytest.raises(HistoryOrderError) as error:
            history.append(_reply(T0))
        assert error.value.field == "events[1].at"
        assert len(history) == 1  # the refused append changed nothing

    def test_duplicate_is_refused(self) -> None:
        """An exact repeat of an event (same instant, even in another zone) is refused."""
        history = CaseHistory("T-1", [_created(), _reply(T0)])
        same_instant = T0.astimezone(timezone(timedelta(hours=2)))
        with pytest.raises(HistoryOrderError, match="repeats"):
            history.append(_reply(same_instant))
        with pytest.raises(HistoryOrderError, match="repeats"):
            CaseHistory("T-1", [_created(), _created()])

    def test_other_case_is_refused(self) -> None:
        """An event of another case cannot join the history."""
        with pytest.raises(HistoryOrderError, match="T-2"):
            CaseHistory("T-1", [_created(case="T-2")])


class TestStatusMap:
    def test_custom_statuses_map_to_categories(self) -> None:
        """A team's status names resolve to the fixed categories."""
        statuses = StatusMap({"Awaiting vet records": "pending", "With insurer": "on_hold"})
        assert statuses.category("With insurer") is StatusCategory.ON_HOLD

    def test_unknown_status_names_it(self) -> None:
        """An unknown status raises UnknownStatusError (a LookupError) naming the status."""
        with pytest.raises(LookupError) as error:
            StatusMap.identity().category("Parked")
        assert isinstance(error.value, UnknownStatusError)
        assert error.value.value == "Parked"

    def test_bad_category_is_a_configuration_error(self) -> None:
        """Mapping a status to a category that does not exist fails at construction."""
        with pytest.raises(ConfigurationError) as error:
            StatusMap({"Parked": "parked"})
        assert error.value.field == "statuses.Parked"


def _event(kind: str, **data: object) -> CaseEvent:
    return CaseEvent("T-1", T0, kind, actor="agent:7", data=data)


_STATUS = {"from": "open", "to": "waiting", "category": "pending"}


def _frozen(value: object) -> object:
    """How a data value reads back: a list as a tuple."""
    return tuple(value) if isinstance(value, list) else value


class TestEventDataTypes:
    """Defect: data the clocks read was taken as given (``public="false"`` counted as public)."""

    @pytest.mark.parametrize("public", ["false", "true", 0, 1, None, [True]])
    def test_public_must_be_a_bool(self, public: object) -> None:
        """A reply's ``public`` that is not True or False is refused, naming ``data.public``."""
        with pytest.raises(InputTypeError) as error:
            _event("agent_replied", public=public)
        assert error.value.field == "data.public"
        assert error.value.value == _frozen(public)

    @pytest.mark.parametrize("priority", [1, "", True, ["high"], 2.5])
    def test_created_priority_must_be_text(self, priority: object) -> None:
        """A created event's ``priority`` must be non-empty text (None means absent)."""
        with pytest.raises(InputTypeError) as error:
            _event("created", priority=priority)
        assert error.value.field == "data.priority"
        assert error.value.value == _frozen(priority)
        assert _event("created", priority=None)["priority"] is None

    @pytest.mark.parametrize(("key", "value"), [("to", 3), ("to", ""), ("to", None), ("from", 1)])
    def test_priority_change_names_must_be_text(self, key: str, value: object) -> None:
        """A priority change's ``from`` and ``to`` are non-empty text (``from`` may be None)."""
        data: dict[str, object] = {"from": "low", "to": "high", key: value}
        with pytest.raises(InputTypeError) as error:
            _event("priority_changed", **data)
        assert error.value.field == f"data.{key}"
        assert error.value.value == value

    def test_priority_change_from_none_is_allowed(self) -> None:
        """A case created without a priority can get one: ``from`` None is accepted."""
        assert _event("priority_changed", **{"from": None, "to": "high"})["to"] == "high"

    @pytest.mark.parametrize("category", [7, None, ["open"], "resting"])
    def test_status_category_must_be_a_category(self, category: object) -> None:
        """A status change's ``category`` must be a StatusCategory value."""
        with pytest.raises(InputTypeError) as error:
            _event("status_changed", **{**_STATUS, "category": category})
        assert error.value.field == "data.category"
        assert error.value.value == _frozen(category)

    @pytest.mark.parametrize(("key", "value"), [("from", 1), ("to", None), ("to", "")])
    def test_status_names_must_be_text(self, key: str, value: object) -> None:
        """A status change's ``from`` and ``to`` are non-empty text."""
        with pytest.raises(InputTypeError) as error:
            _event("status_changed", **{**_STATUS, key: value})
        assert error.value.field == f"data.{key}"
        assert error.value.value == value

    @pytest.mark.parametrize("category", [1, "", ["billing"]])
    def test_created_category_must_be_text(self, category: object) -> None:
        """A created event's ``category`` (the case's category) is non-empty text or None."""
        with pytest.raises(InputTypeError) as error:
            _event("created", category=category)
        assert error.value.field == "data.category"

    @pytest.mark.parametrize(
        ("kind", "key", "value"), [("assigned", "assignee", 17), ("merged", "into", "")]
    )
    def test_assignee_and_into_must_be_text(self, kind: str, key: str, value: object) -> None:
        """``assignee`` of an assignment and ``into`` of a merge are non-empty text."""
        with pytest.raises(InputTypeError) as error:
            _event(kind, **{key: value})
        assert error.value.field == f"data.{key}"
        assert error.value.value == value

    def test_tags_must_be_names(self) -> None:
        """``tags`` is a collection of non-empty text; a bare str or a bad item is refused."""
        with pytest.raises(InputTypeError) as error:
            _event("created", tags="vip")
        assert error.value.field == "data.tags"
        with pytest.raises(InputTypeError) as error:
            _event("created", tags=["vip", 3])
        assert (error.value.field, error.value.value) == ("data.tags[1]", 3)
        with pytest.raises(InputTypeError) as error:
            _event("created", tags=None)
        assert error.value.field == "data.tags"

    def test_channel_must_be_a_channel(self) -> None:
        """A ``channel`` in the data must be a Channel value."""
        with pytest.raises(InputTypeError) as error:
            _event("created", channel="fax")
        assert (error.value.field, error.value.value) == ("data.channel", "fax")
        assert _event("created", channel="chat")["channel"] == "chat"

    def test_well_typed_data_is_kept(self) -> None:
        """Data of the right types is kept as given and read back unchanged."""
        event = _event("created", priority="high", category="billing", tags=[])
        assert (event["priority"], event["category"], event["tags"]) == ("high", "billing", ())


class TestEventDataFrozen:
    """Defect: list values (JSON gives lists) made events unhashable, failing in the clocks."""

    def test_tags_are_a_sorted_tuple_of_distinct_names(self) -> None:
        """``tags`` is normalised to a sorted tuple of distinct str; to_dict gives a list."""
        event = _event("created", tags=["vip", "fraud", "vip"])
        assert event["tags"] == ("fraud", "vip")
        assert event.to_dict()["data"]["tags"] == ["fraud", "vip"]
        assert CaseEvent.from_dict(event.to_dict()) == event
        assert event == _event("created", tags=("vip", "fraud"))

    def test_tagged_events_work_in_histories_and_clocks(self) -> None:
        """A created event with list tags joins a history and is evaluated."""
        from safetycore.sla import (
            Calendar,
            Condition,
            Policy,
            PolicyVersion,
            SlaPolicy,
            Target,
            VersionedCalendar,
            evaluate,
        )

        always = VersionedCalendar("24/7", "1", Calendar.always("UTC"))
        policy = SlaPolicy(
            "p",
            [
                PolicyVersion(
                    "1",
                    T0,
                    [
                        Policy(
                            "vip",
                            [Target("first_reply", timedelta(hours=1), always)],
                            when=Condition(tags="vip"),
                        )
                    ],
                )
            ],
        )
        created = CaseEvent("T-1", T0, "created", actor="customer:1", data={"tags": ["vip"]})
        history = CaseHistory("T-1", [created, _reply(T0 + timedelta(minutes=5))])
        result = evaluate(history, policy, T0 + timedelta(hours=2)).latest("first_reply")
        assert result is not None
        assert result.state == "met"

    def test_nested_values_are_frozen_and_round_trip(self) -> None:
        """Lists become tuples and mappings read-only mappings; the event stays hashable."""
        event = _event("customer_replied", files=[["a", 1]], meta={"b": [1, 2], "a": None})
        hash(event)
        assert event["files"] == (("a", 1),)
        assert event["meta"] == {"a": None, "b": (1, 2)}
        assert event["meta"]["b"] == (1, 2)
        assert event.to_dict()["data"] == {"files": [["a", 1]], "meta": {"a": None, "b": [1, 2]}}
        again = CaseEvent.from_dict(event.to_dict())
        assert again == event
        assert hash(again) == hash(event)
        assert pickle.loads(pickle.dumps(event)) == event

    @pytest.mark.parametrize(
        "value", [object(), {1, 2}, b"x", datetime(2025, 1, 1, tzinfo=UTC), [object()]]
    )
    def test_values_that_are_not_json_like_are_refused(self, value: object) -> None:
        """A data value that is not JSON-like raises InputTypeError naming ``data.<key>``."""
        with pytest.raises(InputTypeError) as error:
            _event("customer_replied", note=value)
        assert error.value.field.startswith("data.note")

    def test_a_nested_mapping_with_a_non_text_key_is_refused(self) -> None:
        """Keys of nested mappings are text (JSON object keys)."""
        with pytest.raises(InputTypeError) as error:
            _event("customer_replied", meta={1: "x"})
        assert (error.value.field, error.value.value) == ("data.meta", 1)

    @pytest.mark.parametrize("number", [float("nan"), float("inf")])
    def test_non_finite_numbers_are_refused(self, number: float) -> None:
        """NaN and infinities are not JSON numbers and never equal themselves after a trip."""
        with pytest.raises(InvalidArgumentError) as error:
            _event("customer_replied", score=number)
        assert error.value.field == "data.score"

    def test_deep_nesting_is_refused(self) -> None:
        """A value nested deeper than the documented limit is refused, not a RecursionError."""
        deep: list[object] = []
        for _ in range(5000):
            deep = [deep]
        with pytest.raises(InputTypeError) as error:
            _event("customer_replied", deep=deep)
        assert error.value.field.startswith("data.deep")


class TestEventConstructionJunk:
    """Every argument of CaseEvent and from_dict refused with a SafetycoreError naming it."""

    @pytest.mark.parametrize(
        "data", ["public", 5, None, [("public",)], [1, 2], {1: True}, [(["public"], True)]]
    )
    def test_data_that_is_not_a_mapping_is_refused(self, data: object) -> None:
        """``data`` must be a mapping (or its own sorted pairs) of text keys."""
        with pytest.raises(InputTypeError) as error:
            CaseEvent("T-1", T0, "customer_replied", actor="customer:1", data=data)
        assert error.value.field.startswith("data")

    def test_repeated_keys_in_pairs_are_refused(self) -> None:
        """Pairs naming one key twice are ambiguous and refused, naming the key."""
        with pytest.raises(ConfigurationError) as error:
            CaseEvent(
                "T-1",
                T0,
                "agent_replied",
                actor="agent:7",
                data=[("public", True), ("public", False)],
            )
        assert error.value.field == "data.public"

    def test_evolve_keeps_the_data(self) -> None:
        """The converted data form is accepted again (``attrs.evolve``)."""
        import attrs

        event = _event("created", tags=["b", "a"], meta={"x": [1]})
        assert attrs.evolve(event, actor="system").data == event.data

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("case_id", None),
            ("case_id", ""),
            ("case_id", 7),
            ("actor", None),
            ("actor", ""),
            ("kind", None),
            ("kind", 3),
            ("via", "fax"),
            ("via", None),
            ("at", "25:00"),
            ("at", 1_700_000_000),
            ("at", None),
        ],
    )
    def test_junk_arguments_name_their_field(self, field: str, value: object) -> None:
        """A junk argument raises a SafetycoreError naming it."""
        arguments: dict[str, object] = {
            "case_id": "T-1",
            "at": T0,
            "kind": "created",
            "actor": "system",
            "via": "email",
        }
        arguments[field] = value
        with pytest.raises(InputTypeError) as error:
            CaseEvent(**arguments)  # type: ignore[arg-type]
        assert error.value.field == field

    @pytest.mark.parametrize(
        "at",
        [
            datetime(1, 1, 1, tzinfo=UTC),
            datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))),
            datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))),
        ],
    )
    def test_instants_outside_the_supported_years_are_refused(self, at: datetime) -> None:
        """An event outside years 2 to 9998 raises OutOfRangeError naming ``at``."""
        with pytest.raises(OutOfRangeError) as error:
            CaseEvent("T-1", at, "created", actor="system")
        assert error.value.field == "at"
        assert error.value.value == at

    def test_from_dict_refuses_unknown_keys(self) -> None:
        """A misspelt key of an event's dict form is refused, naming it."""
        form = _created().to_dict()
        form["dta"] = {}
        with pytest.raises(ConfigurationError) as error:
            CaseEvent.from_dict(form)
        assert error.value.field == "event.dta"

    @pytest.mark.parametrize("form", [None, "event", ["case_id"], 3])
    def test_from_dict_refuses_a_non_mapping(self, form: object) -> None:
        """``from_dict`` of something that is not a mapping names ``event``."""
        with pytest.raises(InputTypeError) as error:
            CaseEvent.from_dict(form)  # type: ignore[arg-type]
        assert error.value.field == "event"

    def test_from_dict_refuses_a_data_list(self) -> None:
        """``data`` in the dict form is a mapping, as ``to_dict`` writes it."""
        form = _reply(T0).to_dict()
        form["data"] = "public"
        with pytest.raises(InputTypeError) as error:
            CaseEvent.from_dict(form)
        assert error.value.field == "data"


class TestCaseHistoryInput:
    """Defect: one event for a collection gave ``KeyError: 0``; errors showed whole events."""

    @pytest.mark.parametrize("events", ["events", 3, {"a": 1}, None])
    def test_events_must_be_a_collection(self, events: object) -> None:
        """A non-collection, a bare str or a mapping raises InputTypeError naming ``events``."""
        with pytest.raises(InputTypeError) as error:
            CaseHistory("T-1", events)  # type: ignore[arg-type]
        assert error.value.field == "events"

    def test_one_event_instead_of_a_collection_is_refused(self) -> None:
        """``CaseHistory(id, event)`` raises InputTypeError naming ``events``, not KeyError."""
        with pytest.raises(InputTypeError) as error:
            CaseHistory("T-1", _created())  # type: ignore[arg-type]
        assert error.value.field == "events"

    def test_items_must_be_events(self) -> None:
        """An item that is not a CaseEvent is refused, naming its position."""
        with pytest.raises(InputTypeError) as error:
            CaseHistory("T-1", [_created(), "reply"])  # type: ignore[list-item]
        assert (error.value.field, error.value.value) == ("events[1]", "reply")
        with pytest.raises(InputTypeError) as error:
            CaseHistory("T-1", [_created()]).append({"kind": "created"})  # type: ignore[arg-type]
        assert error.value.field == "events[1]"

    @pytest.mark.parametrize("case_id", [None, "", 5])
    def test_case_id_must_be_text(self, case_id: object) -> None:
        """The history's case id is non-empty text."""
        with pytest.raises(InputTypeError) as error:
            CaseHistory(case_id)  # type: ignore[arg-type]
        assert error.value.field == "case_id"

    def test_order_errors_show_the_field_value(self) -> None:
        """Order, case and repeat errors carry the offending field's value, not the event."""
        later = T0 + timedelta(hours=1)
        with pytest.raises(HistoryOrderError) as error:
            CaseHistory("T-1", [_created(later), _reply(T0)])
        assert (error.value.field, error.value.value) == ("events[1].at", T0)
        with pytest.raises(HistoryOrderError) as error:
            CaseHistory("T-1", [_created(case="T-2")])
        assert (error.value.field, error.value.value) == ("events[0].case_id", "T-2")
        with pytest.raises(HistoryOrderError) as error:
            CaseHistory("T-1", [_created(), _created()])
        assert (error.value.field, error.value.value) == ("events[1].at", T0)


class TestStatusMapInput:
    """StatusMap refuses junk names and categories when built."""

    @pytest.mark.parametrize("name", [1, "", None])
    def test_status_names_must_be_text(self, name: object) -> None:
        """A status name that is not non-empty text raises InputTypeError naming it."""
        with pytest.raises(InputTypeError) as error:
            StatusMap({name: "open", "b": "open"})  # type: ignore[dict-item]
        assert (error.value.field, error.value.value) == ("statuses", name)

    @pytest.mark.parametrize("category", [None, 3, ["open"]])
    def test_categories_must_be_categories(self, category: object) -> None:
        """A category that is not a StatusCategory value names the status."""
        with pytest.raises(ConfigurationError) as error:
            StatusMap({"Parked": category})
        assert (error.value.field, error.value.value) == ("statuses.Parked", category)

    @pytest.mark.parametrize("statuses", [None, ["open"], "open", {}])
    def test_statuses_must_be_a_non_empty_mapping(self, statuses: object) -> None:
        """A non-mapping, or an empty map that would refuse every status, is refused."""
        with pytest.raises((InputTypeError, ConfigurationError)) as error:
            StatusMap(statuses)  # type: ignore[arg-type]
        assert error.value.field == "statuses"

    def test_lookup_of_a_non_name_is_a_type_error(self) -> None:
        """``category`` of something that is not text is an InputTypeError naming ``status``."""
        with pytest.raises(InputTypeError) as error:
            StatusMap.identity().category(3)  # type: ignore[arg-type]
        assert (error.value.field, error.value.value) == ("status", 3)
