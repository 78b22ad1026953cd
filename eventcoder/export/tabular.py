"""Tabular exports: ACLED-style CSV, PLOVER JSON Lines, flat rows and Parquet.

The ACLED CSV uses ACLED's own column names and codes (``inter1``/``inter2`` actor
codes 1-8, ``interaction`` as the two codes joined lowest first, ``geo_precision`` and
``time_precision`` 1-3, ``fatalities`` 0 when no figure was given). One row is one event
record; ``corpus_acled_rows`` gives one row per corpus event, with the conservative
fatality figure and every source joined, as ACLED does.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pycountry

from eventcoder.errors import EC004_MISSING_EXTRA, ConfigError
from eventcoder.records import ActorRef, Event

if TYPE_CHECKING:
    from eventcoder.merge_corpus import CorpusEvent

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

# ACLED actor codes (inter1/inter2) from CAMEO/PLOVER sector codes or plain actor types.
INTER_CODES: dict[str, int] = {
    "GOV": 1, "MIL": 1, "COP": 1, "SPY": 1, "JUD": 1, "state": 1, "state forces": 1,
    "REB": 2, "INS": 2, "rebel": 2, "rebel group": 2, "rebel groups": 2,
    "UAF": 3, "militia": 3, "political militia": 3, "political militias": 3,
    "identity militia": 4, "identity militias": 4,
    "rioter": 5, "rioters": 5,
    "protester": 6, "protesters": 6,
    "CVL": 7, "CIV": 7, "civilian": 7, "civilians": 7,
    "IGO": 8, "NGO": 8, "external": 8, "other": 8,
}  # fmt: skip

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations",
    "Strategic developments": "Strategic developments",
}


def inter_code(actor: ActorRef | None) -> int | None:
    """ACLED's actor code for ``actor`` (None when its type is unknown)."""
    if actor is None or not actor.actor_type:
        return None
    for part in actor.actor_type.replace(",", " ").split():
        if part.upper() in INTER_CODES:
            return INTER_CODES[part.upper()]
    return INTER_CODES.get(actor.actor_type.lower())


def _country(alpha3: str | None) -> tuple[str, str]:
    """(numeric ISO code, English name) of an alpha-3 code; blanks when unknown."""
    if not alpha3:
        return "", ""
    found = pycountry.countries.get(alpha_3=alpha3.upper())
    if found is None:
        return "", alpha3
    return str(int(found.numeric)), str(found.name)


def acled_row(event: Event, source: str = "") -> dict[str, Any]:
    """One ACLED-style row for an event record."""
    a1 = event.source_actors[0] if event.source_actors else None
    a2 = event.target_actors[0] if event.target_actors else None
    i1, i2 = inter_code(a1), inter_code(a2)
    codes = sorted(c for c in (i1, i2) if c is not None)
    interaction = "".join(str(c) for c in codes) if len(codes) == 2 else (
        f"{codes[0]}0" if codes else "")  # fmt: skip
    loc = event.location
    iso, country = _country(loc.country if loc else None)
    date = event.date.start if event.date and event.date.start else None
    civilian = event.acled_event_type == "Violence against civilians" or i2 == 7
    fat = event.fatalities.min if event.fatalities and event.fatalities.min is not None else 0
    return {
        "event_id_cnty": f"{(loc.country or '') if loc else ''}{event.event_id}",
        "event_date": date.isoformat() if date else "",
        "year": date.year if date else "",
        "time_precision": (event.date.time_precision or "") if event.date else "",
        "disorder_type": _DISORDER.get(event.acled_event_type or "", ""),
        "event_type": event.acled_event_type or "",
        "sub_event_type": event.acled_sub_event_type or "",
        "actor1": a1.name if a1 else "",
        "assoc_actor_1": "; ".join(a.name for a in event.source_actors[1:]),
        "inter1": i1 or "",
        "actor2": a2.name if a2 else "",
        "assoc_actor_2": "; ".join(a.name for a in event.target_actors[1:]),
        "inter2": i2 or "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": iso,
        "region": "",
        "country": country,
        "admin1": (loc.admin1 or "") if loc else "",
        "admin2": "",
        "admin3": "",
        "location": (loc.name or loc.text) if loc else "",
        "latitude": loc.lat if loc and loc.lat is not None else "",
        "longitude": loc.lon if loc and loc.lon is not None else "",
        "geo_precision": (loc.precision or "") if loc else "",
        "source": source,
        "source_scale": "",
        "notes": " ".join(ev.text.strip() for ev in event.evidence),
        "fatalities": fat,
        "tags": f"status: {event.status}" if event.status != "asserted" else "",
        "timestamp": "",
    }


def acled_rows(
    events: Iterable[Event], sources: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """ACLED-style rows; ``sources`` maps a doc_id to the name of its source."""
    sources = sources or {}
    return [acled_row(e, sources.get(e.doc_id, "")) for e in events]


def corpus_acled_rows(corpus: Sequence[CorpusEvent]) -> list[dict[str, Any]]:
    """One ACLED-style row per corpus event: conservative fatalities, all sources."""
    rows = []
    for ce in corpus:
        if not ce.events:
            continue
        row = acled_row(ce.events[0])
        row["event_id_cnty"] = f"{ce.country or ''}{ce.corpus_event_id}"
        row["source"] = "; ".join(ce.sources)
        row["fatalities"] = ce.fatalities if ce.fatalities is not None else 0
        row["notes"] = " | ".join(f"{f.source}: {f.min}" for f in ce.figures) or row["notes"]
        rows.append(row)
    return rows


def write_csv(rows: Sequence[Mapping[str, Any]], out: IO[str], columns: Sequence[str]) -> None:
    """Write ``rows`` as CSV with exactly ``columns`` in that order."""
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)


def plover_record(event: Event) -> dict[str, Any]:
    """An event in PLOVER's field vocabulary (event, mode, context, actors, magnitude)."""
    def actor(a: ActorRef | None) -> dict[str, Any] | None:
        if a is None:
            return None
        return {"text": a.text, "name": a.name, "code": a.actor_id, "country": a.country,
                "sector": a.actor_type}  # fmt: skip

    loc = event.location
    date = event.date
    return {
        "id": f"{event.doc_id}:{event.event_id}",
        "date": date.start.isoformat() if date and date.start else None,
        "date_resolution": date.precision if date else None,
        "event": event.event_type,
        "mode": event.mode,
        "context": [],
        "source": actor(event.source_actors[0] if event.source_actors else None),
        "target": actor(event.target_actors[0] if event.target_actors else None),
        "location": None if loc is None else {
            "name": loc.name or loc.text, "country": loc.country, "admin1": loc.admin1,
            "lat": loc.lat, "lon": loc.lon},  # fmt: skip
        "magnitude": {
            "dead": event.fatalities.min if event.fatalities else None,
            "injured": event.injuries.min if event.injuries else None,
        },
        "status": event.status,
        "cameo": event.cameo,
        "text": " ".join(ev.text.strip() for ev in event.evidence),
        "doc_id": event.doc_id,
    }


def write_plover_jsonl(events: Iterable[Event], out: IO[str]) -> int:
    """Write one PLOVER JSON object per line; return how many."""
    n = 0
    for e in events:
        out.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
        n += 1
    return n


def flat_row(event: Event) -> dict[str, Any]:
    """The flattened columns of an event (as stored), plus actor names."""
    from eventcoder.store.schema import event_row

    row = event_row(event)
    row.pop("record")
    row["source_actors"] = "; ".join(a.name for a in event.source_actors)
    row["target_actors"] = "; ".join(a.name for a in event.target_actors)
    row["evidence"] = " ".join(ev.text for ev in event.evidence)
    return row


def write_parquet(events: Iterable[Event], path: str | Path) -> int:
    """Write flattened events to a Parquet file (needs pyarrow); return how many."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError("Parquet export needs pyarrow, which is not installed. "
                          "Fix: pip install pyarrow, or export CSV/JSONL instead.",
                          code=EC004_MISSING_EXTRA) from None  # fmt: skip
    rows = [flat_row(e) for e in events]
    pq.write_table(pa.Table.from_pylist(rows), str(path))
    return len(rows)
