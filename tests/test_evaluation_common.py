"""Tests of the salient-event rule and count helpers."""

from __future__ import annotations

from eventcoder.evaluation.common import point, salient, status_for_scoring
from eventcoder.evaluation.testing import event
from eventcoder.records import Count, event_from_dict


def test_common_salient_prefers_confidence_then_mentions() -> None:
    low = event_from_dict(event("d", "PROTEST", n=1, confidence=0.4, mentions=5))
    high = event_from_dict(event("d", "ASSAULT", n=2, confidence=0.9))
    tie = event_from_dict(event("d", "AGREE", n=3, confidence=0.9, mentions=2))
    assert salient([low, high]) is high
    assert salient([low, high, tie]) is tie  # same confidence: more mentions wins
    assert salient([]) is None


def test_common_point_and_status() -> None:
    assert point(Count(min=5, max=None, text="at least 5")) == 5
    assert point(Count(min=None, max=9, text="up to 9")) == 9
    assert point(None) is None
    assert status_for_scoring("reported") == "asserted"
    assert status_for_scoring("claimed") == "claimed"
