"""Eligibility policies as data: the reader and writer behind ``Policy.to_dict`` / ``from_dict``.

The document form is described in ``docs/config-eligibility.md``. Nothing in a document is
evaluated as code: expressions are JSON trees read node by node into the expression classes,
the facts class is built by :func:`~safetycore.eligibility.facts` from the declaration, and
what no document can state (a function for ``call``, a type of fact, a parameter object) is
named, and looked up in the ``registry`` the caller passes.

Every independent part (each fact, version, rule, expression node, payout, table row) is read
inside ``Problems.at(path)``, so a document with several problems reports them all at once as
one ``ConfigurationErrorGroup``, each member naming its full path from the document's root.
"""

from __future__ import annotations

import datetime as _dt
import enum
import importlib.resources
import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from safetycore._config import (
    Problems,
    collection,
    duration,
    duration_text,
    enum_member,
    envelope,
    known_keys,
    opened,
    rebased,
    required,
    text_of,
    whole_number,
)
from safetycore._time import aware
from safetycore.eligibility.expressions import (
    All,
    AnyOf,
    Between,
    Call,
    Compare,
    Const,
    Deadline,
    Fact,
    Includes,
    IsIn,
    Not,
    ParamValue,
    Predicate,
    Truth,
    Value,
    is_fact_name,
)
from safetycore.eligibility.facts import MISSING, NOT_APPLICABLE, FactSpec, fact_specs
from safetycore.eligibility.facts import documents as documents_field
from safetycore.eligibility.facts import fact as fact_field
from safetycore.eligibility.facts import facts as facts_class
from safetycore.eligibility.money import InvoiceLine, Payout
from safetycore.eligibility.parameters import Param, Parameter
from safetycore.eligibility.policy import Policy, PolicyVersion
from safetycore.eligibility.rules import AnyRule, Evidence, Exclusion, Rule
from safetycore.eligibility.tables import (
    _NO_DEFAULT,
    Anything,
    DecisionTable,
    Input,
    OneOf,
    Range,
    Row,
)
from safetycore.eligibility.windows import Length, Unit
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    SafetycoreError,
    UnknownNameError,
)
from safetycore.sla import Calendar
from safetycore.sla.schedule import to_date

KIND: Final = "eligibility_policy"

Registry = Mapping[str, object]
"""Names for what a document cannot state: functions (``call``), types, parameter objects."""

# The kinds a fact may declare, by the name a document writes; any other kind is a type the
# registry names (an enum of events, say).
_KINDS: Final[dict[str, type]] = {
    "text": str,
    "bool": bool,
    "int": int,
    "decimal": Decimal,
    "date": _dt.date,
    "datetime": _dt.datetime,
    "duration": _dt.timedelta,
    "tuple": tuple,
    "frozenset": frozenset,
    "object": object,
    "invoice_line": InvoiceLine,
}
_KIND_NAMES: Final = {kind: name for name, kind in _KINDS.items()}
_DECIMAL: Final = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_COMPARE: Final = ("<", "<=", ">", ">=", "==", "!=")
_VALUE_OPS: Final = ("plus", "call")
_PREDICATE_OPS: Final = (*_COMPARE, "between", "in", "includes", "true", "and", "or", "not")
_ABSENT: Final = {"missing": MISSING, "not applicable": NOT_APPLICABLE}


# -- the registry ------------------------------------------------------------------------------


class _Names:
    """The registry both ways: a name's object, and an object's name (by identity)."""

    def __init__(self, registry: Registry | None) -> None:
        if registry is None:
            registry = {}
        if not isinstance(registry, Mapping):
            raise InputTypeError(
                "must be a mapping of names to functions, types or values",
                field="registry",
                value=registry,
            )
        for name in registry:
            text_of(name, "registry")
        self.registry = registry
        self._names = {id(item): name for name, item in registry.items()}

    def name_of(self, item: object) -> str | None:
        """``item``'s name in the registry, or ``None``.

        The same object, or for a function an equal one: a bound method is a new object at
        each attribute access, equal to the others.
        """
        named = self._names.get(id(item))
        if named is None and callable(item) and not isinstance(item, type):
            for name, candidate in self.registry.items():
                if callable(candidate) and not isinstance(candidate, type) and item == candidate:  # type: ignore[comparison-overlap]
                    return name
        return named

    def get(self, name: object, where: str, what: str) -> object:
        text_of(name, where)
        if name not in self.registry:
            known = ", ".join(sorted(self.registry)) or "none"
            raise UnknownNameError(
                f"is not in the registry passed to from_dict ({what}; known: {known})",
                field=where,
                value=name,
            )
        return self.registry[name]  # type: ignore[index]

    def type_named(self, name: object, where: str) -> type:
        if isinstance(name, str) and name in _KINDS:
            return _KINDS[name]
        found = self.get(name, where, f"a kind is one of {', '.join(_KINDS)} or a registered type")
        if not isinstance(found, type):
            raise InputTypeError("must name a type in the registry", field=where, value=name)
        return found

    def type_name(self, kind: type) -> str:
        return _KIND_NAMES.get(kind) or self.name_of(kind) or kind.__name__


# -- typed values ------------------------------------------------------------------------------


def _decimal(value: object, field: str) -> Decimal:
    if not isinstance(value, str) or not _DECIMAL.fullmatch(value):
        raise InputTypeError(
            "must be decimal text such as '250.00' (money is never a JSON number)",
            field=field,
            value=value,
        )
    return Decimal(value)


def _instant(value: object, zone: object, where: str) -> _dt.datetime:
    """The instant ``{"datetime": value, "zone": zone}`` at ``where`` stands for.

    With a zone the wall-clock time is kept exactly (and its ``fold``): the written offset
    picks the fold, so a time in a DST gap or fold comes back as it was written, not
    normalised. An offset the zone never has at that wall time is refused.
    """
    field = f"{where}.datetime"
    if not isinstance(value, str):
        raise InputTypeError("must be ISO 8601 text with a UTC offset", field=field, value=value)
    parsed = aware(value, field)  # the one reading of instant text: naive is refused
    if zone is None:
        return parsed
    text_of(zone, f"{where}.zone")
    try:
        tz = ZoneInfo(zone)  # type: ignore[arg-type]
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownNameError(
            "is not an IANA time zone", field=f"{where}.zone", value=zone
        ) from None
    wall = parsed.replace(tzinfo=None)
    for fold in (0, 1):
        candidate = wall.replace(tzinfo=tz, fold=fold)
        if candidate.utcoffset() == parsed.utcoffset():
            return candidate
    raise ConfigurationError(
        f"has an offset {zone} never has at that wall-clock time", field=field, value=value
    )


def value_to_data(value: object, names: _Names, where: str) -> Any:
    """The typed data form of a constant (see the value table in the docs)."""
    if isinstance(value, bool | int | str) and not isinstance(value, enum.Enum):
        return value
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, _dt.datetime):
        zone = getattr(value.tzinfo, "key", None)
        return {"datetime": value.isoformat(), **({"zone": zone} if zone else {})}
    if isinstance(value, _dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, _dt.timedelta):
        return {"duration": duration_text(value)}
    named = names.name_of(value)
    if named is not None:
        return {"ref": named}
    if isinstance(value, enum.Enum):
        return {"member": value.name, "of": names.type_name(type(value))}
    raise ConfigurationError(
        "cannot be written as data: name it in the registry passed to to_dict",
        field=where,
        value=value,
    )


def value_from_data(data: object, names: _Names, where: str) -> Any:
    """The constant a typed data form stands for (``InputTypeError`` names ``where``)."""
    if isinstance(data, float):
        raise InputTypeError(
            "must not be a JSON float (write {'decimal': '0.5'})", field=where, value=data
        )
    if isinstance(data, bool | int | str):
        return data
    if not isinstance(data, Mapping) or not data:
        raise InputTypeError(
            "must be a bool, an int, text or one of {'decimal'}, {'date'}, {'datetime'}, "
            "{'duration'}, {'member', 'of'}, {'ref'}",
            field=where,
            value=data,
        )
    if "decimal" in data:
        known_keys(data, ("decimal",), where)
        return _decimal(data["decimal"], f"{where}.decimal")
    if "date" in data:
        known_keys(data, ("date",), where)
        return to_date(data["date"], f"{where}.date")
    if "datetime" in data:
        known_keys(data, ("datetime", "zone"), where)
        return _instant(data["datetime"], data.get("zone"), where)
    if "duration" in data:
        known_keys(data, ("duration",), where)
        return duration(data["duration"], f"{where}.duration")
    if "member" in data:
        known_keys(data, ("member", "of"), where)
        kind = names.type_named(required(data, "of", where), f"{where}.of")
        member = text_of(data["member"], f"{where}.member")
        if not isinstance(kind, enum.EnumMeta) or member not in kind.__members__:
            raise UnknownNameError(
                f"is not a member of {kind.__name__}", field=f"{where}.member", value=member
            )
        return kind[member]
    if "ref" in data:
        known_keys(data, ("ref",), where)
        return names.get(data["ref"], f"{where}.ref", "a named value")
    known_keys(data, ("decimal", "date", "datetime", "duration", "member", "of", "ref"), where)
    raise InputTypeError("must hold one typed value", field=where, value=data)  # pragma: no cover


def _sorted_values(values: Iterable[object], names: _Names, where: str) -> list[Any]:
    """Typed data of ``values``, in a stable order (so a policy always writes the same text)."""
    written = [value_to_data(v, names, where) for v in values]
    return sorted(written, key=lambda item: json.dumps(item, sort_keys=True))


def _values_from(data: object, names: _Names, where: str) -> list[Any]:
    items = collection(data, where, "values")
    return [value_from_data(item, names, f"{where}[{i}]") for i, item in enumerate(items)]


def _money_to(value: Decimal | Param) -> Any:
    return {"param": value.name} if isinstance(value, Param) else str(value)


def _money_from(data: object, where: str) -> Decimal | Param:
    if isinstance(data, Mapping):
        known_keys(data, ("param",), where)
        return Param(text_of(required(data, "param", where), f"{where}.param"))
    return _decimal(data, where)


# -- expressions -------------------------------------------------------------------------------


def _length_to(length: Length, names: _Names) -> dict[str, Any]:
    amount = length.amount
    out: dict[str, Any] = {
        "amount": {"param": amount.name} if isinstance(amount, Param) else amount,
        "unit": length.unit.value,
    }
    if length.calendar is not None:
        out["calendar"] = length.calendar.to_dict()
    return out


def expression_to_data(node: Value | Predicate, names: _Names) -> dict[str, Any]:
    """The JSON tree of an expression: ``{"fact": ...}``, ``{"op": ..., "args": [...]}``."""
    if isinstance(node, Fact):
        return {"fact": node.name}
    if isinstance(node, Const):
        return {"const": value_to_data(node.value, names, "const")}
    if isinstance(node, ParamValue):
        return {"param": node.param.name}

    def args(*parts: Value | Predicate) -> list[dict[str, Any]]:
        return [expression_to_data(part, names) for part in parts]

    if isinstance(node, Deadline):
        return {"op": "plus", "args": args(node.anchor), "length": _length_to(node.length, names)}
    if isinstance(node, Call):
        function = names.name_of(node.function) or node.label
        out = {"op": "call", "function": function, "args": args(*node.arguments)}
        return out if node.label == function else {**out, "label": node.label}
    if isinstance(node, Compare):
        return {"op": node.op, "args": args(node.left, node.right)}
    if isinstance(node, Between):
        return {"op": "between", "args": args(node.value, node.low, node.high)}
    if isinstance(node, IsIn):
        options = _sorted_values(node.options, names, "options")
        return {"op": "in", "args": args(node.value), "options": options}
    if isinstance(node, Includes):
        return {
            "op": "includes",
            "args": args(node.value),
            "items": sorted(node.items),
            "need": node.need,
        }
    if isinstance(node, Truth):
        return {"op": "true", "args": args(node.value)}
    if isinstance(node, All):
        return {"op": "and", "args": args(*node.parts)}
    if isinstance(node, AnyOf):
        return {"op": "or", "args": args(*node.parts)}
    if isinstance(node, Not):
        return {"op": "not", "args": args(node.part)}
    raise InputTypeError(
        "is not an expression safetycore can write", field="expression", value=node
    )


class _Reader:
    """One document being read: its problems, registry and declared facts."""

    def __init__(self, problems: Problems, names: _Names) -> None:
        self.problems = problems
        self.names = names
        self.facts: frozenset[str] = frozenset()

    # -- lengths, expressions ------------------------------------------------------------------

    def length(self, data: object, where: str) -> Length:
        data = known_keys(data, ("amount", "unit", "calendar"), where)
        amount = required(data, "amount", where)
        if isinstance(amount, Mapping):
            amount = _money_param(amount, f"{where}.amount")
        else:
            whole_number(amount, f"{where}.amount")
        unit = enum_member(Unit, required(data, "unit", where), f"{where}.unit")
        calendar = None
        if data.get("calendar") is not None:
            try:
                calendar = Calendar.from_dict(data["calendar"])
            except SafetycoreError as error:  # its fields are relative to the calendar
                raise rebased(error, f"{where}.calendar") from None
        try:
            return Length(amount, unit, calendar)
        except SafetycoreError as error:  # its fields (amount, calendar) are the length's keys
            raise rebased(error, where) from None

    def expression(self, data: object, where: str) -> Value | Predicate | None:
        """The node ``data`` stands for, or ``None`` with every problem in it recorded."""
        with self.problems.at(where):
            return self._node(data, where)
        return None

    def predicate(self, data: object, where: str) -> Predicate | None:
        node = self.expression(data, where)
        if node is not None and not isinstance(node, Predicate):
            self.problems.add(
                ConfigurationError(
                    f"must be a condition ({{'op': one of {', '.join(_PREDICATE_OPS)}}}), "
                    "not a value",
                    field=where,
                    value=_short(data),
                )
            )
            return None
        return node

    def value(self, data: object, where: str) -> Value | None:
        node = self.expression(data, where)
        if node is not None and not isinstance(node, Value):
            self.problems.add(
                ConfigurationError(
                    "must be a value (a fact, a const, a param, plus or call), not a condition",
                    field=where,
                    value=_short(data),
                )
            )
            return None
        return node

    def _node(self, data: object, where: str) -> Value | Predicate | None:
        if not isinstance(data, Mapping):
            raise InputTypeError(
                "must be an expression object ({'fact': ...}, {'op': ..., 'args': [...]})",
                field=where,
                value=data,
            )
        if "fact" in data:
            known_keys(data, ("fact",), where)
            name = data["fact"]
            if not is_fact_name(name):
                raise InputTypeError(
                    "must be a fact's name: an identifier not starting with '_'",
                    field=f"{where}.fact",
                    value=name,
                )
            if name not in self.facts:
                raise ConfigurationError(
                    f"unknown fact {name!r} (declared: {', '.join(self.facts) or 'none'})",
                    field=f"{where}.fact",
                    value=name,
                )
            return Fact(name)
        if "const" in data:
            known_keys(data, ("const",), where)
            value = value_from_data(data["const"], self.names, f"{where}.const")
            try:
                return Const(value)
            except (InputTypeError, ConfigurationError) as error:
                raise type(error)(error.reason, field=f"{where}.const", value=value) from None
        if "param" in data:
            known_keys(data, ("param",), where)
            return ParamValue(Param(text_of(data["param"], f"{where}.param")))
        if "op" not in data:
            raise ConfigurationError(
                "must hold 'fact', 'const', 'param' or 'op'", field=where, value=_short(data)
            )
        op = data["op"]
        ops = (*_VALUE_OPS, *_PREDICATE_OPS)
        if not isinstance(op, str) or op not in ops:
            raise ConfigurationError(
                f"is not an operator (known: {', '.join(ops)})", field=f"{where}.op", value=op
            )
        extra = {
            "plus": ("length",),
            "call": ("function", "label"),
            "in": ("options",),
            "includes": ("items", "need"),
        }.get(op, ())
        known_keys(data, ("op", "args", *extra), where)
        before = len(self.problems.errors)
        raw = collection(required(data, "args", where), f"{where}.args", "expressions")
        args = [self.expression(item, f"{where}.args[{i}]") for i, item in enumerate(raw)]
        options: Any = None
        with self.problems.at(where):
            if op == "plus":
                options = self.length(required(data, "length", where), f"{where}.length")
            elif op == "call":
                function = self.names.get(
                    required(data, "function", where), f"{where}.function", "a function"
                )
                if not callable(function):
                    raise InputTypeError(
                        "must name a function", field=f"{where}.function", value=data["function"]
                    )
                label = data.get("label", data["function"])
                options = (function, text_of(label, f"{where}.label"))
            elif op == "in":
                options = _values_from(
                    required(data, "options", where), self.names, f"{where}.options"
                )
            elif op == "includes":
                items = required(data, "items", where)
                options = (items, whole_number(required(data, "need", where), f"{where}.need"))
        if len(self.problems.errors) > before:
            return None
        return _build(op, args, options, data, where)

    # -- rules, payouts, tables, versions -----------------------------------------------------

    def rule(self, data: object, where: str) -> AnyRule | None:
        kind = required(data, "type", where)
        if kind not in ("rule", "exclusion", "evidence"):
            raise ConfigurationError(
                "must be 'rule', 'exclusion' or 'evidence'", field=f"{where}.type", value=kind
            )
        allowed = {
            "rule": ("when",),
            "exclusion": ("when",),
            "evidence": ("accepted", "need", "due", "documents"),
        }[kind]
        common = ("type", "id", "label", "citation", "failure", "applies_if")
        known_keys(data, (*common, *allowed), where)
        assert isinstance(data, Mapping)
        applies = None
        if data.get("applies_if") is not None:
            applies = self.predicate(data["applies_if"], f"{where}.applies_if")
            if applies is None:
                return None
        texts = {k: data[k] for k in ("citation", "failure") if k in data}
        if kind == "evidence":
            due = None
            if data.get("due") is not None:
                due = self.value(data["due"], f"{where}.due")
                if due is None:
                    return None
            accepted = collection(required(data, "accepted", where), f"{where}.accepted", "names")
            return Evidence(
                required(data, "id", where),
                required(data, "label", where),
                accepted,
                need=data.get("need", 1),
                due=due,
                documents=data.get("documents", "documents"),
                applies_if=applies,
                **texts,
            )
        when = self.predicate(required(data, "when", where), f"{where}.when")
        if when is None:
            return None
        cls = Rule if kind == "rule" else Exclusion
        return cls(
            required(data, "id", where), required(data, "label", where), when,
            applies_if=applies, **texts,
        )  # fmt: skip

    def payout(self, data: object, where: str) -> Payout | None:
        keys = (
            "owner_share", "cap", "excluded", "limits", "care_within", "care_from", "lines",
            "currency", "citation", "pays_percent", "benefit",
        )  # fmt: skip
        known_keys(data, keys, where)
        assert isinstance(data, Mapping)
        problems = self.problems
        parts: dict[str, Any] = {}
        ok = True
        for key in ("owner_share", "cap", "pays_percent"):
            if data.get(key) is not None:
                with problems.at(f"{where}.{key}"):
                    parts[key] = _money_from(data[key], f"{where}.{key}")
                    continue
                ok = False
        if "owner_share" not in data:
            problems.add(
                ConfigurationError("is required", field=f"{where}.owner_share", value=None)
            )
            ok = False
        limits = data.get("limits", {})
        if not isinstance(limits, Mapping):
            problems.add(
                InputTypeError(
                    "must map categories to amounts", field=f"{where}.limits", value=limits
                )
            )
            ok = False
        else:
            parts["limits"] = {}
            for category, amount in limits.items():
                with problems.at(f"{where}.limits.{category}"):
                    parts["limits"][category] = _money_from(amount, f"{where}.limits.{category}")
                    continue
                ok = False
        if data.get("care_within") is not None:
            with problems.at(f"{where}.care_within"):
                parts["care_within"] = self.length(data["care_within"], f"{where}.care_within")
                parts["care_from"] = data.get("care_from")
            ok = ok and "care_within" in parts
        elif data.get("care_from") is not None:
            parts["care_from"] = data["care_from"]
        if data.get("benefit") is not None:
            parts["benefit"] = self.table(data["benefit"], f"{where}.benefit")
            ok = ok and parts["benefit"] is not None
        if not ok:
            return None
        for key in ("lines", "currency", "citation"):
            if key in data:
                parts[key] = data[key]
        if "excluded" in data:
            parts["excluded"] = collection(data["excluded"], f"{where}.excluded", "categories")
        owner_share = parts.pop("owner_share")
        with problems.at(where):
            return Payout(owner_share, **parts)
        return None

    def cell(self, data: object, where: str) -> Anything | OneOf | Range:
        if not isinstance(data, Mapping):
            raise InputTypeError(
                "must be a cell: {'any': true}, {'one_of': [...]} or {'range': {...}}",
                field=where,
                value=data,
            )
        if "any" in data:
            known_keys(data, ("any",), where)
            if data["any"] is not True:
                raise InputTypeError("must be true", field=f"{where}.any", value=data["any"])
            return Anything()
        if "one_of" in data:
            known_keys(data, ("one_of",), where)
            return OneOf(_values_from(data["one_of"], self.names, f"{where}.one_of"))
        known_keys(data, ("range",), where)
        bounds = required(data, "range", where)
        inside = f"{where}.range"
        known_keys(bounds, ("low", "high", "low_closed", "high_closed"), inside)
        low, high = (
            None
            if bounds.get(k) is None
            else value_from_data(bounds[k], self.names, f"{inside}.{k}")
            for k in ("low", "high")
        )
        closed = {k: bounds[k] for k in ("low_closed", "high_closed") if k in bounds}
        return Range(low, high, **closed)

    def table(self, data: object, where: str) -> DecisionTable | None:
        known_keys(data, ("name", "inputs", "rows", "hit_policy", "output_order", "default"), where)
        assert isinstance(data, Mapping)
        problems = self.problems
        before = len(problems.errors)
        inputs = []
        raw_inputs = collection(required(data, "inputs", where), f"{where}.inputs", "inputs")
        for j, item in enumerate(raw_inputs):
            at = f"{where}.inputs[{j}]"
            with problems.at(at):
                known_keys(item, ("name", "domain"), at)
                domain = item.get("domain")
                if domain is not None:
                    domain = _values_from(domain, self.names, f"{at}.domain")
                inputs.append(Input(required(item, "name", at), domain=domain))
        rows = []
        for i, item in enumerate(
            collection(required(data, "rows", where), f"{where}.rows", "rows")
        ):
            at = f"{where}.rows[{i}]"
            with problems.at(at):
                known_keys(item, ("when", "then", "label"), at)
                cells = collection(required(item, "when", at), f"{at}.when", "cells")
                when = []
                for j, raw in enumerate(cells):
                    with problems.at(f"{at}.when[{j}]"):
                        when.append(self.cell(raw, f"{at}.when[{j}]"))
                then = value_from_data(required(item, "then", at), self.names, f"{at}.then")
                if len(when) == len(cells):
                    rows.append(Row(tuple(when), then, label=item.get("label", "")))
        options: dict[str, Any] = {}
        with problems.at(where):
            if "hit_policy" in data:
                options["hit_policy"] = data["hit_policy"]
            if data.get("output_order") is not None:
                options["output_order"] = _values_from(
                    data["output_order"], self.names, f"{where}.output_order"
                )
            if "default" in data:
                options["default"] = value_from_data(
                    data["default"], self.names, f"{where}.default"
                )
        if len(problems.errors) > before:
            return None
        with problems.at(where):
            return DecisionTable(
                required(data, "name", where), tuple(inputs), tuple(rows), **options
            )
        return None

    def version(self, data: object, where: str) -> PolicyVersion | None:
        known_keys(
            data, ("version", "effective_from", "rules", "payout", "parameters", "notes"), where
        )
        assert isinstance(data, Mapping)
        problems = self.problems
        before = len(problems.errors)
        effective = problems.run(
            where, to_date, required(data, "effective_from", where), f"{where}.effective_from"
        )
        rules: list[AnyRule | None] = []
        raw_rules = collection(required(data, "rules", where), f"{where}.rules", "rules")
        for i, item in enumerate(raw_rules):
            at = f"{where}.rules[{i}]"
            with problems.at(at):
                rules.append(self.rule(item, at))
        payout = None
        if data.get("payout") is not None:
            with problems.at(f"{where}.payout"):
                payout = self.payout(data["payout"], f"{where}.payout")
        parameters = {}
        raw = data.get("parameters", {})
        if not isinstance(raw, Mapping):
            problems.add(
                InputTypeError(
                    "must map names to {'value': ..., 'source': ...}",
                    field=f"{where}.parameters",
                    value=raw,
                )
            )
        else:
            for name, item in raw.items():
                at = f"{where}.parameters.{name}"
                with problems.at(at):
                    known_keys(item, ("value", "source"), at)
                    value = value_from_data(required(item, "value", at), self.names, f"{at}.value")
                    parameters[name] = Parameter(value, item.get("source", ""))
        if len(problems.errors) > before:
            return None
        with problems.at(where):
            return PolicyVersion(
                required(data, "version", where),
                effective,  # type: ignore[arg-type]
                tuple(rules),  # type: ignore[arg-type]
                payout=payout,
                parameters=parameters,
                notes=data.get("notes", ""),
            )
        return None

    # -- facts ------------------------------------------------------------------------------

    def declared(self, data: object, where: str) -> dict[str, Any]:
        """Each declared fact's ``fact()`` / ``documents()`` field, by name, in order."""
        if not isinstance(data, Mapping) or not data:
            raise InputTypeError(
                "must map each fact's name to its declaration", field=where, value=data
            )
        fields: dict[str, Any] = {}
        for name, item in data.items():
            at = f"{where}.{name}"
            with self.problems.at(at):
                if not is_fact_name(name):
                    raise InputTypeError(
                        "must be a fact's name: an identifier not starting with '_'",
                        field=at,
                        value=name,
                    )
                fields[name] = self._field(item, at)
        self.facts = frozenset(data)  # a badly declared fact is still known to expressions
        return fields

    def _field(self, data: object, where: str) -> Any:
        kind_name = required(data, "kind", where)
        assert isinstance(data, Mapping)
        if kind_name == "documents":
            known_keys(data, ("kind", "label", "kinds"), where)
            return documents_field(label=data.get("label"), kinds=data.get("kinds"))
        known_keys(data, ("kind", "label", "choices", "minimum", "maximum", "default", "of"), where)
        kind = self.names.type_named(kind_name, f"{where}.kind")
        options: dict[str, Any] = {"label": data.get("label")}
        if data.get("choices") is not None:
            options["choices"] = _values_from(data["choices"], self.names, f"{where}.choices")
        for key in ("minimum", "maximum"):
            if data.get(key) is not None:
                options[key] = value_from_data(data[key], self.names, f"{where}.{key}")
        if "default" in data:
            default = data["default"]
            if isinstance(default, Mapping) and "absent" in default:
                known_keys(default, ("absent",), f"{where}.default")
                absent = default["absent"]
                if not isinstance(absent, str) or absent not in _ABSENT:
                    raise ConfigurationError(
                        "must be 'missing' or 'not applicable'",
                        field=f"{where}.default.absent",
                        value=absent,
                    )
                options["default"] = _ABSENT[absent]
            else:
                options["default"] = value_from_data(default, self.names, f"{where}.default")
        if data.get("of") is not None:
            options["of"] = self.names.type_named(data["of"], f"{where}.of")
        return fact_field(kind, **options)


def _money_param(data: Mapping[str, Any], where: str) -> Param:
    known_keys(data, ("param",), where)
    return Param(text_of(required(data, "param", where), f"{where}.param"))


def _short(data: object) -> object:
    return data.get("op", data) if isinstance(data, Mapping) else data


def _build(
    op: str, args: list[Any], options: Any, data: Mapping[str, Any], where: str
) -> Value | Predicate:
    """The expression object of one node whose children are built (its validators speak)."""

    def arity(count: int) -> None:
        if len(args) != count:
            raise ConfigurationError(
                f"{op!r} takes {count} argument{'s' if count != 1 else ''}, not {len(args)}",
                field=f"{where}.args",
                value=len(args),
            )

    def kinds(wanted: type, *indices: int) -> None:
        for i in indices:
            if not isinstance(args[i], wanted):
                noun = "a value" if wanted is Value else "a condition"
                raise ConfigurationError(
                    f"must be {noun} for {op!r}",
                    field=f"{where}.args[{i}]",
                    value=_short(data["args"][i]),
                )

    if op in _COMPARE:
        arity(2)
        kinds(Value, 0, 1)
        return Compare(op, args[0], args[1])
    if op == "between":
        arity(3)
        kinds(Value, 0, 1, 2)
        return Between(*args)
    if op in ("true", "in", "includes", "plus"):
        arity(1)
        kinds(Value, 0)
        if op == "true":
            return Truth(args[0])
        if op == "in":
            return args[0].is_in(options)  # type: ignore[no-any-return]
        if op == "includes":
            return Includes(args[0], options[0], options[1])
        return Deadline(args[0], options)
    if op == "call":
        kinds(Value, *range(len(args)))
        return Call(options[0], tuple(args), options[1])
    if op == "not":
        arity(1)
        kinds(Predicate, 0)
        return Not(args[0])
    if len(args) < 2:
        raise ConfigurationError(
            f"{op!r} joins at least 2 conditions", field=f"{where}.args", value=len(args)
        )
    kinds(Predicate, *range(len(args)))
    return All(tuple(args)) if op == "and" else AnyOf(tuple(args))


# -- rules, payouts, tables, versions: writing -------------------------------------------------


def _rule_to(rule: AnyRule, names: _Names) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rule.id, "label": rule.label}
    if isinstance(rule, Evidence):
        out = {"type": "evidence", **out, "accepted": list(rule.accepted)}
        if rule.need != 1:
            out["need"] = rule.need
        if rule.due is not None:
            out["due"] = expression_to_data(rule.due, names)
        if rule.documents != "documents":
            out["documents"] = rule.documents
    elif isinstance(rule, Exclusion):
        out = {"type": "exclusion", **out, "when": expression_to_data(rule.excluded_if, names)}
    else:
        out = {"type": "rule", **out, "when": expression_to_data(rule.holds, names)}
    if rule.applies_if is not None:
        out["applies_if"] = expression_to_data(rule.applies_if, names)
    for key in ("citation", "failure"):
        if getattr(rule, key):
            out[key] = getattr(rule, key)
    return out


def _cell_to(cell: Anything | OneOf | Range, names: _Names) -> dict[str, Any]:
    if isinstance(cell, Anything):
        return {"any": True}
    if isinstance(cell, OneOf):
        return {"one_of": _sorted_values(cell.values, names, "one_of")}
    bounds: dict[str, Any] = {}
    if cell.low is not None:
        bounds["low"] = value_to_data(cell.low, names, "low")
        bounds["low_closed"] = cell.low_closed
    if cell.high is not None:
        bounds["high"] = value_to_data(cell.high, names, "high")
        bounds["high_closed"] = cell.high_closed
    return {"range": bounds}


def table_to_data(table: DecisionTable, names: _Names) -> dict[str, Any]:
    """The data form of a decision table (cells as typed objects, not DMN text)."""
    inputs = []
    for column in table.inputs:
        item: dict[str, Any] = {"name": column.name}
        if column.domain is not None:
            item["domain"] = _sorted_values(column.domain, names, "domain")
        inputs.append(item)
    rows = []
    for row in table.rows:
        written: dict[str, Any] = {
            "when": [_cell_to(c, names) for c in row.when],
            "then": value_to_data(row.then, names, "then"),
        }
        if row.label:
            written["label"] = row.label
        rows.append(written)
    out: dict[str, Any] = {
        "name": table.name,
        "inputs": inputs,
        "rows": rows,
        "hit_policy": table.hit_policy.value,
    }
    if table.output_order is not None:
        out["output_order"] = [value_to_data(v, names, "output_order") for v in table.output_order]
    if table.default is not _NO_DEFAULT:
        out["default"] = value_to_data(table.default, names, "default")
    return out


def _payout_to(payout: Payout, names: _Names) -> dict[str, Any]:
    out: dict[str, Any] = {"owner_share": _money_to(payout.owner_share)}
    if payout.cap is not None:
        out["cap"] = _money_to(payout.cap)
    if payout.pays_percent is not None:
        out["pays_percent"] = _money_to(payout.pays_percent)
    if payout.excluded:
        out["excluded"] = sorted(payout.excluded)
    if payout.limits:
        out["limits"] = {k: _money_to(v) for k, v in sorted(payout.limits.items())}
    if payout.care_within is not None:
        out["care_within"] = _length_to(payout.care_within, names)
        out["care_from"] = payout.care_from
    if payout.lines != "invoice":
        out["lines"] = payout.lines
    out["currency"] = payout.currency
    if payout.citation:
        out["citation"] = payout.citation
    if payout.benefit is not None:
        out["benefit"] = table_to_data(payout.benefit, names)
    return out


def _version_to(version: PolicyVersion, names: _Names, where: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "version": version.version,
        "effective_from": version.effective_from.isoformat(),
        "rules": [_rule_to(rule, names) for rule in version.rules],
    }
    if version.payout is not None:
        out["payout"] = _payout_to(version.payout, names)
    if version.parameters:
        out["parameters"] = {
            name: {
                "value": value_to_data(p.value, names, f"{where}.parameters.{name}"),
                "source": p.source,
            }
            for name, p in version.parameters.items()
        }
    if version.notes:
        out["notes"] = version.notes
    return out


def _fact_to(spec: FactSpec, default: object, names: _Names, where: str) -> dict[str, Any]:
    if spec.is_documents:
        out: dict[str, Any] = {"kind": "documents", "label": spec.label}
        if spec.choices is not None:
            out["kinds"] = sorted(spec.choices)
        return out
    out = {"kind": names.type_name(spec.kind), "label": spec.label}
    if spec.choices is not None:
        out["choices"] = _sorted_values(spec.choices, names, f"{where}.choices")
    for key in ("minimum", "maximum"):
        if getattr(spec, key) is not None:
            out[key] = value_to_data(getattr(spec, key), names, f"{where}.{key}")
    if default is NOT_APPLICABLE:
        out["default"] = {"absent": "not applicable"}
    elif default is not MISSING:
        out["default"] = value_to_data(default, names, f"{where}.default")
    if spec.of is not None:
        out["of"] = names.type_name(spec.of)
    return out


def _defaults(cls: type) -> dict[str, object]:
    return {a.name: a.default for a in attrs.fields(cls)}


def to_data(policy: Policy, registry: Registry | None = None) -> dict[str, Any]:
    """``policy`` as its document (see ``Policy.to_dict``)."""
    names = _Names(registry)
    defaults = _defaults(policy.facts)
    return envelope(
        KIND,
        {
            "id": policy.id,
            "title": policy.title,
            "facts_class": policy.facts.__name__,
            "facts": {
                name: _fact_to(spec, defaults[name], names, f"facts.{name}")
                for name, spec in policy.fact_specs.items()
            },
            "decided_by": policy.decided_by,
            "versions": [
                _version_to(v, names, f"versions[{i}]") for i, v in enumerate(policy.versions)
            ],
        },
    )


# -- facts classes ------------------------------------------------------------------------------


class DeclaredFacts(type):
    """The metaclass of a facts class built from a document's declaration.

    Two such classes are equal (and hash alike) when their names, facts (each
    :class:`FactSpec`) and defaults are equal, so that reading the same document twice
    gives equal policies. A declared class is never equal to a hand-written one, and the
    instances of one are not instances of another: build claims with ``policy.facts``.
    """

    def _signature(cls) -> tuple[Any, ...] | None:
        """Name, facts and defaults; ``None`` while ``@facts`` is still building the class."""
        specs = getattr(cls, "__safetycore_facts__", None)
        if specs is None or not attrs.has(cls):
            return None
        return (cls.__name__, tuple(specs.items()), tuple(_defaults(cls).items()))

    def __eq__(cls, other: object) -> bool:
        if cls is other:
            return True
        if not isinstance(other, DeclaredFacts):
            return NotImplemented
        mine = cls._signature()
        return mine is not None and mine == other._signature()

    def __hash__(cls) -> int:
        signature = cls._signature()
        return type.__hash__(cls) if signature is None else hash(signature)


def _build_class(name: str, fields: Mapping[str, Any]) -> type:
    """A facts class from declared fields, through ``@facts`` (attrs): no source text of ours."""
    namespace: dict[str, Any] = {
        "__module__": "safetycore.eligibility",
        "__qualname__": name,
        "__doc__": f"The facts of a claim, as the policy document declares them ({name}).",
        "__annotations__": dict.fromkeys(fields, object),
        **fields,
    }
    return facts_class(DeclaredFacts(name, (), namespace))


def _matched(cls: object, declared: type, problems: Problems) -> None:
    """Record at ``facts.<name>`` every way the caller's facts class differs from the document."""
    if not isinstance(cls, type):
        problems.add(InputTypeError("must be a @facts class", field="facts=", value=cls))
        return
    try:
        mine = fact_specs(cls)
    except InputTypeError as error:
        problems.add(InputTypeError(error.reason, field="facts=", value=cls))
        return
    theirs = fact_specs(declared)
    ours, docs = _defaults(cls), _defaults(declared)
    for name in theirs:
        if name not in mine:
            problems.add(
                ConfigurationError(
                    f"is declared by the document but {cls.__name__} has no such fact",
                    field=f"facts.{name}",
                    value=name,
                )
            )
        elif mine[name] != theirs[name] or ours[name] != docs[name]:
            problems.add(
                ConfigurationError(
                    f"does not match {cls.__name__}.{name}: the document declares "
                    f"{_spec_text(theirs[name], docs[name])}, the class "
                    f"{_spec_text(mine[name], ours[name])}",
                    field=f"facts.{name}",
                    value=name,
                )
            )
    for name in mine:
        if name not in theirs:
            problems.add(
                ConfigurationError(
                    f"is a fact of {cls.__name__} the document does not declare",
                    field=f"facts.{name}",
                    value=name,
                )
            )


def _spec_text(spec: FactSpec, default: object) -> str:
    parts = [spec.kind.__name__, f"label={spec.label!r}"]
    for key in ("choices", "minimum", "maximum", "of"):
        if getattr(spec, key) is not None:
            value = getattr(spec, key)
            parts.append(f"{key}={sorted(map(str, value)) if key == 'choices' else value!r}")
    if default is not MISSING:
        parts.append(f"default={default!r}")
    return f"({', '.join(parts)})"


# -- the document -------------------------------------------------------------------------------


def from_data(
    data: object, *, facts: type | None = None, registry: Registry | None = None
) -> Policy:
    """Read a policy document (see ``Policy.from_dict``); every problem at once."""
    problems = Problems(KIND)
    keys = ("id", "title", "facts_class", "facts", "decided_by", "versions")
    document = opened(data, KIND, keys, problems)
    names = _Names(registry)
    reader = _Reader(problems, names)
    fields: dict[str, Any] = {}
    with problems.at("facts"):
        fields = reader.declared(required(document, "facts", ""), "facts")
    class_name = document.get("facts_class", "Facts")
    with problems.at("facts_class"):
        if not is_fact_name(class_name):  # an identifier, not a keyword, no leading "_"
            raise InputTypeError(
                "must be a class name (an identifier not starting with '_')",
                field="",
                value=class_name,
            )
    versions = []
    raw = []
    with problems.at("versions"):
        raw = list(collection(required(document, "versions", ""), "versions", "versions"))
    for i, item in enumerate(raw):
        with problems.at(f"versions[{i}]"):
            versions.append(reader.version(item, f"versions[{i}]"))
    declared: type | None = None
    if problems.ok:
        with problems.at(""):
            declared = _build_class(class_name, fields)
    if declared is not None and facts is not None:
        _matched(facts, declared, problems)
    for key in ("id", "title"):
        if key not in document:
            problems.add(ConfigurationError("is required", field=key, value=None))
    problems.check()
    assert declared is not None
    with problems.at(""):
        return Policy(
            id=document["id"],
            title=document["title"],
            facts=facts if facts is not None else declared,
            decided_by=document.get("decided_by"),
            versions=tuple(versions),  # type: ignore[arg-type]
        )
    problems.check()
    raise AssertionError("unreachable")  # pragma: no cover


def shipped(
    filename: str, *, facts: type | None = None, registry: Registry | None = None
) -> Policy:
    """The policy in ``safetycore/policies/<filename>`` (package data), read by ``from_data``."""
    source = importlib.resources.files("safetycore.policies").joinpath(filename)
    return from_data(json.loads(source.read_text(encoding="utf-8")), facts=facts, registry=registry)
