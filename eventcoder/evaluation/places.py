"""places (geowebnews): toponym recognition (exact and overlap spans) and geocoding.

A component test of the geoparser that fills events' locations: predictions are
``Toponym`` records from ``eventcoder.stages.resolve_places.find_toponyms``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eventcoder.evaluation.common import TaskResult, bad_gold
from eventcoder.evaluation.data import GoldRecord
from eventcoder.evaluation.metrics import haversine_km, median, prf
from eventcoder.evaluation.report import ErrorExample, Section
from eventcoder.records import Toponym

TASK = "places"
REQUIRED_GOLD = ("toponyms",)
NOT_TOPONYM = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"})
LITERAL = frozenset({"Literal", "Mixed", "Embedded_Literal", "Literal_Modifier", "Coercion"})
ACC_KM = 161.0  # 100 miles, the customary geocoding tolerance


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def span_counts(
    gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]], *, overlap: bool
) -> tuple[int, int, int, list[int | None]]:
    """TP/FP/FN of one-to-one span matching, and for each gold span its matched prediction."""
    used = [False] * len(pred)
    link: list[int | None] = []
    for g in gold:
        hit = next(
            (
                j
                for j, p in enumerate(pred)
                if not used[j] and (p == g or (overlap and _overlaps(p, g)))
            ),
            None,
        )
        if hit is not None:
            used[hit] = True
        link.append(hit)
    tp = sum(1 for x in link if x is not None)
    return tp, len(pred) - tp, len(gold) - tp, link


def _gold_spans(r: GoldRecord) -> list[Mapping[str, Any]]:
    tops = r.gold["toponyms"]
    if not isinstance(tops, list):
        raise bad_gold(r, "gold.toponyms as a list of {start, end, type, ...}")
    out: list[Mapping[str, Any]] = []
    for t in tops:
        if not isinstance(t, dict) or "start" not in t or "end" not in t or "type" not in t:
            raise bad_gold(r, "toponyms with start, end and type")
        if t.get("offset_ok", True) and t["type"] not in NOT_TOPONYM:
            out.append(t)
    return out


def score(
    records: Sequence[GoldRecord], predictions: Mapping[str, Sequence[Toponym]], maps: object = None
) -> TaskResult:
    """Recognition P/R/F1 (all and literal types; exact and overlap) and accuracy@161 km."""
    del maps  # no label map needed: the gold types are used as they are
    t = {f"{k}_{m}": [0, 0, 0] for k in ("recognition", "literal") for m in ("exact", "overlap")}
    dists: list[float] = []
    with_coords = recognised = unresolved = 0
    errors: list[ErrorExample] = []
    for r in records:
        gold = _gold_spans(r)
        preds = sorted(predictions.get(r.id, ()), key=lambda x: (x.start, x.end))
        spans = [(p.start, p.end) for p in preds]
        lit_g = [g for g in gold if g["type"] in LITERAL]
        lit_p = [p for p in preds if p.literal]
        for mode in ("exact", "overlap"):
            ov = mode == "overlap"
            tp, fp, fn, link = span_counts(
                [(g["start"], g["end"]) for g in gold], spans, overlap=ov
            )
            _add(t[f"recognition_{mode}"], tp, fp, fn)
            if ov:
                for g, j in zip(gold, link, strict=True):
                    has_coords = g.get("lat") is not None and g.get("lon") is not None
                    with_coords += has_coords
                    if j is None:
                        errors.append(
                            ErrorExample(
                                r.id,
                                "recognition",
                                str(g.get("text")),
                                "-",
                                _context(r.text, g["start"], g["end"]),
                                0.5,
                            )
                        )
                        continue
                    if not has_coords:
                        continue
                    recognised += 1
                    p = preds[j]
                    if p.lat is None or p.lon is None:
                        unresolved += 1
                        continue
                    d = haversine_km(float(g["lat"]), float(g["lon"]), p.lat, p.lon)
                    dists.append(d)
                    if d > ACC_KM:
                        errors.append(
                            ErrorExample(
                                r.id,
                                "geocoding",
                                str(g.get("text")),
                                f"{p.name or p.text} ({d:.0f} km off)",
                                _context(r.text, g["start"], g["end"]),
                                min(d / 1000, 20),
                            )
                        )
            tp, fp, fn, _ = span_counts(
                [(g["start"], g["end"]) for g in lit_g],
                [(p.start, p.end) for p in lit_p],
                overlap=ov,
            )
            _add(t[f"literal_{mode}"], tp, fp, fn)
    sections = []
    for name, (tp, fp, fn) in t.items():
        pr, rc, f = prf(tp, fp, fn)
        sections.append(Section(name, {"precision": pr, "recall": rc, "f1": f}, tp + fn))
    ok = sum(1 for d in dists if d <= ACC_KM)
    sections.append(
        Section(
            "geocoding",
            {
                "accuracy_161km": ok / with_coords if with_coords else None,
                "accuracy_161km_recognised": ok / recognised if recognised else None,
                "median_error_km": median(dists),
            },
            with_coords,
            note="gold toponyms with coordinates; a missed or ungeocoded one is wrong in "
            "accuracy_161km; _recognised counts only those found (overlap); median over geocoded",
        )
    )
    return TaskResult(
        tuple(sections),
        tuple(errors),
        (f"{unresolved} recognised toponym(s) with gold coordinates were not geocoded",),
    )


def _context(text: str | None, start: int, end: int) -> str:
    if not text:
        return ""
    return " ".join(text[max(0, start - 60) : end + 60].split())


def _add(t: list[int], tp: int, fp: int, fn: int) -> None:
    t[0] += tp
    t[1] += fp
    t[2] += fn
