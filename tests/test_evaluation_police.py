"""Hand-checked tests of the indiapoliceevents scorer (sentence and document level)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.errors import EvaluationError
from eventcoder.evaluation.police import is_police
from eventcoder.evaluation.run import evaluate
from eventcoder.evaluation.testing import actor, event, write_json, write_jsonl
from eventcoder.records import ActorRef

MAP = {
    "indiapoliceevents": {
        "KILL": {"acled": ["Attack"], "plover": "ASSAULT"},
        "ARREST": {"acled": "Arrests", "plover": "COERCE"},
        "FORCE": {
            "acled": ["Attack", "Protest with intervention"],
            "plover": ["ASSAULT", "COERCE"],
        },
        "FAIL": {"acled": None, "plover": None, "assertion_status": "negated"},
        "ANY_ACTION": {"acled": "*", "plover": "*"},
    }
}


def _sent(i: int, labels: list[str]) -> dict[str, object]:
    return {
        "id": f"s{i}",
        "text": f"invented sentence {i}",
        "doc_date": "2002-03-01",
        "meta": {"doc_id": 1, "sent_id": i},
        "gold": {"event_types": labels},
    }


def test_police_actor_detection() -> None:
    assert is_police(ActorRef(text="the policemen", name="policemen"))
    assert is_police(ActorRef(text="x", name="x", actor_type="police"))
    assert not is_police(ActorRef(text="rioters", name="rioters"))
    assert not is_police(ActorRef(text="policy makers", name="policy makers"))


def test_police_sentence_labels(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            _sent(1, ["ANY_ACTION", "ARREST"]),
            _sent(2, ["ANY_ACTION", "FORCE", "KILL"]),
            _sent(3, ["FAIL"]),
            _sent(4, []),
            _sent(5, ["ANY_ACTION"]),
            _sent(6, []),
        ],
    )
    preds = write_jsonl(
        tmp_path / "p.jsonl",
        [
            event("s1", "COERCE", acled="Arrests", sources=["police"]),
            event("s2", acled="Attack", sources=["the policemen"], deaths=2),
            event("s3", sources=["police"], status="negated"),
            event("s4", sources=["rioters"]),  # not the police: no label
            event("s6", "MOBILIZE", sources=[actor("Rapid Action Force")]),
        ],
    )
    r = evaluate(gold, "police", label_map=write_json(tmp_path / "m.json", MAP), predictions=preds)
    s = r.section("labels").scores
    assert s is not None
    by = {x.label: x for x in s.per_label}
    # ANY_ACTION: tp s1 s2, fn s5, fp s6 -> P = R = 2/3 ; every other label exactly right
    assert (by["ANY_ACTION"].precision, by["ANY_ACTION"].recall) == pytest.approx((2 / 3, 2 / 3))
    assert by["KILL"].f1 == by["FORCE"].f1 == by["ARREST"].f1 == by["FAIL"].f1 == 1.0
    # micro tp6 fp1 fn1 -> 6/7 ; macro (2/3 + 4)/5 = 14/15
    assert s.micro_f1 == pytest.approx(6 / 7)
    assert s.macro_f1 == pytest.approx(14 / 15)


def test_police_document_per_day_counts(tmp_path: Path) -> None:
    docs = [
        {
            "id": "d1",
            "text": "a",
            "doc_date": "2002-03-01",
            "gold": {"event_types": ["ANY_ACTION", "ARREST"]},
        },
        {"id": "d2", "text": "b", "doc_date": "2002-03-01", "gold": {"event_types": []}},
        {
            "id": "d3",
            "text": "c",
            "doc_date": "2002-03-02",
            "gold": {"event_types": ["ANY_ACTION"]},
        },
    ]
    preds = write_jsonl(
        tmp_path / "p.jsonl", [event("d1", "COERCE", acled="Arrests", sources=["police"])]
    )
    m = evaluate(
        write_jsonl(tmp_path / "g.jsonl", docs),
        "police",
        label_map=write_json(tmp_path / "m.json", MAP),
        predictions=preds,
    ).flat()
    # ANY_ACTION per day: gold 1, 1 ; predicted 1, 0 -> MAE .5 ; gold is constant -> no r
    assert m["per_day_ANY_ACTION.mae"] == 0.5 and "per_day_ANY_ACTION.pearson" not in m
    # ARREST per day: gold 1, 0 ; predicted 1, 0 -> r 1, MAE 0
    assert m["per_day_ARREST.pearson"] == pytest.approx(1.0) and m["per_day_ARREST.mae"] == 0.0


def test_police_unknown_label_is_coded(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "g.jsonl", [_sent(1, ["DANCE"])])
    with pytest.raises(EvaluationError, match=r"\[EC053\].*DANCE"):
        evaluate(
            gold,
            "police",
            label_map=write_json(tmp_path / "m.json", MAP),
            predictions=write_jsonl(tmp_path / "p.jsonl", []),
        )
