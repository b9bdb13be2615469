"""Compiling a policy version into one Python function, and the slow evaluator it must match.

``compile_rules`` turns a version's rules into the source of a single function
``run(f, as_of) -> tuple[int, ...]`` returning one outcome code per rule (indices into
``verdicts.OUTCOMES``). Each fact is read once; each predicate becomes a few inline
conditional expressions; no rule short-circuits another. ``evaluate_slowly`` computes the same
codes by walking the expression trees; the property tests hold the two equal.
"""

from __future__ import annotations

import datetime as _dt
import functools
import types
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from safetycore.eligibility.expressions import Emitter, Env, Predicate, key
from safetycore.eligibility.facts import MISSING, NOT_APPLICABLE, Absent
from safetycore.eligibility.parameters import Parameter
from safetycore.eligibility.rules import AnyRule, Evidence, Exclusion, Rule
from safetycore.eligibility.verdicts import FAIL, PASS, UNKNOWN
from safetycore.eligibility.verdicts import NOT_APPLICABLE as NA_CODE
from safetycore.errors import InputTypeError, OutOfRangeError

Runner = Callable[[object, Any], tuple[int, ...]]


def is_past(as_of: _dt.date, due: _dt.date) -> bool:
    """Whether the decision time ``as_of`` is after the deadline ``due``.

    Two datetimes compare as instants; a date and a datetime compare by date (the datetime's
    date in its own zone).
    """
    if isinstance(as_of, _dt.datetime) != isinstance(due, _dt.datetime):
        as_of = as_of.date() if isinstance(as_of, _dt.datetime) else as_of
        due = due.date() if isinstance(due, _dt.datetime) else due
    return bool(key(as_of) > key(due))


def _code(truth: object) -> int:
    if truth is True:
        return PASS
    if truth is False:
        return FAIL
    return UNKNOWN if truth is MISSING else NA_CODE


def _predicate_of(rule: AnyRule) -> Predicate:
    if isinstance(rule, Rule):
        return rule.holds
    if isinstance(rule, Exclusion):
        return ~rule.excluded_if
    return rule.holds


def evaluate_slowly(
    rules: Sequence[AnyRule], parameters: Mapping[str, Parameter], facts: object, as_of: Any
) -> tuple[int, ...]:
    """The outcome code of each rule, by walking its expressions (the reference path)."""
    env = Env(facts, parameters)
    codes = []
    for rule in rules:
        truth = _predicate_of(rule).evaluate(env)
        code = _code(truth)
        if isinstance(rule, Evidence) and truth is False:
            due = rule.due.evaluate(env) if rule.due is not None else MISSING
            past = as_of is not None and not isinstance(due, Absent) and is_past(as_of, due)
            code = FAIL if past else UNKNOWN
        if rule.applies_if is not None:
            applies = rule.applies_if.evaluate(env)
            if applies is False or applies is NOT_APPLICABLE:
                code = NA_CODE
            elif applies is MISSING:
                code = PASS if code == PASS else UNKNOWN
        codes.append(code)
    return tuple(codes)


def compile_rules(
    rules: Sequence[AnyRule],
    parameters: Mapping[str, Parameter],
    kinds: Mapping[str, type] | None = None,
) -> Runner:
    """One function computing the outcome code of every rule (see the module docstring).

    ``kinds`` (fact name to type) lets the code skip conversions a fact's kind rules out.
    """
    out = Emitter(parameters, kinds)
    out.namespace["_past"] = is_past
    results = []
    for index, rule in enumerate(rules):
        truth = _predicate_of(rule).emit(out)
        code = f"o{index}"
        out.line(
            f"{code} = 0 if {truth} is True else 1 if {truth} is False "
            f"else 2 if {truth} is _M else 3"
        )
        if isinstance(rule, Evidence):
            # The deadline matters only when documents are short and a time is given, so it
            # is computed only then (in an indented block).
            out.line(f"if {code} == 1 and as_of is None: {code} = 2")
            if rule.due is None:
                out.line(f"if {code} == 1: {code} = 2")
            else:
                out.line(f"if {code} == 1:")
                start = len(out.lines)
                due = rule.due.emit(out)
                out.lines[start:] = [f"    {line}" for line in out.lines[start:]]
                out.line(
                    f"    if {due}.__class__ is _Absent or not _past(as_of, {due}): {code} = 2"
                )
        if rule.applies_if is not None:
            applies = rule.applies_if.emit(out)
            out.line(
                f"{code} = 3 if ({applies} is False or {applies} is _NA) else {code} "
                f"if {applies} is True else (0 if {code} == 0 else 2)"
            )
        results.append(code)
    # Fact names come from policy documents, so they never reach the source: each fact is
    # read as a placeholder attribute (``f._fact0``) and the compiled code object's names
    # are then replaced by the facts' names (data, as ``getattr`` would take them). The
    # attribute reads cost what ``f.<name>`` costs.
    placeholders = {f"_fact{i}": name for i, name in enumerate(out.facts)}
    reads = [f"    {local} = f._fact{i}" for i, local in enumerate(out.facts.values())]
    reads += [
        f"    {local} = {out.facts[name]} if {out.facts[name]}.__class__ is _Absent "
        f"else {out.facts[name]}.astimezone(_UTC)"
        for name, local in out.keys.items()
    ]
    body = [f"        {line}" for line in out.lines]
    source = "\n".join(
        [
            "def run(f, as_of):",
            "    try:",
            *(f"    {line}" for line in reads),
            *body,
            f"        return ({''.join(f'{code}, ' for code in results)})",  # () for no rules
            "    except OverflowError:",  # a try block costs nothing until it catches
            "        return _overflow(f, as_of)",
        ]
    )
    namespace = dict(out.namespace)
    namespace["_overflow"] = functools.partial(_overflowed, rules, parameters)
    module = compile(source, "<safetycore policy>", "exec")
    [function] = [c for c in module.co_consts if isinstance(c, types.CodeType)]
    renamed = function.replace(co_names=tuple(placeholders.get(n, n) for n in function.co_names))
    run: Runner = types.FunctionType(renamed, namespace, "run")
    run.__source__ = source  # type: ignore[attr-defined]
    return run


def _overflowed(
    rules: Sequence[AnyRule], parameters: Mapping[str, Parameter], facts: object, as_of: Any
) -> tuple[int, ...]:
    """A deadline past year 9999: the slow path names the fact (``OutOfRangeError``)."""
    evaluate_slowly(rules, parameters, facts, as_of)
    raise OutOfRangeError(  # the slow path always raises first; this keeps the promise
        "a deadline of this claim falls outside years 1 to 9999", field="facts", value=None
    )


def check_facts(facts: object, kind: type, where: str) -> None:
    """Raise ``InputTypeError`` unless ``facts`` is an instance of the policy's facts class."""
    if not isinstance(facts, kind):
        raise InputTypeError(f"must be a {kind.__name__}", field=where, value=facts)
