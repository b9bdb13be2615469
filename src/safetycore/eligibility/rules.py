"""The three kinds of rule a policy is made of: requirements, exclusions and evidence.

Every rule has a stable ``id`` (what traces, batch tables and what-if reports key on), a
``label`` saying what it requires, a ``citation`` (the policy clause or regulation section),
and a ``failure`` text an agent can paste to a customer. Each ends in one
:class:`~safetycore.eligibility.Outcome` per claim:

================  ==========================  =========================================
rule              PASS when                   FAIL when
================  ==========================  =========================================
:class:`Rule`     its predicate is true       its predicate is false
:class:`Exclusion` its predicate is false     its predicate is true (the claim is
                                              excluded)
:class:`Evidence` enough accepted documents   too few by the due date, decided as of
                  have arrived                the ``as_of`` given to the decision
================  ==========================  =========================================

A predicate that is unknown makes the rule UNKNOWN; one that is not applicable makes the rule
NOT_APPLICABLE. ``applies_if`` limits a rule to some claims: when it is false (or not
applicable) the rule is NOT_APPLICABLE; when it is unknown, the rule still PASSES if its own
test passes, and is UNKNOWN otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from safetycore._config import instance_of, names_of, text, whole_number
from safetycore.eligibility.expressions import Deadline, F, Predicate, Value, is_fact_name
from safetycore.errors import ConfigurationError, InputTypeError, InvalidArgumentError

__all__ = ["Evidence", "Exclusion", "Rule"]

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")


def _check_id(_: object, attribute: Any, value: Any) -> None:
    instance_of(str)(_, attribute, value)
    if not _ID.fullmatch(value):
        raise ConfigurationError(
            "must start with a letter and hold only letters, digits, '_', '.' or '-'",
            field=attribute.name,
            value=value,
        )


def _optional_predicate(_: object, attribute: Any, value: Any) -> None:
    if value is not None:
        instance_of(Predicate)(_, attribute, value)


@attrs.frozen
class Rule:
    """A condition the claim must meet.

    Attributes:
        id: stable identifier, unique within a policy version.
        label: what the rule requires, in plain language.
        holds: the predicate that must be true.
        citation: the clause or regulation section the rule comes from.
        failure: what to tell the customer when it fails (default: "Not met: <label>").
        applies_if: the claims the rule is about (default: all).
    """

    id: str = attrs.field(validator=_check_id)
    label: str = attrs.field(validator=text())
    holds: Predicate = attrs.field(validator=instance_of(Predicate))
    citation: str = attrs.field(default="", validator=instance_of(str), kw_only=True)
    failure: str = attrs.field(default="", validator=instance_of(str), kw_only=True)
    applies_if: Predicate | None = attrs.field(
        default=None, validator=_optional_predicate, kw_only=True
    )

    def reads(self) -> frozenset[str]:
        """The facts the rule reads."""
        reads = self.holds.reads()
        return reads | self.applies_if.reads() if self.applies_if is not None else reads

    @property
    def failure_text(self) -> str:
        """The customer-facing text for a failure."""
        return self.failure or f"Not met: {self.label}"


@attrs.frozen
class Exclusion:
    """A situation the policy does not cover: the claim FAILS when ``excluded_if`` is true.

    Attributes:
        id: stable identifier, unique within a policy version.
        label: the exclusion, in plain language ("Pre-existing conditions").
        excluded_if: the predicate describing the excluded situation.
        citation: the clause or regulation section.
        failure: what to tell the customer (default: "Excluded: <label>").
        applies_if: the claims the exclusion is about (default: all).
    """

    id: str = attrs.field(validator=_check_id)
    label: str = attrs.field(validator=text())
    excluded_if: Predicate = attrs.field(validator=instance_of(Predicate))
    citation: str = attrs.field(default="", validator=instance_of(str), kw_only=True)
    failure: str = attrs.field(default="", validator=instance_of(str), kw_only=True)
    applies_if: Predicate | None = attrs.field(
        default=None, validator=_optional_predicate, kw_only=True
    )

    def reads(self) -> frozenset[str]:
        """The facts the exclusion reads."""
        reads = self.excluded_if.reads()
        return reads | self.applies_if.reads() if self.applies_if is not None else reads

    @property
    def failure_text(self) -> str:
        """The customer-facing text for a failure."""
        return self.failure or f"Excluded: {self.label}"


def _check_accepted(_: object, attribute: Any, value: tuple[str, ...]) -> None:
    if not value:
        raise ConfigurationError(
            "must be one or more document kinds", field="accepted", value=value
        )


def _check_due(_: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Deadline):
        raise ConfigurationError(
            "must be a deadline such as F.booking_end.plus(days(30))", field="due", value=value
        )


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    names_of(values, "accepted")  # a bare str (a set of letters) or a non-str kind: refused
    return tuple(values)


def _check_documents(_: object, attribute: Any, value: Any) -> None:
    if not is_fact_name(value):
        raise InputTypeError(
            "must name a documents() fact (an identifier not starting with '_')",
            field=attribute.name,
            value=value,
        )


@attrs.frozen
class Evidence:
    """Documents the claim needs: ``need`` of the ``accepted`` kinds, by an optional deadline.

    The documents received are the set fact ``documents`` (declare it with
    :func:`~safetycore.eligibility.documents`). With too few of them the rule is UNKNOWN and
    the decision lists the requirement, unless the deadline ``due`` has passed as of the
    decision's ``as_of``, in which case it FAILS. Without ``as_of`` a deadline never counts
    as passed.

    Attributes:
        id: stable identifier, unique within a policy version.
        label: the evidence, in plain language ("Itemised vet invoice").
        accepted: the document kinds that count.
        need: how many of them are needed (1 = any one of).
        due: a deadline expression (``F.booking_end.plus(days(30))``), or ``None``.
        documents: the name of the set fact holding the received kinds.
    """

    id: str = attrs.field(validator=_check_id)
    label: str = attrs.field(validator=text())
    accepted: tuple[str, ...] = attrs.field(converter=_str_tuple, validator=_check_accepted)
    need: int = attrs.field(
        default=1, kw_only=True, validator=lambda _, a, v: whole_number(v, a.name)
    )
    due: Value | None = attrs.field(default=None, validator=_check_due, kw_only=True)
    citation: str = attrs.field(default="", validator=instance_of(str), kw_only=True)
    failure: str = attrs.field(default="", validator=instance_of(str), kw_only=True)
    documents: str = attrs.field(default="documents", validator=_check_documents, kw_only=True)
    applies_if: Predicate | None = attrs.field(
        default=None, validator=_optional_predicate, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.need <= len(set(self.accepted)):
            raise InvalidArgumentError(
                f"must be between 1 and the {len(set(self.accepted))} kinds accepted",
                field="need",
                value=self.need,
            )

    def reads(self) -> frozenset[str]:
        """The facts the evidence rule reads (the documents, the deadline's anchor)."""
        reads = frozenset((self.documents,))
        if self.due is not None:
            reads |= self.due.reads()
        return reads | self.applies_if.reads() if self.applies_if is not None else reads

    @property
    def holds(self) -> Predicate:
        """The predicate "enough accepted documents have arrived"."""
        return getattr(F, self.documents).includes(self.accepted, need=self.need)  # type: ignore[no-any-return]

    @property
    def failure_text(self) -> str:
        """The customer-facing text for a failure."""
        return self.failure or f"Not received in time: {self.label}"

    def describe(self) -> str:
        """What is accepted, such as "any one of: vet invoice, vet receipt"."""
        kinds = ", ".join(k.replace("_", " ") for k in self.accepted)
        if len(self.accepted) == 1:
            return kinds
        if self.need == 1:
            return f"any one of: {kinds}"
        if self.need == len(self.accepted):
            return f"all of: {kinds}"
        return f"{self.need} of: {kinds}"


AnyRule = Rule | Exclusion | Evidence
