"""case2021_task2: ACLED event-type classification of news snippets (subtasks 1-3).

Predictions are mapped into the CASE label space (never the gold into ours): eventcoder's
ACLED sub-event type is looked up backwards in label map section ``case2021_task2``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from eventcoder.evaluation.common import TaskResult, bad_gold, salient, status_for_scoring
from eventcoder.evaluation.data import GoldRecord
from eventcoder.evaluation.labels import LabelMaps, as_list
from eventcoder.evaluation.metrics import NONE_LABEL, classification_scores
from eventcoder.evaluation.report import ErrorExample, Section, snippet
from eventcoder.records import Event

TASK = "acled"
REQUIRED_GOLD = ("event_types", "subtasks")
SECTION = "case2021_task2"
ATTRIB_STATUSES = frozenset({"claimed", "attributed", "negated"})
_ONTOLOGY = Path(__file__).resolve().parents[1] / "ontologies" / "data"


def supported_acled_types() -> frozenset[str]:
    """ACLED sub-event types that eventcoder's trigger and instrument tables can produce."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "acled" and isinstance(v, str):
                    found.add(v)
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for name in ("triggers.yaml", "instruments.yaml"):
        p = _ONTOLOGY / name
        if p.is_file():
            walk(yaml.safe_load(p.read_text(encoding="utf-8")))
    return frozenset(found)


def predicted_code(ev: Event | None, sec: Mapping[str, object]) -> str:
    """The CASE code for an event: via its ACLED sub-event type, else ATTRIB/DIPLO, else none.

    1. an ACLED sub-event type maps back to its CASE code;
    2. an ACCUSE/REJECT event with a claimed/attributed/negated status is ATTRIB (a claim,
       accusation or denial of responsibility);
    3. a PLOVER type listed under DIPLO is DIPLO.
    """
    if ev is None:
        return NONE_LABEL
    if ev.acled_sub_event_type:
        for code, v in sec.items():
            if isinstance(v, dict) and v.get("acled") == ev.acled_sub_event_type:
                return code
    attrib = sec.get("ATTRIB")
    if (
        isinstance(attrib, dict)
        and ev.event_type in as_list(attrib.get("plover"))
        and status_for_scoring(ev.status) in ATTRIB_STATUSES
    ):
        return "ATTRIB"
    diplo = sec.get("DIPLO")
    if isinstance(diplo, dict) and ev.event_type in as_list(diplo.get("plover")):
        return "DIPLO"
    return NONE_LABEL


def score(
    records: Sequence[GoldRecord], predictions: Mapping[str, Sequence[Event]], maps: LabelMaps
) -> TaskResult:
    """Score subtasks 1-3, the supported-type subset, the coarse types and ATTRIB status."""
    sec = maps.section(SECTION)
    coarse_of = maps.acled_event_type_of()
    gold: list[str] = []
    pred: list[str] = []
    subtasks: list[list[int]] = []
    errors: list[ErrorExample] = []
    attrib_ok = attrib_n = 0
    for r in records:
        labels = [str(x) for x in r.gold["event_types"]]
        if len(labels) != 1:
            raise bad_gold(r, "exactly one label in gold.event_types")
        g = labels[0]
        maps.lookup(SECTION, g)  # unknown gold label -> coded error
        ev = salient(predictions.get(r.id, ()))
        p = predicted_code(ev, sec)
        gold.append(g)
        pred.append(p)
        subtasks.append([int(x) for x in r.gold["subtasks"]])
        if g == "ATTRIB":
            attrib_n += 1
            attrib_ok += bool(ev and status_for_scoring(ev.status) in ATTRIB_STATUSES)
        if p != g:
            errors.append(
                ErrorExample(r.id, "subtask3", g, p, snippet(r.text), ev.confidence if ev else 0.0)
            )
    sections: list[Section] = []
    for k in (1, 2, 3):
        idx = [i for i, st in enumerate(subtasks) if k in st]
        g_k = [gold[i] for i in idx]
        s = classification_scores(g_k, [pred[i] for i in idx], sorted(set(g_k)))
        sections.append(
            Section(
                f"subtask{k}",
                {"micro_f1": s.micro_f1, "macro_f1": s.macro_f1, "weighted_f1": s.weighted_f1},
                len(idx),
                s,
                "micro F1 = accuracy; macro/weighted over the gold labels of this subtask",
            )
        )
    supported = supported_acled_types()
    sup_codes = {c for c, v in sec.items() if isinstance(v, dict) and v.get("acled") in supported}
    idx = [i for i, st in enumerate(subtasks) if 1 in st and gold[i] in sup_codes]
    g_s = [gold[i] for i in idx]
    s = classification_scores(g_s, [pred[i] for i in idx], sorted(set(g_s)))
    sections.append(
        Section(
            "subtask1_supported",
            {"micro_f1": s.micro_f1, "macro_f1": s.macro_f1, "weighted_f1": s.weighted_f1},
            len(idx),
            s,
            f"only gold types whose ACLED type eventcoder can emit ({len(sup_codes)} types)",
        )
    )

    def coarse(code: str) -> str:
        v = sec.get(code)
        acled = v.get("acled") if isinstance(v, dict) else None
        return coarse_of.get(str(acled), NONE_LABEL) if acled else NONE_LABEL

    idx = [i for i, st in enumerate(subtasks) if 1 in st]
    g_c = [coarse(gold[i]) for i in idx]
    s = classification_scores(g_c, [coarse(pred[i]) for i in idx], sorted(set(g_c)))
    sections.append(
        Section(
            "coarse",
            {"micro_f1": s.micro_f1, "macro_f1": s.macro_f1, "weighted_f1": s.weighted_f1},
            len(idx),
            s,
            "subtask 1 collapsed to the six ACLED event types",
        )
    )
    sections.append(
        Section(
            "attrib_status",
            {"accuracy": attrib_ok / attrib_n if attrib_n else None},
            attrib_n,
            note="ATTRIB snippets whose salient event is claimed, attributed or negated",
        )
    )
    return TaskResult(tuple(sections), tuple(errors))
