"""The compiled clock kernels: the signals and categories they read off events."""

from __future__ import annotations

import numpy as np

from safetycore.analysis import _clock_kernel as kernel
from safetycore.events import CODE_CATEGORY_SHIFT, CODE_PUBLIC_FLAG, EventKind, StatusCategory
from safetycore.sla.metrics import SIGNALS

K = kernel.KIND
C = kernel.CATEGORY


def _read(*events: tuple[EventKind, bool, StatusCategory | None]) -> tuple[list[str], list[str]]:
    """The category after each event of one case, and the signals each raises, by name."""
    code = np.array(
        [
            K[k]
            | (CODE_PUBLIC_FLAG if p else 0)
            | (0 if c is None else (C[c] + 1) << CODE_CATEGORY_SHIFT)
            for k, p, c in events
        ],
        dtype=np.int64,
    )
    starts = np.array([0, len(events)], dtype=np.int64)
    category, signals = kernel.kernels().categories_and_signals(starts, code)
    names = [
        "|".join(sorted(name for name, bit in kernel.SIGNAL_BITS.items() if bits & bit))
        for bits in signals.tolist()
    ]
    return [kernel.CATEGORIES[code].value for code in category.tolist()], names


def _status(category: StatusCategory) -> tuple[EventKind, bool, StatusCategory]:
    return (EventKind.STATUS_CHANGED, False, category)


class TestSignals:
    def test_every_signal_is_raised_by_some_event(self) -> None:
        """Each name in ``SIGNALS`` has a bit some event sets (a new signal cannot be missed)."""
        events = [(kind, public, None) for kind in EventKind for public in (False, True)]
        events = [e for e in events if e[0] is not EventKind.STATUS_CHANGED]
        events += [_status(category) for category in StatusCategory]
        events.insert(0, (EventKind.CREATED, False, None))
        _, names = _read(*events)
        raised = {name for cell in names for name in cell.split("|") if name}
        assert raised == set(SIGNALS)

    def test_a_case_by_hand(self) -> None:
        """Created, a public reply, solved, a status back to open, solved, reopened."""
        categories, names = _read(
            (EventKind.CREATED, False, None),
            (EventKind.AGENT_REPLIED, True, None),
            (EventKind.AGENT_REPLIED, False, None),
            _status(StatusCategory.SOLVED),
            _status(StatusCategory.OPEN),  # back from solved: a reopen signal too
            _status(StatusCategory.SOLVED),
            (EventKind.REOPENED, False, None),  # from solved: the category becomes open
            (EventKind.REOPENED, False, None),  # already open: the signal, no change
            _status(StatusCategory.CLOSED),
        )
        assert categories == [
            *("new", "new", "new", "solved", "open", "solved", "open", "open", "closed")
        ]
        assert names == [
            "created",
            "agent_public_reply",
            "agent_internal_reply",
            "status:solved",
            "reopened|status:open",
            "status:solved",
            "reopened",
            "reopened",
            "status:closed",
        ]

    def test_solved_to_closed_is_no_reopen(self) -> None:
        """A status change from solved to closed (or solved again) raises no reopen signal."""
        _, names = _read(
            (EventKind.CREATED, False, None),
            _status(StatusCategory.SOLVED),
            _status(StatusCategory.SOLVED),
            _status(StatusCategory.CLOSED),
        )
        assert names[1:] == ["status:solved", "status:solved", "status:closed"]
