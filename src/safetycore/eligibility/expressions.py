"""Declarative, three-valued expressions over a claim's facts.

Rules are built from expressions, not from Python callables, so a policy can say which facts
each rule reads, explain its result, and be compiled into one fast function. Start from
:data:`F` (``F.species`` is the fact called ``species``) and combine:

- comparisons ``<``, ``<=``, ``>``, ``>=`` and the methods :meth:`Value.equals`,
  :meth:`Value.differs`, :meth:`Value.is_in`, :meth:`Value.between`,
  :meth:`Value.within`, :meth:`Value.includes`, :meth:`Value.is_true`;
- predicates with ``&`` (all), ``|`` (any) and ``~`` (not);
- :meth:`Value.plus` for a deadline (a fact plus a :class:`~safetycore.eligibility.Length`).

Every predicate evaluates to ``True``, ``False``, :data:`MISSING` (unknown) or
:data:`NOT_APPLICABLE`:

- a comparison that reads a not-applicable fact is not applicable; otherwise one that reads a
  missing fact is unknown;
- ``&`` is false if any part is false, else unknown if any part is unknown, else true if any
  part is true, else not applicable (Kleene's conjunction, with not-applicable parts ignored);
- ``|`` is the dual, and ``~`` swaps true and false and keeps the rest.

>>> rule = (F.species.is_in({"dog", "cat"})) & (F.vet_bill > 0)
>>> sorted(rule.reads())
['species', 'vet_bill']
>>> print(rule)
(species in {'cat', 'dog'}) and (vet_bill > 0)
"""

from __future__ import annotations

import datetime as _dt
import keyword
import operator
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from safetycore._config import instance_of, names_of, whole_number
from safetycore.eligibility.facts import MISSING, NOT_APPLICABLE, Absent
from safetycore.eligibility.parameters import Param, Parameter
from safetycore.eligibility.windows import Length, Unit
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
)

__all__ = ["F", "Predicate", "Value", "all_of", "any_of", "call", "not_"]

_OPERATORS: Final[dict[str, Callable[[Any, Any], bool]]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


class Env:
    """What the slow evaluator reads: the facts and the version's parameters."""

    __slots__ = ("facts", "parameters")

    def __init__(self, facts: object, parameters: Mapping[str, Parameter]) -> None:
        self.facts = facts
        self.parameters = parameters


class Emitter:
    """Collects the statements of a compiled policy function (see ``_compile.py``)."""

    def __init__(
        self, parameters: Mapping[str, Parameter], kinds: Mapping[str, type] | None = None
    ) -> None:
        self.parameters = parameters
        self.kinds = kinds or {}
        self.namespace: dict[str, Any] = {
            "_Absent": Absent,
            "_M": MISSING,
            "_NA": NOT_APPLICABLE,
            "_UTC": _dt.UTC,
            "_key": key,
        }
        self.lines: list[str] = []
        self.facts: dict[str, str] = {}
        self.keys: dict[str, str] = {}
        self._constants: dict[int, str] = {}
        self._count = 0

    def temp(self) -> str:
        """A fresh local variable name."""
        self._count += 1
        return f"t{self._count}"

    def fact(self, name: str) -> str:
        """The local variable holding fact ``name`` (read once, at the top).

        Locals are numbered (``a0``, ``a1``...): a fact's name is configuration text, so it
        never appears in the generated source (``_compile`` reads each fact as a placeholder
        attribute and renames it in the compiled code object).
        """
        if name not in self.facts:
            self.facts[name] = f"a{len(self.facts)}"
        return self.facts[name]

    def fact_key(self, name: str) -> str:
        """The local variable holding fact ``name`` as a comparison key (UTC for datetimes)."""
        local = self.fact(name)
        if self.kinds.get(name) is not _dt.datetime:
            return local
        if name not in self.keys:
            self.keys[name] = f"u{local[1:]}"
        return self.keys[name]

    def const(self, value: object) -> str:
        """A global name bound to ``value`` in the compiled function's namespace."""
        key = id(value)
        if key not in self._constants:
            name = f"k{len(self._constants)}"
            self._constants[key] = name
            self.namespace[name] = value
        return self._constants[key]

    def line(self, text: str) -> None:
        """Append one statement of the function body."""
        self.lines.append(text)


def key(value: Any) -> Any:
    """``value`` as compared: an aware datetime in UTC, anything else as it is.

    Python compares two datetimes that share a ``tzinfo`` by wall clock, ignoring ``fold``,
    so 01:30 EDT and 01:15 EST on the night clocks go back would compare the wrong way.
    Every comparison of instants goes through UTC instead.
    """
    return value.astimezone(_dt.UTC) if isinstance(value, _dt.datetime) else value


def _worst(*values: object) -> Absent:
    """The absent value a comparison of ``values`` yields (not applicable beats missing)."""
    return NOT_APPLICABLE if NOT_APPLICABLE in values else MISSING


def _no_truth(node: object, field: str) -> bool:
    """Refuse Python's ``and`` / ``or`` / ``not`` / ``if`` on an expression.

    ``F.a > 1 and F.b < 2`` asks Python for the truth of ``F.a > 1``; any answer would keep
    one side and silently drop the other, as numpy, pandas and SQLAlchemy also refuse.
    """
    raise InputTypeError(
        "has no truth value in Python: join predicates with & (and), | (or) and ~ (not), "
        "never with and / or / not or an if",
        field=field,
        value=str(node),
    )


def _absent_check(names: Iterable[str]) -> str:
    return " and ".join(f"{name}.__class__ is not _Absent" for name in names)


class Value:
    """A value read from the facts (or a constant, a parameter, a deadline, a call)."""

    __slots__ = ()

    def reads(self) -> frozenset[str]:
        """The names of the facts this expression reads."""
        raise NotImplementedError

    def evaluate(self, env: Env) -> Any:
        """The value for these facts, or :data:`MISSING` / :data:`NOT_APPLICABLE` (slow)."""
        raise NotImplementedError

    def emit(self, out: Emitter) -> str:
        """Append code computing this value; return the name (or constant) holding it."""
        raise NotImplementedError

    def __bool__(self) -> bool:
        return _no_truth(self, "value")

    def emit_key(self, out: Emitter) -> str:
        """Append code computing this value as a comparison key (see :func:`key`)."""
        value = self.emit(out)
        name = out.temp()
        out.line(f"{name} = _key({value})")
        return name

    # Comparisons build predicates; equality keeps its usual meaning for attrs values.
    def __lt__(self, other: object) -> Predicate:
        return Compare("<", self, _value(other))

    def __le__(self, other: object) -> Predicate:
        return Compare("<=", self, _value(other))

    def __gt__(self, other: object) -> Predicate:
        return Compare(">", self, _value(other))

    def __ge__(self, other: object) -> Predicate:
        return Compare(">=", self, _value(other))

    def equals(self, other: object) -> Predicate:
        """True when this value equals ``other`` (a value or another expression)."""
        return Compare("==", self, _value(other))

    def differs(self, other: object) -> Predicate:
        """True when this value does not equal ``other``."""
        return Compare("!=", self, _value(other))

    def is_in(self, options: Iterable[object]) -> Predicate:
        """True when this value is one of ``options`` (floats are refused, as in comparisons)."""
        if isinstance(options, str):
            raise InputTypeError(
                f"must be a collection of options, not one str (write [{options!r}])",
                field="options",
                value=options,
            )
        if isinstance(options, Mapping) or not isinstance(options, Iterable):
            raise InputTypeError("must be a collection of options", field="options", value=options)
        items = tuple(options)
        for i, option in enumerate(items):
            if not isinstance(_value(option), Const):  # the same checks as a compared constant
                raise InputTypeError("must be a constant", field=f"options[{i}]", value=option)
            if not isinstance(option, Hashable):
                raise InputTypeError("must be hashable", field=f"options[{i}]", value=option)
        try:
            chosen = frozenset(items)
        except TypeError:  # a tuple holding something unhashable
            raise InputTypeError(
                "must hold hashable options", field="options", value=items
            ) from None
        return IsIn(self, chosen)

    def is_true(self) -> Predicate:
        """The boolean fact as a predicate (a non-bool value raises ``InputTypeError``)."""
        return Truth(self)

    def is_false(self) -> Predicate:
        """True when this boolean fact is False."""
        return Not(Truth(self))

    def between(self, low: object, high: object) -> Predicate:
        """True when ``low <= self <= high`` (both ends included).

        Not applicable when any of the three is; otherwise Kleene's "and" of the two
        comparisons (so a known failure on one side decides even if the other is missing).
        """
        low_value, high_value = _value(low), _value(high)
        wrong_way = False
        if isinstance(low_value, Const) and isinstance(high_value, Const):
            try:
                wrong_way = key(low_value.value) > key(high_value.value)
            except TypeError:
                raise ConfigurationError(
                    "the two ends cannot be compared", field="between", value=(low, high)
                ) from None
        if wrong_way:
            raise InvalidArgumentError(
                "the low end is after the high end", field="between", value=(low, high)
            )
        return Between(self, low_value, high_value)

    def plus(self, length: Length) -> Value:
        """The instant or date ``length`` after this one (a deadline)."""
        return Deadline(self, length)

    def within(self, length: Length, *, of: object) -> Predicate:
        """True when this instant is no earlier than ``of`` and at most ``length`` after it."""
        anchor = _value(of)
        return Between(self, anchor, Deadline(anchor, length))

    def includes(self, items: Iterable[str], *, need: int | None = None) -> Predicate:
        """True when this set fact holds ``need`` of ``items`` (all of them by default)."""
        wanted = names_of(items, "items")  # a bare str would be a set of letters: refused
        return Includes(self, wanted, len(wanted) if need is None else need)


class Predicate:
    """A three-valued condition: True, False, MISSING (unknown) or NOT_APPLICABLE."""

    __slots__ = ()

    def reads(self) -> frozenset[str]:
        """The names of the facts this predicate reads."""
        raise NotImplementedError

    def evaluate(self, env: Env) -> bool | Absent:
        """The truth for these facts (slow, obviously-correct path)."""
        raise NotImplementedError

    def emit(self, out: Emitter) -> str:
        """Append code computing this truth; return the name holding it."""
        raise NotImplementedError

    def __bool__(self) -> bool:
        return _no_truth(self, "predicate")

    def __and__(self, other: Predicate) -> Predicate:
        return All((self, other))

    def __or__(self, other: Predicate) -> Predicate:
        return AnyOf((self, other))

    def __invert__(self) -> Predicate:
        return Not(self)


def _value(value: object) -> Value:
    if isinstance(value, Value):
        return value
    if isinstance(value, Param):
        return ParamValue(value)
    if isinstance(value, Predicate):
        raise InputTypeError("a predicate is not a value", field="operand", value=value)
    return Const(value)  # which refuses floats, absent values and naive datetimes


def is_fact_name(name: object) -> bool:
    """Whether ``name`` can name a fact: an identifier, as written, not starting with ``_``.

    A fact is read as an attribute of the facts instance, so nothing but a plain identifier
    (NFKC-normal, as Python reads source, and not a keyword) may pass. (Names never reach
    the compiled function's source: see ``_compile.py``.)
    """
    return (
        isinstance(name, str)
        and name.isidentifier()
        and not keyword.iskeyword(name)
        and not name.startswith("_")
        and unicodedata.normalize("NFKC", name) == name
    )


def _fact_name(_: object, attribute: Any, value: Any) -> None:
    if not is_fact_name(value):
        raise InputTypeError(
            "must be a fact's name: a Python identifier not starting with '_'",
            field=attribute.name,
            value=value,
        )


def _operator(_: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or value not in _OPERATORS:
        raise ConfigurationError(
            f"must be one of the operators {', '.join(_OPERATORS)}",
            field=attribute.name,
            value=value,
        )


def _constant(_: object, attribute: Any, value: object) -> None:
    """The checks every compared constant passes (``_value`` and ``Const`` share them)."""
    if isinstance(value, Value | Predicate | Param):
        raise InputTypeError(
            "must be a plain value (expressions and parameters have their own nodes)",
            field="operand",
            value=value,
        )
    if value.__class__ is Absent:
        raise InputTypeError(
            "a rule cannot compare with an absent value", field="operand", value=value
        )
    if isinstance(value, float):
        raise InputTypeError(
            "must not be a float (use Decimal or int)", field="operand", value=value
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidArgumentError(
            "must be a finite number (NaN and infinity compare with nothing)",
            field="operand",
            value=value,
        )
    if isinstance(value, _dt.datetime):
        if value.utcoffset() is None:
            raise NaiveDatetimeError("must be time-zone aware", field="operand", value=value)
        utc_key(value, "operand")


def utc_key(value: _dt.datetime, field: str) -> _dt.datetime:
    """``value`` in UTC, or ``OutOfRangeError`` when UTC has no such instant (year 1 or 10000)."""
    try:
        return value.astimezone(_dt.UTC)
    except OverflowError:
        raise OutOfRangeError(
            "is an instant whose UTC time falls outside years 1 to 9999", field=field, value=value
        ) from None


def _values(values: object) -> tuple[Value, ...]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InputTypeError("must be a sequence of values", field="arguments", value=values)
    items = tuple(values)
    for i, item in enumerate(items):
        if not isinstance(item, Value):
            raise InputTypeError("must be a Value", field=f"arguments[{i}]", value=item)
    return items


@attrs.frozen(eq=True, order=False)
class Fact(Value):
    """The fact called ``name`` (an identifier: it is read as ``facts.<name>``)."""

    name: str = attrs.field(validator=_fact_name)

    def reads(self) -> frozenset[str]:
        return frozenset((self.name,))

    def evaluate(self, env: Env) -> Any:
        return getattr(env.facts, self.name)

    def emit(self, out: Emitter) -> str:
        return out.fact(self.name)

    def emit_key(self, out: Emitter) -> str:
        if self.name not in out.kinds:
            return super().emit_key(out)
        return out.fact_key(self.name)

    def __str__(self) -> str:
        return self.name


@attrs.frozen(eq=True, order=False)
class Const(Value):
    """A constant (never a float, an absent value, a naive datetime or an expression)."""

    value: Any = attrs.field(validator=_constant)

    def reads(self) -> frozenset[str]:
        return frozenset()

    def evaluate(self, env: Env) -> Any:
        return self.value

    def emit(self, out: Emitter) -> str:
        return out.const(self.value)

    def emit_key(self, out: Emitter) -> str:
        return out.const(key(self.value))

    def __str__(self) -> str:
        return repr(self.value) if not isinstance(self.value, _dt.date) else str(self.value)


@attrs.frozen(eq=True, order=False)
class ParamValue(Value):
    """A policy parameter, resolved against the version in force."""

    param: Param = attrs.field(validator=instance_of(Param))

    def reads(self) -> frozenset[str]:
        return frozenset()

    def evaluate(self, env: Env) -> Any:
        return self.param.resolve(env.parameters)

    def emit(self, out: Emitter) -> str:
        return out.const(self.param.resolve(out.parameters))

    def emit_key(self, out: Emitter) -> str:
        return out.const(key(self.param.resolve(out.parameters)))

    def __str__(self) -> str:
        return self.param.name


@attrs.frozen(eq=True, order=False)
class Deadline(Value):
    """``anchor`` plus a :class:`~safetycore.eligibility.Length`."""

    anchor: Value = attrs.field(validator=instance_of(Value))
    length: Length = attrs.field(validator=instance_of(Length))

    def reads(self) -> frozenset[str]:
        return self.anchor.reads()

    def evaluate(self, env: Env) -> Any:
        anchor = self.anchor.evaluate(env)
        if anchor.__class__ is Absent:
            return anchor
        try:
            return self.length.resolved(env.parameters).after(anchor)
        except OutOfRangeError as error:
            raise OutOfRangeError(
                f"{self.length.describe()} after it falls outside years 1 to 9999",
                field=str(self.anchor),
                value=anchor,
            ) from error

    def emit(self, out: Emitter) -> str:
        anchor = self.anchor.emit(out)
        after = out.const(self.length.resolved(out.parameters).after)
        name = out.temp()
        out.line(f"{name} = {anchor} if {anchor}.__class__ is _Absent else {after}({anchor})")
        return name

    def emit_key(self, out: Emitter) -> str:
        length = self.length.resolved(out.parameters)
        kind = out.kinds.get(self.anchor.name) if isinstance(self.anchor, Fact) else None
        if length.unit is Unit.HOURS and kind is _dt.datetime:
            # Elapsed hours added to the UTC key: exact, with no zone arithmetic per claim.
            anchor = self.anchor.emit_key(out)
            step = out.const(_dt.timedelta(hours=length.amount))  # type: ignore[arg-type]
        elif length.unit is Unit.DAYS and kind is _dt.date:
            anchor = self.anchor.emit(out)
            step = out.const(_dt.timedelta(days=length.amount))  # type: ignore[arg-type]
        else:
            return super().emit_key(out)
        name = out.temp()
        out.line(f"{name} = {anchor} if {anchor}.__class__ is _Absent else {anchor} + {step}")
        return name

    def __str__(self) -> str:
        return f"{self.anchor} + {self.length.describe()}"


def _callable(_: object, attribute: Any, value: Any) -> None:
    if not callable(value):
        raise InputTypeError("must be a function", field=attribute.name, value=value)


@attrs.frozen(eq=True, order=False)
class Call(Value):
    """A pure function of other values; absent when any argument is absent."""

    function: Callable[..., Any] = attrs.field(validator=_callable)
    arguments: tuple[Value, ...] = attrs.field(converter=_values)
    label: str = attrs.field(validator=instance_of(str))

    def reads(self) -> frozenset[str]:
        return frozenset().union(*(a.reads() for a in self.arguments))

    def evaluate(self, env: Env) -> Any:
        values = [a.evaluate(env) for a in self.arguments]
        absent = [v for v in values if v.__class__ is Absent]
        return _worst(*absent) if absent else self.function(*values)

    def emit(self, out: Emitter) -> str:
        names = [a.emit(out) for a in self.arguments]
        function = out.const(self.function)
        worst = out.const(_worst)
        name = out.temp()
        args = ", ".join(names)
        check = _absent_check(names) or "True"
        out.line(f"{name} = {function}({args}) if {check} else {worst}({args})")
        return name

    def __str__(self) -> str:
        return f"{self.label}({', '.join(map(str, self.arguments))})"


def call(function: Callable[..., Any], *arguments: object, label: str | None = None) -> Value:
    """A value computed by a pure ``function`` of facts, constants or parameters.

    The function runs only when no argument is absent; otherwise the value is absent (not
    applicable if any argument is, else missing). It must not read anything else.
    """
    if label is not None and not isinstance(label, str):
        raise InputTypeError("must be text or None", field="label", value=label)
    _callable(None, attrs.fields(Call).function, function)
    name = label or str(getattr(function, "__name__", "function"))
    return Call(function, tuple(_value(a) for a in arguments), name)


@attrs.frozen(eq=True, order=False)
class Compare(Predicate):
    """``left <op> right``."""

    op: str = attrs.field(validator=_operator)
    left: Value = attrs.field(validator=instance_of(Value))
    right: Value = attrs.field(validator=instance_of(Value))

    def reads(self) -> frozenset[str]:
        return self.left.reads() | self.right.reads()

    def evaluate(self, env: Env) -> bool | Absent:
        left, right = self.left.evaluate(env), self.right.evaluate(env)
        if left.__class__ is Absent or right.__class__ is Absent:
            return _worst(left, right)
        return bool(_OPERATORS[self.op](key(left), key(right)))

    def emit(self, out: Emitter) -> str:
        left, right = self.left.emit_key(out), self.right.emit_key(out)
        name = out.temp()
        checked = [
            n
            for n, v in ((left, self.left), (right, self.right))
            if not isinstance(v, Const | ParamValue)
        ]
        test = f"not not ({left} {self.op} {right})"  # a plain bool, even from numpy values
        if checked:
            worst = out.const(_worst)
            out.line(f"{name} = ({test}) if {_absent_check(checked)} else {worst}({left}, {right})")
        else:
            out.line(f"{name} = {test}")
        return name

    def __str__(self) -> str:
        return f"{self.left} {self.op} {self.right}"


@attrs.frozen(eq=True, order=False)
class Between(Predicate):
    """``low <= value <= high``: not applicable if any operand is, else Kleene's "and"."""

    value: Value = attrs.field(validator=instance_of(Value))
    low: Value = attrs.field(validator=instance_of(Value))
    high: Value = attrs.field(validator=instance_of(Value))

    def reads(self) -> frozenset[str]:
        return self.value.reads() | self.low.reads() | self.high.reads()

    def evaluate(self, env: Env) -> bool | Absent:
        value, low, high = (x.evaluate(env) for x in (self.value, self.low, self.high))
        if NOT_APPLICABLE in (value, low, high):
            return NOT_APPLICABLE
        above = MISSING if MISSING in (low, value) else key(low) <= key(value)
        below = MISSING if MISSING in (value, high) else key(value) <= key(high)
        return _kleene((above, below), strong=True)

    def emit(self, out: Emitter) -> str:
        value, low, high = (x.emit_key(out) for x in (self.value, self.low, self.high))
        parts = []
        for a, b in ((low, value), (value, high)):
            name = out.temp()
            out.line(
                f"{name} = _M if ({a}.__class__ is _Absent or {b}.__class__ is _Absent) "
                f"else not not ({a} <= {b})"
            )
            parts.append(name)
        name = out.temp()
        out.line(
            f"{name} = _NA if ({value} is _NA or {low} is _NA or {high} is _NA) "
            f"else False if ({parts[0]} is False or {parts[1]} is False) "
            f"else _M if ({parts[0]} is _M or {parts[1]} is _M) else True"
        )
        return name

    def __str__(self) -> str:
        return f"{self.low} <= {self.value} <= {self.high}"


@attrs.frozen(eq=True, order=False)
class IsIn(Predicate):
    """``value`` is one of ``options``."""

    value: Value = attrs.field(validator=instance_of(Value))
    options: frozenset[Any] = attrs.field(validator=instance_of(frozenset))

    def reads(self) -> frozenset[str]:
        return self.value.reads()

    def evaluate(self, env: Env) -> bool | Absent:
        value = self.value.evaluate(env)
        if value.__class__ is Absent:
            return value
        return key(value) in frozenset(key(option) for option in self.options)

    def emit(self, out: Emitter) -> str:
        value = self.value.emit_key(out)
        options = out.const(frozenset(key(option) for option in self.options))
        name = out.temp()
        out.line(f"{name} = {value} if {value}.__class__ is _Absent else {value} in {options}")
        return name

    def __str__(self) -> str:
        return f"{self.value} in {{{', '.join(sorted(map(repr, self.options)))}}}"


def _item_names(values: Any) -> frozenset[str]:
    return names_of(values, "items")


@attrs.frozen(eq=True, order=False)
class Includes(Predicate):
    """The set ``value`` holds at least ``need`` of ``items``."""

    value: Value = attrs.field(validator=instance_of(Value))
    items: frozenset[str] = attrs.field(converter=_item_names)
    need: int = attrs.field()

    @need.validator
    def _check_need(self, attribute: Any, value: object) -> None:
        # Pasted into the compiled source as a number: only a whole number in range passes.
        count = whole_number(value, "need")
        if not 1 <= count <= len(self.items):
            raise InvalidArgumentError(
                f"must be between 1 and the {len(self.items)} kinds listed",
                field="need",
                value=value,
            )

    def reads(self) -> frozenset[str]:
        return self.value.reads()

    def evaluate(self, env: Env) -> bool | Absent:
        value = self.value.evaluate(env)
        return value if value.__class__ is Absent else len(value & self.items) >= self.need

    def emit(self, out: Emitter) -> str:
        value, items = self.value.emit(out), out.const(self.items)
        name = out.temp()
        out.line(
            f"{name} = {value} if {value}.__class__ is _Absent "
            f"else len({value} & {items}) >= {self.need}"
        )
        return name

    def __str__(self) -> str:
        return f"{self.value} has {self.need} of {sorted(self.items)}"


def _not_bool(value: object, where: str) -> bool:
    raise InputTypeError("must be a bool to be used as a condition", field=where, value=value)


@attrs.frozen(eq=True, order=False)
class Truth(Predicate):
    """A boolean value used as a predicate."""

    value: Value = attrs.field(validator=instance_of(Value))

    def reads(self) -> frozenset[str]:
        return self.value.reads()

    def evaluate(self, env: Env) -> bool | Absent:
        value = self.value.evaluate(env)
        if value is True or value is False or value.__class__ is Absent:
            return value
        return _not_bool(value, str(self.value))

    def emit(self, out: Emitter) -> str:
        if isinstance(self.value, Fact) and out.kinds.get(self.value.name) is bool:
            return out.fact(self.value.name)  # the facts class admits only bools here
        value = self.value.emit(out)
        fail, where = out.const(_not_bool), out.const(str(self.value))
        name = out.temp()
        out.line(
            f"{name} = {value} if ({value} is True or {value} is False "
            f"or {value}.__class__ is _Absent) else {fail}({value}, {where})"
        )
        return name

    def __str__(self) -> str:
        return str(self.value)


def _kleene(parts: tuple[bool | Absent, ...], strong: bool) -> bool | Absent:
    """Kleene all (``strong`` False dominates) or any (True dominates); N/A is neutral."""
    dominant = not strong
    if dominant in parts:
        return dominant
    if MISSING in parts:
        return MISSING
    if strong in parts:
        return strong
    return NOT_APPLICABLE


def _emit_kleene(out: Emitter, names: list[str], dominant: bool) -> str:
    other = not dominant
    name = out.temp()
    is_dominant = " or ".join(f"{n} is {dominant}" for n in names)
    is_missing = " or ".join(f"{n} is _M" for n in names)
    is_other = " or ".join(f"{n} is {other}" for n in names)
    out.line(
        f"{name} = {dominant} if ({is_dominant}) else _M if ({is_missing}) "
        f"else {other} if ({is_other}) else _NA"
    )
    return name


def _flatten(kind: type, parts: Iterable[Predicate]) -> tuple[Predicate, ...]:
    flat: list[Predicate] = []
    for part in parts:
        if not isinstance(part, Predicate):
            raise InputTypeError("must be a predicate", field="parts", value=part)
        flat.extend(part.parts if isinstance(part, kind) else (part,))  # type: ignore[attr-defined]
    return tuple(flat)


def _all_parts(parts: Iterable[Predicate]) -> tuple[Predicate, ...]:
    return _flatten(All, parts)


def _any_parts(parts: Iterable[Predicate]) -> tuple[Predicate, ...]:
    return _flatten(AnyOf, parts)


@attrs.frozen(eq=True, order=False)
class All(Predicate):
    """All parts hold (Kleene conjunction; not-applicable parts are ignored)."""

    parts: tuple[Predicate, ...] = attrs.field(converter=_all_parts)

    def reads(self) -> frozenset[str]:
        return frozenset().union(*(p.reads() for p in self.parts))

    def evaluate(self, env: Env) -> bool | Absent:
        return _kleene(tuple(p.evaluate(env) for p in self.parts), strong=True)

    def emit(self, out: Emitter) -> str:
        return _emit_kleene(out, [p.emit(out) for p in self.parts], dominant=False)

    def __str__(self) -> str:
        return " and ".join(f"({p})" for p in self.parts)


@attrs.frozen(eq=True, order=False)
class AnyOf(Predicate):
    """At least one part holds (Kleene disjunction; not-applicable parts are ignored)."""

    parts: tuple[Predicate, ...] = attrs.field(converter=_any_parts)

    def reads(self) -> frozenset[str]:
        return frozenset().union(*(p.reads() for p in self.parts))

    def evaluate(self, env: Env) -> bool | Absent:
        return _kleene(tuple(p.evaluate(env) for p in self.parts), strong=False)

    def emit(self, out: Emitter) -> str:
        return _emit_kleene(out, [p.emit(out) for p in self.parts], dominant=True)

    def __str__(self) -> str:
        return " or ".join(f"({p})" for p in self.parts)


@attrs.frozen(eq=True, order=False)
class Not(Predicate):
    """The part does not hold (unknown and not-applicable stay as they are)."""

    part: Predicate = attrs.field(validator=instance_of(Predicate))

    def reads(self) -> frozenset[str]:
        return self.part.reads()

    def evaluate(self, env: Env) -> bool | Absent:
        value = self.part.evaluate(env)
        return value if value.__class__ is Absent else not value

    def emit(self, out: Emitter) -> str:
        part = self.part.emit(out)
        name = out.temp()
        out.line(f"{name} = {part} if {part}.__class__ is _Absent else not {part}")
        return name

    def __str__(self) -> str:
        return f"not ({self.part})"


def all_of(*parts: Predicate) -> Predicate:
    """All of ``parts`` hold (same as joining them with ``&``)."""
    return All(parts)


def any_of(*parts: Predicate) -> Predicate:
    """At least one of ``parts`` holds (same as joining them with ``|``)."""
    return AnyOf(parts)


def not_(part: Predicate) -> Predicate:
    """``part`` does not hold (same as ``~part``)."""
    return Not(part)


class _Facts:
    """``F.name`` is the fact called ``name``."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Value:
        if name.startswith("_"):
            raise AttributeError(name)  # no fact starts with "_"; protocols probe such names
        return Fact(name)

    def __repr__(self) -> str:
        return "F"


F: Final = _Facts()
"""Facts by attribute: ``F.incident_date`` reads the fact ``incident_date``."""


def check_reads(reads: Iterable[str], known: Mapping[str, object], where: str) -> None:
    """Raise ``ConfigurationError`` for a fact name the facts class does not declare."""
    for name in sorted(reads):
        if name not in known:
            raise ConfigurationError(
                f"reads a fact the facts class does not declare (known: {', '.join(known)})",
                field=where,
                value=name,
            )
