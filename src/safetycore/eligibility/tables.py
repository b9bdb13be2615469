"""DMN decision tables, checked exactly when they are built: ``DecisionTable``.

A table maps the values of its named ``Input`` columns to an output. Each ``Row`` holds one
cell per input (``Anything``, ``OneOf`` or ``Range``, or their text form read by ``cell``) and an
output; a row matches when every cell contains its input's value. The ``HitPolicy`` says what
a lookup returns when several rows match (DMN 1.4: ``U``, ``F``, ``P``, ``A``, ``C``, ``C+``,
``C<``, ``C>``, ``C#``, ``O``, ``R``).

Contract:

- Construction proves, rather than samples, that the table is sound, and raises
  ``ConfigurationError`` naming the row (``rows[3]``) otherwise: a row that can never match;
  overlapping rows under ``UNIQUE``; overlapping rows with different outputs under ``ANY``;
  shadowed rows under ``FIRST`` and ``PRIORITY``; and a gap (an input combination no row
  matches, reported with an example point) unless a ``default`` is given or the policy is
  ``C``, ``C#``, ``O`` or ``R``, for which no match is a legitimate empty result. Each input
  is cut into elementary segments at every cell boundary and the checks reason over boxes of
  segments.
- Inputs whose cell bounds are all ``int`` are integers and inputs whose bounds are all
  ``date`` are days: ``[1..5]`` and ``[6..9]`` leave no gap between them. Every other ordered
  input (``Decimal``, ``float``, ``datetime``, ``str``) is dense: write ``[0..18)`` and
  ``[18..65)``. See ``docs/decision-tables.md`` for every rule.
- ``lookup`` never guesses: a value of the wrong type raises ``InputTypeError`` and a value
  outside an input's finite ``domain`` raises ``InvalidArgumentError``, each naming the input.

>>> table = DecisionTable(
...     "pet fee",
...     (Input("species", domain={"dog", "cat", "bird"}), Input("age")),
...     (
...         Row(('"dog", "cat"', "< 1"), 25, label="young"),
...         Row(('"dog", "cat"', ">= 1"), 40),
...         Row(('"bird"', "-"), 10),
...     ),
... )
>>> table.lookup("cat", 0), table.lookup("dog", 7), table.lookup("bird", 3)
(25, 40, 10)
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import operator
import re
import typing
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Final, TypeAlias

import attrs

from safetycore._config import enum_member, instance_of, items_of
from safetycore.errors import (
    ConfigurationError,
    EmptyIntervalError,
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
)

__all__ = [
    "Anything",
    "Cell",
    "DecisionTable",
    "HitPolicy",
    "Input",
    "OneOf",
    "Range",
    "Row",
    "cell",
]


class HitPolicy(enum.Enum):
    """What a lookup returns when several rows match (DMN 1.4 single-letter codes).

    - ``UNIQUE`` (``U``): rows never overlap; the output of the one matching row.
    - ``FIRST`` (``F``): the output of the first matching row, in row order.
    - ``PRIORITY`` (``P``): the matching output listed first in the table's ``output_order``.
    - ``ANY`` (``A``): rows may overlap only where they agree; the common output.
    - ``COLLECT`` (``C``): a tuple of the outputs of every matching row, in row order.
    - ``COLLECT_SUM`` (``C+``), ``COLLECT_MIN`` (``C<``), ``COLLECT_MAX`` (``C>``): the sum,
      least or greatest output of the matching rows.
    - ``COLLECT_COUNT`` (``C#``): how many rows match (0 when none does).
    - ``OUTPUT_ORDER`` (``O``): a tuple of the outputs of every matching row, sorted by the
      table's ``output_order`` (rows of the same output in row order).
    - ``RULE_ORDER`` (``R``): a tuple of the outputs of every matching row, in row order. The
      same result as ``COLLECT`` here; DMN keeps both because its ``C`` promises no order and
      takes the aggregations, while ``R`` promises rule order and takes none.
    """

    UNIQUE = "U"
    FIRST = "F"
    PRIORITY = "P"
    ANY = "A"
    COLLECT = "C"
    COLLECT_SUM = "C+"
    COLLECT_MIN = "C<"
    COLLECT_MAX = "C>"
    COLLECT_COUNT = "C#"
    OUTPUT_ORDER = "O"
    RULE_ORDER = "R"


_COLLECTING: Final = frozenset(
    {
        HitPolicy.COLLECT,
        HitPolicy.COLLECT_SUM,
        HitPolicy.COLLECT_MIN,
        HitPolicy.COLLECT_MAX,
        HitPolicy.COLLECT_COUNT,
        HitPolicy.OUTPUT_ORDER,
        HitPolicy.RULE_ORDER,
    }
)
# For these an empty match is a legitimate result ((), 0): a gap is not an error.
_EMPTY_IS_AN_ANSWER: Final = frozenset(
    {HitPolicy.COLLECT, HitPolicy.COLLECT_COUNT, HitPolicy.OUTPUT_ORDER, HitPolicy.RULE_ORDER}
)
# These return every hit as a tuple: () when nothing matches.
_TUPLES: Final = frozenset({HitPolicy.COLLECT, HitPolicy.OUTPUT_ORDER, HitPolicy.RULE_ORDER})
# These rank the rows by ``output_order``: the compiled bit order follows the ranks.
_RANKED: Final = frozenset({HitPolicy.PRIORITY, HitPolicy.OUTPUT_ORDER})


class _NoDefault(enum.Enum):
    NO_DEFAULT = "NO_DEFAULT"

    def __repr__(self) -> str:
        return "<no default>"


_NO_DEFAULT: Final = _NoDefault.NO_DEFAULT


# -- cells ------------------------------------------------------------------------------------


def _text(value: object) -> str:
    """The DMN-ish literal form of ``value`` (strings quoted, booleans ``true``/``false``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, datetime):
        return f'date and time("{value.isoformat()}")'
    if isinstance(value, date):
        return f'date("{value.isoformat()}")'
    return repr(value)


def _stable_sorted(values: Iterable[typing.Any]) -> tuple[typing.Any, ...]:
    """``values`` in their natural order, or by type and ``repr`` when they do not compare."""
    items = list(values)
    try:
        return tuple(sorted(items))
    except TypeError:
        return tuple(sorted(items, key=lambda v: (type(v).__name__, repr(v))))


@attrs.frozen
class Anything:
    """The cell ``-``: matches every value.

    >>> Anything().contains("anything"), str(Anything())
    (True, '-')
    """

    def contains(self, value: object) -> bool:
        """Always ``True``."""
        return True

    def __str__(self) -> str:
        return "-"


def _instant(value: typing.Any, field: str = "value") -> typing.Any:
    """An aware datetime as UTC (so folds compare right), any other value as it is.

    Python compares two datetimes that share a ``tzinfo`` by wall clock, ignoring ``fold``;
    in UTC every instant compares as an instant. A naive datetime is refused.
    """
    if isinstance(value, _dt.datetime):
        if value != value:  # pandas' NaT, the only datetime unequal to itself
            raise InputTypeError(
                "must be an aware datetime, not a missing value", field=field, value=value
            )
        if value.utcoffset() is None:
            raise NaiveDatetimeError("must be time-zone aware", field=field, value=value)
        try:
            return value.astimezone(_dt.UTC)
        except OverflowError:  # year 1 east of UTC, or year 9999 west of it
            raise OutOfRangeError(
                "is an instant whose UTC time falls outside years 1 to 9999",
                field=field,
                value=value,
            ) from None
    if (isinstance(value, Decimal) and value.is_nan()) or (
        isinstance(value, float) and value != value  # NaN: no order, and equal to nothing
    ):
        raise InvalidArgumentError(
            "must be a number (NaN compares with nothing)", field=field, value=value
        )
    return value


def _instants(values: tuple[typing.Any, ...]) -> tuple[typing.Any, ...]:
    for value in values:
        if isinstance(value, _dt.datetime):
            return tuple(_instant(v) for v in values)
    return values


def _low(value: typing.Any) -> typing.Any:
    return _instant(value, "low")


def _high(value: typing.Any) -> typing.Any:
    return _instant(value, "high")


def _values(values: object) -> frozenset[typing.Any]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InputTypeError("must be a collection of values", field="values", value=values)
    converted = [_instant(v, "values") for v in values]
    try:
        items = frozenset(converted)
    except TypeError:
        raise InputTypeError("must hold hashable values", field="values", value=values) from None
    if not items:
        raise ConfigurationError("must list at least one value", field="values", value=items)
    return items


@attrs.frozen
class OneOf:
    """A cell matching a value equal to one of ``values`` (DMN ``"dog", "cat"`` or ``5``).

    Equality is Python's: ``OneOf({1})`` matches ``1``, ``1.0`` and ``Decimal("1")``.

    >>> OneOf({"dog", "cat"}).contains("cat"), str(OneOf({"dog", "cat"}))
    (True, '"cat", "dog"')
    """

    values: frozenset[typing.Any] = attrs.field(converter=_values)

    def contains(self, value: object) -> bool:
        """Whether ``value`` equals one of the values; ``InputTypeError`` if it is unhashable."""
        try:
            return value in self.values
        except TypeError:
            raise InputTypeError("must be hashable", field="value", value=value) from None

    def __str__(self) -> str:
        return ", ".join(_text(value) for value in _stable_sorted(self.values))


@attrs.frozen
class Range:
    """A cell matching values between ``low`` and ``high``; ``None`` leaves a side unbounded.

    Bounds are of any totally ordered type (``int``, ``Decimal``, ``date``, ``datetime``,
    ``str``); by default the range is half-open, ``[low..high)``. An unbounded side is never
    closed (``low_closed`` is normalised to ``False`` when ``low`` is ``None``). A range that
    contains no value (``[5..5)``, ``[7..3]``) raises ``EmptyIntervalError``; bounds that do
    not compare raise ``InputTypeError``.

    >>> adult = Range(18, None)
    >>> adult.contains(18), adult.contains(17), str(adult), str(Range(1, 10, high_closed=True))
    (True, False, '>= 18', '[1..10]')
    """

    low: typing.Any = attrs.field(converter=_low)
    high: typing.Any = attrs.field(converter=_high)
    low_closed: bool = attrs.field(default=True, kw_only=True, validator=instance_of(bool))
    high_closed: bool = attrs.field(default=False, kw_only=True, validator=instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.low is None:
            object.__setattr__(self, "low_closed", False)
        if self.high is None:
            object.__setattr__(self, "high_closed", False)
        if self.low is None or self.high is None:
            return
        try:
            before, same = self.low < self.high, self.low == self.high
        except TypeError:
            raise InputTypeError(
                f"cannot be compared with low={self.low!r}", field="high", value=self.high
            ) from None
        if not (before or (same and self.low_closed and self.high_closed)):
            raise EmptyIntervalError("contains no value", field="range", value=str(self))

    def contains(self, value: object) -> bool:
        """Whether ``value`` lies in the range; ``InputTypeError`` if it does not compare."""
        low, high = self.low, self.high
        value = _instant(value)
        try:
            if low is not None and (value < low if self.low_closed else value <= low):
                return False
            return high is None or bool(value <= high if self.high_closed else value < high)
        except TypeError:
            raise InputTypeError(
                f"cannot be compared with the range {self}", field="value", value=value
            ) from None

    def __str__(self) -> str:
        if self.low is None and self.high is None:
            return "-"
        if self.low is None:
            return f"{'<=' if self.high_closed else '<'} {_text(self.high)}"
        if self.high is None:
            return f"{'>=' if self.low_closed else '>'} {_text(self.low)}"
        opening = "[" if self.low_closed else "("
        closing = "]" if self.high_closed else ")"
        return f"{opening}{_text(self.low)}..{_text(self.high)}{closing}"


Cell: TypeAlias = "Anything | OneOf | Range"
_CELL_TYPES: Final = (Anything, OneOf, Range)


class _ParseError(Exception):
    """A reason why a cell text is malformed; ``cell`` turns it into ``ConfigurationError``."""


_NUMBER: Final = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_BOOLEAN: Final = re.compile(r"(?:true|false)\b")
_COMPARISONS: Final = ("<=", ">=", "<", ">", "=")


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _literal(text: str, pos: int) -> tuple[typing.Any, int]:
    """Read one literal (quoted string, number, ``true``/``false``) starting at ``pos``."""
    pos = _skip(text, pos)
    if pos >= len(text):
        raise _ParseError("a value is missing")
    if text[pos] == '"':
        chars: list[str] = []
        i = pos + 1
        while i < len(text):
            if text[i] == "\\" and i + 1 < len(text):
                chars.append(text[i + 1])
                i += 2
            elif text[i] == '"':
                return "".join(chars), i + 1
            else:
                chars.append(text[i])
                i += 1
        raise _ParseError("a string is not closed")
    if match := _NUMBER.match(text, pos):
        number = match.group()
        return (Decimal(number) if "." in number else int(number)), match.end()
    if match := _BOOLEAN.match(text, pos):
        return match.group() == "true", match.end()
    raise _ParseError(f"expected a value (quote strings) at {text[pos:]!r}")


def _end(text: str, pos: int) -> None:
    pos = _skip(text, pos)
    if pos != len(text):
        raise _ParseError(f"unexpected {text[pos:]!r}")


def _compared(operator_text: str, value: typing.Any) -> Anything | OneOf | Range:
    if operator_text == "<=":
        return Range(None, value, high_closed=True)
    if operator_text == ">=":
        return Range(value, None)
    if operator_text == "<":
        return Range(None, value)
    if operator_text == ">":
        return Range(value, None, low_closed=False)
    return OneOf({value})


def _parse(text: str) -> Anything | OneOf | Range:
    text = text.strip()
    if not text:
        raise _ParseError("it is empty")
    if text == "-":
        return Anything()
    if text[0] in "[(]":
        low, pos = _literal(text, 1)
        pos = _skip(text, pos)
        if not text.startswith("..", pos):
            raise _ParseError('expected ".." between the bounds')
        high, pos = _literal(text, pos + 2)
        pos = _skip(text, pos)
        if pos != len(text) - 1 or text[pos] not in ")][":
            raise _ParseError("expected one closing bracket at the end")
        return Range(low, high, low_closed=text[0] == "[", high_closed=text[pos] == "]")
    for operator_text in _COMPARISONS:
        if text.startswith(operator_text):
            value, pos = _literal(text, len(operator_text))
            _end(text, pos)
            return _compared(operator_text, value)
    values = []
    pos = 0
    while True:
        value, pos = _literal(text, pos)
        values.append(value)
        pos = _skip(text, pos)
        if pos == len(text):
            return OneOf(values)
        if text[pos] != ",":
            raise _ParseError(f"expected a comma at {text[pos:]!r}")
        pos += 1


def cell(text: str) -> Anything | OneOf | Range:
    r"""The cell a DMN-ish text stands for.

    ``-`` is ``Anything()``; ``[1..10)``, ``(1..10]``, ``]1..10[`` are ranges (``(`` and ``]`` on
    the left, ``)`` and ``[`` on the right mean open); ``>= 5``, ``> 5``, ``<= 5``, ``< 3`` are
    half-bounded ranges; ``= 4``, ``5``, ``"dog", "cat"`` are ``OneOf``. Literals are quoted
    strings (``\"`` escapes a quote), numbers (``Decimal`` if they contain a dot, else
    ``int``) and ``true``/``false``.

    Raises:
        ConfigurationError: malformed text (``field="cell"``, ``value`` the text); an empty
            range raises its subclass ``EmptyIntervalError``.
        InputTypeError: ``text`` is not a ``str``.

    >>> cell("[1..10)"), cell('"dog", "cat"') == OneOf({"cat", "dog"})
    (Range(low=1, high=10, low_closed=True, high_closed=False), True)
    >>> cell(">= 2.5")
    Range(low=Decimal('2.5'), high=None, low_closed=True, high_closed=False)
    """
    if not isinstance(text, str):
        raise InputTypeError("must be a str", field="cell", value=text)
    try:
        return _parse(text)
    except _ParseError as error:
        raise ConfigurationError(f"is not a cell: {error}", field="cell", value=text) from None
    except EmptyIntervalError as error:
        raise EmptyIntervalError(error.reason, field="cell", value=text) from None
    except InputTypeError as error:
        raise ConfigurationError(
            f"is not a cell: {error.reason}", field="cell", value=text
        ) from None


# -- inputs and rows ----------------------------------------------------------------------------


def _domain(values: object) -> frozenset[typing.Any] | None:
    if values is None:
        return None
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InputTypeError("must be a collection of values", field="domain", value=values)
    try:
        items = frozenset(values)
    except TypeError:
        raise InputTypeError("must hold hashable values", field="domain", value=values) from None
    if not items:
        raise ConfigurationError("must hold at least one value", field="domain", value=items)
    return items


def _name(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InputTypeError("must be a str", field=attribute.name, value=value)
    if not value.strip():
        raise ConfigurationError("must not be blank", field=attribute.name, value=value)


@attrs.frozen
class Input:
    """A named input column of a decision table.

    A finite ``domain`` (the species a guarantee knows) makes the checks count exactly its
    values, and makes a lookup of any other value raise ``InvalidArgumentError``. Without a
    domain an input with ``Range`` cells is an unbounded ordered domain, and an input with
    only ``OneOf``/``Anything`` cells takes any value, values no cell lists being "other values"
    (a gap unless a row has ``-`` there).

    >>> Input("species", domain={"dog", "cat"}).domain == frozenset({"dog", "cat"})
    True
    """

    name: str = attrs.field(validator=_name)
    domain: frozenset[typing.Any] | None = attrs.field(
        default=None, kw_only=True, converter=_domain
    )


def _cells(when: object) -> tuple[Anything | OneOf | Range, ...]:
    if isinstance(when, str | Anything | OneOf | Range):
        when = (when,)
    if not isinstance(when, Iterable):
        raise InputTypeError("must be a sequence of cells", field="when", value=when)
    cells: list[Anything | OneOf | Range] = []
    for i, item in enumerate(when):
        if isinstance(item, str):
            try:
                cells.append(cell(item))
            except ConfigurationError as error:
                raise type(error)(error.reason, field=f"when[{i}]", value=item) from None
        elif isinstance(item, _CELL_TYPES):
            cells.append(item)
        else:
            raise InputTypeError(
                "must be a cell (Anything, OneOf, Range) or its text",
                field=f"when[{i}]",
                value=item,
            )
    return tuple(cells)


@attrs.frozen
class Row:
    """A rule: when every cell contains its input's value, the table may answer ``then``.

    ``when`` holds one cell per input, as cells or as their text (read by ``cell``); a single
    cell or text stands for a one-cell row. ``label`` names the rule in traces.

    >>> Row(("-", "[1..5)"), "small").when
    (Anything(), Range(low=1, high=5, low_closed=True, high_closed=False))
    """

    when: tuple[Anything | OneOf | Range, ...] = attrs.field(converter=_cells)
    then: typing.Any
    label: str = attrs.field(default="", kw_only=True, validator=instance_of(str))


# -- compiled axes ---------------------------------------------------------------------------


class _Kind(enum.Enum):
    DENSE = "dense"  # ordered, with values between any two distinct bounds
    INTEGER = "integer"  # ordered, every bound an int: (3..4) holds no value
    DAYS = "days"  # ordered, every bound a date (not a datetime): one day is the step
    DISCRETE = "discrete"  # listed values plus "any other value"
    DOMAIN = "domain"  # exactly the input's finite domain


_ORDERED: Final = frozenset({_Kind.DENSE, _Kind.INTEGER, _Kind.DAYS})
_ONE_DAY: Final = timedelta(days=1)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_day(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _between(low: typing.Any, high: typing.Any) -> typing.Any:
    """A value strictly between ``low`` and ``high`` of a dense axis, if one is easy to name."""
    if all(_is_int(v) or isinstance(v, Decimal) for v in (low, high)):
        return (Decimal(low) + Decimal(high)) / 2
    if _is_number(low) and _is_number(high):
        return (float(low) + float(high)) / 2
    if isinstance(low, str) and isinstance(high, str):
        return low + "\0" if low + "\0" < high else None
    try:
        middle = low + (high - low) / 2
    except TypeError:
        return None
    return middle if low < middle < high else None


def _beyond(point: typing.Any, step: int) -> typing.Any:
    """A value below (``step=-1``) or above (``step=1``) ``point`` on a dense axis."""
    if _is_number(point):
        return point + step
    if isinstance(point, str):
        if step > 0:
            return point + "\0"
        return "" if point else None
    try:
        return point + step * _ONE_DAY
    except TypeError:
        return None


@attrs.frozen
class _Axis:
    """One input cut into elementary segments, each wholly inside or outside every cell.

    Ordered kinds: ``points`` are the sorted distinct bounds and listed values; segment
    ``2i + 1`` is the point ``points[i]`` and segment ``2i`` the open interval below it (the
    last, ``2n``, is above every point). ``DISCRETE``: segment ``i`` is ``points[i]`` and
    segment ``n`` every other value. ``DOMAIN``: segment ``i`` is ``points[i]``.
    """

    name: str
    kind: _Kind
    points: tuple[typing.Any, ...]
    index: Mapping[typing.Any, int] = attrs.field(eq=False, repr=False)

    @property
    def size(self) -> int:
        """How many segments the axis has."""
        n = len(self.points)
        if self.kind in _ORDERED:
            return 2 * n + 1
        return n + 1 if self.kind is _Kind.DISCRETE else n

    def _gap(self, segment: int) -> tuple[typing.Any, typing.Any]:
        """The (low, high) points around an open segment of an ordered axis; ``None``: none."""
        i = segment // 2
        low = self.points[i - 1] if i > 0 else None
        high = self.points[i] if i < len(self.points) else None
        return low, high

    def _is_point(self, segment: int) -> bool:
        return self.kind not in _ORDERED or segment % 2 == 1

    def _point(self, segment: int) -> typing.Any:
        return self.points[segment // 2] if self.kind in _ORDERED else self.points[segment]

    def _is_other(self, segment: int) -> bool:
        return self.kind is _Kind.DISCRETE and segment == len(self.points)

    def covers(self, item: Anything | OneOf | Range, segment: int) -> bool:
        """Whether the cell contains every value of the segment (it then contains none else)."""
        if isinstance(item, Anything):
            return True
        if self._is_other(segment):
            return False
        if self._is_point(segment):
            return item.contains(self._point(segment))
        if isinstance(item, OneOf):
            return False
        low, high = self._gap(segment)
        # Every bound is a point, so an open segment lies wholly inside or outside the range.
        return (item.low is None or (low is not None and item.low <= low)) and (
            item.high is None or (high is not None and item.high >= high)
        )

    def is_live(self, segment: int) -> bool:
        """Whether the segment holds at least one value (integers and days are discrete)."""
        if self._is_point(segment):
            return True
        low, high = self._gap(segment)
        if self.kind is _Kind.DENSE:
            # Dense, except that no string sorts below "".
            return not (low is None and isinstance(high, str) and not high)
        if low is None or high is None:
            return True
        step = 1 if self.kind is _Kind.INTEGER else _ONE_DAY
        return bool(high - low > step)

    def example(self, segment: int) -> object:
        """A value in the segment, or the segment's description when none is easy to name."""
        if self._is_other(segment):
            return self.describe(segment)
        if self._is_point(segment):
            return self._point(segment)
        low, high = self._gap(segment)
        found: object | None
        if self.kind is _Kind.DENSE:
            if low is not None and high is not None:
                found = _between(low, high)
            elif low is not None or high is not None:
                found = _beyond(low, 1) if low is not None else _beyond(high, -1)
            else:
                found = None  # only unbounded ranges: "any value" says it best
        else:
            step = 1 if self.kind is _Kind.INTEGER else _ONE_DAY
            found = low + step if low is not None else high - step
        return self.describe(segment) if found is None else found

    def describe(self, segment: int) -> str:
        """The segment in words, such as ``age < 18`` or ``species="dog"``."""
        name = self.name
        if self._is_other(segment):
            if not self.points:
                return f"{name} is any value"
            listed = ", ".join(_text(v) for v in self.points)
            return f"{name} is none of {listed}"
        if self._is_point(segment):
            return f"{name}={_text(self._point(segment))}"
        low, high = self._gap(segment)
        if low is not None and high is not None:
            return f"{name} in ({_text(low)}..{_text(high)})"
        if low is not None:
            return f"{name} > {_text(low)}"
        if high is not None:
            return f"{name} < {_text(high)}"
        return f"{name} is any value"

    def locate(self, value: object) -> int:
        """The segment holding ``value``, or the error a lookup of ``value`` raises."""
        kind = self.kind
        if kind in _ORDERED:
            if kind is _Kind.INTEGER and not _is_int(value):
                raise InputTypeError(
                    f"must be an int: the cells of input {self.name!r} are integers",
                    field=self.name,
                    value=value,
                )
            if kind is _Kind.DAYS and not _is_day(value):
                raise InputTypeError(
                    f"must be a date: the cells of input {self.name!r} are dates",
                    field=self.name,
                    value=value,
                )
            points = self.points
            try:
                i = bisect_left(points, value)
                if i < len(points) and points[i] == value:
                    return 2 * i + 1
            except TypeError:
                raise InputTypeError(
                    f"cannot be compared with the bounds of input {self.name!r}",
                    field=self.name,
                    value=value,
                ) from None
            return 2 * i
        try:
            if kind is _Kind.DISCRETE:
                return self.index.get(value, len(self.points))
            return self.index[value]
        except TypeError:
            raise InputTypeError(
                f"must be hashable to match input {self.name!r}", field=self.name, value=value
            ) from None
        except KeyError:
            raise InvalidArgumentError(
                f"is not in the domain of input {self.name!r}", field=self.name, value=value
            ) from None


def _axis(j: int, column: Input, cells: list[tuple[int, Anything | OneOf | Range]]) -> _Axis:
    """Cut input ``j`` at every bound of its ``cells`` (pairs of row index and cell)."""
    if column.domain is not None:
        points = _stable_sorted(column.domain)
        for i, item in cells:
            if isinstance(item, OneOf) and not item.values <= column.domain:
                raise ConfigurationError(
                    f"lists values outside the domain of input {column.name!r}",
                    field=f"rows[{i}].when[{j}]",
                    value=_stable_sorted(item.values - column.domain),
                )
            if isinstance(item, Range):
                for point in points:
                    try:
                        item.contains(point)
                    except InputTypeError:
                        raise ConfigurationError(
                            f"cannot be compared with {point!r} in the domain of input "
                            f"{column.name!r}",
                            field=f"rows[{i}].when[{j}]",
                            value=item,
                        ) from None
        return _Axis(column.name, _Kind.DOMAIN, points, {v: s for s, v in enumerate(points)})
    if not any(isinstance(item, Range) for _, item in cells):
        values: set[typing.Any] = set()
        for _, item in cells:
            if isinstance(item, OneOf):
                values |= item.values
        points = _stable_sorted(values)
        return _Axis(column.name, _Kind.DISCRETE, points, {v: s for s, v in enumerate(points)})
    bounds: list[typing.Any] = []
    for _, item in cells:
        if isinstance(item, Range):
            bounds.extend(b for b in (item.low, item.high) if b is not None)
        elif isinstance(item, OneOf):
            bounds.extend(item.values)
    try:
        ordered = sorted(bounds)
        distinct = [p for k, p in enumerate(ordered) if k == 0 or ordered[k - 1] != p]
    except TypeError:
        raise ConfigurationError(
            f"mixes values that cannot be compared: {_stable_sorted(map(repr, bounds))}",
            field=f"inputs[{j}]",
            value=column.name,
        ) from None
    kind = _Kind.DENSE
    if distinct and all(map(_is_int, distinct)):
        kind = _Kind.INTEGER
    elif distinct and all(map(_is_day, distinct)):
        kind = _Kind.DAYS
    return _Axis(column.name, kind, tuple(distinct), {})


# -- the table ----------------------------------------------------------------------------------


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, lowest first."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


def _lowest(mask: int) -> int:
    return (mask & -mask).bit_length() - 1


def _hit_policy(value: object) -> HitPolicy:
    if isinstance(value, HitPolicy):
        return value
    return enum_member(HitPolicy, value, "hit_policy", error=ConfigurationError)


def _output_order(values: object) -> tuple[typing.Any, ...] | None:
    if values is None:
        return None
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InputTypeError(
            "must be a sequence of outputs, highest priority first",
            field="output_order",
            value=values,
        )
    return tuple(values)


def _rank_of(order: tuple[typing.Any, ...]) -> typing.Callable[[typing.Any], int | None]:
    """A function giving an output's place in ``order`` (``None`` if absent); repeats refused.

    Hashable outputs are ranked through a dict, so that checking a table costs one probe per
    row; outputs that cannot be hashed (lists) fall back to a scan by equality. An output whose
    ``==`` gives no truth value (a numpy array) raises ``ConfigurationError`` naming it.
    """

    def same(k: int, output: typing.Any, blame: int) -> bool:
        try:
            return bool(order[k] == output)
        except (TypeError, ValueError):
            raise ConfigurationError(
                "cannot be compared with == (an output must be a plain value)",
                field=f"output_order[{blame}]",
                value=order[blame],
            ) from None

    try:
        places: dict[typing.Any, int] = {}
        for k, output in enumerate(order):
            if output in places:
                raise ConfigurationError(
                    "lists an output twice", field=f"output_order[{k}]", value=output
                )
            places[output] = k
    except (TypeError, ValueError):  # unhashable, or == without a truth value
        for k, output in enumerate(order):
            if any(same(j, output, k) for j in range(k)):
                raise ConfigurationError(
                    "lists an output twice", field=f"output_order[{k}]", value=output
                ) from None

        def scan(output: typing.Any) -> int | None:
            return next((k for k in range(len(order)) if same(k, output, k)), None)

        return scan

    def probe(output: typing.Any) -> int | None:
        try:
            return places.get(output)
        except TypeError:  # an unhashable row output cannot be among hashable ones
            return None

    return probe


def _inputs(values: object) -> tuple[Input, ...]:
    if not isinstance(values, Iterable) or isinstance(values, str):
        raise InputTypeError("must be a sequence of Input", field="inputs", value=values)
    return items_of(values, Input, "inputs")


def _rows(values: object) -> tuple[Row, ...]:
    if not isinstance(values, Iterable) or isinstance(values, str):
        raise InputTypeError("must be a sequence of Row", field="rows", value=values)
    return items_of(values, Row, "rows")


@attrs.frozen
class _Compiled:
    """What a lookup needs: the axes, per-segment row masks and every reachable result.

    Bit ``b`` of a mask stands for row ``order[b]``: row order, except under ``PRIORITY`` and
    ``OUTPUT_ORDER`` where rows are sorted by output priority then row index, so the lowest
    bit always wins (and the bits, lowest first, are the output order).
    """

    axes: tuple[_Axis, ...]
    masks: tuple[tuple[int, ...], ...]
    order: tuple[int, ...]
    full: int
    results: Mapping[int, typing.Any] = attrs.field(eq=False, repr=False)

    def mask(self, values: tuple[object, ...]) -> int:
        """The mask of rows matching ``values``, or the error the lookup raises."""
        if len(values) != len(self.axes):
            names = ", ".join(axis.name for axis in self.axes)
            raise InvalidArgumentError(
                f"takes {len(self.axes)} values ({names}), got {len(values)}",
                field="values",
                value=values,
            )
        mask = self.full
        for axis, masks, value in zip(self.axes, self.masks, values, strict=True):
            mask &= masks[axis.locate(value)]
        return mask


@attrs.frozen(repr=False)
class DecisionTable:
    """A DMN decision table, proven at construction to be free of overlaps, gaps and shadows.

    Attributes:
        name: the table's name, for errors and traces.
        inputs: the input columns, in the order ``lookup`` takes their values.
        rows: the rules; each has one cell per input.
        hit_policy: a ``HitPolicy`` or its code (``"U"``, ``"C+"``).
        output_order: every output, highest priority first; required for ``PRIORITY`` and
            ``OUTPUT_ORDER`` and refused for the other policies.
        default: the result when no row matches; without it, a gap (an input combination no
            row matches) is a ``ConfigurationError``, except under ``C``, ``C#``, ``O`` and
            ``R``, whose empty result is ``()``, ``0``, ``()`` and ``()``.

    Raises:
        ConfigurationError: a table that cannot be right, with ``field`` naming the row
            (``rows[3]``): see the module docstring and ``docs/decision-tables.md``.
        InputTypeError: an argument of the wrong type.

    >>> fee = DecisionTable(
    ...     "fee",
    ...     (Input("age"),),
    ...     (Row("< 18", 0), Row("[18..65)", 20), Row(">= 65", 10)),
    ... )
    >>> fee.lookup(17), fee.lookup(18), fee.lookup(70), fee.matches(64)
    (0, 20, 10, (1,))
    >>> fee
    DecisionTable('fee', inputs=('age',), rows=3, hit_policy=U)
    """

    name: str = attrs.field(validator=instance_of(str))
    inputs: tuple[Input, ...] = attrs.field(converter=_inputs)
    rows: tuple[Row, ...] = attrs.field(converter=_rows)
    hit_policy: HitPolicy = attrs.field(
        default=HitPolicy.UNIQUE, kw_only=True, converter=_hit_policy
    )
    output_order: tuple[typing.Any, ...] | None = attrs.field(
        default=None, kw_only=True, converter=_output_order
    )
    default: typing.Any = attrs.field(default=_NO_DEFAULT, kw_only=True)
    _compiled: _Compiled = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_compiled", self._compile())

    # -- construction checks -----------------------------------------------------------------

    def _ranks(self) -> tuple[int, ...] | None:
        """Each row's output rank (0 is first) under ``PRIORITY`` and ``OUTPUT_ORDER``.

        ``None`` for the other policies, which refuse an ``output_order``.
        """
        order, policy = self.output_order, self.hit_policy
        if policy not in _RANKED:
            if order is not None:
                raise ConfigurationError(
                    "is only for hit policies PRIORITY and OUTPUT_ORDER",
                    field="output_order",
                    value=order,
                )
            return None
        if order is None:
            raise ConfigurationError(
                f"is required by hit policy {policy.name} (outputs, highest priority first)",
                field="output_order",
                value=None,
            )
        rank_of = _rank_of(order)
        ranks = []
        for i, row in enumerate(self.rows):
            rank = rank_of(row.then)
            if rank is None:
                raise ConfigurationError(
                    "is not listed in output_order", field=f"rows[{i}].then", value=row.then
                )
            ranks.append(rank)
        return tuple(ranks)

    def _compile(self) -> _Compiled:
        if not self.inputs:
            raise ConfigurationError("a table needs at least one input", field="inputs", value=())
        names = [column.name for column in self.inputs]
        for j, name in enumerate(names):
            if name in names[:j]:
                raise ConfigurationError("names an input twice", field=f"inputs[{j}]", value=name)
        for i, row in enumerate(self.rows):
            if len(row.when) != len(self.inputs):
                raise ConfigurationError(
                    f"has {len(row.when)} cells for {len(self.inputs)} inputs ({', '.join(names)})",
                    field=f"rows[{i}].when",
                    value=row.when,
                )
        ranks = self._ranks()
        order = tuple(range(len(self.rows)))
        if ranks is not None:
            order = tuple(sorted(order, key=lambda i: (ranks[i], i)))
        axes = tuple(
            _axis(j, column, [(i, row.when[j]) for i, row in enumerate(self.rows)])
            for j, column in enumerate(self.inputs)
        )
        masks = tuple(
            tuple(
                sum(
                    1 << bit
                    for bit, i in enumerate(order)
                    if axis.covers(self.rows[i].when[j], segment)
                )
                for segment in range(axis.size)
            )
            for j, axis in enumerate(axes)
        )
        full = (1 << len(order)) - 1
        compiled = _Compiled(axes, masks, order, full, {})
        regions = self._regions(compiled)
        self._check(compiled, regions)
        results = {mask: self._result(compiled, mask) for mask in regions}
        return attrs.evolve(compiled, results=results)

    @staticmethod
    def _regions(compiled: _Compiled) -> dict[int, tuple[int, ...]]:
        """Every distinct set of rows matching together, each with an example box of segments.

        Segments of an axis that no cell tells apart are merged first, and the recursion visits
        each (axis, rows still matching) once, so the work follows the table's structure rather
        than the product of all segments. An example found first for a set of rows stays.
        """
        classes = []
        for axis, masks in zip(compiled.axes, compiled.masks, strict=True):
            groups: dict[int, int] = {}
            for segment in range(axis.size):
                if axis.is_live(segment):
                    groups.setdefault(masks[segment], segment)
            classes.append(tuple(groups.items()))
        depth = len(classes)
        found: dict[int, tuple[int, ...]] = {}
        visited: set[tuple[int, int]] = set()
        path = [segment for ((_, segment), *_) in classes]

        def walk(j: int, mask: int) -> None:
            if not mask:
                # No row left: every box below is a gap, so the first segments will do.
                found.setdefault(0, (*path[:j], *(c[0][1] for c in classes[j:])))
                return
            if (j, mask) in visited:
                return  # what lies below depends on the rows left, not on how we came
            visited.add((j, mask))
            if j == depth - 1:
                for class_mask, segment in classes[j]:
                    final = mask & class_mask
                    if final not in found:
                        path[j] = segment
                        found[final] = tuple(path)
                return
            for class_mask, segment in classes[j]:
                path[j] = segment
                walk(j + 1, mask & class_mask)

        walk(0, compiled.full)
        return found

    def _point(self, compiled: _Compiled, segments: tuple[int, ...]) -> tuple[object, str]:
        """An example input point of a box, and the box in words."""
        pairs = zip(compiled.axes, segments, strict=True)
        values = []
        words = []
        for axis, segment in pairs:
            values.append(axis.example(segment))
            words.append(axis.describe(segment))
        return tuple(values), ", ".join(words)

    def _check(self, compiled: _Compiled, regions: dict[int, tuple[int, ...]]) -> None:
        order, policy = compiled.order, self.hit_policy
        seen = functools.reduce(operator.or_, regions, 0)
        for i in range(len(order)):
            if not seen >> order.index(i) & 1:
                raise ConfigurationError(
                    "can never match: its cells leave no input value",
                    field=f"rows[{i}]",
                    value=self.rows[i],
                )
        if policy is HitPolicy.UNIQUE:
            self._check_unique(compiled, regions)
        elif policy is HitPolicy.ANY:
            self._check_any(compiled, regions)
        elif policy in (HitPolicy.FIRST, HitPolicy.PRIORITY):
            self._check_shadows(compiled, regions)
        if 0 in regions and self.default is _NO_DEFAULT and policy not in _EMPTY_IS_AN_ANSWER:
            point, words = self._point(compiled, regions[0])
            raise ConfigurationError(
                f"no row matches {words}: add a row (or a row of '-') or give a default",
                field="rows",
                value=point,
            )

    def _check_unique(self, compiled: _Compiled, regions: dict[int, tuple[int, ...]]) -> None:
        clashes = []
        for mask, segments in regions.items():
            if mask & (mask - 1):
                first, second = sorted(compiled.order[bit] for bit in _bits(mask))[:2]
                clashes.append((second, first, segments))
        if clashes:
            second, first, segments = min(clashes, key=lambda c: (c[0], c[1]))
            point, words = self._point(compiled, segments)
            raise ConfigurationError(
                f"overlaps rows[{first}]: both match {words} (hit policy UNIQUE)",
                field=f"rows[{second}]",
                value=point,
            )

    def _check_any(self, compiled: _Compiled, regions: dict[int, tuple[int, ...]]) -> None:
        clashes = []
        for mask, segments in regions.items():
            rows = [compiled.order[bit] for bit in _bits(mask)]
            for i in rows[1:]:
                if self.rows[i].then != self.rows[rows[0]].then:
                    clashes.append((i, rows[0], segments))
        if clashes:
            second, first, segments = min(clashes, key=lambda c: (c[0], c[1]))
            point, words = self._point(compiled, segments)
            raise ConfigurationError(
                f"overlaps rows[{first}] with a different output "
                f"({self.rows[second].then!r} against {self.rows[first].then!r}): both "
                f"match {words} (hit policy ANY)",
                field=f"rows[{second}]",
                value=point,
            )

    def _check_shadows(self, compiled: _Compiled, regions: dict[int, tuple[int, ...]]) -> None:
        winners = {_lowest(mask) for mask in regions if mask}
        for i in range(len(self.rows)):
            bit = compiled.order.index(i)
            if bit in winners:
                continue
            over = sorted({compiled.order[_lowest(mask)] for mask in regions if mask >> bit & 1})
            by = ", ".join(f"rows[{k}]" for k in over)
            if self.hit_policy is HitPolicy.FIRST:
                reason = f"is shadowed: every input it matches is matched first by {by}"
            else:
                reason = (
                    f"is shadowed: every input it matches is decided by {by}, whose output has "
                    "a higher priority (or is the same and comes earlier)"
                )
            raise ConfigurationError(reason, field=f"rows[{i}]", value=self.rows[i])

    def _result(self, compiled: _Compiled, mask: int) -> typing.Any:
        """The hit policy's result for the rows of ``mask``; checked, so it cannot fail later."""
        policy = self.hit_policy
        if not mask:
            if self.default is not _NO_DEFAULT:
                return self.default
            if policy in _TUPLES:
                return ()
            if policy is HitPolicy.COLLECT_COUNT:
                return 0
            raise InvalidArgumentError(  # unreachable: the gap check refused the table
                f"matches no row of table {self.name!r}", field="values", value=None
            )
        if policy not in _COLLECTING:
            return self.rows[compiled.order[_lowest(mask)]].then
        if policy is HitPolicy.COLLECT_COUNT:
            return mask.bit_count()
        if policy is HitPolicy.OUTPUT_ORDER:
            # Bits follow (rank, row): lowest bit first is output order, ties in row order.
            return tuple(self.rows[compiled.order[bit]].then for bit in _bits(mask))
        rows = sorted(compiled.order[bit] for bit in _bits(mask))
        outputs = tuple(self.rows[i].then for i in rows)
        if policy in _TUPLES:
            return outputs
        try:
            if policy is HitPolicy.COLLECT_SUM:
                return functools.reduce(operator.add, outputs)
            return min(outputs) if policy is HitPolicy.COLLECT_MIN else max(outputs)
        except TypeError:
            verb = "added" if policy is HitPolicy.COLLECT_SUM else "compared"
            raise ConfigurationError(
                f"match together with {', '.join(f'rows[{i}]' for i in rows[:-1])} but their "
                f"outputs cannot be {verb} (hit policy {policy.value})",
                field=f"rows[{rows[-1]}]",
                value=outputs,
            ) from None

    # -- evaluation --------------------------------------------------------------------------

    @property
    def input_names(self) -> tuple[str, ...]:
        """The names of the inputs, in the order ``lookup`` takes their values."""
        return tuple(column.name for column in self.inputs)

    @property
    def has_default(self) -> bool:
        """Whether a ``default`` was given."""
        return self.default is not _NO_DEFAULT

    def lookup(self, *values: object) -> typing.Any:
        """The hit policy's result for one value per input, in ``inputs`` order.

        ``U``, ``F``, ``P``, ``A``: the one output; ``C`` and ``R``: a tuple of outputs in row
        order; ``O``: a tuple of outputs in ``output_order`` (equal outputs in row order, and
        repeated as often as rows give them); ``C+``, ``C<``, ``C>``: their sum, least or
        greatest; ``C#``: how many rows match. When no row matches: ``default`` if given, else
        ``()`` under ``C``, ``O`` and ``R`` and ``0`` under ``C#`` (the other policies cannot
        miss: construction proved every input is covered).

        Raises:
            InvalidArgumentError: the wrong number of values, or a value outside its input's
                ``domain`` (``field`` is the input's name).
            InputTypeError: a value that cannot be compared with its input's bounds, a
                non-``int`` for an integer input, a non-``date`` for a day input.
        """
        compiled = self._compiled
        mask = compiled.mask(_instants(values))
        try:
            return compiled.results[mask]
        except KeyError:
            return self._result(compiled, mask)

    def matches(self, *values: object) -> tuple[int, ...]:
        """The indices of the rows matching one value per input, ascending (for traces).

        Raises the same errors as ``lookup``.
        """
        compiled = self._compiled
        return tuple(sorted(compiled.order[bit] for bit in _bits(compiled.mask(_instants(values)))))

    def to_text(self) -> str:
        """The table in DMN's tabular form, as plain text.

        >>> rows = (Row("< 18", 0), Row(">= 18", 20, label="adult"))
        >>> print(DecisionTable("fee", (Input("age"),), rows).to_text())
        fee (hit policy U)
        # | age   || output | label
        --+-------++--------+------
        0 | < 18  || 0
        1 | >= 18 || 20     | adult
        """
        labelled = any(row.label for row in self.rows)
        header = ["#", *self.input_names, "output", *(["label"] if labelled else [])]
        body = [
            [
                str(i),
                *(str(item) for item in row.when),
                _text(row.then),
                *([row.label] if labelled else []),
            ]
            for i, row in enumerate(self.rows)
        ]
        widths = [max(len(line[k]) for line in [header, *body]) for k in range(len(header))]
        split = len(self.inputs)  # the output column follows the last input column

        def render(line: list[str], fill: str = " ", bar: str = "|", double: str = "||") -> str:
            while len(line) > 1 and not line[-1]:
                line = line[:-1]  # no dangling bar after an empty last cell
            parts = [text.ljust(width, fill) for text, width in zip(line, widths, strict=False)]
            joined = parts[0]
            for k, part in enumerate(parts[1:], start=1):
                joined += f"{fill}{double if k == split + 1 else bar}{fill}{part}"
            return joined.rstrip()

        lines = [f"{self.name} (hit policy {self.hit_policy.value})", render(header)]
        lines.append(render(["-" * w for w in widths], "-", "+", "++"))
        lines.extend(render(line) for line in body)
        if self.has_default:
            lines.append(f"default: {_text(self.default)}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"DecisionTable({self.name!r}, inputs={self.input_names!r}, rows={len(self.rows)}, "
            f"hit_policy={self.hit_policy.value})"
        )
