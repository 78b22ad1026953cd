"""Hand-checked test of the plover_gsr scorer on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.evaluation.run import evaluate
from eventcoder.evaluation.testing import actor, event, write_json, write_jsonl

MAP = {
    "plover_gsr": {"FIGHT": "ASSAULT", "AGREE": "AGREE", "DEMAND": "REQUEST"},
    "plover_2021_quad": {
        "ASSAULT": "MATERIAL_CONFLICT",
        "AGREE": "VERBAL_COOPERATION",
        "REQUEST": "VERBAL_CONFLICT",
    },
}


def _rec(
    i: int,
    label: str,
    sources: list[dict[str, str]],
    targets: list[dict[str, str]],
    **extra: object,
) -> dict[str, object]:
    gold = {
        "event_types": [label],
        "sources": sources,
        "targets": targets,
        "reciprocal": False,
        "fatalities": None,
        "injuries": None,
        **extra,
    }
    return {"id": f"p{i}", "text": f"invented sentence {i}", "doc_date": None, "gold": gold}


def test_plover_type_quad_actors_counts(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            _rec(
                1,
                "FIGHT",
                [{"text": "rebel fighters", "code": "XYZ"}],
                [{"text": "army", "code": "XYZ"}],
                fatalities=3,
            ),
            _rec(
                2,
                "AGREE",
                [{"text": "Ruritania", "code": "RUR"}, {"text": "Freedonia", "code": "FRE"}],
                [],
                reciprocal=True,
            ),
            _rec(3, "DEMAND", [{"text": "union leaders"}], [], injuries=2),
        ],
    )
    preds = write_jsonl(
        tmp_path / "p.jsonl",
        [
            event(
                "p1",
                "ASSAULT",
                sources=[actor("the rebel fighters", country="XYZ")],
                targets=["soldiers"],
                deaths=3,
            ),
            # reciprocal: the direction does not matter
            event("p2", "AGREE", sources=["Freedonia"], targets=["Ruritania"]),
            # wrong type; a predicted target where gold has none is not penalised
            event("p3", "ASSAULT", sources=["union"], targets=["government"]),
        ],
    )
    m = evaluate(
        gold, "plover", label_map=write_json(tmp_path / "m.json", MAP), predictions=preds
    ).flat()
    # type: right p1, p2 -> 2/3; ASSAULT tp1 fp1 (F 2/3), AGREE F 1, REQUEST F 0 -> macro 5/9
    assert m["type.accuracy"] == pytest.approx(2 / 3)
    assert m["type.macro_f1"] == pytest.approx(5 / 9)
    # quad: p3 VERBAL_CONFLICT predicted MATERIAL_CONFLICT -> 2/3
    assert m["quad.accuracy"] == pytest.approx(2 / 3)
    # sources exact: p1 tp1; p2 tp2 (pooled); p3 "union" vs "union leaders" fp1 fn1 -> 3/4 each
    assert m["actor_source.precision"] == 0.75 and m["actor_source.recall"] == 0.75
    # lenient: "union" has token F1 2/3 with "union leaders" -> all 4 right
    assert m["actor_source_lenient.f1"] == 1.0
    # targets: only p1 is scored ("soldiers" vs "army": fp1 fn1)
    assert m["actor_target.f1"] == 0.0
    # source codes: p1 XYZ tp1; p2 RUR, FRE not predicted fn2 -> P 1, R 1/3, F .5
    assert m["actor_source_code.recall"] == pytest.approx(1 / 3)
    assert m["actor_source_code.f1"] == pytest.approx(0.5)
    assert m["fatalities.exact_accuracy"] == 1.0
    assert m["injuries.exact_accuracy"] == 0.0
