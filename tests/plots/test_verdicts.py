"""``plots.verdicts``: claims per verdict and the rules failed most, as horizontal bars."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.axes import Axes

from safetycore.analysis import EligibilityFrames, decide_frame
from safetycore.datasets import benefits_enrolments
from safetycore.eligibility.us_benefits import GROUP_HEALTH_ENROLMENT
from safetycore.errors import InputTypeError, InvalidArgumentError
from safetycore.plots import verdicts

VERDICTS = ["eligible", "ineligible", "needs_info", "not_applicable"]
DECISIONS = pd.DataFrame(
    {
        "verdict": ["eligible", "ineligible", "ineligible", "needs_info", "ineligible"],
        "reasons": ["", "a;b", "b", "", "b;c"],
    },
    index=["C1", "C2", "C3", "C4", "C5"],
)


def bars(axes: Axes) -> dict[str, float]:
    """Each tick label and its bar's width, top to bottom."""
    labels = [t.get_text() for t in axes.get_yticklabels()]
    return dict(zip(labels, [p.get_width() for p in axes.patches], strict=True))


@pytest.fixture(scope="module")
def frames() -> EligibilityFrames:
    table = next(benefits_enrolments(40, seed=1))
    return decide_frame(GROUP_HEALTH_ENROLMENT, table, ignore=["request_id"])


def test_verdict_counts_in_verdict_order_with_zeros() -> None:
    """Every verdict has a bar, in Verdict order, its width the hand count, labelled."""
    left, _ = verdicts(DECISIONS).axes
    assert bars(left) == {"eligible": 1, "ineligible": 3, "needs_info": 1, "not_applicable": 0}
    assert [t.get_text() for t in left.texts] == ["1", "3", "1", "0"]
    assert left.yaxis_inverted()  # the first verdict at the top


def test_top_reasons_most_failed_first() -> None:
    """Rule b failed by three claims, then a and c by one each (ties by id); ``top`` cuts."""
    _, right = verdicts(DECISIONS).axes
    assert bars(right) == {"b": 3, "a": 1, "c": 1}
    assert list(bars(right)) == ["b", "a", "c"]
    assert right.get_title() == "top 3 reasons"
    _, cut = verdicts(DECISIONS, top=2).axes
    assert list(bars(cut)) == ["b", "a"]


def test_titles() -> None:
    """The figure is titled with the number of claims, or ``title=``; panels say what."""
    figure = verdicts(DECISIONS)
    assert figure.get_suptitle() == "Eligibility: 5 claims"
    assert [a.get_title() for a in figure.axes] == ["verdicts", "top 3 reasons"]
    assert verdicts(DECISIONS, title="March").get_suptitle() == "March"


def test_frames_frame_and_decisions_agree(frames: EligibilityFrames) -> None:
    """EligibilityFrames, its decisions frame and its Decisions draw the same bars."""
    expected = frames.decisions["verdict"].value_counts().reindex(VERDICTS, fill_value=0)
    decisions = [frames.batch[i] for i in range(len(frames.batch))]
    drawn = [verdicts(source).axes for source in (frames, frames.decisions, decisions)]
    for left, right in drawn:
        assert bars(left) == expected.to_dict()
        assert bars(right) == bars(drawn[0][1])


def test_no_failed_rule_says_so() -> None:
    """Without an ineligible claim the reasons panel carries a note instead of bars."""
    _, right = verdicts(DECISIONS.iloc[[0, 3]]).axes
    assert len(right.patches) == 0
    assert [t.get_text() for t in right.texts] == ["no claim failed a rule"]


def test_bad_inputs_are_refused(frames: EligibilityFrames) -> None:
    """Missing columns, unknown verdicts, non-Decisions and a bad ``top`` are each named."""
    with pytest.raises(InvalidArgumentError, match="reasons") as caught:
        verdicts(DECISIONS.drop(columns=["reasons"]))
    assert caught.value.field == "decisions.columns"
    with pytest.raises(InvalidArgumentError, match="C2") as unknown:
        verdicts(DECISIONS.assign(verdict=["eligible", "maybe", *["eligible"] * 3]))
    assert unknown.value.value == "maybe"
    with pytest.raises(InputTypeError, match=r"decisions\[1\]"):
        verdicts([frames.batch[0], "x"])  # type: ignore[list-item]
    with pytest.raises(InputTypeError, match="decisions"):
        verdicts("eligible")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="top"):
        verdicts(DECISIONS, top=0)
