"""The one mechanism behind every invariant checker: search with hypothesis, report in words.

A checker is a function a test calls in one line (``check_sla_bound(policy, ...)``). It
builds a property over values drawn from a strategy and hands it to :func:`search`, which
runs it as a hypothesis test: hypothesis explores, shrinks the first failure it finds to a
minimal one and re-raises it. A failure is an :class:`InvariantError`, an
``AssertionError`` (so pytest reports it as a failed test, not an error) whose message says
what went wrong in the domain's words; hypothesis adds the shrunk input as a note.

The search runs under the caller's hypothesis settings (the active profile), so a project's
``max_examples``, database and verbosity apply; ``max_examples`` may be given per call.
Deadlines are off: a checker's property may compile a policy on first use. Hypothesis
reports one failure (the first it shrinks, not one per raising line) and skips its
``explain`` phase, which can take seconds on wide inputs and adds nothing to a message that
already says what broke.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from safetycore._config import whole_number
from safetycore.errors import InvalidArgumentError

__all__ = ["InvariantError", "search"]

T = TypeVar("T")


class InvariantError(AssertionError):
    """A promise a policy, calendar or workflow makes does not hold for some input.

    ``str(error)`` is the counterexample in the domain's words (a case id, its instants in
    their zone, the target and by how much it was missed); ``error.invariant`` names the
    checker's promise and ``error.example`` is the value that broke it (already shrunk when
    the error comes out of a checker).
    """

    def __init__(self, message: str, *, invariant: str, example: object) -> None:
        super().__init__(message)
        self.invariant = invariant
        self.example = example


def search(
    strategy: st.SearchStrategy[T],
    check: Callable[[T], None],
    *,
    name: str,
    max_examples: int | None = None,
) -> None:
    """Run ``check`` on values drawn from ``strategy`` until it raises or hypothesis is done.

    ``check`` raises :class:`InvariantError` when the promise fails for its argument;
    the shrunk violation propagates to the caller. ``name`` names the property in
    hypothesis' report (``Falsifying example: check_sla_bound(value=...)``).
    ``max_examples`` (a whole number from 1) overrides the active profile's.
    """
    active = settings()  # the caller's active profile
    phases = tuple(phase for phase in active.phases if phase is not Phase.explain)
    overrides: dict[str, Any] = {
        "deadline": None,
        "report_multiple_bugs": False,
        "phases": phases,
    }
    if max_examples is not None:
        if whole_number(max_examples, "max_examples") < 1:
            raise InvalidArgumentError(
                "must be an integer >= 1", field="max_examples", value=max_examples
            )
        overrides["max_examples"] = max_examples

    def run(value: T) -> None:
        check(value)

    run.__name__ = run.__qualname__ = name
    settings(active, **overrides)(given(strategy)(run))()
