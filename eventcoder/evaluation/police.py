"""indiapoliceevents: police actions per sentence (Task 1) or per document, and per day.

Labels are derived from eventcoder's events with the police as source actor (rules below,
following label map section ``indiapoliceevents``); FAIL is a negated police event.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from eventcoder.errors import EvaluationError
from eventcoder.evaluation.codes import EC053_UNKNOWN_LABEL
from eventcoder.evaluation.common import TaskResult, point, status_for_scoring
from eventcoder.evaluation.data import GoldRecord
from eventcoder.evaluation.labels import LabelMaps, as_list
from eventcoder.evaluation.metrics import multilabel_scores, pearson
from eventcoder.evaluation.report import ErrorExample, Section, snippet
from eventcoder.records import ActorRef, Event

TASK = "police"
REQUIRED_GOLD = ("event_types",)
LABELS = ("ANY_ACTION", "ARREST", "FAIL", "FORCE", "KILL")
# Whole words naming the police in Indian English news (the KB type is checked first).
_POLICE = re.compile(
    r"\b(police\w*|cops?|constables?|constabulary|raf|rapid action force|crpf|srp|dsp|sho)\b"
)


def is_police(actor: ActorRef) -> bool:
    """True for a police actor: by KB type, else by the words of its text or name."""
    if actor.actor_type == "police":
        return True
    return bool(_POLICE.search(f"{actor.text} {actor.name}".lower()))


def _matches(ev: Event, entry: Mapping[str, Any]) -> bool:
    acled, plover = as_list(entry.get("acled")), as_list(entry.get("plover"))
    if "*" in acled or "*" in plover:
        return True
    return (ev.acled_sub_event_type in acled) or (not acled and ev.event_type in plover)


def event_labels(ev: Event, sec: Mapping[str, Any]) -> set[str]:
    """The police labels one event supports.

    1. only events whose source actor is the police count;
    2. a negated police event is FAIL (a non-action) and nothing else;
    3. ARREST needs ACLED "Arrests"; KILL an ACLED type of KILL and a death toll above 0;
       FORCE an ACLED type of FORCE, or PLOVER ASSAULT, or KILL; any police event is ANY_ACTION.
    """
    if not any(is_police(a) for a in ev.source_actors):
        return set()
    if status_for_scoring(ev.status) == "negated":
        return {"FAIL"}
    out = {"ANY_ACTION"} if _matches(ev, sec.get("ANY_ACTION", {"acled": "*"})) else set()
    if ev.acled_sub_event_type in as_list(sec.get("ARREST", {}).get("acled")):
        out.add("ARREST")
    kill = sec.get("KILL", {})
    deaths = point(ev.fatalities) or 0
    if deaths > 0 and (
        ev.acled_sub_event_type in as_list(kill.get("acled")) or ev.event_type == "ASSAULT"
    ):
        out.add("KILL")
    if (
        "KILL" in out
        or ev.acled_sub_event_type in as_list(sec.get("FORCE", {}).get("acled"))
        or ev.event_type == "ASSAULT"
    ):
        out.add("FORCE")
    return out


def score(
    records: Sequence[GoldRecord], predictions: Mapping[str, Sequence[Event]], maps: LabelMaps
) -> TaskResult:
    """Per-label P/R/F1 (micro/macro) and, with document dates, per-day count agreement."""
    sec = maps.section("indiapoliceevents")
    gold: list[set[str]] = []
    pred: list[set[str]] = []
    errors: list[ErrorExample] = []
    by_day: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in records:
        g = {str(x) for x in r.gold["event_types"]}
        unknown = g - set(LABELS)
        if unknown:
            raise EvaluationError(
                f"gold record {r.id} (line {r.line}) has unknown label(s) "
                f"{', '.join(sorted(unknown))}; expected labels among {', '.join(LABELS)}",
                code=EC053_UNKNOWN_LABEL,
            )
        p: set[str] = set()
        for ev in predictions.get(r.id, ()):
            p |= event_labels(ev, sec)
        gold.append(g)
        pred.append(p)
        if g != p:
            missing = sorted(g - p)
            errors.append(
                ErrorExample(
                    r.id,
                    "labels",
                    ",".join(sorted(g)) or "-",
                    ",".join(sorted(p)) or "-",
                    snippet(r.text),
                    len(missing) + len(p - g) * 0.5,
                )
            )
        if r.doc_date is not None:
            day = r.doc_date.isoformat()
            for label in LABELS:
                by_day[day][label][0] += label in g
                by_day[day][label][1] += label in p
    s = multilabel_scores(gold, pred, LABELS)
    unit = "sentence" if records and "sent_id" in records[0].meta else "document"
    sections = [
        Section(
            "labels",
            s.headline(),
            sum(len(g) for g in gold),
            s,
            f"per {unit}; police as actor; multi-label",
        )
    ]
    if by_day and unit == "document":
        days = sorted(by_day)
        for label in LABELS:
            gs = [float(by_day[d][label][0]) for d in days]
            ps = [float(by_day[d][label][1]) for d in days]
            mae = sum(abs(a - b) for a, b in zip(gs, ps, strict=True)) / len(days)
            sections.append(
                Section(
                    f"per_day_{label}",
                    {"pearson": pearson(gs, ps), "mae": mae},
                    int(sum(gs)),
                    note="documents per day with the label, gold vs predicted",
                )
            )
    return TaskResult(tuple(sections), tuple(errors))
