"""Score eventcoder's toponym finder and resolver on GeoWebNews (dev half).

Usage::

    python benchmarks/geowebnews_check.py [--eval-dir ../shared/eval/dev] [--cities cities15000]

Reads ``geowebnews.jsonl`` from the evaluation directory (never copied into the repository)
and prints recognition P/R/F1 (all toponym types, and literal types), resolution accuracy
within 161 km and median error, and timings (gazetteer load, spaCy, place resolution).
Scoring follows ../shared/eval/README.md: spans with ``offset_ok`` false are skipped.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from eventcoder.geo.gazetteer import GeoNamesGazetteer, distance_km  # noqa: E402
from eventcoder.records import Article, Toponym  # noqa: E402
from eventcoder.stages.parse import load_nlp  # noqa: E402
from eventcoder.stages.resolve_places import find_toponyms  # noqa: E402

NOT_TOPONYMS = {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"}
LITERAL = {"Literal", "Mixed", "Embedded_Literal", "Literal_Modifier", "Coercion"}
Span = tuple[int, int]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(pred: list[Span], gold: list[Span], *, exact: bool) -> tuple[int, set[int]]:
    """Count gold spans matched one-to-one; return tp and the matched prediction indices."""
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and (p == g if exact else _overlaps(p, g)):
                used.add(i)
                tp += 1
                break
    return tp, used


def score(records: list[dict], predictions: list[list[Toponym]]) -> dict[str, object]:
    """Recognition and resolution scores for ``predictions`` against the gold records."""
    out: dict[str, object] = {}
    for exact in (True, False):
        mode = "exact" if exact else "overlap"
        tot = {"all": [0, 0, 0], "literal": [0, 0, 0], "literal_lenient": [0, 0, 0]}
        for rec, preds in zip(records, predictions, strict=True):
            gold = [t for t in rec["gold"]["toponyms"] if t["offset_ok"]]
            g_all = [(t["start"], t["end"]) for t in gold if t["type"] not in NOT_TOPONYMS]
            g_lit = [(t["start"], t["end"]) for t in gold if t["type"] in LITERAL]
            p_all = [(p.start, p.end) for p in preds]
            p_lit = [(p.start, p.end) for p in preds if p.literal]
            tp, _ = _match(p_all, g_all, exact=exact)
            tot["all"][0] += tp
            tot["all"][1] += len(p_all) - tp
            tot["all"][2] += len(g_all) - tp
            tp, used = _match(p_lit, g_lit, exact=exact)
            tot["literal"][0] += tp
            tot["literal"][1] += len(p_lit) - tp
            tot["literal"][2] += len(g_lit) - tp
            # Lenient: a literal prediction on a gold associative toponym is not a false
            # positive (the annotators' literal/associative line is itself uncertain).
            rest = [p for i, p in enumerate(p_lit) if i not in used]
            other = [g for g in g_all if g not in g_lit]
            _, on_other = _match(rest, other, exact=exact)
            tot["literal_lenient"][0] += tp
            tot["literal_lenient"][1] += len(rest) - len(on_other)
            tot["literal_lenient"][2] += len(g_lit) - tp
        for key, (tp, fp, fn) in tot.items():
            out[f"recognition_{key}_{mode}"] = _prf(tp, fp, fn)
    errors: list[float] = []
    unresolved = missed = 0
    for rec, preds in zip(records, predictions, strict=True):
        for t in rec["gold"]["toponyms"]:
            if not t["offset_ok"] or t["lat"] is None:
                continue
            hit = next(
                (p for p in preds if _overlaps((p.start, p.end), (t["start"], t["end"]))), None
            )
            if hit is None:
                missed += 1
            elif hit.lat is None or hit.lon is None:
                unresolved += 1
                errors.append(float("inf"))
            else:
                errors.append(distance_km(hit.lat, hit.lon, t["lat"], t["lon"]))
    finite = [e for e in errors if e != float("inf")]
    out["resolution"] = {
        "gold_with_coords_found": len(errors),
        "gold_with_coords_missed": missed,
        "unresolved": unresolved,
        "acc_at_161km": round(sum(e <= 161 for e in errors) / len(errors), 3) if errors else None,
        "acc_at_161km_resolved": (
            round(sum(e <= 161 for e in finite) / len(finite), 3) if finite else None
        ),
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "median_km_resolved": round(statistics.median(finite), 1) if finite else None,
    }
    return out


def main() -> None:
    """Run the check and print a JSON report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", default=str(REPO.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--cities", default="cities15000")
    ap.add_argument("--errors", type=int, default=0, help="print N resolution errors")
    args = ap.parse_args()
    path = Path(args.eval_dir) / "geowebnews.jsonl"
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    nlp = load_nlp()
    nlp("warm up")
    t0 = time.perf_counter()
    gaz = GeoNamesGazetteer(args.cities)
    load_s = time.perf_counter() - t0
    predictions = []
    t_nlp = t_geo = 0.0
    words = 0
    for rec in records:
        t0 = time.perf_counter()
        doc = nlp(rec["text"])
        t1 = time.perf_counter()
        preds = find_toponyms(
            Article(doc_id=rec["id"], text=rec["text"]), doc=doc, nlp=nlp, gazetteer=gaz
        )
        t2 = time.perf_counter()
        t_nlp += t1 - t0
        t_geo += t2 - t1
        words += len(doc)
        predictions.append(preds)
    report = score(records, predictions)
    report["timing"] = {
        "cities": args.cities,
        "gazetteer_load_s": round(load_s, 2),
        "docs": len(records),
        "tokens": words,
        "spacy_ms_per_doc": round(1000 * t_nlp / len(records), 1),
        "places_ms_per_doc": round(1000 * t_geo / len(records), 2),
        "places_share_of_spacy": round(t_geo / t_nlp, 3),
    }
    print(json.dumps(report, indent=2))
    if args.errors:
        shown = 0
        for rec, preds in zip(records, predictions, strict=True):
            for t in rec["gold"]["toponyms"]:
                if not t["offset_ok"] or t["lat"] is None:
                    continue
                hit = next(
                    (p for p in preds if _overlaps((p.start, p.end), (t["start"], t["end"]))), None
                )
                if hit is None or hit.lat is None:
                    continue
                km = distance_km(hit.lat, hit.lon, t["lat"], t["lon"])
                if km > 161 and shown < args.errors:
                    shown += 1
                    print(
                        f"{km:7.0f} km  {t['text']!r} ({t['type']}) -> "
                        f"{hit.name} {hit.country} {hit.feature}",
                        file=sys.stderr,
                    )


if __name__ == "__main__":
    main()
