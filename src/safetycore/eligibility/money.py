"""What a claim would pay, as exact ``Decimal`` steps: covered, less the owner's share, capped.

A :class:`Payout` reads the claim's invoice (a tuple of :class:`InvoiceLine`) and shows each
step of the calculation in the decision:

1. the total invoiced;
2. less the lines in categories the policy does not cover;
3. less the lines dated after the care window (``care_within`` of the ``care_from`` fact);
4. less what goes over each category's limit;
5. the fixed ``benefit`` a decision table gives for the claim's facts, in place of what is
   covered (only when covered care is left);
6. less the owner's share (never more than what is left);
7. co-insurance: the policy pays ``pays_percent`` of what is left;
8. less what goes over the cap.

Only the co-insurance step rounds: the policy's part is rounded to the cent (two decimal
places, whatever the currency), half up (``ROUND_HALF_UP``, as payments are, not banker's
rounding). Every other step uses only addition, subtraction and ``min``, so amounts come out
with the precision they went in with. Amounts are never negative.

>>> from decimal import Decimal
>>> payout = Payout(owner_share=Decimal("250"), cap=Decimal("25000"))
>>> result = payout.compute((InvoiceLine("surgery", Decimal("1200.00")),), {}, None)
>>> result.payable
Decimal('950.00')
>>> health = Payout(owner_share=Decimal("500"), pays_percent=Decimal("80"))
>>> health.compute((InvoiceLine("surgery", Decimal("1200.00")),), {}, None).payable
Decimal('560.00')
"""

from __future__ import annotations

import datetime as _dt
import decimal
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from safetycore._config import instance_of, names_of, text
from safetycore.eligibility.expressions import is_fact_name
from safetycore.eligibility.parameters import Param, Parameter, resolve
from safetycore.eligibility.tables import DecisionTable, HitPolicy
from safetycore.eligibility.windows import Length
from safetycore.errors import ConfigurationError, InputTypeError, InvalidArgumentError

__all__ = ["InvoiceLine", "Payout", "PayoutResult", "PayoutStep"]

_ZERO = Decimal(0)
_HUNDRED: Final = Decimal(100)
_CENT: Final = Decimal("0.01")
# The co-insurance product and its rounding to the cent run in a context that cannot overflow
# or run out of digits: in the default context quantize() of 1E+400 to the cent fails.
_EXACT: Final = decimal.Context(
    prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[]
)
# Hit policies whose lookup is one value, so that a benefit table gives one amount.
_ONE_OUTPUT: Final = frozenset(
    {
        HitPolicy.UNIQUE,
        HitPolicy.FIRST,
        HitPolicy.PRIORITY,
        HitPolicy.ANY,
        HitPolicy.COLLECT_SUM,
        HitPolicy.COLLECT_MIN,
        HitPolicy.COLLECT_MAX,
    }
)


def _check_money(_: object, attribute: Any, value: Any) -> None:
    if isinstance(value, Param):
        return
    if not isinstance(value, Decimal):
        raise InputTypeError(
            "must be a Decimal (a float cannot hold money exactly)",
            field=attribute.name,
            value=value,
        )
    if not value.is_finite() or value < 0:
        raise InvalidArgumentError(
            "must be a finite amount >= 0", field=attribute.name, value=value
        )


def check_amount(value: object, field: str) -> None:
    """Raise unless ``value`` is a finite, non-negative ``Decimal`` (an amount of money)."""
    if isinstance(value, bool) or not isinstance(value, Decimal):
        raise InputTypeError(
            "must be a Decimal (a float cannot hold money exactly)", field=field, value=value
        )
    if not value.is_finite() or value < 0:
        raise InvalidArgumentError("must be a finite amount >= 0", field=field, value=value)


def check_percent(value: object, field: str) -> Decimal:
    """``value`` if it is a finite ``Decimal`` from 0 to 100 (a percentage); else raise.

    ``InputTypeError`` for anything but a ``Decimal`` (an ``int``, a ``float``, a ``bool``),
    ``InvalidArgumentError`` for NaN, an infinity or a value outside 0 to 100.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal):
        raise InputTypeError("must be a Decimal percentage from 0 to 100", field=field, value=value)
    if not value.is_finite() or not 0 <= value <= _HUNDRED:
        raise InvalidArgumentError("must be a percentage from 0 to 100", field=field, value=value)
    return value


def _check_percent(_: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Param):
        check_percent(value, attribute.name)


def _check_benefit(_: object, attribute: Any, table: object) -> None:
    """A benefit table gives one amount per claim, and reads facts: proven at construction."""
    if table is None:
        return
    if not isinstance(table, DecisionTable):
        raise InputTypeError("must be a DecisionTable or None", field="benefit", value=table)
    if table.hit_policy not in _ONE_OUTPUT:
        raise ConfigurationError(
            "must give one amount: a hit policy of U, F, P, A, C+, C< or C> (not a tuple or "
            "a count)",
            field="benefit.hit_policy",
            value=table.hit_policy.value,
        )
    for j, name in enumerate(table.input_names):
        if not is_fact_name(name):
            raise InputTypeError(
                "must name a fact (an identifier not starting with '_'): the payout looks the "
                "table up with the claim's facts of these names",
                field=f"benefit.inputs[{j}]",
                value=name,
            )
    for i, row in enumerate(table.rows):
        check_amount(row.then, f"benefit.rows[{i}].then")
    if table.has_default:
        check_amount(table.default, "benefit.default")


def _cents(value: Decimal) -> Decimal:
    """``value`` rounded to the cent, half up; never an error, however large ``value`` is."""
    return value.quantize(_CENT, rounding=decimal.ROUND_HALF_UP, context=_EXACT)


def _percent_text(value: Decimal) -> str:
    """``80`` for ``Decimal("80.00")``, ``62.5`` for ``Decimal("62.50")``."""
    return format(value.normalize(_EXACT), "f")


def _check_optional_date(_: object, attribute: Any, value: Any) -> None:
    if value is not None and (not isinstance(value, _dt.date) or isinstance(value, _dt.datetime)):
        raise InputTypeError("must be a date or None", field=attribute.name, value=value)


@attrs.frozen
class InvoiceLine:
    """One line of an itemised invoice.

    Attributes:
        category: what the line is for ("surgery", "preventive"...).
        amount: the amount, a non-negative ``Decimal``.
        date: the day the care was given, or ``None`` if the invoice does not say.
        description: free text from the invoice.
    """

    category: str = attrs.field(validator=instance_of(str))
    amount: Decimal = attrs.field(validator=_check_money)
    date: _dt.date | None = attrs.field(default=None, validator=_check_optional_date, kw_only=True)
    description: str = attrs.field(default="", validator=instance_of(str), kw_only=True)


@attrs.frozen
class PayoutStep:
    """One step of the calculation: a change to the running amount, and the amount after it."""

    label: str
    change: Decimal
    amount: Decimal
    citation: str = ""


@attrs.frozen
class PayoutResult:
    """The steps of a payout calculation and what it comes to.

    Attributes:
        steps: every step, in order; the first is the total invoiced.
        payable: what the policy pays.
        currency: ISO 4217 code of every amount.
    """

    steps: tuple[PayoutStep, ...]
    payable: Decimal
    currency: str

    def render(self) -> str:
        """The steps as aligned plain text lines."""
        width = max(len(step.label) for step in self.steps)
        lines = []
        for i, step in enumerate(self.steps):
            change = f"{step.change:>12,.2f}" if i else f"{step.amount:>12,.2f}"
            lines.append(f"  {step.label:<{width}}  {change}  -> {step.amount:,.2f}")
        lines.append(f"  {'Payable':<{width}}  {self.payable:>12,.2f} {self.currency}")
        return "\n".join(lines)


def _str_set(values: Iterable[str]) -> frozenset[str]:
    return names_of(values, "excluded")  # a bare str (a set of letters) is refused


def _limits(values: object) -> dict[str, Decimal | Param]:
    if not isinstance(values, Mapping):
        raise InputTypeError(
            "must be a mapping of categories to amounts", field="limits", value=values
        )
    for category in values:
        if not isinstance(category, str) or not category:
            raise InputTypeError(
                "must be a category (non-empty text)", field="limits", value=category
            )
    return dict(values)


def _fact_name(optional: bool) -> Any:
    def check(_: object, attribute: Any, value: object) -> None:
        if value is None and optional:
            return
        if not is_fact_name(value):
            raise InputTypeError(
                "must name a fact (an identifier not starting with '_')",
                field=attribute.name,
                value=value,
            )

    return check


@attrs.frozen
class Payout:
    """How a policy version computes what a claim pays.

    Attributes:
        owner_share: what the owner pays first (``Decimal`` or a :class:`Param`).
        cap: the most the policy pays per claim, or ``None`` for no cap.
        excluded: invoice categories the policy does not cover.
        limits: the most the policy covers per category, before the owner's share.
        care_within: a window after the ``care_from`` fact; lines dated later are not covered.
        care_from: the fact the care window starts from (a ``date`` fact).
        lines: the name of the invoice fact (a tuple of :class:`InvoiceLine`).
        currency: ISO 4217 code for display.
        citation: the clause that sets the payout.
        pays_percent: co-insurance: the percentage (a ``Decimal`` from 0 to 100, or a
            :class:`Param`) of what is left after the owner's share that the policy pays, as
            a health plan pays 80% after the deductible; ``None`` pays all of it. The
            policy's part is rounded to the cent, half up.
        benefit: a fixed benefit: a :class:`DecisionTable` whose inputs are facts of the claim
            (``species``, ``procedure``) and whose outputs are amounts. When covered care is
            left after the limits, its output replaces the covered amount (it may be more
            or less than the invoice); the owner's share, co-insurance and cap then apply as
            to any covered amount. Its hit policy must give one value (``U``, ``F``, ``P``,
            ``A``, ``C+``, ``C<``, ``C>``); every row output and its default must be amounts.
    """

    owner_share: Decimal | Param = attrs.field(validator=_check_money)
    cap: Decimal | Param | None = attrs.field(default=None)
    excluded: frozenset[str] = attrs.field(default=frozenset(), converter=_str_set, kw_only=True)
    limits: Mapping[str, Decimal | Param] = attrs.field(
        factory=dict, converter=_limits, kw_only=True
    )
    care_within: Length | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of(Length)), kw_only=True
    )
    care_from: str | None = attrs.field(default=None, validator=_fact_name(True), kw_only=True)
    lines: str = attrs.field(default="invoice", validator=_fact_name(False), kw_only=True)
    currency: str = attrs.field(default="USD", validator=text(), kw_only=True)
    citation: str = attrs.field(default="", validator=text(empty=True), kw_only=True)
    pays_percent: Decimal | Param | None = attrs.field(
        default=None, validator=_check_percent, kw_only=True
    )
    benefit: DecisionTable | None = attrs.field(
        default=None, validator=_check_benefit, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if self.cap is not None:
            _check_money(None, attrs.fields(Payout).cap, self.cap)
        for category, limit in self.limits.items():
            if not isinstance(limit, Param):
                _check_money(None, _Named(f"limits[{category!r}]"), limit)
        if (self.care_within is None) != (self.care_from is None):
            raise InvalidArgumentError(
                "care_within and care_from go together", field="care_from", value=self.care_from
            )

    def reads(self) -> frozenset[str]:
        """The facts the payout reads: the invoice, ``care_from`` and the benefit's inputs."""
        names = {self.lines}
        if self.care_from is not None:
            names.add(self.care_from)
        if self.benefit is not None:
            names.update(self.benefit.input_names)
        return frozenset(names)

    def compute(
        self,
        lines: tuple[InvoiceLine, ...],
        parameters: Mapping[str, Parameter],
        care_from: _dt.date | None,
        *,
        facts: Mapping[str, object] | None = None,
    ) -> PayoutResult:
        """Every step from the invoice to the payable amount (see the module docstring).

        Args:
            lines: the invoice lines.
            parameters: the policy version's parameters, for :class:`Param` amounts.
            care_from: the value of the ``care_from`` fact (ignored without a care window).
            facts: the value of each fact the ``benefit`` table reads, by name (ignored
                without a benefit table).

        Raises ``InputTypeError`` for lines that are not a collection of :class:`InvoiceLine`,
        parameters or facts that are not a mapping, or a ``care_from`` that is not a date or
        ``None``; ``InvalidArgumentError`` for a benefit input missing from ``facts``
        (``facts['species']``) or a ``pays_percent`` parameter outside 0 to 100; and the
        errors of the benefit table's ``lookup`` for fact values it cannot look up.
        """
        if isinstance(lines, str | Mapping) or not isinstance(lines, Iterable):
            raise InputTypeError("must be a collection of InvoiceLine", field="lines", value=lines)
        if not isinstance(parameters, Mapping):
            raise InputTypeError(
                "must be a mapping of names to Parameter", field="parameters", value=parameters
            )
        _check_optional_date(None, _Named("care_from"), care_from)
        benefit_values = self._benefit_values(facts)
        lines = tuple(lines)
        for i, line in enumerate(lines):
            if not isinstance(line, InvoiceLine):
                raise InputTypeError(
                    "must be an InvoiceLine", field=f"{self.lines}[{i}]", value=line
                )
        total = sum((line.amount for line in lines), _ZERO)
        steps = [PayoutStep("Invoiced", total, total)]
        amount = total

        def step(label: str, change: Decimal) -> None:
            nonlocal amount
            if change:
                amount -= change
                steps.append(PayoutStep(label, -change, amount, self.citation))

        kept = []
        for i, line in enumerate(lines, 1):
            if line.category in self.excluded:
                step(f"Not covered: {line.category} (line {i})", line.amount)
            else:
                kept.append((i, line))
        if self.care_within is not None and care_from is not None:
            last = self.care_within.resolved(parameters).after(care_from)
            window = self.care_within.describe()
            inside = []
            for i, line in kept:
                if line.date is not None and not care_from <= line.date <= last:
                    step(f"Outside the care window ({window}): line {i} ({line.date})", line.amount)
                else:
                    inside.append((i, line))
            kept = inside
        for category, limit in sorted(self.limits.items()):
            spent = sum((line.amount for _, line in kept if line.category == category), _ZERO)
            cap = resolve(limit, parameters)
            if spent > cap:
                step(f"Limit for {category}: {cap:,.2f}", spent - cap)
        if self.benefit is not None and amount > 0:
            fixed = self.benefit.lookup(*benefit_values)
            read = ", ".join(
                f"{name}={value!r}"
                for name, value in zip(self.benefit.input_names, benefit_values, strict=True)
            )
            step(f"Fixed benefit from {self.benefit.name} for {read}", amount - fixed)
        share = resolve(self.owner_share, parameters)
        step(f"Owner's share: {share:,.2f}", min(share, amount))
        if self.pays_percent is not None:
            percent = check_percent(resolve(self.pays_percent, parameters), "pays_percent")
            paid = _cents(_EXACT.multiply(amount, percent).scaleb(-2, context=_EXACT))
            step(f"Co-insurance: pays {_percent_text(percent)}%", amount - paid)
        if self.cap is not None:
            cap = resolve(self.cap, parameters)
            if amount > cap:
                step(f"Cap: {cap:,.2f}", amount - cap)
        return PayoutResult(tuple(steps), amount, self.currency)

    def _benefit_values(self, facts: Mapping[str, object] | None) -> tuple[object, ...]:
        """The benefit table's input values read from ``facts``, in the table's order."""
        if self.benefit is None:
            return ()
        if facts is None:
            facts = {}
        if not isinstance(facts, Mapping):
            raise InputTypeError(
                "must be a mapping of fact names to values", field="facts", value=facts
            )
        values = []
        for name in self.benefit.input_names:
            if name not in facts:
                raise InvalidArgumentError(
                    f"is read by the benefit table {self.benefit.name!r} but not given",
                    field=f"facts[{name!r}]",
                    value=None,
                )
            values.append(facts[name])
        return tuple(values)


class _Named:
    """Stands in for an attrs attribute in a validator call, to name a mapping entry."""

    def __init__(self, name: str) -> None:
        self.name = name
