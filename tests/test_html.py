"""The notebook displays (``_repr_html_``), read back with the standard library's HTML parser.

Each test parses a display into its text, tables and list items (``Page``) and checks what a
reader would see: the calendar's week grid, escaping, the one time format in the case's zone,
values as people read them, every step of a workflow, and cut lists that say how many more.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import attrs
import pytest

from safetycore._html import Html, duration, money, tag, value, when
from safetycore.eligibility import MISSING, InvoiceLine, compare, decide, decide_many
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.events import CaseEvent, CaseHistory, StatusMap
from safetycore.sla import (
    BusinessDays,
    Calendar,
    Condition,
    EndOfBusinessDay,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
    evaluate,
)
from safetycore.workflow import (
    SUPPORT_TICKET,
    Actor,
    Case,
    Status,
    Step,
    Workflow,
    available,
    fire,
    open_case,
)

CHICAGO = ZoneInfo("America/Chicago")
NEW_YORK = ZoneInfo("America/New_York")
AGENT = Actor("agent:1", {"agent"})
REPRS = ("Decimal(", "frozenset(", "None", "Absent", "datetime.", "<Verdict", "<Outcome")


@attrs.define
class Table:
    """One table of a display: its caption and its rows of cell texts, header row first."""

    caption: str = ""
    rows: list[list[str]] = attrs.field(factory=list)


class Page(HTMLParser):
    """A display as a reader sees it: its text, its tables (cell texts) and its list items."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.tables: list[Table] = []
        self.items: list[str] = []
        self.pre: list[str] = []
        self._cell: list[str] | None = None
        self._item: list[str] | None = None
        self._caption: list[str] | None = None
        self._in_pre = False
        self.feed(markup)
        self.close()
        self.text = " ".join(" ".join(self.texts).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(Table())
        elif tag == "tr":
            self._rows().append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "li":
            self._item = []
        elif tag == "caption":
            self._caption = []
        elif tag == "pre":
            self._in_pre = True
            self.pre.append("")
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self._rows()[-1].append("".join(self._cell))
            self._cell = None
        elif tag == "li" and self._item is not None:
            self.items.append("".join(self._item))
            self._item = None
        elif tag == "caption" and self._caption is not None:
            self.tables[-1].caption = "".join(self._caption)
            self._caption = None
        elif tag == "pre":
            self._in_pre = False

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        for sink in (self._cell, self._item, self._caption):
            if sink is not None:
                sink.append(data)
        if self._in_pre:
            self.pre[-1] += data

    def _rows(self) -> list[list[str]]:
        return self.tables[-1].rows

    def table(self, caption: str) -> list[list[str]]:
        """The rows (header row first) of the table whose caption starts with ``caption``."""
        for found in self.tables:
            if found.caption.startswith(caption):
                return found.rows
        raise AssertionError(f"no table captioned {caption!r}")


def named(rows: list[list[str]]) -> dict[str, str]:
    """Two-column rows as a mapping of the first cell to the second."""
    return {row[0]: row[1] for row in rows}


def no_reprs(markup: str) -> None:
    for marker in REPRS:
        assert marker not in markup, marker


# -- the one time format and values as read ------------------------------------------------


class TestFormats:
    def test_one_time_format_with_the_year_and_the_zone(self) -> None:
        """An instant reads as weekday, ISO date, 24-hour time and the zone's abbreviation."""
        assert when(datetime(2026, 3, 6, 16, 55, tzinfo=CHICAGO)) == "Fri 2026-03-06 16:55 CST"
        assert when(datetime(2026, 7, 6, 16, 55, tzinfo=CHICAGO)) == "Mon 2026-07-06 16:55 CDT"

    def test_seconds_only_when_there_are_some(self) -> None:
        """Seconds are shown only when non-zero; microseconds never."""
        moment = datetime(2026, 3, 6, 16, 55, 7, 999, tzinfo=UTC)
        assert when(moment) == "Fri 2026-03-06 16:55:07 UTC"

    def test_a_zone_given_converts_first(self) -> None:
        """With a zone, the instant reads in that zone, not its own."""
        assert when(datetime(2026, 3, 6, 22, 55, tzinfo=UTC), CHICAGO) == "Fri 2026-03-06 16:55 CST"

    def test_numeric_zone_names_read_as_utc_offsets(self) -> None:
        """A fixed offset, or a zone whose abbreviation is a number, reads as UTC+HH:MM."""
        fixed = timezone(timedelta(hours=-5))
        assert when(datetime(2026, 3, 6, 9, 0, tzinfo=fixed)) == "Fri 2026-03-06 09:00 UTC-05:00"
        sao_paulo = datetime(2026, 3, 6, 9, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))
        assert when(sao_paulo) == "Fri 2026-03-06 09:00 UTC-03:00"
        india = datetime(2026, 3, 6, 9, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))
        assert when(india) == "Fri 2026-03-06 09:00 UTC+05:30"

    @pytest.mark.parametrize(
        ("item", "read"),
        [
            (None, "—"),
            (True, "yes"),
            (False, "no"),
            (date(2026, 3, 6), "2026-03-06"),
            (Decimal("1200.00"), "1,200.00"),
            (Decimal("32.5"), "32.5"),
            (25000, "25,000"),
            (frozenset({"vet_records", "invoice"}), "invoice, vet_records"),
            (frozenset(), "none"),
            (MISSING, "missing"),
            (Fraction(1, 4), "25%"),
            (timedelta(hours=30, minutes=30), "30h 30m"),
            ({"priority": "high", "vip": True}, "priority: high, vip: yes"),
            (("a", "b"), "a, b"),
        ],
    )
    def test_values_as_people_read_them(self, item: object, read: str) -> None:
        """Each kind of value reads as a person writes it, never as its Python repr."""
        assert value(item) == read

    def test_money_with_its_currency(self) -> None:
        """Money carries its currency: a symbol for the common ones, else the ISO code."""
        assert value(Decimal("1200"), "USD") == "$1,200.00"
        assert money(Decimal("-250"), "USD") == "-$250.00"
        assert money(Decimal("5"), "EUR") == "€5.00"
        assert money(Decimal("1200"), "CHF") == "1,200.00 CHF"
        assert money(None, "USD") == "—"

    def test_attrs_values_read_as_fields(self) -> None:
        """An attrs value (an invoice line) reads as its non-empty fields, as read."""
        line = InvoiceLine("surgery", Decimal("1200.00"), date=date(2026, 4, 14))
        assert value(line) == "category: surgery, amount: 1,200.00, date: 2026-04-14"

    def test_text_added_to_a_fragment_is_escaped_once(self) -> None:
        """Plain text joined to built HTML is escaped; built HTML is never escaped again."""
        fragment = tag("b", "x") + "<i>"
        assert isinstance(fragment, Html)
        assert fragment == "<b>x</b>&lt;i&gt;"
        assert tag("p", fragment) == "<p><b>x</b>&lt;i&gt;</p>"

    def test_durations_in_hours_and_minutes(self) -> None:
        """Durations read in hours and minutes (never days), negative ones with a sign."""
        assert duration(timedelta(minutes=-15)) == "-15m"
        assert duration(timedelta(0)) == "0m"
        assert duration(timedelta(days=2)) == "48h"


# -- sla -----------------------------------------------------------------------------------


def hand_built_calendar(**extra: object) -> Calendar:
    return Calendar.from_dict(
        {
            "zone": "America/Chicago",
            "hours": {
                "mon-fri": "09:00-17:00",
                "thu": "09:00-12:00, 22:00-06:00",
                "sat": "10:00-14:00",
            },
            "holidays": [{"country": "US", "subdivision": "IL"}],
            "closures": [{"date": "2026-12-24", "times": "12:00-24:00", "name": "Christmas Eve"}],
            "openings": [{"date": "2026-11-28", "hours": "10:00-14:00", "name": "Small Business"}],
            **extra,
        }
    )


class TestCalendar:
    def test_the_week_as_a_grid(self) -> None:
        """Seven day columns, Monday first, each with its open ranges; closed days say so."""
        page = Page(hand_built_calendar()._repr_html_())
        head, row = page.tables[0].rows
        assert head == ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        assert row == [
            "weekly hours",
            "09:00-17:00",
            "09:00-17:00",
            "09:00-17:00",
            "09:00-12:00\n22:00-06:00 (overnight, to Fri)",
            "09:00-17:00",
            "10:00-14:00",
            "closed",
        ]

    def test_effective_dated_hours_are_rows_of_the_grid(self) -> None:
        """Each hours change is a row of its own, labelled with the dates it holds between."""
        changes = [{"effective": "2027-01-01", "hours": {"daily": "24h"}}]
        page = Page(hand_built_calendar(hours_changes=changes)._repr_html_())
        rows = page.tables[0].rows
        assert [r[0] for r in rows[1:]] == ["until 2027-01-01", "from 2027-01-01"]
        assert rows[2][1:] == ["all day"] * 7

    def test_zone_holidays_closures_and_openings_are_listed(self) -> None:
        """The zone, each holiday source, each closure and each special opening are shown."""
        page = Page(hand_built_calendar()._repr_html_())
        assert "America/Chicago" in page.text
        assert page.items == ["US-IL: public holidays, observed days included"]
        assert page.table("Closures")[1] == ["2026-12-24", "12:00-24:00", "Christmas Eve"]
        assert page.table("Special openings")[1] == ["2026-11-28", "10:00-14:00", "Small Business"]

    def test_a_long_list_of_closures_is_cut(self) -> None:
        """Twenty-five closures show the first ten, then how many more there are."""
        closures = [{"date": f"2026-01-{day:02d}"} for day in range(1, 26)]
        page = Page(hand_built_calendar(closures=closures)._repr_html_())
        rows = page.table("Closures")
        assert len(rows) == 1 + 10
        assert rows[1] == ["2026-01-01", "all day", "—"]
        assert "and 15 more closures" in page.text

    def test_an_always_open_calendar_says_so(self) -> None:
        """A 24/7 calendar says it is always open, every day reads all day, no holiday source."""
        page = Page(Calendar.always("UTC")._repr_html_())
        assert "Open at every instant (24/7)." in page.text
        assert page.tables[0].rows[1][1:] == ["all day"] * 7
        assert "no holiday source" in page.text

    def test_names_are_escaped(self) -> None:
        """A closure named with markup shows as text: the page holds no tag of it."""
        closures = [{"date": "2026-12-24", "name": "<script>alert(1)</script>"}]
        markup = hand_built_calendar(closures=closures)._repr_html_()
        assert "<script>" not in markup
        assert Page(markup).table("Closures")[1][2] == "<script>alert(1)</script>"


HOURS = VersionedCalendar("care", "2025", hand_built_calendar())
ALWAYS = VersionedCalendar("24/7", "1", Calendar.always("America/Chicago"))
H = timedelta(hours=1)
SLA = SlaPolicy(
    "care",
    [
        PolicyVersion(
            "1",
            datetime(2025, 1, 1, tzinfo=UTC),
            [
                Policy(
                    "urgent",
                    [Target("first_reply", H, ALWAYS, warnings=[50])],
                    when=Condition(priority=["urgent", "high"]),
                ),
                Policy(
                    "standard",
                    [Target("first_reply", 8 * H, HOURS), Target("resolution", 30 * H, HOURS)],
                ),
            ],
        )
    ],
)


class TestSla:
    def test_policy_rows_in_order_with_conditions_and_targets(self) -> None:
        """Each row in order, what it applies to, and a target per metric it sets."""
        page = Page(SLA._repr_html_())
        rows = page.table("Version 1, in force from Wed 2025-01-01 00:00 UTC")
        assert rows[0] == ["#", "policy", "applies to", "first_reply", "resolution"]
        assert rows[1] == [
            "1",
            "urgent",
            "priority: high, urgent",
            "1h of 24/7 (v1)\nat risk at 50%",
            "—",
        ]
        assert rows[2][:3] == ["2", "standard", "any case"]
        assert rows[2][4] == "30h of care (v2025)\nat risk at 50%, 75%"

    def test_day_targets_read_as_days(self) -> None:
        """A business-day target is shown as its count of days, not as a duration."""
        rows = [
            Policy(
                "days",
                [
                    Target("first_reply", EndOfBusinessDay(0), HOURS),
                    Target("resolution", BusinessDays(3), HOURS),
                    Target("next_reply", EndOfBusinessDay(1), HOURS),
                    Target("periodic_update", EndOfBusinessDay(2), HOURS),
                    Target("agent_work_time", BusinessDays(1), HOURS),
                    Target("requester_wait_time", EndOfBusinessDay(11), HOURS),
                ],
            )
        ]
        policy = SlaPolicy("days", [PolicyVersion("1", datetime(2025, 1, 1, tzinfo=UTC), rows)])
        text = Page(policy._repr_html_()).text
        for shown in (
            "end of the business day of care (v2025)",
            "3 business days of care (v2025)",
            "end of the next business day of care (v2025)",
            "end of the 2nd business day after of care (v2025)",
            "end of the 11th business day after of care (v2025)",
            "1 business day of care (v2025)",
        ):
            assert shown in text

    def test_policy_lists_its_calendars_by_name(self) -> None:
        """Every calendar a target counts in is listed once, with its version and zone."""
        rows = Page(SLA._repr_html_()).table("Calendars")
        assert [r[:3] for r in rows[1:]] == [
            ["24/7", "1", "America/Chicago"],
            ["care", "2025", "America/Chicago"],
        ]

    def test_policy_status_map_is_listed_escaped(self) -> None:
        """A policy's status map is listed, each name as text."""
        mapped = attrs.evolve(SLA, statuses=StatusMap({"Awaiting <vet>": "pending"}))
        markup = mapped._repr_html_()
        assert "<vet>" not in markup
        assert "Statuses: Awaiting <vet>: pending" in Page(markup).text

    def test_report_and_cycle_read_in_the_calendar_zone(self) -> None:
        """A report asked at a UTC instant reads every instant in the calendar's zone."""
        created = CaseEvent(
            "T-1",
            datetime(2026, 3, 6, 15, 0, tzinfo=UTC),
            "created",
            actor="customer:1",
            data={"priority": "normal"},
        )
        report = evaluate(
            CaseHistory("T-1", [created]), SLA, datetime(2026, 3, 6, 21, 0, tzinfo=UTC)
        )
        page = Page(report._repr_html_())
        assert page.tables[0].caption == "T-1 as of Fri 2026-03-06 15:00 CST (standard v1)"
        first_reply = page.table("T-1")[1]
        assert first_reply[:5] == [
            "first_reply",
            "1",
            "at risk",
            "Fri 2026-03-06 09:00 CST",
            "Fri 2026-03-06 17:00 CST",
        ]
        # 30 business hours: Friday 8, Saturday 4, Monday 8, Tuesday 8, Wednesday 2 (after DST).
        resolution = next(r for r in page.table("T-1") if r[0] == "resolution")
        assert resolution[4] == "Wed 2026-03-11 11:00 CDT"
        cycle = report.latest("first_reply")
        assert cycle is not None
        fields = named(Page(cycle._repr_html_()).table("first_reply #1"))
        assert fields["due"] == "Fri 2026-03-06 17:00 CST"
        assert fields["target"] == "8h"
        assert fields["calendar"] == "care (v2025)"
        assert fields["met"] == "—"


# -- workflow ------------------------------------------------------------------------------


class TestWorkflow:
    def test_every_step_is_listed(self) -> None:
        """The steps table has one row per step: from, event, label, to, roles, requirements."""
        page = Page(SUPPORT_TICKET._repr_html_())
        rows = page.table("Steps")
        assert rows[0] == ["from", "event", "label", "to", "roles", "requirements"]
        assert [r[1] for r in rows[1:]] == [s.event for s in SUPPORT_TICKET.steps]
        solve = next(r for r in rows if r[1] == "solve")
        assert solve[0] == "new, open, pending, on_hold"
        assert solve[5] == "data_resolution: the step needs data: resolution"

    def test_every_status_is_listed_and_the_mermaid_source_is_folded(self) -> None:
        """Statuses are listed with their categories; the Mermaid text sits in a details block."""
        markup = SUPPORT_TICKET._repr_html_()
        page = Page(markup)
        statuses = page.table("Statuses")
        assert [r[0] for r in statuses[1:]] == [s.name for s in SUPPORT_TICKET.statuses]
        assert statuses[1][3] == "initial"
        assert "<details><summary>" in markup
        assert page.pre[0].startswith("stateDiagram-v2")

    def test_labels_are_escaped(self) -> None:
        """A status label with markup shows as text in the table and in the Mermaid source."""
        flow = Workflow(
            "<b>flow</b>",
            "1",
            [Status("new", "new", label="<script>x</script>"), Status("done", "closed")],
            "new",
            [Step("finish", "new", "done")],
            final={"done"},
        )
        markup = flow._repr_html_()
        assert "<script>" not in markup
        assert "<b>" not in markup
        page = Page(markup)
        assert page.table("Statuses")[1][1] == "<script>x</script>"
        assert "<b>flow</b>" in page.text


def a_case() -> Case:
    opened = open_case(
        SUPPORT_TICKET,
        "T-<1>",
        at=datetime(2026, 3, 6, 9, 0, tzinfo=CHICAGO),
        actor=AGENT,
        data={"priority": "high"},
    )
    return fire(
        SUPPORT_TICKET,
        opened,
        "start_work",
        at=datetime(2026, 3, 6, 22, 30, tzinfo=UTC),
        actor=AGENT,
    )


class TestCase:
    def test_trail_times_in_the_case_zone_with_the_year(self) -> None:
        """A step taken at a UTC instant reads in the zone the case was opened in."""
        page = Page(a_case()._repr_html_())
        head = named(page.table("Case T-<1>"))
        assert head["opened"] == "Fri 2026-03-06 09:00 CST"
        assert head["status"] == "open"
        assert head["facts"] == "priority: high"
        trail = page.table("Audit trail")
        assert [r[:5] for r in trail[1:]] == [
            ["0", "Fri 2026-03-06 09:00 CST", "created", "—", "new"],
            ["1", "Fri 2026-03-06 16:30 CST", "start_work", "new", "open"],
        ]
        assert trail[2][5] == "agent:1 (agent)"

    def test_a_long_trail_is_cut(self) -> None:
        """A trail of more than fifty records shows fifty, then how many more."""
        case = a_case()
        at = datetime(2026, 3, 7, 9, 0, tzinfo=CHICAGO)
        for i in range(30):
            case = fire(SUPPORT_TICKET, case, "ask_customer", at=at + i * H, actor=AGENT)
            case = fire(SUPPORT_TICKET, case, "customer_replied", at=at + i * H, actor=AGENT)
        page = Page(case._repr_html_())
        assert len(page.table("Audit trail")) == 1 + 50
        assert "and 12 more records" in page.text

    def test_availability_lists_allowed_and_refused_with_reasons(self) -> None:
        """Allowed events are named; each refused one is listed with its every reason."""
        case = a_case()
        shown = available(
            SUPPORT_TICKET, case, Actor("bot", set()), at=datetime(2026, 3, 7, tzinfo=UTC)
        )
        page = Page(shown._repr_html_())
        assert "Allowed now: none" in page.text  # the case is open: every step out needs an agent
        agent = available(SUPPORT_TICKET, case, AGENT, at=datetime(2026, 3, 7, tzinfo=UTC))
        assert "Allowed now: ask_customer" in Page(agent._repr_html_()).text
        refused = named(page.table("Refused")[1:])
        assert refused["solve"].split("\n") == [
            "role: bot needs one of the roles agent",
            "data_resolution: the step needs data: resolution",
        ]


# -- eligibility ---------------------------------------------------------------------------

INCIDENT = date(2026, 4, 14)
BOOKING_ENDED = datetime(2026, 4, 17, 18, 0, tzinfo=NEW_YORK)
CLAIM = PetGuaranteeClaim(
    incident_date=INCIDENT,
    booked_on_platform=True,
    paid_on_platform=True,
    service="boarding",
    service_start=date(2026, 4, 13),
    service_end=date(2026, 4, 17),
    booking_ended_at=BOOKING_ENDED,
    reported_at=datetime(2026, 4, 18, 10, 0, tzinfo=NEW_YORK),
    own_pet=True,
    cause="injury",
    pre_existing=False,
    first_vet_visit=INCIDENT,
    documents=frozenset({"itemised_vet_invoice", "vet_records"}),
    invoice=(
        InvoiceLine("surgery", Decimal("1200.00"), date=INCIDENT),
        InvoiceLine("x_ray", Decimal("600.00")),
    ),
)


class TestEligibility:
    def test_decision_values_as_people_read_them(self) -> None:
        """Booleans read yes/no, dates ISO, instants in the one format, money with its currency."""
        markup = decide(PET_GUARANTEE, CLAIM)._repr_html_()
        no_reprs(markup)
        page = Page(markup)
        rules = {r[0]: r for r in page.table("Rules")}
        assert rules["on-platform"][3] == "booked_on_platform: yes\npaid_on_platform: yes"
        assert "incident_date: 2026-04-14" in rules["during-service"][3]
        assert rules["reported-in-time"][3] == (
            "booking_ended_at: Fri 2026-04-17 18:00 EDT\nreported_at: Sat 2026-04-18 10:00 EDT"
        )
        assert rules["vet-invoice"][3].startswith("documents: itemised_vet_invoice, vet_records")
        assert page.table("Amount payable")[-1] == ["payable", "", "$1,550.00"]
        assert page.table("Amount payable")[1] == ["Invoiced", "—", "$1,800.00"]
        assert {r[0]: r[1] for r in page.table("Parameters")[1:]}["cap"] == "25,000"

    def test_missing_facts_read_missing_and_requirements_have_dates(self) -> None:
        """A missing fact reads 'missing'; what is still needed lists its ISO deadline."""
        claim = attrs.evolve(CLAIM, pre_existing=MISSING, documents=MISSING)
        markup = decide(PET_GUARANTEE, claim)._repr_html_()
        no_reprs(markup)
        page = Page(markup)
        assert {r[0]: r[3] for r in page.table("Rules")}[
            "not-pre-existing"
        ] == "pre_existing: missing"
        assert page.items[0] == "Itemised vet invoice, by 2026-06-13"
        assert "waiting for information" in page.text

    def test_batch_shows_counts_and_the_first_claims(self) -> None:
        """Verdict counts, outcomes per rule, then ten claims and how many more."""
        batch = decide_many(PET_GUARANTEE, [CLAIM, attrs.evolve(CLAIM, own_pet=False)] * 7)
        markup = batch._repr_html_()
        no_reprs(markup)
        page = Page(markup)
        assert named(page.table("Verdicts")[1:])["eligible"] == "7"
        assert named(page.table("Verdicts")[1:])["ineligible"] == "7"
        per_rule = {r[0]: r[1:] for r in page.table("Outcomes per rule")[1:]}
        assert per_rule["owners-pet"] == ["7", "7", "0", "0"]
        claims = page.table("Claims")
        assert len(claims) == 1 + 10
        assert claims[2] == ["1", "ineligible", "2026-01", "owners-pet", "—"]
        assert "and 4 more claims" in page.text

    def test_a_decision_no_version_decides_says_why(self) -> None:
        """A claim before the first version shows the note, no empty rules table, no version."""
        markup = decide(
            PET_GUARANTEE, PetGuaranteeClaim(incident_date=date(2020, 1, 1))
        )._repr_html_()
        no_reprs(markup)
        page = Page(markup)
        assert "not covered by this policy" in page.text
        assert "No version of the policy was in force on 2020-01-01" in page.text
        assert page.tables == []

    def test_an_empty_batch_shows_its_zero_counts_only(self) -> None:
        """A batch of no claims shows each verdict's zero count and no empty claim table."""
        page = Page(decide_many(PET_GUARANTEE, [])._repr_html_())
        assert named(page.table("Verdicts")[1:]) == {
            "eligible": "0",
            "ineligible": "0",
            "needs info": "0",
            "not applicable": "0",
        }
        assert [t.caption for t in page.tables] == ["Verdicts"]

    def test_comparison_lists_each_change(self) -> None:
        """A claim reported after 60 hours changes between the 48- and 72-hour versions."""
        late = attrs.evolve(CLAIM, reported_at=BOOKING_ENDED + timedelta(hours=60))
        before, after = PET_GUARANTEE.pinned("2025-07"), PET_GUARANTEE.pinned("2026-01")
        markup = compare(before, after, [CLAIM, late])._repr_html_()
        no_reprs(markup)
        page = Page(markup)
        assert page.tables[0].caption == "1 of 2 claims change"
        assert page.table("Changes")[1] == [
            "1",
            "ineligible",
            "eligible",
            "—",
            "1,550.00",
            "reported-in-time",
        ]
