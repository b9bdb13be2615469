"""Every error safetycore raises, in one tree.

Each concrete error also subclasses the nearest built-in, so ``except ValueError`` keeps
working in code that does not know safetycore. Every error carries the offending ``field``
(a dotted path into the input, such as ``"hours.mon[0]"``) and ``value``, and its message
names both.

::

    SafetycoreError
    ├── NaiveDatetimeError (ValueError)       an instant without a time zone
    ├── InputTypeError (TypeError)            a value of the wrong type
    ├── InvalidArgumentError (ValueError)     an argument outside its domain (an end
    │   │                                     before its start, a negative count)
    │   └── UnknownNameError (LookupError)      a version or rule id looked up that is not there
    ├── ConfigurationError (ValueError)       a definition that cannot be right
    │   ├── ConfigurationErrorGroup (ExceptionGroup)  every problem of one configuration
    │   │                                       document, raised at once
    │   ├── UnknownTimeZoneError                not an IANA time zone name
    │   ├── InvalidTimeError                    malformed time of day or weekday
    │   └── EmptyIntervalError                  an interval that contains no time
    ├── OutOfRangeError (ValueError)          no answer exists (a calendar that never opens
    │                                         again, an instant past year 9998)
    ├── HistoryOrderError (ValueError)        an event out of order, repeated, or of another case
    ├── UnknownStatusError (LookupError)      a status name the team's status map lacks
    ├── TransitionRefusedError (ValueError)   a workflow step that cannot be taken now, with
    │                                         every reason and the attempt itself
    └── ReplayError (ValueError)              an audit trail with an impossible record
"""

from __future__ import annotations

import datetime as _dt
import reprlib
from collections.abc import Sequence
from typing import Any

__all__ = [
    "ConfigurationError",
    "ConfigurationErrorGroup",
    "EmptyIntervalError",
    "HistoryOrderError",
    "InputTypeError",
    "InvalidArgumentError",
    "InvalidTimeError",
    "NaiveDatetimeError",
    "OutOfRangeError",
    "ReplayError",
    "SafetycoreError",
    "TransitionRefusedError",
    "UnknownNameError",
    "UnknownStatusError",
    "UnknownTimeZoneError",
]


class SafetycoreError(Exception):
    """Base of every error safetycore raises.

    Attributes:
        field: where in the input the problem is (``"start"``, ``"closures[2].date"``).
        value: the offending value itself.

    >>> try:
    ...     raise SafetycoreError("must be positive", field="duration", value=-1)
    ... except SafetycoreError as error:
    ...     print(error)
    duration=-1: must be positive
    """

    field: str
    value: Any

    def __init__(self, message: str, *, field: str, value: Any) -> None:
        self.field = field
        self.value = value
        self.reason = message
        super().__init__(f"{field}={_show(value)}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        # Keep errors picklable (multiprocessing, joblib) despite keyword-only arguments.
        return (_rebuild, (type(self), self.reason, self.field, self.value))


_SHORT = reprlib.Repr()  # keyword arguments to Repr() need Python 3.12
_SHORT.maxstring = _SHORT.maxother = 120
_SHORT.maxlist = _SHORT.maxdict = _SHORT.maxtuple = _SHORT.maxset = 8


def _show(value: Any) -> str:
    """How an offending value reads in a message: instants in ISO 8601 with their zone.

    An aware datetime shows as ``2025-03-09T02:30:00-05:00[America/New_York]`` (the zone's
    name when it has one), a naive one as ``datetime.datetime(...)`` (there is no zone to show),
    a date as ``2025-03-09``, a timedelta as its repr; anything else as a ``repr`` shortened to
    a readable length, so that a whole event or a huge list never floods a log line.

    >>> from datetime import datetime, timezone
    >>> _show(datetime(2025, 3, 9, 7, 30, tzinfo=timezone.utc))
    "'2025-03-09T07:30:00+00:00'"
    >>> _show(list(range(100)))
    '[0, 1, 2, 3, 4, 5, 6, 7, ...]'
    """
    try:
        return _readable(value)
    except Exception:  # a value whose own methods fail (pandas' NaT) still gets a message
        return object.__repr__(value)


def _readable(value: Any) -> str:
    if isinstance(value, _dt.datetime) and value.utcoffset() is not None:
        zone = getattr(value.tzinfo, "key", None) or getattr(value.tzinfo, "name", None)
        text = value.isoformat()
        if isinstance(zone, str) and zone not in ("UTC", "+00:00") and "/" in zone:
            text += f"[{zone}]"
        return repr(text)
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return repr(value.isoformat())
    return _SHORT.repr(value)


def _rebuild(cls: type[SafetycoreError], message: str, field: str, value: Any) -> SafetycoreError:
    return cls(message, field=field, value=value)


class NaiveDatetimeError(SafetycoreError, ValueError):
    """An instant was given without a time zone; safetycore never guesses one."""


class InputTypeError(SafetycoreError, TypeError):
    """A value of the wrong type, such as a number where a ``timedelta`` is required."""


class InvalidArgumentError(SafetycoreError, ValueError):
    """An argument outside its domain, such as an end before its start."""


class UnknownNameError(InvalidArgumentError, LookupError):
    """A name looked up that is not there, such as a policy version or a rule id.

    Both a ``ValueError`` (an argument outside its domain) and a ``LookupError`` (as a
    missing key is), so that either ``except`` keeps working.
    """


class ConfigurationError(SafetycoreError, ValueError):
    """A calendar, policy or workflow definition that cannot be right."""


class ConfigurationErrorGroup(ConfigurationError, ExceptionGroup[SafetycoreError]):  # noqa: N818
    """Every problem found in one configuration document, raised together.

    ``from_dict`` readers of policies and workflows check every part of a document before
    giving up, as ``packaging`` does for metadata, so that one run reports everything to fix.
    Each member is a ``SafetycoreError`` whose ``field`` is its full path from the document's
    root (``"versions[0].policies[2].targets[0].calendar"``). The group is an
    ``ExceptionGroup`` (``except* UnknownNameError`` picks members out) and a
    ``ConfigurationError`` (``except ValueError`` and ``except SafetycoreError`` still catch
    it); its ``field`` is the document (``"sla_policy"``) and its ``value`` the number of
    problems.

    >>> try:
    ...     raise ConfigurationErrorGroup("sla_policy", [
    ...         ConfigurationError("is required", field="versions[0].effective", value=None),
    ...         InputTypeError("must be text", field="versions[1].name", value=3),
    ...     ])
    ... except SafetycoreError as error:
    ...     print(error)
    sla_policy: 2 problems
      versions[0].effective=None: is required
      versions[1].name=3: must be text
    """

    def __new__(
        cls, document: str, exceptions: Sequence[SafetycoreError]
    ) -> ConfigurationErrorGroup:
        """The group of ``exceptions`` (each a ``SafetycoreError``) found in ``document``."""
        return ExceptionGroup.__new__(cls, _listing(document, exceptions), exceptions)

    def __init__(self, document: str, exceptions: Sequence[SafetycoreError]) -> None:
        ExceptionGroup.__init__(self, _listing(document, exceptions), exceptions)
        self.field = document
        self.value = len(exceptions)
        self.reason = self.message
        self.document = document

    def __str__(self) -> str:
        return self.message

    def derive(self, excs: Sequence[SafetycoreError]) -> ConfigurationErrorGroup:  # type: ignore[override]
        """The same document's group holding ``excs`` (used by ``except*`` and ``split``)."""
        return ConfigurationErrorGroup(self.document, excs)

    def __reduce__(self) -> tuple[Any, ...]:
        return (ConfigurationErrorGroup, (self.document, list(self.exceptions)))


def _listing(document: str, exceptions: Sequence[SafetycoreError]) -> str:
    count = len(exceptions)
    lines = [f"{document}: {count} problem{'' if count == 1 else 's'}"]
    lines += [f"  {error}" for error in exceptions]
    return "\n".join(lines)


class UnknownTimeZoneError(ConfigurationError):
    """The zone is not an IANA time zone name known to the tz database."""


class InvalidTimeError(ConfigurationError):
    """A malformed time of day, weekday, date or interval text."""


class EmptyIntervalError(ConfigurationError):
    """An interval whose start is not before its end, or a closure outside its day."""


class OutOfRangeError(SafetycoreError, ValueError):
    """No answer exists within the supported range of instants (years 2 to 9998)."""


class HistoryOrderError(SafetycoreError, ValueError):
    """An event that cannot join a history: out of time order, a repeat, or another case's."""


class UnknownStatusError(SafetycoreError, LookupError):
    """A status name that the team's status map does not know."""


class TransitionRefusedError(SafetycoreError, ValueError):
    """A workflow step that cannot be taken now; the case is unchanged.

    Attributes:
        case_id: the case.
        event: the step attempted.
        status: the case's status, which stays.
        reasons: every reason (``safetycore.workflow.Refusal``: ``code`` and ``reason``).
        attempt: the attempt itself (event, actor, instant, data, evidence), so that the
            caller can report or store it: nothing handed in is lost.
    """

    def __init__(
        self, case_id: str, event: str, status: str, reasons: tuple[Any, ...], attempt: Any
    ) -> None:
        self.case_id = case_id
        self.event = event
        self.status = status
        self.reasons = reasons
        self.attempt = attempt
        listed = "; ".join(str(reason) for reason in reasons)
        super().__init__(
            f"case {case_id!r} in status {status!r} cannot take it: {listed}",
            field="event",
            value=event,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # The attempt holds live objects (the case, read-only mappings); it stays in-process.
        return (type(self), (self.case_id, self.event, self.status, self.reasons, None))


class ReplayError(SafetycoreError, ValueError):
    """An audit trail whose record at ``field`` (``records[i]``) could not have happened."""
