"""plover_gsr: PLOVER event type, quad class, source/target actors, deaths and injuries.

Gold PLOVER 0.5 names are converted to PLOVER 2021 with label map section ``plover_gsr``
(the published conversion); eventcoder already codes PLOVER 2021.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from eventcoder.evaluation.common import TaskResult, actor_strings, bad_gold, point, salient
from eventcoder.evaluation.data import GoldRecord
from eventcoder.evaluation.labels import LabelMaps
from eventcoder.evaluation.matching import Filler, match_slot
from eventcoder.evaluation.metrics import classification_scores, prf
from eventcoder.evaluation.report import ErrorExample, Section, snippet
from eventcoder.records import ActorRef, Event

TASK = "plover"
REQUIRED_GOLD = ("event_types", "sources", "targets")


def _fillers(actors: object, r: GoldRecord) -> list[Filler]:
    if not isinstance(actors, list):
        raise bad_gold(r, "gold.sources/targets as lists of {text, code, sector}")
    return [Filler((str(a.get("text", "")),)) for a in actors if isinstance(a, dict)]


def _codes(actors: object) -> list[Filler]:
    if not isinstance(actors, list):
        return []
    return [Filler((str(a["code"]),)) for a in actors if isinstance(a, dict) and a.get("code")]


def _pred_strings(actors: Sequence[ActorRef]) -> list[str]:
    # One string per actor: the surface text, or its name when the text is empty.
    return [actor_strings(a)[0] or a.name for a in actors]


def _pred_codes(actors: Sequence[ActorRef]) -> list[str]:
    return [a.country for a in actors if a.country]


class _Tally:
    """TP/FP/FN accumulated over records for one slot."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.units = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn
        self.units += 1

    def metrics(self) -> dict[str, float | None]:
        p, r, f = prf(self.tp, self.fp, self.fn)
        return {"precision": p, "recall": r, "f1": f}


def score(
    records: Sequence[GoldRecord], predictions: Mapping[str, Sequence[Event]], maps: LabelMaps
) -> TaskResult:
    """Score type, quad class, actors (text exact/lenient and country code) and counts."""
    quad = maps.quad()
    plover16 = sorted(quad)
    gold_t: list[str] = []
    pred_t: list[str | None] = []
    errors: list[ErrorExample] = []
    slots = {k: _Tally() for k in ("source", "target", "source_lenient", "target_lenient")}
    codes = {k: _Tally() for k in ("source_code", "target_code")}
    counts = {"fatalities": [0, 0], "injuries": [0, 0]}  # [right, total]
    for r in records:
        types = [str(x) for x in r.gold["event_types"]]
        if len(types) != 1:
            raise bad_gold(r, "exactly one label in gold.event_types")
        g = str(maps.lookup("plover_gsr", types[0]))
        ev = salient(predictions.get(r.id, ()))
        p = ev.event_type if ev and ev.event_type else None
        gold_t.append(g)
        pred_t.append(p)
        if p != g:
            errors.append(
                ErrorExample(r.id, "type", g, str(p), snippet(r.text), ev.confidence if ev else 0)
            )
        src, tar = r.gold["sources"], r.gold["targets"]
        psrc = list(ev.source_actors) if ev else []
        ptar = list(ev.target_actors) if ev else []
        if r.gold.get("reciprocal"):
            # SRC/TAR markup: the actors act on each other, so either direction is right;
            # pool both sides and score them once, as sources.
            gold_all = _fillers(src, r) + _fillers(tar, r)
            pred_all = _pred_strings(psrc + ptar)
            pairs = [("source", gold_all, pred_all)]
            code_pairs = [("source_code", _codes(src) + _codes(tar), _pred_codes(psrc + ptar))]
        else:
            pairs = [("source", _fillers(src, r), _pred_strings(psrc))]
            code_pairs = [("source_code", _codes(src), _pred_codes(psrc))]
            # A record with no gold target does not penalise a predicted target.
            if tar:
                pairs.append(("target", _fillers(tar, r), _pred_strings(ptar)))
                code_pairs.append(("target_code", _codes(tar), _pred_codes(ptar)))
        for name, gf, ps in pairs:
            c = match_slot(ps, gf)
            slots[name].add(c.tp, c.fp, c.fn)
            for m in c.missed:
                errors.append(
                    ErrorExample(r.id, name, m, ", ".join(ps) or "-", snippet(r.text), 0.5)
                )
            c = match_slot(ps, gf, lenient=True)
            slots[name + "_lenient"].add(c.tp, c.fp, c.fn)
        for name, gf, ps in code_pairs:
            c = match_slot(ps, gf)
            codes[name].add(c.tp, c.fp, c.fn)
        for key, field in (("fatalities", "fatalities"), ("injuries", "injuries")):
            gv = r.gold.get(key)
            if isinstance(gv, int):
                pv = point(getattr(ev, field)) if ev else None
                counts[key][1] += 1
                counts[key][0] += pv == gv
                if pv != gv:
                    errors.append(ErrorExample(r.id, key, str(gv), str(pv), snippet(r.text), 0.7))
    s = classification_scores(gold_t, pred_t, [x for x in plover16 if x in set(gold_t)])
    sections = [
        Section(
            "type",
            {"accuracy": s.accuracy, "macro_f1": s.macro_f1, "weighted_f1": s.weighted_f1},
            len(records),
            s,
            "PLOVER 2021 type of the salient event; macro over gold classes",
        ),
    ]
    gq = [quad[g] for g in gold_t]
    pq = [quad.get(p) if p else None for p in pred_t]
    sq = classification_scores(gq, pq, sorted(set(gq)))
    sections.append(
        Section("quad", {"accuracy": sq.accuracy, "macro_f1": sq.macro_f1}, len(gq), sq)
    )
    for name, t in {**slots, **codes}.items():
        sections.append(Section(f"actor_{name}", t.metrics(), t.tp + t.fn))
    for key, (right, total) in counts.items():
        sections.append(
            Section(
                key,
                {"exact_accuracy": right / total if total else None},
                total,
                note="records with a numeric gold count",
            )
        )
    return TaskResult(tuple(sections), tuple(errors))
