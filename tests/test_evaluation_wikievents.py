"""Hand-checked test of the wikievents argument scorer on an invented document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventcoder.evaluation.run import evaluate
from eventcoder.evaluation.testing import event, write_json, write_jsonl

MAP = {
    "wikievents_kairos": {
        "Conflict.Attack.": {"acled": ["Attack"], "plover": "ASSAULT"},
        "Life.Die.": {"acled": None, "plover": None, "_outcome": "fatalities"},
    }
}


def _arg(role: str, text: str, eid: str, coref: list[str]) -> dict[str, Any]:
    return {
        "role": role,
        "text": text,
        "entity_id": eid,
        "entity_type": "PER",
        "coref_texts": coref,
    }


def test_wikievents_head_and_coref_match(tmp_path: Path) -> None:
    events = [
        {
            "id": "E1",
            "type": "Conflict.Attack.Unspecified",
            "trigger": {"text": "attacked"},
            "arguments": [
                _arg("Attacker", "militants", "T1", ["militants", "the Blue Brigade"]),
                _arg("Target", "convoy", "T2", ["convoy"]),
                _arg("Place", "Eastville", "T3", ["Eastville"]),
            ],
        },
        # an outcome event: its Victim is a target; the same entity twice counts once
        {
            "id": "E2",
            "type": "Life.Die.Unspecified",
            "trigger": {"text": "killed"},
            "arguments": [
                _arg("Victim", "driver", "T4", ["driver", "Sam Low"]),
                _arg("Victim", "driver", "T4", ["driver", "Sam Low"]),
            ],
        },
        # an event type the map does not cover is ignored, with its arguments
        {
            "id": "E3",
            "type": "Contact.Contact.Broadcast",
            "trigger": {"text": "said"},
            "arguments": [_arg("Place", "Westville", "T5", ["Westville"])],
        },
    ]
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            {
                "id": "w1",
                "text": "invented report",
                "doc_date": None,
                "gold": {"event_types": [], "events": events},
            }
        ],
    )
    preds = write_jsonl(
        tmp_path / "p.jsonl",
        [
            event(
                "w1",
                "ASSAULT",
                sources=["Blue Brigade"],
                targets=["Sam Low", "Eastville"],
                place="Northtown",
            ),
        ],
    )
    m = evaluate(
        gold, "wikievents", label_map=write_json(tmp_path / "m.json", MAP), predictions=preds
    ).flat()
    # gold entities: actor militants; target convoy, driver; location Eastville (4)
    # predictions: actor "Blue Brigade"; target "Sam Low", "Eastville"; location "Northtown" (4)
    # head match: "Eastville" is a gold head (identification tp1) -> P = R = 1/4
    assert m["identification_head.precision"] == 0.25 and m["identification_head.recall"] == 0.25
    # ... but as a target it is the wrong role: classification head tp0
    assert m["classification_head.f1"] == 0.0
    # coref match: + "Blue Brigade" (actor) and "Sam Low" (driver): identification tp3 -> 3/4
    assert m["identification_coref.f1"] == pytest.approx(0.75)
    # classification coref: actor tp1, target tp1 (Sam Low) fp1 (Eastville), location fp1 fn1
    # -> tp2 fp2 fn2 -> .5
    assert m["classification_coref.f1"] == pytest.approx(0.5)
    assert m["location_coref.recall"] == 0.0
    assert m["event_types.micro_f1"] == 1.0  # ASSAULT in gold and predicted
