"""The store's tables, derived from the records in ``eventcoder.records``.

Tables (one row per record unless said otherwise)::

    documents        Article + DocumentResult bookkeeping; ``content_hash`` is the identity
    passages         paragraphs of a document (offsets into documents.text)
    passage_bands    MinHash LSH band keys of each passage (near-duplicate candidates)
    passage_links    passage pairs found to be exact or near copies
    events           Event, flattened for indexed filters, plus its exact JSON form
    event_actors     ActorRef per event and role (source, target, claimed_by, attributed_by)
    actors           one row per distinct actor key (actor_id, else "name:" + lower name)
    evidence         Evidence spans per event (the FTS5 content of evidence_fts)
    corpus_events    one real-world event merged across documents (see merge_corpus.py)
    documents_fts    FTS5 over documents(title, text)
    evidence_fts     FTS5 over evidence(text)

Flattened columns exist only so SQL (and Datasette) can filter and index them; the
``record`` column keeps ``Event.as_dict()`` so reading back is exact.
"""

from __future__ import annotations

import json
from typing import Any

from eventcoder.records import ActorRef, Event

# ``PRAGMA application_id`` marks a file as an eventcoder store ("EvCd" in ASCII), so a
# foreign SQLite file is recognised before we write a single byte to it.
APPLICATION_ID = 0x45764364

ACTOR_ROLES: tuple[str, ...] = ("source", "target", "claimed_by", "attributed_by")

DDL_V1: tuple[str, ...] = (
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        doc_id TEXT NOT NULL,
        title TEXT,
        url TEXT,
        source TEXT,
        origin TEXT,
        date TEXT,
        date_method TEXT,
        text TEXT NOT NULL,
        words INTEGER NOT NULL DEFAULT 0,
        notes TEXT NOT NULL DEFAULT '[]',
        coder_version TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    )""",
    "CREATE INDEX idx_documents_doc_id ON documents(doc_id)",
    "CREATE INDEX idx_documents_source ON documents(source)",
    """CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE(document_id, idx)
    )""",
    "CREATE INDEX idx_passages_hash ON passages(hash)",
    """CREATE TABLE passage_bands (
        band INTEGER NOT NULL,
        key INTEGER NOT NULL,
        passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE
    )""",
    "CREATE INDEX idx_passage_bands_key ON passage_bands(band, key)",
    "CREATE INDEX idx_passage_bands_passage ON passage_bands(passage_id)",
    """CREATE TABLE passage_links (
        passage_a INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
        passage_b INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('exact', 'near')),
        similarity REAL NOT NULL,
        PRIMARY KEY (passage_a, passage_b)
    )""",
    "CREATE INDEX idx_passage_links_b ON passage_links(passage_b)",
    """CREATE TABLE corpus_events (
        id TEXT PRIMARY KEY,
        event_type TEXT NOT NULL,
        acled_event_type TEXT,
        acled_sub_event_type TEXT,
        status TEXT NOT NULL,
        country TEXT,
        location_name TEXT,
        date_start TEXT,
        date_end TEXT,
        fatalities INTEGER,
        fatalities_by_source TEXT NOT NULL DEFAULT '[]',
        injuries INTEGER,
        num_mentions INTEGER NOT NULL DEFAULT 0,
        num_documents INTEGER NOT NULL DEFAULT 0,
        num_sources INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX idx_corpus_events_type_date ON corpus_events(event_type, date_start)",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        event_type TEXT NOT NULL COLLATE NOCASE,
        mode TEXT,
        cameo TEXT,
        acled_event_type TEXT COLLATE NOCASE,
        acled_sub_event_type TEXT COLLATE NOCASE,
        status TEXT NOT NULL,
        is_background INTEGER NOT NULL,
        country TEXT COLLATE NOCASE,
        admin1 TEXT,
        location_name TEXT,
        latitude REAL,
        longitude REAL,
        geo_precision INTEGER,
        date_start TEXT,
        date_end TEXT,
        date_precision TEXT,
        time_precision INTEGER,
        eff_start TEXT,
        eff_end TEXT,
        fatalities_min INTEGER,
        fatalities_max INTEGER,
        injuries_min INTEGER,
        injuries_max INTEGER,
        instrument TEXT,
        mentions INTEGER NOT NULL,
        confidence REAL NOT NULL,
        coder TEXT NOT NULL,
        coder_version TEXT NOT NULL,
        corpus_event_id TEXT REFERENCES corpus_events(id),
        duplicate_of INTEGER,
        record TEXT NOT NULL,
        UNIQUE(document_id, event_id)
    )""",
    "CREATE INDEX idx_events_type_date ON events(event_type, date_start)",
    "CREATE INDEX idx_events_acled ON events(acled_event_type, date_start)",
    "CREATE INDEX idx_events_acled_sub ON events(acled_sub_event_type, date_start)",
    "CREATE INDEX idx_events_status ON events(status, date_start)",
    "CREATE INDEX idx_events_country_date ON events(country, date_start)",
    "CREATE INDEX idx_events_date ON events(date_start)",
    "CREATE INDEX idx_events_eff ON events(event_type, eff_start)",
    "CREATE INDEX idx_events_corpus ON events(corpus_event_id)",
    "CREATE INDEX idx_events_document ON events(document_id)",
    """CREATE TABLE actors (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        actor_id TEXT,
        actor_type TEXT,
        country TEXT
    )""",
    """CREATE TABLE event_actors (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        position INTEGER NOT NULL,
        actor_key TEXT NOT NULL REFERENCES actors(key),
        text TEXT NOT NULL,
        name TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (event_id, role, position)
    )""",
    "CREATE INDEX idx_event_actors_key ON event_actors(actor_key, role)",
    "CREATE INDEX idx_event_actors_name ON event_actors(name, role)",
    """CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL
    )""",
    "CREATE INDEX idx_evidence_event ON evidence(event_id)",
    # External-content FTS5 tables: the text lives once, in documents/evidence; we write
    # the index rows ourselves inside the document's transaction.
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='id'
    )""",
    """CREATE VIRTUAL TABLE evidence_fts USING fts5(
        text, content='evidence', content_rowid='id'
    )""",
)


def actor_key(actor: ActorRef) -> str:
    """The identity used to compare actors: the KB id, else the normalised name."""
    if actor.actor_id:
        return actor.actor_id
    return "name:" + " ".join(actor.name.lower().split())


def event_row(event: Event) -> dict[str, Any]:
    """The flattened column values of ``event`` (without store bookkeeping)."""
    loc = event.location
    date = event.date
    fat = event.fatalities
    inj = event.injuries
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "event_type": event.event_type,
        "mode": event.mode,
        "cameo": event.cameo,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "status": event.status,
        "is_background": int(event.is_background),
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "location_name": (loc.name or loc.text) if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "date_start": date.start.isoformat() if date and date.start else None,
        "date_end": date.end.isoformat() if date and date.end else None,
        "date_precision": date.precision if date else None,
        "time_precision": date.time_precision if date else None,
        "fatalities_min": fat.min if fat else None,
        "fatalities_max": fat.max if fat else None,
        "injuries_min": inj.min if inj else None,
        "injuries_max": inj.max if inj else None,
        "instrument": event.instrument,
        "mentions": event.mentions,
        "confidence": event.confidence,
        "coder": event.coder,
        "record": json.dumps(event.as_dict(), ensure_ascii=False, sort_keys=True),
    }


def actor_rows(event: Event) -> list[tuple[str, int, ActorRef]]:
    """Every (role, position, actor) of ``event``."""
    groups = (event.source_actors, event.target_actors, event.claimed_by, event.attributed_by)
    return [
        (role, i, actor) for role, group in zip(ACTOR_ROLES, groups, strict=True)
        for i, actor in enumerate(group)
    ]  # fmt: skip
