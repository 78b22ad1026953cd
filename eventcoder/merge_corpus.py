"""Cross-document merging: one corpus event per real-world event, and near-duplicate passages.

Two steps run inside the transaction that stores a document (``Store.add_document``):

1. ``index_passages``: the document's paragraphs are hashed (exact copies) and MinHashed
   (datasketch; word-bigram shingles, 64 permutations in 16 bands of 4, so pairs with a
   Jaccard similarity around 0.5 or more become candidates). The LSH band keys live in
   the ``passage_bands`` table, so the index is persistent, incremental and transactional.
   Candidates are confirmed with the exact Jaccard similarity and stored as links.
2. ``assign``: each new event joins a corpus event or starts one.
   a. An event whose evidence lies in a passage that copies a passage of another document
      joins the corpus event of the same-type event found there, unless they conflict
      (another day, town or actor): a repeated passage never counts an event twice.
   b. Otherwise it joins the best compatible event of another document (``compatible``):
      same PLOVER type, same certainty group, overlapping day ranges, no conflicting
      country or town, no disjoint actors in a role, and at least one shared actor or
      the same named town. Two events of one document are never merged here (the
      document-level merger already decided they differ).

Figures follow ACLED's conservative rule: the corpus event reports the lowest fatality
count given by a well-sourced report (certainty group "real"), and keeps every source's
own figure in ``fatalities_by_source``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from eventcoder.records import STATUSES, CorpusEvent, SourceFigure

if TYPE_CHECKING:
    from eventcoder.store.db import Store

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
MIN_PASSAGE_WORDS = 8  # shorter lines (bylines, "Reuters") would link everything
NEAR_DUPLICATE_JACCARD = 0.5
MAX_CANDIDATES = 50  # per passage: boilerplate shared by thousands of documents is capped
MAX_EVENT_SPAN_DAYS = 62  # candidates are searched this far back from an event's end

_WORD = re.compile(r"\w+", re.UNICODE)
_REAL = {"asserted", "reported", "claimed", "attributed"}


# -- near-duplicate passages ----------------------------------------------------------------
def split_passages(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph (line) of ``text``, whitespace-trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        pos += len(line) + 1
    return spans


def shingles(text: str) -> set[str]:
    """Lower-cased word bigrams (single words for one-word text)."""
    words = _WORD.findall(text.lower())
    if len(words) < 2:
        return set(words)
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two shingle sets (0 when both are empty)."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def band_keys(sh: set[str]) -> list[int]:
    """The LSH key of each band of the MinHash signature, as signed 64-bit integers."""
    template = _minhash_template()
    m = type(template)(num_perm=NUM_PERM, seed=1, permutations=template.permutations,
                       scheme=template.scheme)  # fmt: skip
    m.update_batch([s.encode("utf-8") for s in sorted(sh)])
    values = m.hashvalues
    keys = []
    for b in range(BANDS):
        digest = hashlib.blake2b(values[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8)
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys


@lru_cache(maxsize=1)
def _minhash_template() -> Any:
    """A MinHash whose permutations every passage reuses (drawing them is the slow part)."""
    # imported here: datasketch takes ~2 s to import, and queries and exports never need it
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1)


def _passage_text(conn: sqlite3.Connection, passage_id: int) -> str:
    row = conn.execute(
        'SELECT substr(d.text, p.start + 1, p."end" - p.start) FROM passages p '
        "JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
        (passage_id,),
    ).fetchone()
    return str(row[0]) if row else ""


def index_passages(conn: sqlite3.Connection, doc_rowid: int, text: str) -> int:
    """Store the passages of a document and link them to earlier copies; return #links.

    An exact copy is linked to the first stored copy only (its canonical passage), and
    only canonical passages enter the LSH index, so a paragraph repeated a thousand
    times costs one link each, not a thousand.
    """
    links = 0
    for idx, (start, end) in enumerate(split_passages(text)):
        body = text[start:end]
        words = _WORD.findall(body.lower())
        digest = hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:20]
        canonical = conn.execute(
            "SELECT id FROM passages WHERE hash = ? ORDER BY id LIMIT 1", (digest,)
        ).fetchone()
        cur = conn.execute(
            'INSERT INTO passages (document_id, idx, start, "end", hash) VALUES (?, ?, ?, ?, ?)',
            (doc_rowid, idx, start, end, digest),
        )
        pid = int(cur.lastrowid or 0)
        if len(words) < MIN_PASSAGE_WORDS:
            continue
        if canonical is not None:
            conn.execute("INSERT OR IGNORE INTO passage_links VALUES (?, ?, 'exact', 1.0)",
                         (canonical[0], pid))  # fmt: skip
            links += 1
            continue
        sh = shingles(body)
        keys = band_keys(sh)
        seen = {pid}
        for band, key in enumerate(keys):
            for (other,) in conn.execute(
                "SELECT passage_id FROM passage_bands WHERE band = ? AND key = ? LIMIT ?",
                (band, key, MAX_CANDIDATES),
            ).fetchall():
                if other in seen or len(seen) > MAX_CANDIDATES:
                    continue
                seen.add(other)
                sim = jaccard(sh, shingles(_passage_text(conn, other)))
                if sim >= NEAR_DUPLICATE_JACCARD:
                    conn.execute("INSERT OR IGNORE INTO passage_links VALUES (?, ?, 'near', ?)",
                                 (other, pid, round(sim, 4)))  # fmt: skip
                    links += 1
        conn.executemany(
            "INSERT INTO passage_bands (band, key, passage_id) VALUES (?, ?, ?)",
            [(band, key, pid) for band, key in enumerate(keys)],
        )
    return links


# -- event compatibility --------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MergeKey:
    """What merging compares about one stored event."""

    rowid: int
    document_id: int
    event_type: str
    status: str
    country: str | None
    place: str | None  # normalised town name, only when the place is town-precise
    eff_start: str | None
    eff_end: str | None
    sources: frozenset[str]
    targets: frozenset[str]


def compatible(a: MergeKey, b: MergeKey, *, same_text: bool = False) -> int | None:
    """A score (shared actors + same town) when ``a`` and ``b`` may be one event, else None.

    ``same_text``: the two events come from copies of one passage, so missing fields and
    a zero score are fine; a conflict (another day, town, country or actor) still is not.
    """
    if a.event_type.lower() != b.event_type.lower():
        return None
    if (a.status in _REAL) != (b.status in _REAL) or (
        a.status not in _REAL and a.status != b.status
    ):
        return None
    if a.eff_start and b.eff_start and a.eff_end and b.eff_end:
        if a.eff_start > b.eff_end or b.eff_start > a.eff_end:
            return None  # another day
    elif not same_text:
        return None
    if a.country and b.country and a.country.upper() != b.country.upper():
        return None
    if a.place and b.place and a.place != b.place:
        return None  # another town
    for mine, theirs in ((a.sources, b.sources), (a.targets, b.targets)):
        if mine and theirs and not mine & theirs:
            return None
    score = len(a.sources & b.sources) + len(a.targets & b.targets)
    score += 1 if a.place and a.place == b.place else 0
    return score if score > 0 or same_text else None


def _merge_key(conn: sqlite3.Connection, rowid: int) -> MergeKey:
    row = conn.execute(
        "SELECT document_id, event_type, status, country, location_name, geo_precision, "
        "eff_start, eff_end FROM events WHERE id = ?", (rowid,),
    ).fetchone()  # fmt: skip
    doc, etype, status, country, place, precision, start, end = row
    roles: dict[str, set[str]] = {"source": set(), "target": set()}
    for role, key in conn.execute(
        "SELECT role, actor_key FROM event_actors WHERE event_id = ? AND role IN "
        "('source', 'target')", (rowid,),
    ):  # fmt: skip
        roles[role].add(key)
    town = " ".join(place.lower().split()) if place and precision in (None, 1) else None
    return MergeKey(rowid, doc, etype, status, country, town, start, end,
                    frozenset(roles["source"]), frozenset(roles["target"]))  # fmt: skip


def _passage_duplicate(conn: sqlite3.Connection, key: MergeKey) -> tuple[int, str] | None:
    """(event rowid, corpus id) of a same-type event in a passage this event's text copies."""
    rows = conn.execute(
        """SELECT DISTINCT e2.id, e2.corpus_event_id
           FROM evidence x
           JOIN passages p ON p.document_id = ? AND x.start >= p.start AND x.start < p."end"
           JOIN passage_links l ON l.passage_a = p.id OR l.passage_b = p.id
           JOIN passages p2 ON p2.id = CASE WHEN l.passage_a = p.id
                                       THEN l.passage_b ELSE l.passage_a END
           JOIN events e2 ON e2.document_id = p2.document_id
           JOIN evidence x2 ON x2.event_id = e2.id AND x2.start >= p2.start
                            AND x2.start < p2."end"
           WHERE x.event_id = ? AND p2.document_id != ? AND e2.event_type = ?
             AND e2.corpus_event_id IS NOT NULL
           ORDER BY e2.id LIMIT 20""",
        (key.document_id, key.rowid, key.document_id, key.event_type),
    ).fetchall()
    for rowid, cid in rows:
        if compatible(key, _merge_key(conn, rowid), same_text=True) is not None:
            return int(rowid), str(cid)
    return None


def _best_match(conn: sqlite3.Connection, key: MergeKey) -> str | None:
    if not (key.eff_start and key.eff_end):
        return None
    start = dt.date.fromisoformat(key.eff_start)
    lower = start - dt.timedelta(days=min(MAX_EVENT_SPAN_DAYS, start.toordinal() - 1))
    window = (key.event_type, lower.isoformat(), key.eff_end, key.eff_start, key.document_id)
    # Only events that could score (a shared actor in a role, or the same town) are read:
    # 1. through the actor index, 2. through the type-and-date index, filtered by town.
    found: dict[int, str] = {}
    for role, keys in (("source", key.sources), ("target", key.targets)):
        if not keys:
            continue
        marks = ", ".join("?" for _ in keys)
        found.update(conn.execute(
            f"SELECT e.id, e.corpus_event_id FROM event_actors a JOIN events e "
            f"ON e.id = a.event_id WHERE a.actor_key IN ({marks}) AND a.role = ? "
            "AND e.event_type = ? AND e.eff_start BETWEEN ? AND ? AND e.eff_end >= ? "
            "AND e.document_id != ? AND e.corpus_event_id IS NOT NULL LIMIT 200",
            (*sorted(keys), role, *window)).fetchall())  # fmt: skip
    if key.place:
        found.update(conn.execute(
            "SELECT id, corpus_event_id FROM events WHERE event_type = ? AND eff_start "
            "BETWEEN ? AND ? AND eff_end >= ? AND document_id != ? AND corpus_event_id IS NOT "
            "NULL AND location_name = ? COLLATE NOCASE LIMIT 200", (*window, key.place),
        ).fetchall())  # fmt: skip
    best: tuple[int, str] | None = None
    for rowid, cid in sorted(found.items()):
        score = compatible(key, _merge_key(conn, rowid))
        if score is None:
            continue
        # a corpus event that already holds an event of this document is another event
        clash = conn.execute(
            "SELECT 1 FROM events WHERE corpus_event_id = ? AND document_id = ? LIMIT 1",
            (cid, key.document_id),
        ).fetchone()
        if clash is None and (best is None or score > best[0]):
            best = (score, cid)
    return best[1] if best else None


def assign(conn: sqlite3.Connection, doc_rowid: int, rowids: Sequence[int]) -> tuple[int, int]:
    """Give each new event a corpus event; return (#new corpus events, #events merged)."""
    new = merged = 0
    for rowid in rowids:
        key = _merge_key(conn, rowid)
        dup = _passage_duplicate(conn, key)
        cid: str | None
        if dup is not None:
            conn.execute("UPDATE events SET duplicate_of = ? WHERE id = ?", (dup[0], rowid))
            cid = dup[1]
        else:
            cid = _best_match(conn, key)
        if cid is None:
            seed = conn.execute(
                "SELECT d.content_hash || '|' || e.event_id FROM events e JOIN documents d "
                "ON d.id = e.document_id WHERE e.id = ?", (rowid,),
            ).fetchone()[0]  # fmt: skip
            cid = "cev_" + hashlib.sha1(str(seed).encode("utf-8")).hexdigest()[:16]
            conn.execute("INSERT INTO corpus_events (id, event_type, status) VALUES (?, ?, ?)",
                         (cid, key.event_type, key.status))  # fmt: skip
            new += 1
        else:
            merged += 1
        conn.execute("UPDATE events SET corpus_event_id = ? WHERE id = ?", (cid, rowid))
        refresh(conn, [cid])
    return new, merged


def refresh(conn: sqlite3.Connection, corpus_ids: Iterable[str]) -> None:
    """Recompute the summary columns of corpus events (deleting empty ones)."""
    for cid in set(corpus_ids):
        rows = conn.execute(
            "SELECT e.event_type, e.acled_event_type, e.acled_sub_event_type, e.status, "
            "e.country, e.location_name, e.geo_precision, e.date_start, e.date_end, "
            "e.fatalities_min, e.fatalities_max, e.injuries_min, e.mentions, d.id, "
            "coalesce(d.source, d.url, d.doc_id), d.doc_id "
            "FROM events e JOIN documents d ON d.id = e.document_id "
            "WHERE e.corpus_event_id = ? ORDER BY e.id", (cid,),
        ).fetchall()  # fmt: skip
        if not rows:
            conn.execute("DELETE FROM corpus_events WHERE id = ?", (cid,))
            continue
        lead = min(rows, key=lambda r: STATUSES.index(r[3]) if r[3] in STATUSES else 99)
        placed = sorted((r for r in rows if r[5]), key=lambda r: r[6] if r[6] else 1)
        starts = [r[7] for r in rows if r[7]]
        ends = [r[8] or r[7] for r in rows if r[7]]
        figures = [{"doc_id": r[15], "source": r[14], "min": r[9], "max": r[10]}
                   for r in rows if r[9] is not None]  # fmt: skip
        real = [r[9] for r in rows if r[9] is not None and r[3] in _REAL]
        injured = [r[11] for r in rows if r[11] is not None and r[3] in _REAL]
        conn.execute(
            "UPDATE corpus_events SET event_type = ?, acled_event_type = ?, "
            "acled_sub_event_type = ?, status = ?, country = ?, location_name = ?, "
            "date_start = ?, date_end = ?, fatalities = ?, fatalities_by_source = ?, "
            "injuries = ?, num_mentions = ?, num_documents = ?, num_sources = ? WHERE id = ?",
            (rows[0][0], rows[0][1] or lead[1], rows[0][2] or lead[2], lead[3],
             next((r[4] for r in rows if r[4]), None), placed[0][5] if placed else None,
             min(starts) if starts else None, max(ends) if ends else None,
             min(real) if real else None, json.dumps(figures, ensure_ascii=False),
             min(injured) if injured else None, sum(r[12] for r in rows),
             len({r[13] for r in rows}), len({r[14] for r in rows}), cid),
        )  # fmt: skip


def rebuild(store: Store) -> tuple[int, int]:
    """Forget every corpus event and merge again in document order; (#new, #merged)."""
    new = merged = 0
    with store.transaction() as conn:
        conn.execute("UPDATE events SET corpus_event_id = NULL, duplicate_of = NULL")
        conn.execute("DELETE FROM corpus_events")
        docs = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
        for doc in docs:
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM events WHERE document_id = ? ORDER BY id", (doc,))]  # fmt: skip
            n, m = assign(conn, doc, ids)
            new, merged = new + n, merged + m
    return new, merged


# -- reading corpus events ------------------------------------------------------------------

def corpus_events(store: Store, *, min_documents: int = 1) -> list[CorpusEvent]:
    """Every corpus event reported by at least ``min_documents`` documents."""
    rows = store.conn.execute(
        "SELECT id, event_type, acled_event_type, acled_sub_event_type, status, country, "
        "location_name, date_start, date_end, fatalities, injuries, fatalities_by_source, "
        "num_mentions, num_documents, num_sources FROM corpus_events "
        "WHERE num_documents >= ? ORDER BY date_start, id", (min_documents,),
    ).fetchall()  # fmt: skip
    out = []
    for r in rows:
        figures = tuple(SourceFigure(**f) for f in json.loads(r[11]))
        out.append(CorpusEvent(
            corpus_event_id=r[0], event_type=r[1], acled_event_type=r[2],
            acled_sub_event_type=r[3], status=r[4], country=r[5], location_name=r[6],
            date_start=dt.date.fromisoformat(r[7]) if r[7] else None,
            date_end=dt.date.fromisoformat(r[8]) if r[8] else None,
            fatalities=r[9], injuries=r[10], figures=figures,
            sources=tuple(x[0] for x in store.conn.execute(
                "SELECT DISTINCT coalesce(d.source, d.url, d.doc_id) FROM events e "
                "JOIN documents d ON d.id = e.document_id WHERE e.corpus_event_id = ? "
                "ORDER BY 1", (r[0],))),
            events=tuple(store.read_events(corpus_event_id=r[0])),
            num_mentions=r[12], num_documents=r[13], num_sources=r[14],
        ))  # fmt: skip
    return out
