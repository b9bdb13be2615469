"""Invariant checkers for SLA policies and calendars: one call states a promise and tests it.

Each checker draws values with hypothesis (under the caller's active settings), checks one
promise on each, and raises :class:`~safetycore.testing.InvariantError` (an
``AssertionError``) with the shrunk counterexample in the domain's words: the case id, its
instants in the calendar's zone with weekday and year, durations in hours and minutes.

- :func:`check_sla_bound`: every case of a kind is due within a wall-clock bound
  ("every urgent case gets a first reply due within 1 h").
- :func:`check_calendar_laws`: a calendar answers by the laws of ``docs/calendar.md``
  (``add`` and ``elapsed`` round-trip, ``elapsed`` is additive, ``add`` is monotone, the
  next and previous openings and closes are consistent with ``is_open``, and the answers
  agree with ``ReferenceCalendar``).

>>> from datetime import UTC, datetime, timedelta
>>> from safetycore.sla import (Calendar, Condition, Policy, PolicyVersion, SlaPolicy,
...     Target, VersionedCalendar)
>>> always = VersionedCalendar("24/7", "1", Calendar.always("America/Chicago"))
>>> policy = SlaPolicy("care", [PolicyVersion("1", datetime(2025, 1, 1, tzinfo=UTC), [
...     Policy("urgent", [Target("first_reply", timedelta(hours=1), always)],
...            when=Condition(priority="urgent"))])])
>>> check_sla_bound(policy, metric="first_reply", within=timedelta(hours=1),
...                 where=Condition(priority="urgent"), max_examples=10)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from safetycore._time import EPOCH, to_micros
from safetycore.errors import (
    InputTypeError,
    InvalidArgumentError,
    OutOfRangeError,
    UnknownNameError,
)
from safetycore.events import CaseEvent, CaseHistory, Channel
from safetycore.sla import (
    Calendar,
    CaseAttributes,
    Condition,
    SlaPolicy,
    evaluate,
)
from safetycore.testing._search import InvariantError, search
from safetycore.testing.clocks import EVENT_KINDS, case_histories
from safetycore.testing.oracle import ReferenceCalendar
from safetycore.testing.strategies import business_durations, instants

__all__ = ["CalendarExample", "check_calendar_laws", "check_sla_bound"]

_US: Final = timedelta(microseconds=1)
_ZERO: Final = timedelta(0)

Where = Condition | Callable[[CaseHistory], bool] | None


# -- words ------------------------------------------------------------------------------------


def _stdlib(at: datetime, zone: str) -> datetime:
    """``at`` as a stdlib datetime in ``zone`` (``fold=1`` on the second of a repeated time)."""
    return (EPOCH + timedelta(microseconds=to_micros(at, "at"))).astimezone(ZoneInfo(zone))


def _clock(local: datetime) -> str:
    clock = local.strftime("%H:%M")
    if local.microsecond:
        clock += local.strftime(":%S.%f")
    elif local.second:
        clock += local.strftime(":%S")
    return clock


def _instant_words(at: datetime, zone: str) -> str:
    """``at`` as people read it in ``zone``: ``"Fri 2026-03-06 16:55 America/Chicago"``.

    Seconds and microseconds are shown only when not zero; a wall-clock time shown twice on
    the night the clocks go back is marked ``(second)`` when it is the later one.
    """
    local = _stdlib(at, zone)
    # Compared in UTC: PEP 495 ignores fold when comparing two times of one zone.
    repeated = local.replace(fold=0).astimezone(UTC) != local.astimezone(UTC)
    fold = " (second)" if local.fold and repeated else ""
    return f"{local.strftime('%a %Y-%m-%d')} {_clock(local)}{fold} {zone}"


def _duration_words(value: timedelta) -> str:
    """A duration as ``"2 h 10 min"``: hours, minutes and seconds that are not zero.

    Whole hours and minutes read ``"1 h"``, ``"10 min"``; seconds keep their microseconds
    (``"1 min 0.5 s"``); zero is ``"0 min"``; a negative duration starts with ``"-"``.
    """
    sign = "-" if value < _ZERO else ""
    micros = abs(value) // _US
    hours, rest = divmod(micros, 3_600_000_000)
    minutes, micros = divmod(rest, 60_000_000)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if micros:
        seconds = f"{micros / 1_000_000:.6f}".rstrip("0").rstrip(".")
        parts.append(f"{seconds} s")
    return sign + (" ".join(parts) or "0 min")


def _metric_words(metric: str) -> str:
    return metric.replace("_", " ")


# -- check_sla_bound --------------------------------------------------------------------------


def _case_matches(condition: Condition, history: CaseHistory) -> bool:
    created = history.events[0]
    data = dict(created.data)
    attributes = CaseAttributes(
        priority=data.get("priority"),
        channel=created.via,
        category=data.get("category"),
        tags=data.get("tags", ()),
    )
    return condition.matches(attributes)


@st.composite
def _made_to_match(
    draw: st.DrawFn, base: st.SearchStrategy[CaseHistory], condition: Condition
) -> CaseHistory:
    """A history from ``base`` whose created event is rewritten to meet ``condition``."""
    history = draw(base)
    created = history.events[0]
    data = dict(created.data)
    if condition.category is not None:
        data["category"] = draw(st.sampled_from(sorted(condition.category)))
    if condition.tags is not None:
        data["tags"] = [draw(st.sampled_from(sorted(condition.tags)))]
    via = created.via
    if condition.channel is not None:
        via = Channel(draw(st.sampled_from(sorted(condition.channel))))
    first = CaseEvent(
        created.case_id, created.at, created.kind, actor=created.actor, via=via, data=data
    )
    return CaseHistory(history.case_id, [first, *history.events[1:]])


def _default_histories(policy: SlaPolicy, where: Where) -> st.SearchStrategy[CaseHistory]:
    first, last = policy.versions[0].effective, policy.versions[-1].effective
    spread = last - first + timedelta(days=365)
    if isinstance(where, Condition):
        # No priority changes: a case stays of the kind it was created as.
        kinds = [kind for kind in EVENT_KINDS if kind != "priority_changed"]
        priorities: tuple[str, ...] = ("low", "normal", "high", "urgent")
        if where.priority is not None:
            priorities = tuple(sorted(where.priority))
        base = case_histories("C-1", start=first, spread=spread, kinds=kinds, priorities=priorities)
        return _made_to_match(base, where)
    base = case_histories("C-1", start=first, spread=spread)
    return base if where is None else base.filter(where)


def _policy_zone(policy: SlaPolicy, metric: str) -> str:
    """The zone of the first calendar a target for ``metric`` counts in (UTC if none)."""
    for version in policy.versions:
        for row in version.policies:
            target = row.target(metric)
            if target is not None:
                return target.calendar.calendar.zone
    return "UTC"


def check_sla_bound(
    policy: SlaPolicy,
    *,
    metric: str,
    within: timedelta,
    where: Where = None,
    histories: st.SearchStrategy[CaseHistory] | None = None,
    version: str | None = None,
    max_examples: int | None = None,
) -> None:
    """Check that every case ``where`` selects is due within ``within`` of wall-clock time.

    For each drawn case history, the first cycle of ``metric`` is evaluated as of the instant
    it starts (later events left out), and its due instant must be at most ``within`` of real
    time after that start: "every urgent case has a first reply due within 1 h, nights and
    weekends included". A cycle that starts paused has no due instant yet and is skipped, as
    is a case in which ``metric`` never starts; a cycle that starts with no target (no policy
    row sets one for the case) breaks the promise, since such a case is never due.

    Args:
        policy: the ``SlaPolicy`` under test; cases run under the version in force when
            created (``Versioning.PIN``), or under the version named ``version``.
        metric: the metric's name (``"first_reply"``); some version must track it.
        within: the bound, a positive ``timedelta`` of wall-clock (real) time.
        where: which cases the promise is about: ``None`` (every case), a ``Condition``
            (the vocabulary of policy rows: ``Condition(priority="urgent")``, matched on the
            created event as policy rows match it), or a predicate on the ``CaseHistory``.
        histories: a strategy of ``CaseHistory`` to draw from; by default
            ``case_histories()`` created from the first version's effective instant over a
            year past the last. With a ``Condition`` and no ``histories``, the created event
            is drawn to match it (its priorities, a category, a tag, a channel) and no
            priority changes follow, so a case stays of its kind; a predicate, or a
            ``Condition`` with ``histories``, filters what is drawn.
        version: a version's name, to run every case under it whatever its dates.
        max_examples: how many cases to draw (default: the active hypothesis profile's).

    Raises:
        InvariantError: a case is due later than the bound, or has no target. The message
            reads ``"case T-1, created Fri 2026-03-06 16:55 America/Chicago, first reply due
            Mon 2026-03-09 09:55 America/Chicago, 63 h past the 1 h bound (target 1 h in
            calendar 'office', policy row 'urgent')"``, instants in the zone of the target's
            calendar; ``.example`` is the shrunk history. Errors of the histories themselves
            (a case created before the policy's first version: ``OutOfRangeError``) and
            hypothesis' own (a ``where`` that filters out nearly every drawn case fails its
            ``filter_too_much`` health check) come out as they are.
        InputTypeError: an argument of the wrong type, naming it.
        InvalidArgumentError: ``within`` not positive; or no drawn case ever started a cycle
            of ``metric`` with a due instant (the check would pass vacuously), naming
            ``where``.
        UnknownNameError: ``metric`` is tracked by no version, or ``version`` is not one.

    >>> from datetime import UTC, datetime, timedelta
    >>> from safetycore.sla import (Calendar, Policy, PolicyVersion, Target,
    ...     VersionedCalendar, WeeklySchedule)
    >>> office = VersionedCalendar("office", "1", Calendar(
    ...     "America/Chicago", WeeklySchedule.parse({"mon-fri": "09:00-17:00"})))
    >>> policy = SlaPolicy("care", [PolicyVersion("1", datetime(2025, 1, 1, tzinfo=UTC), [
    ...     Policy("all", [Target("first_reply", timedelta(hours=1), office)])])])
    >>> try:
    ...     check_sla_bound(policy, metric="first_reply", within=timedelta(hours=1))
    ... except AssertionError as error:
    ...     print(error.invariant, "|", "past the 1 h bound" in str(error))
    every case is due within 1 h | True
    """
    if not isinstance(policy, SlaPolicy):
        raise InputTypeError("must be a safetycore.sla.SlaPolicy", field="policy", value=policy)
    if not isinstance(metric, str):
        raise InputTypeError("must be a metric's name (text)", field="metric", value=metric)
    tracked = sorted({m.name for v in policy.versions for m in v.metrics})
    if metric not in tracked:
        raise UnknownNameError(
            f"is a metric no version of policy {policy.name!r} tracks "
            f"(its metrics: {', '.join(tracked)})",
            field="metric",
            value=metric,
        )
    if not isinstance(within, timedelta):
        raise InputTypeError("must be a timedelta", field="within", value=within)
    if within <= _ZERO:
        raise InvalidArgumentError("must be positive", field="within", value=within)
    if where is not None and not isinstance(where, Condition) and not callable(where):
        raise InputTypeError(
            "must be None, a Condition or a predicate on a CaseHistory", field="where", value=where
        )
    if histories is not None and not isinstance(histories, st.SearchStrategy):
        raise InputTypeError(
            "must be a hypothesis strategy of CaseHistory", field="histories", value=histories
        )
    if version is not None:
        policy.version_named(version)  # UnknownNameError now, not inside the search
    if histories is None:
        drawn = _default_histories(policy, where)
    elif isinstance(where, Condition):
        condition = where
        drawn = histories.filter(lambda history: _case_matches(condition, history))
    elif where is not None:
        drawn = histories.filter(where)
    else:
        drawn = histories
    invariant = f"every case{'' if where is None else ' selected'} is due within " + (
        _duration_words(within)
    )
    fallback_zone = _policy_zone(policy, metric)
    checked = [0]

    def check(history: CaseHistory) -> None:
        broken = violation(history)
        if broken is not None:
            raise broken  # one raise site: see check_calendar_laws

    def violation(history: CaseHistory) -> InvariantError | None:
        if not isinstance(history, CaseHistory):
            raise InputTypeError("must draw CaseHistory values", field="histories", value=history)
        last = history.events[-1].at
        cycles = evaluate(history, policy, last, version=version).metric(metric)
        if not cycles:
            return None
        start = cycles[0].started_at
        cycle = evaluate(history, policy, start, version=version).metric(metric)[0]
        created = history.events[0].at
        if cycle.target is None:
            checked[0] += 1
            row = (
                f"policy row {cycle.policy!r} sets none"
                if cycle.policy is not None
                else "no policy row matches it"
            )
            return InvariantError(
                f"case {history.case_id}, created {_instant_words(created, fallback_zone)}, "
                f"has no {_metric_words(metric)} target ({row}), so it is never due",
                invariant=invariant,
                example=history,
            )
        if cycle.due_at is None:  # starts paused: no deadline promised yet
            return None
        checked[0] += 1
        zone = _zone_of(cycle.due_at, fallback_zone)
        wait = timedelta(microseconds=to_micros(cycle.due_at, "due_at") - to_micros(start, "at"))
        if wait <= within:
            return None
        began = f"created {_instant_words(created, zone)}"
        if to_micros(start, "at") != to_micros(created, "at"):
            began += f", {_metric_words(metric)} started {_instant_words(start, zone)}"
        return InvariantError(
            f"case {history.case_id}, {began}, {_metric_words(metric)} due "
            f"{_instant_words(cycle.due_at, zone)}, {_duration_words(wait - within)} past the "
            f"{_duration_words(within)} bound (target {_duration_words(cycle.target)} in "
            f"calendar {cycle.calendar!r}, policy row {cycle.policy!r})",
            invariant=invariant,
            example=history,
        )

    search(drawn, check, name="check_sla_bound", max_examples=max_examples)
    if not checked[0]:
        raise InvalidArgumentError(
            f"selects no drawn case in which {metric!r} started with a due instant, so the "
            "bound was never checked (widen where or histories)",
            field="where",
            value=where,
        )


def _zone_of(at: datetime, fallback: str) -> str:
    """The IANA name of the zone ``at`` is written in (results are in their calendar's)."""
    name = getattr(at, "timezone_name", None)
    return name if isinstance(name, str) else fallback


# -- check_calendar_laws ----------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarExample:
    """What ``check_calendar_laws`` draws: a calendar, three instants and two durations.

    ``instants`` are in time order (UTC, at most about two weeks apart); ``durations`` are
    business durations, possibly negative, in increasing order.
    """

    calendar: Calendar
    instants: tuple[datetime, datetime, datetime]
    durations: tuple[timedelta, timedelta]


def _dated_years(calendar: Calendar) -> list[int]:
    return [
        *(change.effective.year for change in calendar.hours_changes),
        *(closure.date.year for closure in calendar.closures),
        *(opening.date.year for opening in calendar.openings),
    ]


def _holiday_dates(calendar: Calendar, first_year: int, last_year: int) -> set[date]:
    years = range(first_year, last_year + 1)
    return {day for source in calendar.holidays for day in source.dates(years)}


_WINDOW: Final = timedelta(days=30)
_GAPS: Final = st.one_of(
    st.sampled_from((_ZERO, _US)),
    st.integers(0, 7 * 24 * 4).map(lambda n: n * timedelta(minutes=15)),
    st.integers(0, 3 * 86_400_000_000).map(lambda n: n * _US),
)
_DURATIONS: Final = business_durations(
    min_value=timedelta(hours=-48), max_value=timedelta(hours=120)
)


@st.composite
def _calendar_examples(draw: st.DrawFn, calendars_: st.SearchStrategy[Calendar]) -> CalendarExample:
    calendar = draw(calendars_)
    if not isinstance(calendar, Calendar):
        raise InputTypeError("must draw Calendar values", field="calendar", value=calendar)
    years = _dated_years(calendar)
    first_year, last_year = min([2025, *years]), max([2025, *years])
    # Instants meet the dated rules and holidays often: that is where precedence matters.
    around = {
        *(closure.date for closure in calendar.closures),
        *(opening.date for opening in calendar.openings),
        *(change.effective for change in calendar.hours_changes),
        *_holiday_dates(calendar, first_year, last_year),
    }
    first = draw(
        instants(calendar.zone, min_year=first_year, max_year=last_year, around=sorted(around))
    ).astimezone(UTC)
    second = first + draw(_GAPS)
    third = second + draw(_GAPS)
    durations = sorted((draw(_DURATIONS), draw(_DURATIONS)))
    return CalendarExample(calendar, (first, second, third), (durations[0], durations[1]))


def _law(
    name: str, message: str, example: CalendarExample
) -> InvariantError:  # one place for the wording
    return InvariantError(
        f"calendar law '{name}' fails: {message}", invariant=name, example=example
    )


def _state(is_open: bool) -> str:
    return "open" if is_open else "closed"


def _answer(question: Callable[[], datetime]) -> datetime | None:
    """The answer as a stdlib datetime in UTC; ``None`` for ``OutOfRangeError``.

    ``OutOfRangeError`` is a documented answer: the calendar never opens again, never closes
    again, or never holds that much open time.
    """
    try:
        answer = question()
    except OutOfRangeError:
        return None
    return EPOCH + timedelta(microseconds=to_micros(answer, "answer"))


def _laws(example: CalendarExample, reference_checks: bool) -> InvariantError | None:
    """The first law ``example`` breaks, as the error to raise, or ``None``."""
    cal = example.calendar
    zone = cal.zone
    a, b, c = example.instants
    d1, d2 = example.durations

    def at(value: datetime) -> str:
        return _instant_words(value, zone)

    def dur(value: timedelta) -> str:
        return _duration_words(value)

    # add, then elapsed, gives back the duration; and the answer is the earliest such instant.
    # Only questions whose answer lies within _WINDOW of a: a calendar open a few microseconds
    # a week (or open for ever but for one closure) would have add, previous_open and the
    # like search, and compile, its years back to year 2 or on to 9998: many seconds.
    ahead, behind = cal.elapsed(a, a + _WINDOW), cal.elapsed(a - _WINDOW, a)

    def added(d: timedelta) -> datetime | None:
        if (d >= _ZERO and d > ahead) or (d < _ZERO and -d > behind):
            return None
        return _answer(lambda: cal.add(a, d))

    r1, r2 = added(d1), added(d2)
    for d, r in ((d1, r1), (d2, r2)):
        if r is not None:
            got = cal.elapsed(a, r)
            if got != d:
                return _law(
                    "elapsed(t, add(t, d)) == d",
                    f"from {at(a)}, adding {dur(d)} of business time gives {at(r)}, but the "
                    f"business time between them is {dur(got)}",
                    example,
                )
            if d > _ZERO and r > a and cal.elapsed(a, r - _US) >= d:
                return _law(
                    "add(t, d) is the earliest instant with d of business time",
                    f"from {at(a)}, adding {dur(d)} gives {at(r)}, but {dur(d)} of business "
                    f"time had passed by one microsecond earlier (a deadline landing on a "
                    f"close is the close)",
                    example,
                )
            if d < _ZERO and r < a and cal.elapsed(a, r + _US) <= d:
                return _law(
                    "add(t, -d) is the latest instant with d of business time before t",
                    f"from {at(a)}, adding {dur(d)} gives {at(r)}, but {dur(-d)} of business "
                    f"time lies after one microsecond later too (going back, landing on an "
                    f"opening gives the opening)",
                    example,
                )
    if r1 is not None and r2 is not None and r1 > r2:
        return _law(
            "add is monotone",
            f"from {at(a)}, adding {dur(d1)} gives {at(r1)}, later than adding "
            f"{dur(d2)}, which gives {at(r2)}",
            example,
        )
    # elapsed is additive over consecutive stretches.
    ab, bc, ac = cal.elapsed(a, b), cal.elapsed(b, c), cal.elapsed(a, c)
    if ab + bc != ac:
        return _law(
            "elapsed(a, b) + elapsed(b, c) == elapsed(a, c)",
            f"from {at(a)} to {at(b)} holds {dur(ab)} and on to {at(c)} {dur(bc)}, "
            f"together {dur(ab + bc)}, but from {at(a)} to {at(c)} holds {dur(ac)}",
            example,
        )
    if not _ZERO <= ab <= b - a:
        return _law(
            "0 <= elapsed(a, b) <= b - a",
            f"from {at(a)} to {at(b)} ({dur(b - a)} of real time) holds {dur(ab)} of business time",
            example,
        )
    # is_open agrees with elapsed; next_open and next_close agree with is_open.
    is_open = cal.is_open(a)
    if is_open != (cal.elapsed(a, a + _US) == _US):
        return _law(
            "is_open(t) iff the microsecond from t is open time",
            f"at {at(a)} the calendar says {_state(is_open)}, but the microsecond from it holds "
            f"{dur(cal.elapsed(a, a + _US))}",
            example,
        )
    # Each search is asked only when the window beside t holds its answer (so it cannot run
    # through the centuries); None also for OutOfRangeError: no answer at all.
    opens = _answer(lambda: cal.next_open(a)) if ahead > _ZERO else None
    if opens is not None:
        if opens < a or not cal.is_open(opens) or (is_open and opens != a):
            return _law(
                "next_open(t) is the first open instant at or after t",
                f"from {at(a)} ({_state(is_open)}) next_open gives {at(opens)}, "
                f"where the calendar says {_state(cal.is_open(opens))}",
                example,
            )
        if cal.elapsed(a, opens) != _ZERO:
            return _law(
                "no open time before next_open(t)",
                f"from {at(a)} to next_open {at(opens)} holds {dur(cal.elapsed(a, opens))} "
                "of business time",
                example,
            )
    closes = _answer(lambda: cal.next_close(a)) if ahead < _WINDOW else None
    if closes is not None:
        if closes < a or cal.is_open(closes) or (not is_open and closes != a):
            return _law(
                "next_close(t) is the first closed instant at or after t",
                f"from {at(a)} ({_state(is_open)}) next_close gives {at(closes)}, "
                f"where the calendar says {_state(cal.is_open(closes))}",
                example,
            )
        if cal.elapsed(a, closes) != closes - a:
            return _law(
                "open all the way to next_close(t)",
                f"from {at(a)} to next_close {at(closes)} ({dur(closes - a)}) holds only "
                f"{dur(cal.elapsed(a, closes))} of business time",
                example,
            )
    # previous_open is the latest opening at or before t; previous_close the latest close.
    # An opening lies within the window when it starts closed and holds open time.
    has_opening = behind > _ZERO and not cal.is_open(a - _WINDOW)
    opened = _answer(lambda: cal.previous_open(a)) if has_opening else None
    if opened is not None:
        if opened > a or not cal.is_open(opened) or cal.is_open(opened - _US):
            return _law(
                "previous_open(t) is an opening at or before t",
                f"from {at(a)} previous_open gives {at(opened)}, where the calendar says "
                f"{_state(cal.is_open(opened))} ({_state(cal.is_open(opened - _US))} a "
                "microsecond before)",
                example,
            )
        if is_open and cal.elapsed(opened, a) != a - opened:
            return _law(
                "open at t, previous_open(t) opens the interval holding t",
                f"at {at(a)} (open) previous_open gives {at(opened)}, but the "
                f"{dur(a - opened)} between them hold only {dur(cal.elapsed(opened, a))} of "
                "business time",
                example,
            )
    # A close lies within the window when it holds open time and a is closed, or open time
    # before the opening of the interval holding a.
    has_close = behind > _ZERO and (
        not is_open or (opened is not None and cal.elapsed(a - _WINDOW, opened) > _ZERO)
    )
    closed = _answer(lambda: cal.previous_close(a)) if has_close else None
    if closed is not None:
        if closed > a or cal.is_open(closed) or not cal.is_open(closed - _US):
            return _law(
                "previous_close(t) is a close at or before t",
                f"from {at(a)} previous_close gives {at(closed)}, where the calendar says "
                f"{_state(cal.is_open(closed))} ({_state(cal.is_open(closed - _US))} a "
                "microsecond before)",
                example,
            )
        if not is_open and cal.elapsed(closed, a) != _ZERO:
            return _law(
                "closed at t, no open time since previous_close(t)",
                f"at {at(a)} (closed) previous_close gives {at(closed)}, but "
                f"{dur(cal.elapsed(closed, a))} of business time lies between them",
                example,
            )
    if not reference_checks:
        return None
    reference = ReferenceCalendar(cal)
    if reference.is_open(a) != is_open:
        return _law(
            "is_open agrees with ReferenceCalendar",
            f"at {at(a)} the calendar says {_state(is_open)}, the reference {_state(not is_open)}",
            example,
        )
    expected = reference.elapsed(a, b)
    if expected != ab:
        return _law(
            "elapsed agrees with ReferenceCalendar",
            f"from {at(a)} to {at(b)} the calendar counts {dur(ab)}, the reference {dur(expected)}",
            example,
        )
    if r2 is not None and d2 > _ZERO and r2 - a <= timedelta(days=14):
        expected_at = reference.add(a, d2)
        if expected_at != r2:
            return _law(
                "add agrees with ReferenceCalendar",
                f"from {at(a)}, adding {dur(d2)} the calendar gives {at(r2)}, the reference "
                f"{at(expected_at)}",
                example,
            )
    return None


def check_calendar_laws(
    calendar: Calendar | st.SearchStrategy[Calendar],
    *,
    reference: bool = True,
    max_examples: int | None = None,
) -> None:
    """Check that ``calendar`` answers by the laws of ``docs/calendar.md`` at drawn instants.

    ``calendar`` is a ``Calendar`` (a subclass too, such as one that wraps its answers) or a
    hypothesis strategy of them (``safetycore.testing.calendars()``). For each example, three
    instants ``a <= b <= c`` (up to a week apart, often on DST changes and the calendar's
    dated rules, in the years of those rules or 2025) and two business durations
    ``d1 <= d2`` (from -48 h to 120 h, often whole hours) are drawn, and these laws checked:

    - ``elapsed(a, add(a, d)) == d`` (negative ``d`` included), and ``add(a, d)`` is the
      earliest such instant going forward (landing exactly on a close gives the close) and
      the latest going back (landing on an opening gives the opening); checked when the
      30 days after ``a`` (before, for a negative ``d``) hold ``d`` of open time, so that a
      calendar open a few minutes a week is not searched through the centuries (the same
      30 days bound the next and previous openings and closes checked below);
    - ``add(a, d1) <= add(a, d2)``: ``add`` is monotone;
    - ``elapsed(a, b) + elapsed(b, c) == elapsed(a, c)`` and ``0 <= elapsed(a, b) <= b - a``;
    - ``is_open(a)`` exactly when the microsecond from ``a`` is open time;
    - ``next_open(a)`` is open, at or after ``a`` (``a`` itself when open), with no open time
      before it; ``next_close(a)`` is closed, at or after ``a`` (``a`` itself when closed),
      with open time all the way to it;
    - ``previous_open(a)`` is an opening (open, closed a microsecond before) at or before
      ``a``, and when open at ``a`` the start of the interval holding it;
      ``previous_close(a)`` is a close (closed, open a microsecond before) at or before
      ``a``, with no open time since when closed at ``a``;
    - with ``reference`` (the default), ``is_open``, ``elapsed(a, b)`` and ``add(a, d2)``
      (answers within two weeks) agree with ``ReferenceCalendar``.

    ``OutOfRangeError`` is a documented answer (a calendar that never opens again, or never
    closes) and skips the laws that need the answer.

    Raises:
        InvariantError: a law fails; the message names the law, the instants in the
            calendar's zone and the durations in hours and minutes, and ``.example`` is the
            shrunk ``CalendarExample``.
        InputTypeError: ``calendar`` is neither a ``Calendar`` nor a strategy, or
            ``reference`` is not a bool (naming the field).

    >>> from safetycore.sla import Calendar, WeeklySchedule
    >>> office = Calendar("America/New_York", WeeklySchedule.parse({"mon-fri": "09:00-17:00"}))
    >>> check_calendar_laws(office, max_examples=20)
    """
    if isinstance(calendar, Calendar):
        drawn: st.SearchStrategy[Calendar] = st.just(calendar)
    elif isinstance(calendar, st.SearchStrategy):
        drawn = calendar
    else:
        raise InputTypeError(
            "must be a safetycore.sla.Calendar or a hypothesis strategy of them",
            field="calendar",
            value=calendar,
        )
    if not isinstance(reference, bool):
        raise InputTypeError("must be True or False", field="reference", value=reference)

    def check(example: CalendarExample) -> None:
        broken = _laws(example, reference)
        if broken is not None:
            # One raise site: hypothesis tells failures apart by where they are raised, and
            # would report several laws at once as an ExceptionGroup, not one InvariantError.
            raise broken

    search(_calendar_examples(drawn), check, name="check_calendar_laws", max_examples=max_examples)
