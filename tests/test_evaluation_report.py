"""Tests of report rendering (text, Markdown, JSON) and the worst-error ordering."""

from __future__ import annotations

import json

from eventcoder.evaluation.metrics import classification_scores
from eventcoder.evaluation.report import (
    ErrorExample,
    EvaluationReport,
    Section,
    render,
    snippet,
    to_json,
    worst,
)


def _report() -> EvaluationReport:
    s = classification_scores(["A", "B"], ["A", "A"])
    return EvaluationReport(
        task="toy",
        data_path="toy.jsonl",
        system="predictions:p.jsonl",
        units=2,
        sections=(Section("type", {"accuracy": s.accuracy, "missing": None}, 2, s, "a note"),),
        errors=(ErrorExample("u2", "type", "B", "A", "text two", 0.9),),
        notes=("1 predicted event(s) lack 'status'",),
    )


def test_report_flat_skips_missing_values() -> None:
    assert _report().flat() == {"type.accuracy": 0.5}


def test_report_text_markdown_json() -> None:
    r = _report()
    text = render(r)
    assert "== type (support 2)" in text and "B          A          1" not in text
    assert "confusions" in text and "worst errors" in text and "lack 'status'" in text
    md = render(r, md=True)
    assert (
        md.startswith("# eventcoder evaluation: toy") and "| label | P | R | F1 | support |" in md
    )
    data = json.loads(to_json(r))
    assert data["sections"][0]["scores"]["averages"]["accuracy"] == 0.5
    assert data["sections"][0]["scores"]["confusion"] == [
        {"gold": "A", "predicted": "A", "count": 1},
        {"gold": "B", "predicted": "A", "count": 1},
    ]
    assert data["worst_errors"][0]["id"] == "u2"


def test_report_worst_is_ordered_and_deterministic() -> None:
    errs = [
        ErrorExample("b", "s", "x", "y", "", 0.5),
        ErrorExample("a", "s", "x", "y", "", 0.5),
        ErrorExample("c", "s", "x", "y", "", 0.9),
    ]
    assert [e.unit_id for e in worst(errs, 2)] == ["c", "a"]
    assert snippet("a  b\n c") == "a b c" and snippet(None) == "" and len(snippet("x" * 500)) == 200
