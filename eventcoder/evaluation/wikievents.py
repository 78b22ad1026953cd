"""wikievents: argument identification and role classification (head and coref match).

The stored data has trigger token offsets but not the tokens, so events cannot be aligned
by trigger position; arguments are pooled per document instead (GTT-style), over the gold
events whose KAIROS type the label map covers (Life.Die / Life.Injure count as outcomes
of the attack, so their Victim arguments are targets).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eventcoder.evaluation.common import TaskResult, actor_strings
from eventcoder.evaluation.data import GoldRecord
from eventcoder.evaluation.labels import LabelMaps, as_list
from eventcoder.evaluation.matching import Filler, match_slot
from eventcoder.evaluation.metrics import multilabel_scores, prf
from eventcoder.evaluation.report import ErrorExample, Section, snippet
from eventcoder.records import Event

TASK = "wikievents"
REQUIRED_GOLD = ("events",)
ROLE_CLASS: dict[str, str] = {
    "Attacker": "actor",
    "Killer": "actor",
    "Injurer": "actor",
    "Perpetrator": "actor",
    "Jailer": "actor",
    "Target": "target",
    "Victim": "target",
    "Detainee": "target",
    "Place": "location",
    "Instrument": "weapon",
    "ExplosiveDevice": "weapon",
}
CLASSES = ("actor", "target", "location", "weapon")


def kairos_entry(kairos_type: str, sec: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The label-map entry for a KAIROS type: the longest key that is a prefix of it."""
    keys = [k for k in sec if kairos_type.startswith(k) or kairos_type == k.rstrip(".")]
    if not keys:
        return None
    v = sec[max(keys, key=len)]
    return v if isinstance(v, dict) else None


def gold_arguments(
    events: Sequence[Mapping[str, Any]], sec: Mapping[str, Any]
) -> dict[str, list[Filler]]:
    """Pooled gold arguments per role class, one filler per entity (coref texts as alternatives)."""
    out: dict[str, dict[str, Filler]] = {c: {} for c in CLASSES}
    for e in events:
        if kairos_entry(str(e.get("type", "")), sec) is None:
            continue
        for a in e.get("arguments") or []:
            cls = ROLE_CLASS.get(str(a.get("role")))
            if cls is None:
                continue
            head = str(a.get("text", ""))
            key = str(a.get("entity_id") or head)
            coref = tuple(str(t) for t in (a.get("coref_texts") or []))
            # Mentions of one coreference cluster are one filler: key them by the cluster.
            cluster = min(coref) if coref else key
            out[cls].setdefault(cluster, Filler((head, *[t for t in coref if t != head]), key=head))
    return {c: list(v.values()) for c, v in out.items()}


def predicted_arguments(events: Sequence[Event], sec: Mapping[str, Any]) -> dict[str, list[str]]:
    """Argument strings of the predicted events whose type the KAIROS map covers."""
    plover = {p for v in sec.values() if isinstance(v, dict) for p in as_list(v.get("plover"))}
    out: dict[str, list[str]] = {c: [] for c in CLASSES}
    for ev in events:
        if ev.event_type not in plover:
            continue
        out["actor"] += [actor_strings(a)[0] for a in ev.source_actors]
        out["target"] += [actor_strings(a)[0] for a in ev.target_actors]
        if ev.location is not None:
            out["location"].append(ev.location.text)
        if ev.instrument:
            out["weapon"].append(ev.instrument)
    return out


def score(
    records: Sequence[GoldRecord], predictions: Mapping[str, Sequence[Event]], maps: LabelMaps
) -> TaskResult:
    """Argument identification and classification, head and coref match, plus event types."""
    sec = maps.section("wikievents_kairos")
    errors: list[ErrorExample] = []
    t = {
        f"{k}_{m}": [0, 0, 0]
        for k in ("identification", "classification", *CLASSES)
        for m in ("head", "coref")
    }
    type_g: list[set[str]] = []
    type_p: list[set[str]] = []
    # The PLOVER types the KAIROS map can express: other predicted types cannot be scored.
    labels = {p for v in sec.values() if isinstance(v, dict) for p in as_list(v.get("plover"))}
    for r in records:
        gevents = [e for e in r.gold["events"] if isinstance(e, dict)]
        events = list(predictions.get(r.id, ()))
        gold = gold_arguments(gevents, sec)
        pred = predicted_arguments(events, sec)
        gt = {
            p
            for e in gevents
            if (ent := kairos_entry(str(e.get("type", "")), sec))
            for p in as_list(ent.get("plover"))
        }
        pt = {e.event_type for e in events if e.event_type in labels}
        type_g.append(gt)
        type_p.append(pt)
        for mode in ("head", "coref"):

            def fill(f: Filler, mode: str = mode) -> Filler:
                return f if mode == "coref" else Filler((f.key or f.strings[0],), f.optional, f.key)

            # Identification: any role; each entity once.
            all_gold = [fill(f) for c in CLASSES for f in gold[c]]
            all_pred = [s for c in CLASSES for s in pred[c]]
            c = match_slot(all_pred, all_gold)
            _add(t[f"identification_{mode}"], c.tp, c.fp, c.fn)
            for cls in CLASSES:
                c = match_slot(pred[cls], [fill(f) for f in gold[cls]])
                _add(t[f"classification_{mode}"], c.tp, c.fp, c.fn)
                _add(t[f"{cls}_{mode}"], c.tp, c.fp, c.fn)
                if mode == "coref":
                    for m in c.missed:
                        errors.append(
                            ErrorExample(
                                r.id, cls, m, ", ".join(pred[cls]) or "-", snippet(r.text, 120), 0.4
                            )
                        )
    sections = []
    for name, (tp, fp, fn) in t.items():
        p, rc, f = prf(tp, fp, fn)
        sections.append(Section(name, {"precision": p, "recall": rc, "f1": f}, tp + fn))
    ts = multilabel_scores(type_g, type_p, sorted(labels))
    sections.append(
        Section(
            "event_types",
            ts.headline(),
            sum(len(g) for g in type_g),
            ts,
            "document-level sets of PLOVER types mapped from KAIROS",
        )
    )
    return TaskResult(
        tuple(sections),
        tuple(errors),
        ("arguments pooled per document: the data has no tokens to align triggers",),
    )


def _add(t: list[int], tp: int, fp: int, fn: int) -> None:
    t[0] += tp
    t[1] += fp
    t[2] += fn
