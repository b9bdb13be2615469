"""Case events and histories: validation, order, round trips, status maps."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta, timezone

import pytest

from safetycore.errors import (
    ConfigurationError,
    HistoryOrderError,
    InputTypeError,
    NaiveDatetimeError,
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
