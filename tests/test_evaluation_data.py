"""Tests of gold/prediction reading, validation and deterministic sampling."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.errors import EvaluationError
from eventcoder.evaluation.data import (
    check_prediction_ids,
    read_cluster_predictions,
    read_event_predictions,
    read_gold,
    read_toponym_predictions,
    sample_records,
)
from eventcoder.evaluation.testing import event, write_jsonl


def _gold(tmp_path: Path, n: int = 5) -> Path:
    rows = [
        {"id": f"d{i}", "text": f"text {i}", "doc_date": "2001-02-03", "gold": {"event_types": []}}
        for i in range(n)
    ]
    return write_jsonl(tmp_path / "gold.jsonl", rows)


def test_data_read_gold_and_wrong_format(tmp_path: Path) -> None:
    recs = read_gold(_gold(tmp_path), required_gold=("event_types",), task="police")
    assert [r.id for r in recs] == ["d0", "d1", "d2", "d3", "d4"]
    assert recs[0].doc_date is not None and recs[0].doc_date.year == 2001
    with pytest.raises(EvaluationError, match=r"\[EC051\].*missing gold.subtasks"):
        read_gold(_gold(tmp_path), required_gold=("subtasks",), task="acled")
    (tmp_path / "x.jsonl").write_text('{"id": 1}\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"\[EC051\].*line 1 .*missing gold"):
        read_gold(tmp_path / "x.jsonl", required_gold=(), task="acled")
    (tmp_path / "z.jsonl").write_text('{"id": 1, "gold": {}}\n[1]\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"\[EC051\].*line 2 is a list"):
        read_gold(tmp_path / "z.jsonl", required_gold=(), task="acled")
    (tmp_path / "y.jsonl").write_text("not json\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"\[EC051\].*not JSON"):
        read_gold(tmp_path / "y.jsonl", required_gold=(), task="acled")


def test_data_sampling_is_deterministic_and_order_free(tmp_path: Path) -> None:
    recs = read_gold(_gold(tmp_path, 50), required_gold=(), task="police")
    a = sample_records(recs, 10)
    b = sample_records(list(reversed(recs)), 10)
    assert len(a) == 10 and {r.id for r in a} == {r.id for r in b}
    assert sample_records(recs, None) == recs and sample_records(recs, 99) == recs


def test_data_event_predictions_missing_fields_are_noted(tmp_path: Path) -> None:
    ev = event("d1", "PROTEST")
    del ev["status"]
    notes: list[str] = []
    out = read_event_predictions(write_jsonl(tmp_path / "p.jsonl", [ev, {"doc_id": "d2"}]), notes)
    assert out["d1"][0].status == "asserted" and out["d2"][0].event_type == ""
    assert any("'status'" in n for n in notes) and any("'event_type'" in n for n in notes)
    with pytest.raises(EvaluationError, match=r"\[EC056\].*no doc_id"):
        read_event_predictions(write_jsonl(tmp_path / "q.jsonl", [{"x": 1}]), [])


def test_data_foreign_predictions_are_refused() -> None:
    check_prediction_ids({"a"}, {"a", "b"}, "p.jsonl")
    with pytest.raises(EvaluationError, match=r"\[EC054\].*zzz"):
        check_prediction_ids({"a", "zzz"}, {"a", "b"}, "p.jsonl")


def test_data_toponym_and_cluster_predictions(tmp_path: Path) -> None:
    tops = read_toponym_predictions(
        write_jsonl(
            tmp_path / "t.jsonl",
            [
                {
                    "doc_id": "d",
                    "start": 0,
                    "end": 4,
                    "text": "Oslo",
                    "lat": 59.9,
                    "lon": 10.7,
                    "extra": 1,
                }
            ],
        )
    )
    assert tops["d"][0].lat == 59.9
    cp = read_cluster_predictions(
        write_jsonl(
            tmp_path / "c.jsonl",
            [{"doc_id": "a", "story_id": "s1"}, {"doc_a": "b", "doc_b": "a", "score": 0.3}],
        )
    )
    assert cp.clusters == {"a": "s1"} and cp.pair_scores == {("a", "b"): 0.3}
    with pytest.raises(EvaluationError, match=r"\[EC056\]"):
        read_cluster_predictions(write_jsonl(tmp_path / "d.jsonl", [{"doc_id": "a"}]))
