"""Tests of the quality-gate logic: shortfalls, raising floors, refusing to lower them."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.evaluation.gate import (
    FLOORS_PATH,
    GateEntry,
    entries,
    load_floors,
    raise_floors,
    shortfalls,
)

DAY = dt.date(2026, 1, 2)


def _floors() -> dict[str, object]:
    return {
        "entries": {
            "toy": {
                "task": "plover",
                "data": "x.jsonl",
                "sample": None,
                "floors": {"a.f1": 0.5, "b.f1": 0.2},
            }
        }
    }


def test_gate_shortfalls() -> None:
    e = GateEntry("toy", "plover", "x.jsonl", None, {"a.f1": 0.5, "b.f1": 0.2})
    assert shortfalls(e, {"a.f1": 0.5, "b.f1": 0.3}) == []
    low = shortfalls(e, {"a.f1": 0.49})
    assert [(s.metric, s.measured) for s in low] == [("a.f1", 0.49), ("b.f1", None)]


def test_gate_raise_and_refuse_lowering() -> None:
    new, changes = raise_floors(_floors(), {"toy": {"a.f1": 0.61239, "b.f1": 0.2}}, today=DAY)
    assert new["entries"]["toy"]["floors"] == {"a.f1": 0.6123, "b.f1": 0.2}  # rounded down
    assert changes == ["toy a.f1: 0.5000 -> 0.6123"] and new["history"][0]["date"] == "2026-01-02"
    with pytest.raises(ValueError, match="--allow-regression"):
        raise_floors(_floors(), {"toy": {"a.f1": 0.4}}, today=DAY)
    with pytest.raises(ValueError, match="--allow-regression"):
        raise_floors(_floors(), {"toy": {"a.f1": 0.4}}, allow_regression=True, today=DAY)
    new, changes = raise_floors(
        _floors(), {"toy": {"a.f1": 0.4}}, allow_regression=True, reason="new tokenizer", today=DAY
    )
    assert new["entries"]["toy"]["floors"]["a.f1"] == 0.4
    assert new["history"][0]["reason"] == "new tokenizer" and changes[0].startswith("LOWERED")


def test_gate_committed_floors_file_is_valid() -> None:
    es = entries(load_floors(FLOORS_PATH))
    assert {e.task for e in es} <= {
        "acled",
        "muc4",
        "places",
        "plover",
        "police",
        "same-event",
        "wikievents",
    }
    assert all(isinstance(v, float) for e in es for v in e.floors.values())
