"""Eligibility: explainable three-valued decisions for claims and enrolments.

Declare the facts a policy reads, write its rules as declarative predicates, and decide:

>>> from datetime import date
>>> from safetycore.eligibility import (
...     F, Policy, PolicyVersion, Rule, decide, fact, facts,
... )
>>> @facts
... class Claim:
...     incident_date: date = fact(date)
...     booked_on_platform: bool = fact(bool, label="whether the booking was made on the platform")
>>> policy = Policy(
...     id="demo", title="Demo guarantee", facts=Claim, decided_by="incident_date",
...     versions=[PolicyVersion("1", date(2026, 1, 1), [
...         Rule("booked", "Booked on the platform", F.booked_on_platform.is_true()),
...     ])],
... )
>>> decide(policy, Claim(incident_date=date(2026, 3, 1))).verdict
<Verdict.NEEDS_INFO: 'needs_info'>
>>> decide(policy, Claim(incident_date=date(2026, 3, 1), booked_on_platform=False)).verdict
<Verdict.INELIGIBLE: 'ineligible'>
"""

from safetycore._config import publish
from safetycore.eligibility.decision import Decision, Requirement, RequirementKind, RuleResult
from safetycore.eligibility.engine import (
    Change,
    Comparison,
    DecisionBatch,
    compare,
    decide,
    decide_many,
)
from safetycore.eligibility.expressions import F, Predicate, Value, all_of, any_of, call, not_
from safetycore.eligibility.facts import (
    MISSING,
    NOT_APPLICABLE,
    Absent,
    FactSpec,
    documents,
    fact,
    fact_specs,
    facts,
)
from safetycore.eligibility.money import InvoiceLine, Payout, PayoutResult, PayoutStep
from safetycore.eligibility.parameters import Param, Parameter
from safetycore.eligibility.policy import Policy, PolicyVersion
from safetycore.eligibility.rules import Evidence, Exclusion, Rule
from safetycore.eligibility.tables import (
    Anything,
    Cell,
    DecisionTable,
    HitPolicy,
    Input,
    OneOf,
    Range,
    Row,
    cell,
)
from safetycore.eligibility.verdicts import Outcome, Verdict, combine
from safetycore.eligibility.windows import (
    Length,
    Unit,
    business_days,
    business_hours,
    days,
    hours,
)

__all__ = [
    "MISSING",
    "NOT_APPLICABLE",
    "Absent",
    "Anything",
    "Cell",
    "Change",
    "Comparison",
    "Decision",
    "DecisionBatch",
    "DecisionTable",
    "Evidence",
    "Exclusion",
    "F",
    "FactSpec",
    "HitPolicy",
    "Input",
    "InvoiceLine",
    "Length",
    "OneOf",
    "Outcome",
    "Param",
    "Parameter",
    "Payout",
    "PayoutResult",
    "PayoutStep",
    "Policy",
    "PolicyVersion",
    "Predicate",
    "Range",
    "Requirement",
    "RequirementKind",
    "Row",
    "Rule",
    "RuleResult",
    "Unit",
    "Value",
    "Verdict",
    "all_of",
    "any_of",
    "business_days",
    "business_hours",
    "call",
    "cell",
    "combine",
    "compare",
    "days",
    "decide",
    "decide_many",
    "documents",
    "fact",
    "fact_specs",
    "facts",
    "hours",
    "not_",
]

publish(globals(), __all__)
