"""Tests of evaluate() and the `eventcoder evaluate` command: output, determinism, bad input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli.evaluate import evaluate_cmd
from eventcoder.errors import EvaluationError
from eventcoder.evaluation.run import TASKS, evaluate
from eventcoder.evaluation.testing import event, write_json, write_jsonl

MAP = {
    "plover_gsr": {"AGREE": "AGREE", "FIGHT": "ASSAULT"},
    "plover_2021_quad": {"AGREE": "VERBAL_COOPERATION", "ASSAULT": "MATERIAL_CONFLICT"},
}


def _files(tmp_path: Path) -> tuple[Path, Path, Path]:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            {
                "id": f"p{i}",
                "text": f"sentence {i}",
                "doc_date": None,
                "gold": {"event_types": [lab], "sources": [], "targets": []},
            }
            for i, lab in enumerate(["AGREE", "FIGHT", "AGREE"])
        ],
    )
    preds = write_jsonl(tmp_path / "p.jsonl", [event("p0", "AGREE"), event("p1", "AGREE")])
    return gold, preds, write_json(tmp_path / "m.json", MAP)


def test_run_tasks_listed() -> None:
    assert TASKS == ("acled", "muc4", "places", "plover", "police", "same-event", "wikievents")


def test_run_unknown_task_is_coded(tmp_path: Path) -> None:
    gold, preds, maps = _files(tmp_path)
    with pytest.raises(EvaluationError, match=r"\[EC052\].*'cameo'.*plover"):
        evaluate(gold, "cameo", label_map=maps, predictions=preds)


def test_run_sample_and_determinism(tmp_path: Path) -> None:
    gold, preds, maps = _files(tmp_path)
    a = evaluate(gold, "plover", label_map=maps, predictions=preds, sample=2)
    b = evaluate(gold, "plover", label_map=maps, predictions=preds, sample=2)
    assert a.units == 2 and a.flat() == b.flat() and a.errors == b.errors


def test_run_missing_pipeline_is_coded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gold, _, maps = _files(tmp_path)
    monkeypatch.setitem(sys.modules, "eventcoder.pipeline", None)
    with pytest.raises(EvaluationError, match=r"\[EC055\].*--predictions"):
        evaluate(gold, "plover", label_map=maps)


def test_run_cli_json_and_errors(tmp_path: Path) -> None:
    gold, preds, maps = _files(tmp_path)
    runner = CliRunner()
    args = [str(gold), "--task", "plover", "--label-map", str(maps), "--predictions", str(preds)]
    res = runner.invoke(evaluate_cmd, [*args, "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    # p0 right, p1 AGREE for FIGHT, p2 nothing -> 1/3
    assert data["sections"][0]["metrics"]["accuracy"] == pytest.approx(1 / 3)
    assert runner.invoke(evaluate_cmd, [*args, "--format", "md"]).output.startswith("# eventcoder")
    # a gold file for another task: coded error, exit code 1, no traceback
    res = runner.invoke(
        evaluate_cmd,
        [str(gold), "--task", "acled", "--label-map", str(maps), "--predictions", str(preds)],
    )
    assert res.exit_code == 1 and "[EC051]" in res.output
    res = runner.invoke(evaluate_cmd, [str(gold), "--task", "nope"])
    assert res.exit_code == 2 and "nope" in res.output
