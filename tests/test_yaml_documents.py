"""Documents written in YAML by hand, read with any YAML loader (here PyYAML's safe_load).

A person writing YAML leaves dates and instants unquoted, and YAML 1.1 loaders then hand
``date`` and ``datetime`` objects to the reader instead of text. The readers take both, so a
YAML file means what the same JSON file means; an unquoted instant without an offset is
still refused as naive.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from safetycore import config
from safetycore.eligibility import us_benefits
from safetycore.errors import ConfigurationErrorGroup, NaiveDatetimeError
from safetycore.workflow import STOCK_CHECKS

yaml = pytest.importorskip("yaml")
OPTIONS: dict[str, Any] = {"checks": STOCK_CHECKS, "registry": us_benefits.REGISTRY}
_QUOTED_TIME = re.compile(r"'(\d{4}-\d\d-\d\d(?:T[0-9:.]+(?:[+-]\d\d:\d\d|Z)?)?)'")


def _hand_written(document: dict[str, Any]) -> str:
    """``document`` as YAML with its dates and instants unquoted, as people write them."""
    return _QUOTED_TIME.sub(r"\1", yaml.safe_dump(document, sort_keys=False))


@pytest.mark.parametrize("name", config.examples())
def test_a_hand_written_yaml_file_means_what_its_json_means(name: str) -> None:
    document = config.example_document(name)
    assert config.load(yaml.safe_load(_hand_written(document)), **OPTIONS) == config.load(
        document, **OPTIONS
    )


def test_unquoting_really_hands_the_reader_dates_and_datetimes() -> None:
    loaded = yaml.safe_load(_hand_written(config.example_document("support_sla_current")))
    assert type(loaded["versions"][0]["effective"]).__name__ == "datetime"


def test_an_unquoted_instant_without_an_offset_is_naive() -> None:
    text = _hand_written(config.example_document("support_sla_current"))
    naive = re.sub(r"effective: (\S+?)[+-]\d\d:\d\d", r"effective: \1", text, count=1)
    assert naive != text
    with pytest.raises(ConfigurationErrorGroup) as caught:
        config.load(yaml.safe_load(naive))
    [error] = caught.value.exceptions
    assert isinstance(error, NaiveDatetimeError)
    assert error.field == "versions[0].effective"
