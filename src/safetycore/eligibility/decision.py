"""A decision on one claim: the verdict, every reason, the trace, what is still needed, the amount.

Nothing is left out: every rule of the version in force appears in :attr:`Decision.results`
with the facts it read and its outcome, so the decision explains itself. :meth:`Decision.render`
is plain text an agent can paste to a customer; :meth:`Decision._repr_html_` shows it in a
notebook.

Requirements (:class:`Requirement`) are listed only while the verdict is NEEDS_INFO, or for an
eligible claim whose amount still needs a fact:

- a *document* requirement for each UNKNOWN evidence rule: the kinds accepted, how many, and
  the deadline;
- a *fact* requirement for each missing fact read by an UNKNOWN rule (a fact several rules
  need is asked for once);
- a fact the payout needs (the invoice) when it is missing.

A requirement is *decisive* when it feeds a rule whose outcome is still unknown, so supplying
it can change the verdict; one that only feeds the amount is not. Decisive ones come first;
those with a deadline before those without (earliest first), then in rule order. An
INELIGIBLE claim lists none: no document can change a definite exclusion.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs

from safetycore._config import boolean, instance_of, items_of, text, whole_number
from safetycore._html import decision_html
from safetycore.eligibility.money import PayoutResult
from safetycore.eligibility.parameters import Parameter
from safetycore.eligibility.verdicts import Outcome, Verdict
from safetycore.errors import (
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    UnknownNameError,
)

__all__ = ["Decision", "Requirement", "RequirementKind", "RuleResult"]


class RequirementKind(enum.Enum):
    """Whether a requirement asks for a fact or for documents."""

    FACT = "fact"
    DOCUMENT = "document"


@attrs.frozen
class RuleResult:
    """One rule's outcome for one claim, with the facts it read.

    Attributes:
        rule_id: the rule's stable id.
        label: what the rule requires.
        citation: the clause or regulation section.
        kind: ``"rule"``, ``"exclusion"`` or ``"evidence"``.
        outcome: PASS, FAIL, UNKNOWN or NOT_APPLICABLE.
        inputs: each fact the rule read and its value (absent values included), by name.
        message: the customer-facing failure text when the outcome is FAIL, else ``""``.
        expression: the rule's predicate as text.
    """

    rule_id: str
    label: str
    citation: str
    kind: str
    outcome: Outcome
    inputs: tuple[tuple[str, Any], ...]
    message: str
    expression: str


def _accepted(values: Any) -> tuple[str, ...]:
    return items_of(values, str, "accepted")  # a bare str (a set of letters) is refused


def _rule_ids(values: Any) -> tuple[str, ...]:
    return items_of(values, str, "rules")


def _check_need(_: object, attribute: Any, value: object) -> None:
    if whole_number(value, attribute.name) < 1:
        raise InvalidArgumentError("must be at least 1", field=attribute.name, value=value)


def _check_due(_: object, attribute: Any, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, _dt.date):
        raise InputTypeError(
            "must be a date, an aware datetime or None", field=attribute.name, value=value
        )
    if isinstance(value, _dt.datetime) and value.utcoffset() is None:
        raise NaiveDatetimeError("must be time-zone aware", field=attribute.name, value=value)


@attrs.frozen
class Requirement:
    """Something the claim still needs before it can be decided (or paid).

    Attributes:
        kind: a fact or documents.
        name: the fact's name, or the evidence rule's id.
        label: plain-language name of what is needed.
        accepted: for documents, the kinds that count.
        need: for documents, how many of ``accepted`` are needed.
        due: the deadline (date or aware datetime), or ``None``.
        decisive: whether supplying it can change the verdict.
        rules: the ids of the rules waiting on it (``"payout"`` for the amount).
    """

    kind: RequirementKind = attrs.field(validator=instance_of(RequirementKind))
    name: str = attrs.field(validator=text())
    label: str = attrs.field(validator=text())
    accepted: tuple[str, ...] = attrs.field(default=(), converter=_accepted)
    need: int = attrs.field(default=1, validator=_check_need)
    due: _dt.date | None = attrs.field(default=None, validator=_check_due)
    decisive: bool = attrs.field(default=True, validator=boolean)
    rules: tuple[str, ...] = attrs.field(default=(), converter=_rule_ids)

    def describe(self) -> str:
        """One line for a customer: what, which documents count, and by when."""
        text = self.label[:1].upper() + self.label[1:]
        if self.kind is RequirementKind.DOCUMENT and len(self.accepted) > 1:
            kinds = ", ".join(k.replace("_", " ") for k in self.accepted)
            how = "any one of" if self.need == 1 else f"{self.need} of"
            text += f" ({how}: {kinds})"
        if self.due is not None:
            text += f", by {_when(self.due)}"
        if not self.decisive:
            text += " (needed for the amount)"
        return text


def _when(value: _dt.date) -> str:
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return value.isoformat()


_HEADLINES = {
    Verdict.ELIGIBLE: "eligible",
    Verdict.INELIGIBLE: "not eligible",
    Verdict.NEEDS_INFO: "waiting for information",
    Verdict.NOT_APPLICABLE: "not covered by this policy",
}


@attrs.frozen
class Decision:
    """The verdict on one claim and everything that explains it.

    Attributes:
        verdict: ELIGIBLE, INELIGIBLE, NEEDS_INFO or NOT_APPLICABLE.
        policy_id: the policy's id.
        policy_title: the policy's title.
        version: the name of the version that decided, or ``None`` if none could.
        effective_from: that version's first date, or ``None``.
        results: every rule's :class:`RuleResult`, in the version's order.
        requirements: what is still needed (see the module docstring).
        payout: the amount and its steps (eligible and needs-info claims with an invoice).
        parameters: the version's parameters with their sources.
        note: why no version could decide, when that is the case.
    """

    verdict: Verdict
    policy_id: str
    policy_title: str
    version: str | None
    effective_from: _dt.date | None
    results: tuple[RuleResult, ...]
    requirements: tuple[Requirement, ...] = ()
    payout: PayoutResult | None = None
    parameters: Mapping[str, Parameter] = attrs.field(factory=dict)
    note: str = ""

    @property
    def reasons(self) -> tuple[RuleResult, ...]:
        """Every failed rule, in the version's order (empty unless INELIGIBLE)."""
        return tuple(r for r in self.results if r.outcome is Outcome.FAIL)

    @property
    def payable(self) -> Any:
        """The payable ``Decimal``, or ``None`` when no amount was computed."""
        return None if self.payout is None else self.payout.payable

    def outcome(self, rule_id: str) -> Outcome:
        """The outcome of the rule ``rule_id``.

        Raises:
            InputTypeError: ``rule_id`` is not text.
            InvalidArgumentError: the version lacks the rule (the message lists its rules).
        """
        if not isinstance(rule_id, str):
            raise InputTypeError("must be a rule's id (text)", field="rule_id", value=rule_id)
        for result in self.results:
            if result.rule_id == rule_id:
                return result.outcome
        known = ", ".join(r.rule_id for r in self.results) or "none"
        raise UnknownNameError(
            f"is not a rule of this decision (its rules: {known})", field="rule_id", value=rule_id
        )

    def render(self) -> str:
        """Plain text for a customer or an agent: the verdict, then reasons, needs or amount."""
        lines = [f"{self.policy_title}: {_HEADLINES[self.verdict]}."]
        if self.note:
            lines.append(self.note)
        if self.verdict is Verdict.INELIGIBLE:
            lines.append("Every reason:")
            for result in self.reasons:
                cite = f" ({result.citation})" if result.citation else ""
                lines.append(f"  - {result.message}{cite}")
        if self.requirements:
            lines.append("We still need:")
            for i, requirement in enumerate(self.requirements, 1):
                lines.append(f"  {i}. {requirement.describe()}")
        if self.payout is not None and self.verdict is not Verdict.INELIGIBLE:
            if self.verdict is Verdict.ELIGIBLE:
                lines.append(f"Amount payable: {self.payout.payable:,.2f} {self.payout.currency}")
            else:
                lines.append("If eligible, the amount would be:")
            lines.append(self.payout.render())
        if self.version is not None:
            lines.append(f"Decided under version {self.version} (from {self.effective_from}).")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()

    def _repr_html_(self) -> str:
        """The notebook display: the verdict, then each part, values as people read them."""
        return decision_html(self, _HEADLINES[self.verdict])

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly summary: verdict, version, reasons, requirements and amount."""
        return {
            "verdict": self.verdict.value,
            "policy": self.policy_id,
            "version": self.version,
            "reasons": [
                {"rule": r.rule_id, "message": r.message, "citation": r.citation}
                for r in self.reasons
            ],
            "requirements": [
                {
                    "kind": q.kind.value,
                    "name": q.name,
                    "label": q.label,
                    "accepted": list(q.accepted),
                    "need": q.need,
                    "due": None if q.due is None else q.due.isoformat(),
                    "decisive": q.decisive,
                    "rules": list(q.rules),
                }
                for q in self.requirements
            ],
            "payable": None if self.payout is None else str(self.payout.payable),
            "steps": []
            if self.payout is None
            else [
                {"label": s.label, "change": str(s.change), "amount": str(s.amount)}
                for s in self.payout.steps
            ],
            "parameters": {
                name: {"value": str(p.value), "source": p.source}
                for name, p in self.parameters.items()
            },
            "outcomes": {r.rule_id: r.outcome.value for r in self.results},
        }
