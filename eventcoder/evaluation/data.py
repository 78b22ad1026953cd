"""Reading gold files and prediction files, validating them, and sampling deterministically."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.errors import EvaluationError
from eventcoder.evaluation.codes import (
    EC051_BAD_GOLD,
    EC054_FOREIGN_PREDICTIONS,
    EC056_BAD_PREDICTIONS,
)
from eventcoder.records import Event, Toponym, event_from_dict


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One annotated unit of an evaluation file (``gold`` keeps the dataset's own shape)."""

    id: str
    text: str | None
    doc_date: dt.date | None
    gold: Mapping[str, Any]
    meta: Mapping[str, Any]
    raw: Mapping[str, Any]  # the whole line, for fields outside gold (doc_a, doc_b ...)
    line: int


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def read_jsonl(path: str | Path, *, code: str, what: str) -> list[tuple[int, dict[str, Any]]]:
    """Parse a JSON Lines file into (line number, object) pairs; coded errors on bad lines."""
    p = Path(path)
    if not p.is_file():
        raise EvaluationError(f"{what} file {p} does not exist; check the path", code=code)
    out: list[tuple[int, dict[str, Any]]] = []
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationError(
                    f"{what} file {p} line {n} is not JSON ({exc.msg}); expected one JSON "
                    "object per line",
                    code=code,
                ) from exc
            if not isinstance(obj, dict):
                raise EvaluationError(
                    f"{what} file {p} line {n} is a {type(obj).__name__}, expected an object",
                    code=code,
                )
            out.append((n, obj))
    return out


def read_gold(path: str | Path, *, required_gold: Sequence[str], task: str) -> list[GoldRecord]:
    """Read an evaluation file in the shared format ``{id, text, doc_date, gold, ...}``.

    ``required_gold`` are the keys every ``gold`` object must have for ``task``.
    """
    records: list[GoldRecord] = []
    for n, obj in read_jsonl(path, code=EC051_BAD_GOLD, what="gold"):
        missing = [k for k in ("id", "gold") if k not in obj]
        gold = obj.get("gold")
        if not missing and isinstance(gold, dict):
            missing = [f"gold.{k}" for k in required_gold if k not in gold]
        elif not missing:
            missing = ["gold (an object)"]
        if missing:
            raise EvaluationError(
                f"{path} line {n} is not a {task!r} gold record: missing {', '.join(missing)}; "
                f"expected {{id, text, doc_date, gold: {{{', '.join(required_gold)}}}}} "
                f"(is this the right file for --task {task}?)",
                code=EC051_BAD_GOLD,
            )
        text = obj.get("text")
        records.append(
            GoldRecord(
                id=str(obj["id"]),
                text=text if isinstance(text, str) else None,
                doc_date=_date(obj.get("doc_date")),
                gold=gold,  # type: ignore[arg-type]
                meta=obj.get("meta") or {},
                raw=obj,
                line=n,
            )
        )
    if not records:
        raise EvaluationError(f"gold file {path} has no records", code=EC051_BAD_GOLD)
    return records


def sample_records(records: Sequence[GoldRecord], n: int | None) -> list[GoldRecord]:
    """A deterministic sample of ``n`` records: those with the smallest SHA-1 of their id.

    Hashing the id (not the position) keeps the sample stable when the file is reordered.
    """
    if n is None or n >= len(records):
        return list(records)
    ranked = sorted(records, key=lambda r: hashlib.sha1(r.id.encode("utf-8")).hexdigest())
    keep = {r.id for r in ranked[:n]}
    return [r for r in records if r.id in keep]


def check_prediction_ids(pred_ids: set[str], gold_ids: set[str], path: str | Path) -> None:
    """Refuse predictions for documents the gold file does not have."""
    foreign = sorted(pred_ids - gold_ids)
    if foreign:
        raise EvaluationError(
            f"predictions file {path} has {len(foreign)} document id(s) not in the gold file "
            f"(e.g. {', '.join(foreign[:3])}); expected predictions for the gold file's ids "
            "(was it made from another dataset?)",
            code=EC054_FOREIGN_PREDICTIONS,
        )


_EVENT_DEFAULTS: dict[str, Any] = {"event_type": "", "status": "asserted", "mentions": 1}


def read_event_predictions(path: str | Path, notes: list[str]) -> dict[str, list[Event]]:
    """Read Event JSONL (``Event.as_dict()`` per line); missing optional fields are noted."""
    out: dict[str, list[Event]] = {}
    defaulted: dict[str, int] = {}
    for n, obj in read_jsonl(path, code=EC056_BAD_PREDICTIONS, what="predictions"):
        if "doc_id" not in obj:
            raise EvaluationError(
                f"predictions file {path} line {n} has no doc_id; expected Event records "
                "as written by `eventcoder extract --format jsonl`",
                code=EC056_BAD_PREDICTIONS,
            )
        d = dict(obj)
        d.setdefault("event_id", f"{d['doc_id']}#{n}")
        for key, value in _EVENT_DEFAULTS.items():
            if key not in d:
                defaulted[key] = defaulted.get(key, 0) + 1
                d[key] = value
        try:
            ev = event_from_dict(d)
        except (TypeError, KeyError, ValueError) as exc:
            raise EvaluationError(
                f"predictions file {path} line {n} is not an Event record ({exc}); expected "
                "Event.as_dict() fields",
                code=EC056_BAD_PREDICTIONS,
            ) from exc
        out.setdefault(str(ev.doc_id), []).append(ev)
    for key, count in sorted(defaulted.items()):
        notes.append(f"{count} predicted event(s) lack {key!r}; used {_EVENT_DEFAULTS[key]!r}")
    return out


def read_toponym_predictions(path: str | Path) -> dict[str, list[Toponym]]:
    """Read Toponym JSONL (``{doc_id, start, end, text, lat, lon, literal, ...}`` per line)."""
    out: dict[str, list[Toponym]] = {}
    fields = set(Toponym.__dataclass_fields__)
    for n, obj in read_jsonl(path, code=EC056_BAD_PREDICTIONS, what="predictions"):
        try:
            top = Toponym(**{k: v for k, v in obj.items() if k in fields})
        except TypeError as exc:
            raise EvaluationError(
                f"predictions file {path} line {n} is not a Toponym record ({exc}); expected "
                "{doc_id, start, end, text[, lat, lon, literal]}",
                code=EC056_BAD_PREDICTIONS,
            ) from exc
        out.setdefault(top.doc_id, []).append(top)
    return out


@dataclass(frozen=True, slots=True)
class ClusterPredictions:
    """A clustering ``{doc_id: story_id}`` and pair similarities ``{(a, b): score}``."""

    clusters: Mapping[str, str]
    pair_scores: Mapping[tuple[str, str], float]


def read_cluster_predictions(path: str | Path) -> ClusterPredictions:
    """Read lines ``{doc_id, story_id[, score]}`` and/or ``{doc_a, doc_b, score}``."""
    clusters: dict[str, str] = {}
    pairs: dict[tuple[str, str], float] = {}
    for n, obj in read_jsonl(path, code=EC056_BAD_PREDICTIONS, what="predictions"):
        if "doc_a" in obj and "doc_b" in obj and "score" in obj:
            a, b = str(obj["doc_a"]), str(obj["doc_b"])
            pairs[(min(a, b), max(a, b))] = float(obj["score"])
        elif "doc_id" in obj and "story_id" in obj:
            clusters[str(obj["doc_id"])] = str(obj["story_id"])
        else:
            raise EvaluationError(
                f"predictions file {path} line {n} is neither {{doc_id, story_id}} nor "
                "{doc_a, doc_b, score}",
                code=EC056_BAD_PREDICTIONS,
            )
    return ClusterPredictions(clusters, pairs)
