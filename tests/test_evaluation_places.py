"""Hand-checked test of the places (geowebnews) scorer on an invented article."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.evaluation.metrics import haversine_km
from eventcoder.evaluation.run import evaluate
from eventcoder.evaluation.testing import write_jsonl

TEXT = "We flew from Oslo to Bergen and saw Norwegian officials there."


def _span(
    word: str, kind: str, lat: float | None = None, lon: float | None = None, ok: bool = True
) -> dict[str, object]:
    s = TEXT.index(word)
    return {
        "text": word,
        "start": s,
        "end": s + len(word),
        "offset_ok": ok,
        "type": kind,
        "non_locational": False,
        "lat": lat,
        "lon": lon,
    }


def test_places_recognition_and_geocoding(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            {
                "id": "g1",
                "text": TEXT,
                "doc_date": None,
                "gold": {
                    "toponyms": [
                        _span("Oslo", "Literal", 59.91, 10.75),
                        _span("Bergen", "Literal", 60.39, 5.32),
                        _span("Norwegian", "Demonym"),
                        _span("flew from Oslo", "Literal_Expression"),  # not a toponym: ignored
                        _span("there", "Literal", ok=False),  # bad upstream offset: ignored
                    ]
                },
            }
        ],
    )
    b = TEXT.index("Bergen")
    s = TEXT.index("saw")
    preds = write_jsonl(
        tmp_path / "p.jsonl",
        [
            {"doc_id": "g1", "start": 13, "end": 17, "text": "Oslo", "lat": 59.91, "lon": 10.75},
            {
                "doc_id": "g1",
                "start": b,
                "end": b + 10,
                "text": "Bergen and",
                "lat": 0.0,
                "lon": 0.0,
            },
            {"doc_id": "g1", "start": s, "end": s + 3, "text": "saw"},
        ],
    )
    m = evaluate(gold, "places", predictions=preds).flat()
    # gold toponyms: Oslo, Bergen, Norwegian (3); predicted 3
    # exact: Oslo only -> tp1 fp2 fn2 -> P = R = 1/3 ; overlap: + Bergen -> 2/3
    assert m["recognition_exact.precision"] == pytest.approx(1 / 3)
    assert m["recognition_overlap.f1"] == pytest.approx(2 / 3)
    # literal types: Oslo, Bergen; predicted literal: all 3
    # -> exact P 1/3 R 1/2 F .4 ; overlap P 2/3 R 1 F .8
    assert m["literal_exact.f1"] == pytest.approx(0.4)
    assert m["literal_overlap.f1"] == pytest.approx(0.8)
    # geocoding: Oslo 0 km (right), Bergen put at 0,0 (wrong) -> 1/2 ; median of (0, d) = d/2
    assert m["geocoding.accuracy_161km"] == 0.5
    assert m["geocoding.median_error_km"] == pytest.approx(haversine_km(60.39, 5.32, 0, 0) / 2)
