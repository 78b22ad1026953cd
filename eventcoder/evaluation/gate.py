"""The quality gate: floors per dataset and metric, measuring them, and raising them.

``benchmarks/quality_floors.json`` names, per task, its data file, a deterministic sample
size for large sets, and the floor of each gated metric. ``tests/test_quality_gate.py``
fails when a measured score is below its floor; ``benchmarks/update_floors.py`` raises
floors and refuses to lower one without ``--allow-regression`` and a reason.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.evaluation.report import EvaluationReport
from eventcoder.evaluation.run import evaluate

FLOORS_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "quality_floors.json"
TOLERANCE = 1e-9  # scores are deterministic; this only absorbs float noise


@dataclass(frozen=True, slots=True)
class GateEntry:
    """One gated evaluation: a task on a data file, its sample size and floors."""

    name: str
    task: str
    data: str
    sample: int | None
    floors: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Shortfall:
    """A metric that fell below its floor (or is missing from the report)."""

    entry: str
    metric: str
    floor: float
    measured: float | None


def load_floors(path: str | Path = FLOORS_PATH) -> dict[str, Any]:
    """The floors file as parsed JSON."""
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data


def entries(floors: Mapping[str, Any]) -> list[GateEntry]:
    """The gated evaluations listed in a floors file, in file order."""
    return [
        GateEntry(name, str(e["task"]), str(e["data"]), e.get("sample"), dict(e["floors"]))
        for name, e in floors["entries"].items()
    ]


def measure(
    entry: GateEntry, eval_dir: str | Path, label_map: str | Path | None = None
) -> EvaluationReport:
    """Run one gated evaluation (label maps default to ``eval_dir/../label_maps.json``)."""
    eval_dir = Path(eval_dir)
    if label_map is None and entry.task not in ("places", "same-event"):
        label_map = eval_dir.parent / "label_maps.json"
    return evaluate(eval_dir / entry.data, entry.task, label_map=label_map, sample=entry.sample)


def shortfalls(entry: GateEntry, measured: Mapping[str, float]) -> list[Shortfall]:
    """The gated metrics of ``entry`` below their floors."""
    out = []
    for metric, floor in sorted(entry.floors.items()):
        value = measured.get(metric)
        if value is None or value + TOLERANCE < floor:
            out.append(Shortfall(entry.name, metric, floor, value))
    return out


def raise_floors(
    floors: dict[str, Any],
    measured: Mapping[str, Mapping[str, float]],
    *,
    allow_regression: bool = False,
    reason: str | None = None,
    today: dt.date | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """Set each floor to its measured score; lowering one needs ``allow_regression`` and a reason.

    Returns the new floors and a list of human-readable changes. Raises ValueError when a
    floor would go down without permission.
    """
    changes: list[str] = []
    lowered: list[str] = []
    new = json.loads(json.dumps(floors))
    for name, values in measured.items():
        gated = new["entries"][name]["floors"]
        for metric, old in gated.items():
            if metric not in values:
                continue
            value = _round_down(values[metric])
            if value > old:
                changes.append(f"{name} {metric}: {old:.4f} -> {value:.4f}")
                gated[metric] = value
            elif value < old - TOLERANCE:
                lowered.append(f"{name} {metric}: {old:.4f} -> {value:.4f}")
    if lowered:
        if not allow_regression or not reason:
            raise ValueError(
                "refusing to lower floors without --allow-regression and --reason: "
                + "; ".join(lowered)
            )
        for change in lowered:
            name, metric = change.split(" ")[:2]
            new["entries"][name]["floors"][metric.rstrip(":")] = _round_down(
                measured[name][metric.rstrip(":")]
            )
        changes += [f"LOWERED {c}" for c in lowered]
    if changes:
        new.setdefault("history", []).append(
            {
                "date": (today or dt.date.today()).isoformat(),
                "changes": changes,
                **({"reason": reason} if reason else {}),
            }
        )
    return new, changes


def _round_down(x: float) -> float:
    # Four decimals, rounded down, so a floor never sits above the score that set it.
    return int(x * 10_000) / 10_000


def dump_floors(floors: Mapping[str, Any], path: str | Path = FLOORS_PATH) -> None:
    """Write the floors file (indented, stable key order inside entries)."""
    Path(path).write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def names(floors: Mapping[str, Any]) -> Iterable[str]:
    """The entry names of a floors file."""
    return list(floors["entries"])
