"""Hand-checked test of the same-event (ecbplus) scorer and its TF-IDF baseline."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from eventcoder.errors import EvaluationError
from eventcoder.evaluation.run import evaluate
from eventcoder.evaluation.testing import write_jsonl

TEXTS = {
    "a1": "A storm flooded the harbour town of Kelmar on Monday.",
    "a2": "Floods hit Kelmar harbour after Monday's storm.",
    "b1": "An earthquake shook the mountain village of Ostra.",
    "b2": "Ostra village was shaken by an earthquake overnight.",
}
EVENT = {"a1": "1_ecb", "a2": "1_ecb", "b1": "1_ecbplus", "b2": "1_ecbplus"}


def _write(tmp_path: Path) -> Path:
    docs = [
        {"id": k, "text": v, "doc_date": None, "gold": {"seminal_event": EVENT[k]}}
        for k, v in TEXTS.items()
    ]
    pairs = [
        {
            "id": f"{a}|{b}",
            "text": None,
            "doc_date": None,
            "doc_a": a,
            "doc_b": b,
            "gold": {"same_event": EVENT[a] == EVENT[b]},
        }
        for a, b in (("a1", "a2"), ("a1", "b1"), ("b1", "b2"), ("a2", "b2"))
    ]
    write_jsonl(tmp_path / "toy_pairs.jsonl", pairs)
    return write_jsonl(tmp_path / "toy_docs.jsonl", docs)


def test_same_event_clusters_and_pairs(tmp_path: Path) -> None:
    data = _write(tmp_path)
    preds = write_jsonl(
        tmp_path / "p.jsonl",
        [
            {"doc_id": "a1", "story_id": "x"},
            {"doc_id": "a2", "story_id": "x"},
            {"doc_id": "b1", "story_id": "y"},
            {"doc_id": "b2", "story_id": "x"},
            {"doc_a": "a1", "doc_b": "a2", "score": 0.9},
            {"doc_a": "a1", "doc_b": "b1", "score": 0.2},
            {"doc_a": "b1", "doc_b": "b2", "score": 0.6},
            {"doc_a": "b2", "doc_b": "a2", "score": 0.7},
        ],
    )
    r = evaluate(data, "same-event", predictions=preds)
    m = r.flat()
    # B-cubed: a1 P2/3 R1 ; a2 P2/3 R1 ; b1 P1 R1/2 ; b2 P1/3 R1/2 -> P 2/3, R 3/4, F 12/17
    assert m["system_clusters.bcubed_precision"] == pytest.approx(2 / 3)
    assert m["system_clusters.bcubed_recall"] == pytest.approx(0.75)
    assert m["system_clusters.bcubed_f1"] == pytest.approx(12 / 17)
    # pairwise over all 6 pairs: tp a1a2, fp a1b2 a2b2, fn b1b2 -> P 1/3 R 1/2 F .4
    assert m["system_clusters.pairwise_f1"] == pytest.approx(0.4)
    # pairs: positives .9 .6, negatives .2 .7 -> 3 of 4 orderings right; best F1 .8 at .6
    assert m["system_pairs.roc_auc"] == 0.75
    assert (
        m["system_pairs.best_f1"] == pytest.approx(0.8) and m["system_pairs.best_threshold"] == 0.6
    )
    # the reference baseline is reported beside the system (when scikit-learn is installed)
    pytest.importorskip("sklearn")
    assert 0.0 <= m["baseline_pairs.roc_auc"] <= 1.0 and "baseline_clusters.bcubed_f1" in m


def test_same_event_without_clusterer_is_coded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "eventcoder.cluster", None)  # makes the import fail
    with pytest.raises(EvaluationError, match=r"\[EC055\].*eventcoder.cluster"):
        evaluate(_write(tmp_path), "same-event")


def test_same_event_foreign_predictions_are_coded(tmp_path: Path) -> None:
    preds = write_jsonl(tmp_path / "p.jsonl", [{"doc_id": "zz9", "story_id": "x"}])
    with pytest.raises(EvaluationError, match=r"\[EC054\]"):
        evaluate(_write(tmp_path), "same-event", predictions=preds)
