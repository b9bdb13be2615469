"""The notebook displays (``_repr_html_``) of safetycore's values, built in one place.

Every display is made of the few parts below, so they all read alike (``docs/notebooks.md``):

- :func:`esc` escapes every piece of text that goes into the page (``html.escape``, quotes
  included); only :class:`Html` fragments built here pass unescaped.
- :func:`when` is the one format of an instant: ``Fri 2026-03-06 16:55 CST`` (weekday, ISO
  date, 24-hour time, the zone's abbreviation; seconds only when there are some;
  ``UTC-05:00`` where the zone has no lettered abbreviation). An instant is shown in the zone
  the caller chose (the case's, the calendar's), never converted to the reader's.
- :func:`value` shows a value as people read it: dates ISO, ``Decimal`` with digit grouping
  (money with its currency when the caller knows it, :func:`money`), booleans ``yes``/``no``,
  collections as comma lists, ``MISSING`` as ``missing``, ``None`` as ``—``; never a Python
  repr such as ``frozenset({...})``, ``Decimal('1.00')`` or ``None``.
- :func:`duration` shows a ``timedelta`` in hours and minutes (``1h 30m``; business time is
  counted in hours, so never days).
- :func:`table` builds a table; a long list shows its first rows and ``and K more``.

Nothing here reads a clock, a file or the network: a display is a pure function of the value.
The renderers take the values duck-typed (their modules import this one), so importing this
module imports nothing else of safetycore.
"""

from __future__ import annotations

import datetime as _dt
import enum
import html
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

if TYPE_CHECKING:
    from safetycore.eligibility.decision import Decision, Requirement
    from safetycore.eligibility.engine import Comparison, DecisionBatch
    from safetycore.sla.calendar import Calendar
    from safetycore.sla.policy import Condition, SlaPolicy, Target
    from safetycore.sla.results import CycleResult, SlaReport
    from safetycore.workflow.case import Case
    from safetycore.workflow.definition import Workflow
    from safetycore.workflow.engine import Availability

__all__ = [
    "DASH",
    "Html",
    "duration",
    "esc",
    "money",
    "table",
    "value",
    "when",
]

DASH: Final = "—"
"""How an absent value (``None``) reads."""

ROWS: Final = 10
"""How many items a long list shows before ``and K more`` (closures, claims, changes)."""

TRAIL_ROWS: Final = 50
"""How many audit records a case shows before ``and K more``."""

_WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_SYMBOLS: Final = {"USD": "$", "EUR": "€", "GBP": "£"}
_COLOURS: Final = {
    "eligible": "#1a7f37",
    "ineligible": "#cf222e",
    "needs_info": "#9a6700",
    "not_applicable": "#57606a",
}


class Html(str):
    """A fragment of HTML built here: passed through as is, where other text is escaped.

    Adding text to a fragment escapes the text (``Html("<b>") + "<"`` is ``<b>&lt;``), so a
    fragment never turns back into plain text that would be escaped twice.
    """

    __slots__ = ()

    def __add__(self, other: str) -> Html:
        return Html(str.__add__(self, esc(other)))


def esc(text: object) -> Html:
    """``text`` (a ``str``, or :func:`value` of anything else) escaped for HTML; ``Html`` as is."""
    if isinstance(text, Html):
        return text
    return Html(html.escape(text if isinstance(text, str) else value(text), quote=True))


def join(parts: Iterable[object], sep: str = "") -> Html:
    """The parts, each escaped unless already ``Html``, joined by the (trusted) ``sep``."""
    return Html(sep.join(esc(part) for part in parts))


def tag(name: str, content: object = "", **attributes: str) -> Html:
    """``<name ...>content</name>``, the content escaped unless ``Html``, attributes escaped."""
    attrs_text = "".join(
        f' {key.rstrip("_")}="{html.escape(val, quote=True)}"' for key, val in attributes.items()
    )
    return Html(f"<{name}{attrs_text}>{esc(content)}</{name}>")


def lines(parts: Iterable[object]) -> Html:
    """The parts on separate lines of one cell (``<br>`` between them)."""
    return join(parts, "<br>")


# -- how values read -----------------------------------------------------------------------


def _zone_label(moment: _dt.datetime) -> str:
    name = moment.tzname() or ""
    if name and name.isalpha():
        return name  # "CST", "UTC", "IST"
    offset = moment.utcoffset() or _dt.timedelta(0)
    sign = "-" if offset < _dt.timedelta(0) else "+"
    minutes = abs(offset) // _dt.timedelta(minutes=1)
    if not minutes:
        return "UTC"
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def when(moment: _dt.datetime | None, zone: _dt.tzinfo | None = None) -> str:
    """The one display format of an instant: ``Fri 2026-03-06 16:55 CST``.

    ``zone`` converts the instant first (a case's trail is shown in the case's zone); without
    it the instant reads in its own zone. Seconds appear only when non-zero (``16:55:07``);
    microseconds are not shown. A naive datetime reads without a zone. ``None`` is ``—``.
    """
    if moment is None:
        return DASH
    if zone is not None and moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    text = f"{_WEEKDAYS[moment.weekday()]} {moment.date().isoformat()} {moment:%H:%M}"
    if moment.second:
        text += f":{moment.second:02d}"
    if moment.tzinfo is not None:
        text += f" {_zone_label(moment)}"
    return text


def duration(span: _dt.timedelta | None) -> str:
    """A ``timedelta`` in hours and minutes: ``8h``, ``1h 30m``, ``36h``, ``-15m``, ``0m``.

    Seconds appear only when there are some (``45s``); ``None`` is ``—``.
    """
    if span is None:
        return DASH
    sign = "-" if span < _dt.timedelta(0) else ""
    seconds = abs(span) // _dt.timedelta(seconds=1)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h"] if hours else []
    if minutes:
        parts.append(f"{minutes}m")
    if secs:
        parts.append(f"{secs}s")
    return sign + (" ".join(parts) or "0m")


def number(amount: Decimal | int) -> str:
    """A number with digit grouping, its decimal places as given: ``1,200.00``, ``32.5``."""
    if isinstance(amount, Decimal):
        return f"{amount:,f}"
    return f"{amount:,}"


def money(amount: Decimal | int | None, currency: str | None) -> str:
    """An amount with two places and its currency: ``$1,200.00``, ``€5.00``, ``1,200.00 CHF``.

    Without a currency the amount reads as a grouped number with two places; ``None`` is ``—``.
    """
    if amount is None:
        return DASH
    text = f"{amount:,.2f}"
    if not currency:
        return text
    symbol = _SYMBOLS.get(currency)
    if symbol is None:
        return f"{text} {currency}"
    return f"-{symbol}{text[1:]}" if text.startswith("-") else f"{symbol}{text}"


def value(item: object, currency: str | None = None) -> str:
    """``item`` as people read it; see the module docstring for each kind.

    A ``Decimal`` is money (:func:`money`) only when ``currency`` is given; an enum reads as
    its value (``MISSING`` as ``missing``); an attrs value as ``field: value`` pairs; a mapping
    as ``key: value`` pairs; a set sorted. Nothing falls back on ``repr``: anything else reads
    as its ``str``.
    """
    if item is None:
        return DASH
    if isinstance(item, bool):
        return "yes" if item else "no"
    if isinstance(item, _dt.datetime):
        return when(item)
    if isinstance(item, _dt.date):
        return item.isoformat()
    if isinstance(item, _dt.timedelta):
        return duration(item)
    if isinstance(item, Decimal):
        return money(item, currency) if currency else number(item)
    if isinstance(item, int):
        return number(item)
    if isinstance(item, Fraction):
        return f"{float(item):.0%}"
    if isinstance(item, enum.Enum):
        raw = item.value
        return raw.replace("_", " ") if isinstance(raw, str) else item.name.lower()
    if isinstance(item, str):
        return item
    if isinstance(item, Mapping):
        return ", ".join(f"{value(k)}: {value(v, currency)}" for k, v in item.items())
    if isinstance(item, (set, frozenset)):
        texts = sorted(value(part, currency) for part in item)
        return ", ".join(texts) if texts else "none"
    if attrs.has(type(item)):
        pairs = (
            (field.name, getattr(item, field.name))
            for field in attrs.fields(cast("Any", type(item)))
            if field.repr is not False
        )
        return ", ".join(
            f"{name}: {value(v, currency)}" for name, v in pairs if v not in (None, "", ())
        )
    if isinstance(item, (list, tuple)):
        texts = [value(part, currency) for part in item]
        return "; ".join(texts) if any(", " in t for t in texts) else ", ".join(texts)
    return str(item)


# -- tables --------------------------------------------------------------------------------


def table(
    head: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    caption: object = None,
    total: int | None = None,
    noun: str = "rows",
) -> Html:
    """A table: one header row of ``head``, then ``rows`` (cells escaped unless ``Html``).

    ``total`` is how many rows there are in all when ``rows`` holds only the first of them;
    the table is then followed by ``and K more <noun>``.
    """
    shown = list(rows)
    parts = ["<table>"]
    if caption is not None:
        parts.append(tag("caption", caption))
    parts.append("<thead><tr>" + join(tag("th", cell) for cell in head) + "</tr></thead>")
    parts.append("<tbody>")
    parts.extend("<tr>" + join(tag("td", cell) for cell in row) + "</tr>" for row in shown)
    parts.append("</tbody></table>")
    if total is not None and total > len(shown):
        parts.append(more(total - len(shown), noun))
    return Html("".join(parts))


def pairs(rows: Iterable[tuple[object, object]], *, caption: object = None) -> Html:
    """A two-column table of names (as header cells) and their values."""
    parts = ["<table>"]
    if caption is not None:
        parts.append(tag("caption", caption))
    parts.extend(
        "<tr>" + tag("th", name, scope="row", style="text-align:left") + tag("td", item) + "</tr>"
        for name, item in rows
    )
    parts.append("</table>")
    return Html("".join(parts))


def more(count: int, noun: str) -> Html:
    """The line that ends a cut list: ``and 7 more closures``."""
    return tag("p", f"and {count} more {noun}")


def first(items: Sequence[Any], limit: int = ROWS) -> Sequence[Any]:
    """The first ``limit`` items (a long list shows these, then :func:`more`)."""
    return items[:limit]


def box(*parts: object) -> Html:
    """The outer element of every display."""
    return tag("div", join(parts), class_="safetycore")


def heading(text: object) -> Html:
    """The title line of a display."""
    return tag("p", tag("strong", text))


def listed(items: Sequence[object], noun: str, limit: int = ROWS) -> Html:
    """A bulleted list of the first ``limit`` items, then ``and K more <noun>``."""
    shown = "".join(tag("li", item) for item in items[:limit])
    rest = more(len(items) - limit, noun) if len(items) > limit else ""
    return Html(f"<ul>{shown}</ul>{rest}")


# -- sla -----------------------------------------------------------------------------------


def _range_text(span: Any, weekday: int) -> str:
    """One open range of a weekday as read: ``09:00-17:00``, ``22:00-06:00 (to Tue)``."""
    text = str(span)
    if text == "24h":
        return "all day"
    if span.crosses_midnight:
        return f"{text} (overnight, to {_WEEKDAYS[(weekday + 1) % 7]})"
    return text


def _week_row(label: str, schedule: Any) -> Html:
    cells = [tag("th", label, scope="row", style="text-align:left")]
    for weekday, day in enumerate(schedule.days):
        texts = [_range_text(span, weekday) for span in day] or ["closed"]
        cells.append(tag("td", lines(texts)))
    return Html("<tr>" + "".join(cells) + "</tr>")


def week_grid(calendar: Calendar) -> Html:
    """The weekly hours as a grid: a column per weekday, a row per effective-dated schedule."""
    changes = calendar.hours_changes
    periods = [("weekly hours" if not changes else f"until {changes[0].effective}", calendar.hours)]
    for i, change in enumerate(changes):
        until = f" until {changes[i + 1].effective}" if i + 1 < len(changes) else ""
        periods.append((f"from {change.effective}{until}", change.hours))
    head = "<tr><th></th>" + "".join(tag("th", day, scope="col") for day in _WEEKDAYS) + "</tr>"
    body = "".join(_week_row(label, schedule) for label, schedule in periods)
    return Html(f"<table><thead>{head}</thead><tbody>{body}</tbody></table>")


def _holiday_text(source: Any) -> str:
    where = source.country + (f"-{source.subdivision}" if source.subdivision else "")
    kinds = ", ".join(sorted(source.categories))
    observed = "observed days included" if source.observed else "observed days not included"
    return f"{where}: {kinds} holidays, {observed}"


def calendar_html(calendar: Calendar) -> str:
    """``Calendar`` display: zone, the week grid, holiday sources, closures, special openings."""
    parts: list[object] = [heading(f"Calendar in {calendar.zone}")]
    if calendar.hours.is_always_open and not calendar.hours_changes:
        parts.append(tag("p", "Open at every instant (24/7)."))
    parts.append(week_grid(calendar))
    parts.append(tag("p", "Holidays (each closes its whole local date):"))
    if calendar.holidays:
        parts.append(listed([_holiday_text(h) for h in calendar.holidays], "holiday sources"))
    else:
        parts.append(tag("p", "no holiday source"))
    closures = calendar.closures
    if closures:
        parts.append(
            table(
                ("date", "closed", "name"),
                (
                    (c.date, "all day" if c.times is None else str(c.times), c.name or DASH)
                    for c in first(closures)
                ),
                caption="Closures",
                total=len(closures),
                noun="closures",
            )
        )
    openings = calendar.openings
    if openings:
        parts.append(
            table(
                ("date", "open", "name"),
                (
                    (
                        o.date,
                        lines([_range_text(s, o.date.weekday()) for s in o.hours] or ["closed"]),
                        o.name or DASH,
                    )
                    for o in first(openings)
                ),
                caption="Special openings",
                total=len(openings),
                noun="special openings",
            )
        )
    return box(*parts)


def _condition_text(condition: Condition) -> str:
    parts = [
        f"{name}: {value(getattr(condition, name))}"
        for name in ("priority", "channel", "category", "tags")
        if getattr(condition, name) is not None
    ]
    return "; ".join(parts) or "any case"


def _target_text(target: Target | None) -> Html:
    if target is None:
        return Html(DASH)
    calendar = target.calendar
    warn = ", ".join(f"{w}%" for w in target.warnings) or "never"
    from safetycore.sla.policy import BusinessDays  # here: policy imports this module

    within = target.within
    if isinstance(within, _dt.timedelta):
        length = duration(within)
    elif isinstance(within, BusinessDays):
        length = f"{within.days} business day{'' if within.days == 1 else 's'}"
    elif within.days == 0:
        length = "end of the business day"
    elif within.days == 1:
        length = "end of the next business day"
    else:
        n = within.days
        suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        length = f"end of the {n}{suffix} business day after"
    return lines(
        (
            f"{length} of {calendar.name} (v{calendar.version})",
            f"at risk at {warn}",
        )
    )


def _hours_text(schedule: Any) -> str:
    texts = [f"{days} {hours}" for days, hours in schedule.to_dict().items()]
    return "; ".join(texts) or "closed"


def sla_policy_html(policy: SlaPolicy) -> str:
    """``SlaPolicy`` display: per version, its rows in order, conditions, targets per metric.

    Then every calendar the targets count in, by name and version, with its zone and hours.
    """
    parts: list[object] = [heading(f"SLA policy {policy.name}")]
    if policy.statuses is not None:
        parts.append(tag("p", "Statuses: " + value(dict(policy.statuses.statuses))))
    calendars: dict[tuple[str, str], Any] = {}
    for version in policy.versions:
        targeted = [
            m.name
            for m in version.metrics
            if any(p.target(m.name) is not None for p in version.policies)
        ]
        rows = [
            (
                str(i),
                row.name,
                _condition_text(row.when),
                *(_target_text(row.target(m)) for m in targeted),
            )
            for i, row in enumerate(version.policies, 1)
        ]
        for row in version.policies:
            for target in row.targets:
                named = target.calendar
                calendars.setdefault((named.name, named.version), named)
        parts.append(
            table(
                ("#", "policy", "applies to", *targeted),
                rows,
                caption=f"Version {version.version}, in force from {when(version.effective)}"
                " (the first row that applies sets the targets)",
            )
        )
        untargeted = [m.name for m in version.metrics if m.name not in targeted]
        if untargeted:
            parts.append(tag("p", "Tracked without a target: " + ", ".join(untargeted)))
    if calendars:
        parts.append(
            table(
                ("calendar", "version", "zone", "weekly hours"),
                (
                    (c.name, c.version, c.calendar.zone, _hours_text(c.calendar.hours))
                    for c in calendars.values()
                ),
                caption="Calendars",
            )
        )
    return box(*parts)


def _used(result: CycleResult) -> str:
    return DASH if result.fraction_used is None else value(result.fraction_used)


def cycle_html(result: CycleResult) -> str:
    """``CycleResult`` display: every field, instants in the zone the clock gave them.

    That is the zone of the calendar the target counts in (a cycle without a target has
    none: its instants read in UTC, as the clock gives them).
    """
    state = result.state.value.replace("_", " ")
    return box(
        pairs(
            (
                ("metric", f"{result.metric} #{result.cycle}"),
                ("state", state + (" (running)" if result.running else "")),
                ("started", when(result.started_at)),
                ("ended", when(result.ended_at)),
                ("due", when(result.due_at)),
                ("met", when(result.met_at)),
                ("breached", when(result.breached_at)),
                ("at risk", when(result.at_risk_at)),
                ("target", duration(result.target)),
                ("business time", duration(result.business_elapsed)),
                ("real time", duration(result.actual_elapsed)),
                ("remaining", duration(result.remaining)),
                ("used", _used(result)),
                ("policy", _versioned(result.policy, result.policy_version)),
                ("calendar", _versioned(result.calendar, result.calendar_version)),
            ),
            caption=f"{result.metric} #{result.cycle}: {state}",
        )
    )


def _versioned(name: str | None, version: str | None) -> str:
    if name is None:
        return DASH
    return name if version is None else f"{name} (v{version})"


def report_zone(report: SlaReport) -> _dt.tzinfo | None:
    """The zone a report reads in: its first timed cycle's calendar zone, else ``as_of``'s."""
    for cycle in report.cycles:
        if cycle.calendar is not None:
            return cycle.started_at.tzinfo
    return report.as_of.tzinfo


def sla_report_html(report: SlaReport) -> str:
    """``SlaReport`` display: one row per cycle, under the case and the instant.

    Every instant reads in one zone (:func:`report_zone`), so the rows compare at a glance.
    """
    zone = report_zone(report)
    rows = (
        (
            c.metric,
            str(c.cycle),
            c.state.value.replace("_", " "),
            when(c.started_at, zone),
            when(c.due_at, zone),
            duration(c.business_elapsed),
            duration(c.target),
            _used(c),
        )
        for c in report.cycles
    )
    return table(
        ("metric", "cycle", "state", "started", "due", "business", "target", "used"),
        rows,
        caption=f"{report.case_id} as of {when(report.as_of, zone)} "
        f"({report.policy} v{report.policy_version})",
    )


# -- workflow ------------------------------------------------------------------------------


def _status_note(workflow: Workflow, name: str) -> str:
    if name == workflow.initial:
        return "initial"
    return "final" if name in workflow.final else ""


def workflow_html(workflow: Workflow) -> str:
    """``Workflow`` display: statuses, every step as a row, the Mermaid source folded away.

    No diagram is drawn: that needs a renderer (Mermaid's JavaScript, Graphviz) that a pure
    function cannot call; the Mermaid text is there to paste into Markdown.
    """
    from safetycore.workflow.diagrams import to_mermaid

    statuses = table(
        ("status", "label", "category", ""),
        (
            (
                s.name,
                s.title,
                str(s.category),
                _status_note(workflow, s.name),
            )
            for s in workflow.statuses
        ),
        caption="Statuses",
    )
    steps = table(
        ("from", "event", "label", "to", "roles", "requirements"),
        (
            (
                ", ".join(step.sources),
                step.event,
                step.label or DASH,
                step.target,
                ", ".join(sorted(step.roles)) or "anyone",
                lines(f"{r.code}: {r.reason}" for r in step.requirements)
                if step.requirements
                else DASH,
            )
            for step in workflow.steps
        ),
        caption="Steps",
    )
    diagram = tag(
        "details",
        tag("summary", "Diagram (Mermaid source)") + tag("pre", to_mermaid(workflow)),
    )
    return box(
        heading(f"Workflow {workflow.name} version {workflow.version}"), statuses, steps, diagram
    )


def case_html(case: Case) -> str:
    """``Case`` display: id, workflow, status, opened at, facts, then the audit trail.

    Every instant reads in the case's zone: the zone of the instant it was opened at.
    """
    zone = case.opened_at.tzinfo
    trail = case.trail
    head = pairs(
        (
            ("workflow", f"{case.workflow} version {case.version}"),
            ("status", case.status),
            ("opened", when(case.opened_at, zone)),
            ("facts", value(dict(case.facts)) or "none"),
            ("evidence", value(case.evidence)),
        ),
        caption=f"Case {case.case_id}",
    )
    records = table(
        ("#", "at", "event", "from", "to", "actor", "via", "reason", "data", "evidence"),
        (
            (
                str(r.sequence),
                when(r.at, zone),
                r.event,
                r.from_status or DASH,
                r.to_status,
                r.actor + (f" ({value(r.roles)})" if r.roles else ""),
                value(r.via),
                r.reason or DASH,
                value(dict(r.data)) or DASH,
                value(r.evidence) if r.evidence else DASH,
            )
            for r in first(trail, TRAIL_ROWS)
        ),
        caption="Audit trail",
        total=len(trail),
        noun="records",
    )
    return box(head, records)


def availability_html(availability: Availability) -> str:
    """``Availability`` display: the events allowed now, then each refused one with why."""
    allowed = ", ".join(availability.allowed) or "none"
    refused = table(
        ("event", "refused because"),
        (
            (event, lines(f"{r.code}: {r.reason}" for r in why) if why else DASH)
            for event, why in availability.refused.items()
        ),
        caption="Refused",
    )
    return box(tag("p", tag("strong", "Allowed now: ") + allowed), refused)


# -- eligibility ---------------------------------------------------------------------------


def _verdict_text(verdict: Any) -> str:
    return str(verdict.value).replace("_", " ")


def _requirement_text(requirement: Requirement) -> str:
    text = requirement.label[:1].upper() + requirement.label[1:]
    if len(requirement.accepted) > 1:
        how = "any one of" if requirement.need == 1 else f"{requirement.need} of"
        text += f" ({how}: {', '.join(k.replace('_', ' ') for k in requirement.accepted)})"
    if requirement.due is not None:
        text += f", by {value(requirement.due)}"
    if not requirement.decisive:
        text += " (needed for the amount)"
    return text


def decision_html(decision: Decision, headline: str) -> str:
    """``Decision`` display: verdict, reasons, needs, the amount, every rule, the parameters.

    Values read as people read them (:func:`value`); amounts of the payout carry its currency.
    """
    colour = _COLOURS.get(decision.verdict.value, "#57606a")
    parts: list[object] = [
        tag("p", tag("strong", f"{decision.policy_title}: {headline}"), style=f"color:{colour}")
    ]
    if decision.note:
        parts.append(tag("p", decision.note))
    reasons = decision.reasons
    if reasons:
        parts.append(tag("p", "Every reason:"))
        parts.append(
            listed(
                [r.message + (f" ({r.citation})" if r.citation else "") for r in reasons],
                "reasons",
                limit=len(reasons),
            )
        )
    if decision.requirements:
        parts.append(tag("p", "We still need:"))
        items = "".join(tag("li", _requirement_text(q)) for q in decision.requirements)
        parts.append(Html(f"<ol>{items}</ol>"))
    payout = decision.payout
    currency = None if payout is None else payout.currency
    if payout is not None and decision.verdict.value != "ineligible":
        rows = [
            (s.label, DASH if i == 0 else money(s.change, currency), money(s.amount, currency))
            for i, s in enumerate(payout.steps)
        ]
        payable = money(payout.payable, currency)
        rows.append((tag("strong", "payable"), "", tag("strong", payable)))
        caption = "Amount payable" if decision.verdict.value == "eligible" else "If eligible"
        parts.append(table(("step", "change", "amount"), rows, caption=caption))
    if decision.results:
        parts.append(
            table(
                ("rule", "requires", "outcome", "read", "citation"),
                (
                    (
                        r.rule_id,
                        r.label,
                        value(r.outcome),
                        lines(f"{name}: {value(item)}" for name, item in r.inputs),
                        r.citation or DASH,
                    )
                    for r in decision.results
                ),
                caption="Rules",
            )
        )
    if decision.parameters:
        parts.append(
            table(
                ("parameter", "value", "source"),
                ((name, value(p.value), p.source) for name, p in decision.parameters.items()),
                caption="Parameters",
            )
        )
    if decision.version is not None:
        parts.append(
            tag(
                "p",
                f"Decided under version {decision.version} "
                f"(from {value(decision.effective_from)}).",
            )
        )
    return box(*parts)


def decision_batch_html(batch: DecisionBatch) -> str:
    """``DecisionBatch`` display: verdict counts, per-rule outcome counts, the first claims."""
    from safetycore.eligibility.verdicts import Outcome, Verdict

    n = len(batch)
    tally = batch.verdict_counts()
    counts = table(
        ("verdict", "claims"),
        ((_verdict_text(v), str(tally.get(v, 0))) for v in Verdict),
        caption="Verdicts",
    )
    per_rule = batch.counts()
    rules = table(
        ("rule", *(value(o) for o in Outcome)),
        ((rule, *(str(c.get(o, 0)) for o in Outcome)) for rule, c in per_rule.items()),
        caption="Outcomes per rule",
    )
    verdicts = batch.verdicts
    rows = []
    for i in range(min(n, ROWS)):
        outcomes = batch.outcomes(i)
        rows.append(
            (
                str(i),
                _verdict_text(verdicts[i]),
                batch.version(i) or DASH,
                ", ".join(r for r, o in outcomes.items() if o is Outcome.FAIL) or DASH,
                ", ".join(r for r, o in outcomes.items() if o is Outcome.UNKNOWN) or DASH,
            )
        )
    claims = table(
        ("claim", "verdict", "version", "failed", "unknown"),
        rows,
        caption="Claims",
        total=n,
        noun="claims",
    )
    title = f"{batch.policy.title}: {n} claims"
    if batch.as_of is not None:
        title += f", decided as of {value(batch.as_of)}"
    if not n:
        return box(heading(title), counts)
    return box(heading(title), counts, rules, claims)


def comparison_html(comparison: Comparison) -> str:
    """``Comparison`` display: verdict counts on both sides, then the first changed claims."""
    from safetycore.eligibility.verdicts import Verdict

    counts = table(
        ("verdict", "before", "after"),
        (
            (
                _verdict_text(v),
                str(comparison.before.get(v, 0)),
                str(comparison.after.get(v, 0)),
            )
            for v in Verdict
        ),
        caption=f"{len(comparison.changes)} of {comparison.claims} claims change",
    )
    changes = comparison.changes
    if not changes:
        return box(counts, tag("p", "No claim changes."))
    rows = (
        (
            str(c.index),
            _verdict_text(c.before),
            _verdict_text(c.after),
            money(c.amount_before, None),
            money(c.amount_after, None),
            ", ".join(c.rules) or DASH,
        )
        for c in first(changes)
    )
    listed_changes = table(
        ("claim", "before", "after", "amount before", "amount after", "rules that changed"),
        rows,
        caption="Changes",
        total=len(changes),
        noun="changes",
    )
    return box(counts, listed_changes)
