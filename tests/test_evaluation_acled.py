"""Hand-checked test of the case2021_task2 (ACLED) scorer on invented snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.errors import EvaluationError
from eventcoder.evaluation.run import evaluate
from eventcoder.evaluation.testing import event, write_json, write_jsonl

MAP = {
    "targets": {
        "acled_sub_event_type": {
            "Battles": ["Armed clash"],
            "Explosions/Remote violence": ["Air/drone strike"],
            "Protests": ["Peaceful protest"],
        }
    },
    "case2021_task2": {
        "ARMED_CLASH": {"acled": "Armed clash"},
        "AIR_STRIKE": {"acled": "Air/drone strike"},
        "PEACE_PROTEST": {"acled": "Peaceful protest"},
        "NATURAL_DISASTER": {"acled": None},
        "ATTRIB": {"acled": None, "plover": ["ACCUSE", "REJECT"]},
    },
}


def _gold(i: int, label: str, subtasks: list[int]) -> dict[str, object]:
    return {
        "id": f"s{i}",
        "text": f"invented snippet {i}",
        "doc_date": None,
        "gold": {"event_types": [label], "subtasks": subtasks},
    }


def test_acled_subtasks_coarse_and_attrib(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            _gold(1, "ARMED_CLASH", [1, 2, 3]),
            _gold(2, "ARMED_CLASH", [1, 2, 3]),
            _gold(3, "AIR_STRIKE", [1, 2, 3]),
            _gold(4, "PEACE_PROTEST", [1, 2, 3]),
            _gold(5, "NATURAL_DISASTER", [2, 3]),
            _gold(6, "ATTRIB", [3]),
        ],
    )
    preds = write_jsonl(
        tmp_path / "p.jsonl",
        [
            event("s1", acled="Armed clash"),
            # s2: two events; the more confident one (air strike) is the salient one -> wrong
            event("s2", acled="Armed clash", confidence=0.4),
            event("s2", acled="Air/drone strike", confidence=0.9, n=2),
            event("s3", acled="Air/drone strike"),
            # s4: no event -> (none); s5: no ACLED counterpart -> (none)
            event("s5", "ASSAULT"),
            event("s6", "ACCUSE", status="claimed"),
        ],
    )
    r = evaluate(gold, "acled", label_map=write_json(tmp_path / "m.json", MAP), predictions=preds)
    m = r.flat()
    # subtask 1 (s1-s4): right s1, s3 -> accuracy 2/4
    # ARMED_CLASH tp1 fn1 -> P1 R.5 F2/3 ; AIR_STRIKE tp1 fp1 -> P.5 R1 F2/3 ; PEACE_PROTEST 0
    # macro (2/3 + 2/3 + 0)/3 = 4/9 ; weighted (2/3*2 + 2/3*1 + 0*1)/4 = 1/2
    assert m["subtask1.micro_f1"] == 0.5
    assert m["subtask1.macro_f1"] == pytest.approx(4 / 9)
    assert m["subtask1.weighted_f1"] == pytest.approx(0.5)
    # subtask 2 adds s5 (wrong): accuracy 2/5; NATURAL_DISASTER F 0 -> macro (4/3)/4 = 1/3
    assert m["subtask2.micro_f1"] == pytest.approx(0.4)
    assert m["subtask2.macro_f1"] == pytest.approx(1 / 3)
    # subtask 3 adds s6: ACCUSE + claimed -> ATTRIB (right) -> 3/6
    assert m["subtask3.micro_f1"] == 0.5
    # coarse: Battles, Battles, Explosions, Protests
    #     vs Battles, Explosions, Explosions, (none) -> 2/4
    assert m["coarse.micro_f1"] == 0.5
    assert m["attrib_status.accuracy"] == 1.0
    # the worst error is the confident air strike given for s2
    assert r.errors[0].unit_id == "s2" and r.errors[0].got == "AIR_STRIKE"


def test_acled_unknown_gold_label_is_coded(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "g.jsonl", [_gold(1, "TEA_PARTY", [1, 2, 3])])
    with pytest.raises(EvaluationError, match=r"\[EC053\].*TEA_PARTY"):
        evaluate(
            gold,
            "acled",
            label_map=write_json(tmp_path / "m.json", MAP),
            predictions=write_jsonl(tmp_path / "p.jsonl", []),
        )
