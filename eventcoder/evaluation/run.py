"""``evaluate()``: read a gold file, get predictions (pipeline or file), score one task."""

from __future__ import annotations

import importlib
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from eventcoder.errors import EvaluationError
from eventcoder.evaluation import acled, muc4, places, plover, police, same_event, wikievents
from eventcoder.evaluation.codes import EC052_UNKNOWN_TASK, EC055_NO_SYSTEM
from eventcoder.evaluation.common import TaskResult
from eventcoder.evaluation.data import (
    GoldRecord,
    check_prediction_ids,
    read_cluster_predictions,
    read_event_predictions,
    read_gold,
    read_toponym_predictions,
    sample_records,
)
from eventcoder.evaluation.labels import LabelMaps, load_label_maps
from eventcoder.evaluation.report import EvaluationReport, worst
from eventcoder.records import Article, Event, RawArticle, Toponym

# Task name -> scorer module (each has TASK, REQUIRED_GOLD and score()).
EVENT_TASKS: dict[str, ModuleType] = {
    "acled": acled,
    "muc4": muc4,
    "plover": plover,
    "police": police,
    "wikievents": wikievents,
}
TASKS: tuple[str, ...] = tuple(sorted([*EVENT_TASKS, "places", "same-event"]))


def _unknown_task(task: str) -> EvaluationError:
    return EvaluationError(
        f"unknown task {task!r}; expected one of {', '.join(TASKS)}", code=EC052_UNKNOWN_TASK
    )


def pipeline_events(records: Sequence[GoldRecord], notes: list[str]) -> dict[str, list[Event]]:
    """Run the full pipeline over the records' texts (as given: no re-casing)."""
    try:
        pipeline = importlib.import_module("eventcoder.pipeline")
    except ImportError as exc:
        raise EvaluationError(
            "the eventcoder pipeline is not available (eventcoder.pipeline failed to import: "
            f"{exc}); pass --predictions FILE with Event JSONL instead",
            code=EC055_NO_SYSTEM,
        ) from exc
    arts = [RawArticle(doc_id=r.id, text=r.text or "", date=r.doc_date) for r in records]
    out: dict[str, list[Event]] = {}
    failed = 0
    try:
        for res in pipeline.run(arts):
            out.setdefault(res.doc_id, []).extend(res.events)
            failed += res.error is not None
    except ImportError as exc:  # a stage the pipeline needs is missing (e.g. mid-development)
        raise EvaluationError(
            f"the eventcoder pipeline is incomplete ({exc}); pass --predictions FILE instead",
            code=EC055_NO_SYSTEM,
        ) from exc
    if failed:
        notes.append(f"{failed} document(s) failed in the pipeline and count as having no events")
    return out


def pipeline_toponyms(records: Sequence[GoldRecord]) -> dict[str, list[Toponym]]:
    """Run the place finder over each record's text."""
    try:
        find_toponyms = importlib.import_module("eventcoder.stages.resolve_places").find_toponyms
    except (ImportError, AttributeError) as exc:
        raise EvaluationError(
            "eventcoder.stages.resolve_places.find_toponyms is not available; pass "
            "--predictions FILE with Toponym JSONL instead",
            code=EC055_NO_SYSTEM,
        ) from exc
    return {r.id: list(find_toponyms(Article(doc_id=r.id, text=r.text or ""))) for r in records}


def evaluate(
    data_path: str | Path,
    task: str,
    *,
    label_map: str | Path | LabelMaps | None = None,
    predictions: str | Path | None = None,
    sample: int | None = None,
) -> EvaluationReport:
    """Score ``task`` on the gold file ``data_path``.

    Predictions come from ``predictions`` (JSONL) when given, else from running eventcoder.
    ``sample`` keeps a deterministic subset of that many units (by hash of their id).
    """
    started = time.perf_counter()
    notes: list[str] = []
    if task not in TASKS:
        raise _unknown_task(task)
    system = f"predictions:{predictions}" if predictions is not None else "eventcoder"
    if task == "same-event":
        result, units = _same_event(data_path, predictions, sample)
    elif task == "places":
        result, units = _places(data_path, predictions, sample)
    else:
        maps = label_map if isinstance(label_map, LabelMaps) else load_label_maps(label_map)
        result, units = _events(EVENT_TASKS[task], data_path, maps, predictions, sample, notes)
    return EvaluationReport(
        task=task,
        data_path=str(data_path),
        system=system,
        units=units,
        sections=result.sections,
        errors=worst(result.errors),
        notes=tuple(notes) + result.notes,
        sample=sample,
        seconds=time.perf_counter() - started,
    )


def _same_event(
    data_path: str | Path, predictions: str | Path | None, sample: int | None
) -> tuple[TaskResult, int]:
    docs, pairs = same_event.read_same_event(data_path)
    if predictions is not None:
        given = read_cluster_predictions(predictions)
        ids = set(given.clusters) | {x for k in given.pair_scores for x in k}
        check_prediction_ids(ids, {d.id for d in docs}, predictions)
    docs = sample_records(docs, sample)
    system = given if predictions is not None else same_event.system_predictions(docs)
    return same_event.score(docs, pairs, system), len(docs)


def _places(
    data_path: str | Path, predictions: str | Path | None, sample: int | None
) -> tuple[TaskResult, int]:
    records = read_gold(data_path, required_gold=places.REQUIRED_GOLD, task="places")
    if predictions is not None:
        tops = read_toponym_predictions(predictions)
        check_prediction_ids(set(tops), {r.id for r in records}, predictions)
    records = sample_records(records, sample)
    if predictions is None:
        tops = pipeline_toponyms(records)
    return places.score(records, tops), len(records)


def _events(
    module: ModuleType,
    data_path: str | Path,
    maps: LabelMaps,
    predictions: str | Path | None,
    sample: int | None,
    notes: list[str],
) -> tuple[TaskResult, int]:
    records = read_gold(data_path, required_gold=module.REQUIRED_GOLD, task=module.TASK)
    # Foreign ids are checked against the whole file, before sampling, so a complete
    # predictions file can be scored on a sample.
    if predictions is not None:
        events = read_event_predictions(predictions, notes)
        check_prediction_ids(set(events), {r.id for r in records}, predictions)
    records = sample_records(records, sample)
    if predictions is None:
        events = pipeline_events(records, notes)
    result: TaskResult = module.score(records, events, maps)
    return result, len(records)
