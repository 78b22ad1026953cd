"""The evaluation report record and its text, JSON and Markdown renderings."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventcoder.evaluation.metrics import ClassificationScores

MAX_ERRORS = 25  # worst errors kept in a report
MAX_CONFUSION_ROWS = 40


@dataclass(frozen=True, slots=True)
class ErrorExample:
    """One scoring error, for error analysis (``weight`` orders them: highest = worst)."""

    unit_id: str
    section: str
    expected: str
    got: str
    text: str
    weight: float = 0.0


@dataclass(frozen=True, slots=True)
class Section:
    """One block of a report: headline numbers, optional per-label scores, notes."""

    name: str
    metrics: Mapping[str, float | None]
    support: int
    scores: ClassificationScores | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """The outcome of ``evaluate()``: sections of scores, worst errors and notes."""

    task: str
    data_path: str
    system: str  # "pipeline", "predictions:<file>", ...
    units: int
    sections: tuple[Section, ...]
    errors: tuple[ErrorExample, ...] = ()
    notes: tuple[str, ...] = ()
    sample: int | None = None
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def flat(self) -> dict[str, float]:
        """Every headline number as ``section.metric`` (the keys quality floors use)."""
        out: dict[str, float] = {}
        for s in self.sections:
            for k, v in s.metrics.items():
                if v is not None:
                    out[f"{s.name}.{k}"] = float(v)
        return out

    def section(self, name: str) -> Section:
        """The section called ``name`` (KeyError if absent)."""
        for s in self.sections:
            if s.name == name:
                return s
        raise KeyError(name)


def worst(errors: Sequence[ErrorExample], n: int = MAX_ERRORS) -> tuple[ErrorExample, ...]:
    """The ``n`` heaviest errors, ties broken by section and id so the list is deterministic."""
    return tuple(sorted(errors, key=lambda e: (-e.weight, e.section, e.unit_id, e.expected))[:n])


def snippet(text: str | None, limit: int = 200) -> str:
    """A one-line excerpt of ``text`` for error listings."""
    if not text:
        return ""
    s = " ".join(text.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _scores_dict(s: ClassificationScores) -> dict[str, Any]:
    return {
        "averages": s.headline(),
        "n": s.n,
        "per_label": [
            {
                "label": x.label,
                "precision": x.precision,
                "recall": x.recall,
                "f1": x.f1,
                "support": x.support,
                "tp": x.tp,
                "fp": x.fp,
                "fn": x.fn,
            }
            for x in s.per_label
        ],
        "confusion": [{"gold": g, "predicted": p, "count": c} for g, p, c in s.confusion],
    }


def to_dict(report: EvaluationReport) -> dict[str, Any]:
    """The JSON-ready form of a report."""
    return {
        "task": report.task,
        "data": report.data_path,
        "system": report.system,
        "units": report.units,
        "sample": report.sample,
        "seconds": round(report.seconds, 2),
        "sections": [
            {
                "name": s.name,
                "support": s.support,
                "metrics": s.metrics,
                "note": s.note,
                **({"scores": _scores_dict(s.scores)} if s.scores else {}),
            }
            for s in report.sections
        ],
        "worst_errors": [
            {
                "id": e.unit_id,
                "section": e.section,
                "expected": e.expected,
                "got": e.got,
                "text": e.text,
            }
            for e in report.errors
        ],
        "notes": list(report.notes),
        **({"extra": report.extra} if report.extra else {}),
    }


def to_json(report: EvaluationReport) -> str:
    """The report as indented, key-sorted JSON (deterministic apart from ``seconds``)."""
    return json.dumps(to_dict(report), indent=2, sort_keys=True, ensure_ascii=False)


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def _table(headers: list[str], rows: list[list[str]], md: bool) -> list[str]:
    if md:
        out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        return out + ["| " + " | ".join(r) + " |" for r in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    return out + ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]


def render(report: EvaluationReport, *, md: bool = False, confusion: bool = True) -> str:
    """The report as plain text (``md=False``) or Markdown."""
    h1, h2 = ("# ", "## ") if md else ("", "== ")
    lines = [
        f"{h1}eventcoder evaluation: {report.task}",
        "",
        f"data: {report.data_path}  system: {report.system}  units: {report.units}"
        + (f"  sample: {report.sample}" if report.sample else "")
        + f"  time: {report.seconds:.1f} s",
    ]
    for s in report.sections:
        lines += ["", f"{h2}{s.name} (support {s.support})"]
        if s.note:
            lines.append(s.note)
        rows = [[k, _fmt(v)] for k, v in s.metrics.items()]
        lines += [""] + _table(["metric", "value"], rows, md)
        if s.scores and s.scores.per_label:
            rows = [
                [x.label, _fmt(x.precision), _fmt(x.recall), _fmt(x.f1), str(x.support)]
                for x in s.scores.per_label
            ]
            lines += [""] + _table(["label", "P", "R", "F1", "support"], rows, md)
        if confusion and s.scores and s.scores.confusion:
            off = [c for c in s.scores.confusion if c[0] != c[1]]
            off.sort(key=lambda c: (-c[2], c[0], c[1]))
            if off:
                rows = [[g, p, str(c)] for g, p, c in off[:MAX_CONFUSION_ROWS]]
                lines += ["", "confusions (gold -> predicted, most frequent first):"]
                lines += _table(["gold", "predicted", "count"], rows, md)
    if report.errors:
        lines += ["", f"{h2}worst errors"]
        rows = [[e.unit_id, e.section, e.expected, e.got, e.text] for e in report.errors]
        lines += _table(["id", "section", "expected", "got", "text"], rows, md)
    if report.notes:
        lines += ["", f"{h2}notes"] + [f"- {n}" for n in report.notes]
    return "\n".join(lines) + "\n"
