"""Example: the support-ticket workflow, tested as a state machine and path by path.

``state_machine_for`` turns the workflow into a hypothesis state machine that takes random
allowed steps and checks, after each, the status, the audit trail and replay; the invariant
below adds the team's own promise. ``check_each_path`` walks the shortest path to every
status and checks a property on the case at its end. Run with pytest.
"""

from hypothesis import settings

from safetycore.testing import check_each_path, shortest_paths, state_machine_for
from safetycore.workflow import SUPPORT_TICKET, Case


def solved_cases_say_how(case: Case) -> bool:
    """A solved or closed ticket always records its resolution."""
    return case.status not in ("solved", "closed") or "resolution" in case.fact_map


TestSupportTicket = state_machine_for(SUPPORT_TICKET, invariant=solved_cases_say_how).TestCase
TestSupportTicket.settings = settings(max_examples=20, stateful_step_count=10, deadline=None)


def test_every_status_is_reachable_and_sound() -> None:
    """The shortest path to each status can be walked, and ends in that status."""
    paths = shortest_paths(SUPPORT_TICKET)
    assert set(paths) == {status.name for status in SUPPORT_TICKET.statuses}

    def ends_where_it_should(case: Case) -> None:
        assert solved_cases_say_how(case)

    check_each_path(SUPPORT_TICKET, ends_where_it_should)
