"""Eligibility policies: effective-dated versions of rules, a payout and parameters.

A :class:`Policy` names the facts class it reads and the fact that dates a claim
(``decided_by``, such as the incident date). Each claim is decided by the
:class:`PolicyVersion` in force on that date (never on the wall clock's date): version *i*
covers the dates from its ``effective_from`` up to the day before the next version's. A claim
dated before the first version is NOT_APPLICABLE; a claim whose date is missing NEEDS_INFO.
A datetime date fact is read as its date in its own zone.

Everything is checked when the policy is built, and each version is compiled then into one
function (``_compile.py``): a rule that reads an undeclared fact, a repeated rule id, a
:class:`Param` the version lacks, or an evidence rule over a fact that is not a set of
documents raises :class:`~safetycore.errors.ConfigurationError` naming it.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

import attrs

from safetycore._config import instance_of, reject_repeats, text, whole_number
from safetycore.eligibility._compile import Runner, check_facts, compile_rules
from safetycore.eligibility._kinds import check_kinds, kind_of
from safetycore.eligibility.expressions import Predicate, Value, check_reads
from safetycore.eligibility.facts import Absent, FactSpec, fact_specs
from safetycore.eligibility.money import Payout, check_amount, check_percent
from safetycore.eligibility.parameters import Parameter, resolve
from safetycore.eligibility.rules import AnyRule, Evidence, Exclusion, Rule
from safetycore.eligibility.windows import Length, Unit
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    UnknownNameError,
)

__all__ = ["Policy", "PolicyVersion"]

_DATE_KINDS = (_dt.date, _dt.datetime)


def _sequence(values: object, field: str, what: str) -> tuple[Any, ...]:
    """``values`` as a tuple; one item, a str, a mapping or a non-collection is refused."""
    if isinstance(values, str | Mapping) or not isinstance(values, Iterable):
        raise InputTypeError(f"must be a sequence of {what}", field=field, value=values)
    return tuple(values)


def _rules(values: Iterable[AnyRule]) -> tuple[AnyRule, ...]:
    rules = _sequence(values, "rules", "Rule, Exclusion or Evidence")
    for i, rule in enumerate(rules):
        if not isinstance(rule, Rule | Exclusion | Evidence):
            raise InputTypeError(
                "must be a Rule, Exclusion or Evidence", field=f"rules[{i}]", value=rule
            )
    return rules


def _parameters(values: Mapping[str, Parameter]) -> Mapping[str, Parameter]:
    if not isinstance(values, Mapping):
        raise InputTypeError(
            "must be a mapping of names to Parameter", field="parameters", value=values
        )
    for name, value in values.items():
        if not isinstance(name, str) or not name:
            raise InputTypeError("must be non-empty text", field="parameters", value=name)
        if not isinstance(value, Parameter):
            raise InputTypeError("must be a Parameter", field=f"parameters[{name!r}]", value=value)
    return dict(values)


def _date_only(_: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        raise InputTypeError("must be a date", field=attribute.name, value=value)


@attrs.frozen
class PolicyVersion:
    """One version of a policy: its rules, payout and parameters, in force from a date.

    Attributes:
        version: the version's name ("2026-01").
        effective_from: the first date (of the claim's own date fact) it decides.
        rules: the rules, exclusions and evidence; every one is evaluated for every claim.
        payout: how an eligible claim's amount is computed, or ``None``.
        parameters: the version's named parameters, each with its source.
        notes: what changed in this version, for people.
    """

    version: str = attrs.field(validator=text())
    effective_from: _dt.date = attrs.field(validator=_date_only)
    rules: tuple[AnyRule, ...] = attrs.field(converter=_rules)
    payout: Payout | None = attrs.field(
        default=None, kw_only=True, validator=attrs.validators.optional(instance_of(Payout))
    )
    parameters: Mapping[str, Parameter] = attrs.field(
        factory=dict, converter=_parameters, kw_only=True
    )
    notes: str = attrs.field(default="", validator=text(empty=True), kw_only=True)

    def __attrs_post_init__(self) -> None:
        reject_repeats((r.id for r in self.rules), "rules", "is the id of two rules")

    def rule(self, rule_id: str) -> AnyRule:
        """The rule called ``rule_id``.

        Raises:
            InputTypeError: ``rule_id`` is not text.
            InvalidArgumentError: no rule has that id (the message lists the ids).
        """
        if not isinstance(rule_id, str):
            raise InputTypeError("must be a rule id (text)", field="rule_id", value=rule_id)
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        known = ", ".join(r.id for r in self.rules) or "none"
        raise UnknownNameError(
            f"is not a rule of version {self.version!r} (its rules: {known})",
            field="rule_id",
            value=rule_id,
        )


RuleText = tuple[str, str, tuple[str, ...]]


def _describe(rule: AnyRule) -> RuleText:
    """What a decision shows of a rule besides its outcome: computed once per policy."""
    if isinstance(rule, Exclusion):
        return "exclusion", f"excluded if {rule.excluded_if}", tuple(sorted(rule.reads()))
    kind = "evidence" if isinstance(rule, Evidence) else "rule"
    return kind, str(rule.holds), tuple(sorted(rule.reads()))


def _versions(values: Iterable[PolicyVersion]) -> tuple[PolicyVersion, ...]:
    versions = _sequence(values, "versions", "PolicyVersion")
    for i, version in enumerate(versions):
        if not isinstance(version, PolicyVersion):
            raise InputTypeError("must be a PolicyVersion", field=f"versions[{i}]", value=version)
    if not versions:
        raise ConfigurationError("must hold at least one version", field="versions", value=())
    return tuple(sorted(versions, key=lambda v: v.effective_from))


def _check_version(version: PolicyVersion, specs: Mapping[str, FactSpec], where: str) -> None:
    for name, parameter in version.parameters.items():
        value = parameter.value
        if isinstance(value, _dt.datetime) and value.utcoffset() is None:
            raise NaiveDatetimeError(
                "must be time-zone aware", field=f"{where}.parameters[{name!r}]", value=value
            )
    for i, rule in enumerate(version.rules):
        named = f"{where}.rules[{i}] ({rule.id})"
        with _param_named(named):
            check_reads(rule.reads(), specs, named)
            if isinstance(rule, Evidence):
                _check_evidence(rule, specs, version, f"{where}.rules[{i}]")
            predicates = [rule.excluded_if if isinstance(rule, Exclusion) else rule.holds]
            if rule.applies_if is not None:
                predicates.append(rule.applies_if)
            for predicate in predicates:
                check_kinds(predicate, specs, version.parameters, named)
            for length in _lengths((*predicates, getattr(rule, "due", None))):
                length.resolved(version.parameters)  # a Param the version lacks raises now
    if version.payout is not None:
        _check_payout(version.payout, specs, version, where)


def _lengths(node: object) -> Iterator[Length]:
    """Every window length inside an expression tree (to resolve its parameter early)."""
    if isinstance(node, Length):
        yield node
    elif isinstance(node, tuple):
        for item in node:
            yield from _lengths(item)
    elif isinstance(node, Value | Predicate) and attrs.has(type(node)):
        for field in attrs.fields(type(node)):  # type: ignore[arg-type]
            yield from _lengths(getattr(node, field.name))


@contextmanager
def _param_named(where: str) -> Iterator[None]:
    """Name the rule or payout whose :class:`Param` the version lacks (not ``Param.name``)."""
    try:
        yield
    except ConfigurationError as error:
        if error.field != "Param.name":
            raise
        raise ConfigurationError(error.reason, field=where, value=error.value) from None


def _check_payout(
    payout: Payout, specs: Mapping[str, FactSpec], version: PolicyVersion, where: str
) -> None:
    check_reads(payout.reads(), specs, f"{where}.payout")
    amounts = {"owner_share": payout.owner_share, "cap": payout.cap}
    amounts.update({f"limits[{k!r}]": v for k, v in payout.limits.items()})
    for name, amount in amounts.items():
        with _param_named(f"{where}.payout.{name}"):
            value = resolve(amount, version.parameters)  # a Param the version lacks raises now
        if value is not None:
            check_amount(value, f"{where}.payout.{name}")
    if payout.pays_percent is not None:
        with _param_named(f"{where}.payout.pays_percent"):
            percent = resolve(payout.pays_percent, version.parameters)
        check_percent(percent, f"{where}.payout.pays_percent")
    if payout.care_within is not None:
        with _param_named(f"{where}.payout.care_within"):
            _check_care_window(payout, specs, version, f"{where}.payout")
    if specs[payout.lines].kind is not tuple:
        raise ConfigurationError(
            "must name a tuple fact of InvoiceLine",
            field=f"{where}.payout.lines",
            value=payout.lines,
        )


def _check_evidence(
    rule: Evidence, specs: Mapping[str, FactSpec], version: PolicyVersion, where: str
) -> None:
    spec = specs[rule.documents]
    if not spec.is_documents:
        raise ConfigurationError(
            "must name a documents() fact", field=f"{where}.documents", value=rule.documents
        )
    unknown = sorted(set(rule.accepted) - spec.choices) if spec.choices is not None else []
    if unknown:
        raise ConfigurationError(
            f"accepts document kinds the documents fact does not know: {unknown} "
            f"(known: {sorted(spec.choices or ())})",
            field=f"{where}.accepted",
            value=rule.accepted,
        )
    try:
        due_kind = None if rule.due is None else kind_of(rule.due, specs, version.parameters)
    except ConfigurationError as error:
        raise ConfigurationError(error.reason, field=f"{where}.due", value=error.value) from None
    if due_kind not in (None, _dt.date, _dt.datetime):
        raise ConfigurationError(
            "must be a date or an instant", field=f"{where}.due", value=rule.due
        )


def _check_care_window(
    payout: Payout, specs: Mapping[str, FactSpec], version: PolicyVersion, where: str
) -> None:
    assert payout.care_within is not None
    assert payout.care_from is not None
    window = payout.care_within.resolved(version.parameters)
    if specs[payout.care_from].kind is not _dt.date:
        raise ConfigurationError(
            "must name a date fact (invoice lines are dated)",
            field=f"{where}.care_from",
            value=payout.care_from,
        )
    if window.unit not in (Unit.DAYS, Unit.BUSINESS_DAYS):
        raise ConfigurationError(
            "must count days or business days (invoice lines carry dates, not times)",
            field=f"{where}.care_within",
            value=window.describe(),
        )


@attrs.frozen
class Policy:
    """An eligibility policy: its facts class, its dating fact and its versions.

    Attributes:
        id: stable identifier ("pet-guarantee").
        title: plain-language name.
        facts: the :func:`~safetycore.eligibility.facts` class every claim is an instance of.
        decided_by: the date (or datetime) fact that picks the version in force; ``None``
            for a policy of a single version that decides every claim (see :meth:`pinned`).
        versions: the versions; their order does not matter, their dates must differ.
    """

    id: str = attrs.field(validator=text())
    title: str = attrs.field(validator=text())
    facts: type = attrs.field(validator=instance_of(type))
    decided_by: str | None = attrs.field(validator=text(optional=True))
    versions: tuple[PolicyVersion, ...] = attrs.field(converter=_versions)
    _specs: dict[str, FactSpec] = attrs.field(init=False, repr=False, eq=False)
    _starts: tuple[_dt.date, ...] = attrs.field(init=False, repr=False, eq=False)
    _runners: tuple[Runner, ...] = attrs.field(init=False, repr=False, eq=False)
    _described: tuple[tuple[RuleText, ...], ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        specs = fact_specs(self.facts)
        object.__setattr__(self, "_specs", specs)
        if self.decided_by is None:
            if len(self.versions) != 1:
                raise ConfigurationError(
                    "is needed to choose between versions", field="decided_by", value=None
                )
        else:
            check_reads((self.decided_by,), specs, "decided_by")
        if self.decided_by is not None and specs[self.decided_by].kind not in _DATE_KINDS:
            raise ConfigurationError(
                "must name a date or datetime fact", field="decided_by", value=self.decided_by
            )
        reject_repeats((v.version for v in self.versions), "versions", "names two versions")
        reject_repeats((v.effective_from for v in self.versions), "versions", "starts two versions")
        for i, version in enumerate(self.versions):
            _check_version(version, specs, f"versions[{i}]")
        object.__setattr__(self, "_starts", tuple(v.effective_from for v in self.versions))
        kinds = {name: spec.kind for name, spec in specs.items()}
        runners = tuple(compile_rules(v.rules, v.parameters, kinds) for v in self.versions)
        object.__setattr__(self, "_runners", runners)
        described = tuple(tuple(_describe(r) for r in v.rules) for v in self.versions)
        object.__setattr__(self, "_described", described)

    @property
    def fact_specs(self) -> dict[str, FactSpec]:
        """The declared facts, by name (a copy)."""
        return dict(self._specs)

    @property
    def specs(self) -> Mapping[str, FactSpec]:
        """The declared facts, by name, read-only (no copy: for the engine's hot paths)."""
        return MappingProxyType(self._specs)

    def version_index(self, facts: object) -> int | Absent:
        """Index of the version in force on the claim's date, ``-1`` before the first one.

        Returns :data:`MISSING` (or ``NOT_APPLICABLE``) when the date fact is absent; facts
        of another class raise ``InputTypeError``.
        """
        check_facts(facts, self.facts, "facts")
        return self._index_of(facts)

    def _index_of(self, facts: object) -> int | Absent:
        """:meth:`version_index` for facts already known to be of the policy's class."""
        if self.decided_by is None:
            return 0
        day = getattr(facts, self.decided_by)
        if day.__class__ is Absent:
            return day
        if isinstance(day, _dt.datetime):
            day = day.date()
        return bisect.bisect_right(self._starts, day) - 1

    def version_for(self, facts: object) -> PolicyVersion | None:
        """The version in force on the claim's date, or ``None`` (no date, or too early)."""
        index = self.version_index(facts)  # facts of another class raise InputTypeError
        return None if index.__class__ is Absent or index < 0 else self.versions[index]  # type: ignore[operator,index]

    def version_named(self, version: str) -> PolicyVersion:
        """The version called ``version``.

        Raises:
            InputTypeError: ``version`` is not text.
            InvalidArgumentError: no version has that name (the message lists the names).
        """
        if not isinstance(version, str):
            raise InputTypeError("must be a version's name (text)", field="version", value=version)
        for candidate in self.versions:
            if candidate.version == version:
                return candidate
        known = ", ".join(v.version for v in self.versions)
        raise UnknownNameError(
            f"is not a version of policy {self.id!r} (its versions: {known})",
            field="version",
            value=version,
        )

    def pinned(self, version: str) -> Policy:
        """A copy with only ``version``, deciding every claim whatever its date (what-if runs).

        Raises the errors of :meth:`version_named` for a name that is not a version's.
        """
        return attrs.evolve(self, decided_by=None, versions=(self.version_named(version),))

    def _index(self, index: object) -> int:
        if whole_number(index, "index") not in range(len(self.versions)):
            raise InvalidArgumentError(
                f"must be a version index from 0 to {len(self.versions) - 1}",
                field="index",
                value=index,
            )
        return index  # type: ignore[return-value]

    def runner(self, index: int) -> Runner:
        """The compiled function of version ``index``."""
        return self._runners[self._index(index)]

    def described(self, index: int) -> tuple[RuleText, ...]:
        """Each rule of version ``index`` as (kind, expression text, facts read, sorted)."""
        return self._described[self._index(index)]

    def to_dict(self, *, registry: Mapping[str, object] | None = None) -> dict[str, Any]:
        """The policy as a JSON-able document (``docs/config-eligibility.md``).

        ``Policy.from_dict(p.to_dict()) == p``, deciding identically. The facts class is
        written as its declaration (each fact's kind, label, choices, bounds and default).
        What no document can state (a ``call`` function, a type or an object a parameter
        holds) is written by its name in ``registry`` (found by identity); a ``call``
        function not in it is written by its label.

        Raises:
            ConfigurationError: a value that is neither data nor named in ``registry``.
        """
        from safetycore.eligibility._documents import to_data

        return to_data(self, registry)

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        *,
        facts: type | None = None,
        registry: Mapping[str, object] | None = None,
    ) -> Policy:
        """Read a policy document: the form :meth:`to_dict` writes.

        Args:
            data: the document (parsed JSON or YAML).
            facts: the ``@facts`` class claims will be; it must match the document's
                declaration fact by fact (a difference is an error at ``facts.<name>``).
                Without it a class is built from the declaration: two read from equal
                declarations are equal, so ``from_dict(d) == from_dict(d)``.
            registry: the functions ``call`` nodes name, the types facts declare beyond the
                built-in kinds, and the objects ``{"ref": name}`` values name.

        Raises:
            ConfigurationErrorGroup: every problem of the document, each naming its path
                from the root (``versions[0].rules[2].when.args[0].fact``).
        """
        from safetycore.eligibility._documents import from_data

        return from_data(data, facts=facts, registry=registry)
