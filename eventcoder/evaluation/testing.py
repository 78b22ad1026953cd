"""Builders for small hand-made gold and prediction files (used by the evaluation tests)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]]) -> Path:
    """Write rows as JSON Lines and return the path."""
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_json(path: Path, data: Any) -> Path:
    """Write one JSON document and return the path."""
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def actor(
    text: str, *, country: str | None = None, actor_type: str | None = None
) -> dict[str, Any]:
    """An ActorRef as a dict."""
    return {"text": text, "name": text, "country": country, "actor_type": actor_type}


def event(
    doc_id: str,
    event_type: str = "ASSAULT",
    *,
    n: int = 1,
    acled: str | None = None,
    sources: Sequence[str | dict[str, Any]] = (),
    targets: Sequence[str | dict[str, Any]] = (),
    status: str = "asserted",
    deaths: int | None = None,
    injuries: int | None = None,
    instrument: str | None = None,
    place: str | None = None,
    country: str | None = None,
    confidence: float = 0.5,
    mentions: int = 1,
) -> dict[str, Any]:
    """An Event record as ``Event.as_dict()`` would give it, with only what a test needs."""

    def actors(xs: Sequence[str | dict[str, Any]]) -> list[dict[str, Any]]:
        return [actor(x) if isinstance(x, str) else x for x in xs]

    def count(k: int | None) -> dict[str, Any] | None:
        return None if k is None else {"min": k, "max": k, "text": str(k)}

    return {
        "event_id": f"{doc_id}-e{n}",
        "doc_id": doc_id,
        "event_type": event_type,
        "acled_sub_event_type": acled,
        "source_actors": actors(sources),
        "target_actors": actors(targets),
        # a named place is a town (precision 1); a bare country is precision 3
        "location": {"text": place or country or "", "name": place, "country": country,
                     "precision": 1 if place else 3}
        if place or country
        else None,
        "fatalities": count(deaths),
        "injuries": count(injuries),
        "instrument": instrument,
        "status": status,
        "confidence": confidence,
        "mentions": mentions,
    }
