"""The SQLite corpus store: open safely, add documents atomically, read events back.

Every document is written in one ``BEGIN IMMEDIATE`` transaction (document, passages,
near-duplicate links, events, actors, evidence, full-text rows and corpus merging), so a
process killed at any moment leaves the document stored completely or not at all. WAL
with ``synchronous=NORMAL`` keeps committed documents across a crash of the process.

Bad files are recognised before anything is written to them: a file that is not SQLite,
an SQLite file that is not ours, and a store from a newer eventcoder all raise a coded
``StoreError`` and leave the file byte-for-byte as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal

from eventcoder.errors import StoreError
from eventcoder.records import Article, DocumentDate, DocumentResult, Event, event_from_dict
from eventcoder.store.migrations import check_not_newer, migrate
from eventcoder.store.schema import APPLICATION_ID, actor_key, actor_rows, event_row

EC060_CORRUPT_STORE = "EC060"
EC061_FOREIGN_STORE = "EC061"
EC063_STORE_READ_ONLY = "EC063"
EC064_STORE_WRITE_FAILED = "EC064"
EC065_STORE_MISSING = "EC065"

SQLITE_HEADER = b"SQLite format 3\x00"
# An event without its own date is assumed to have happened up to this many days
# before publication (news reports recent events); used only to compare events.
UNDATED_WINDOW_DAYS = 2


@dataclass(frozen=True, slots=True)
class AddResult:
    """What ``Store.add_document`` did with one document."""

    status: Literal["new", "skipped", "replaced"]
    content_hash: str
    events_new: int = 0  # events that started a new corpus event
    events_merged: int = 0  # events that joined an existing corpus event


def coder_version() -> str:
    """The running eventcoder version, stamped on every stored document and event."""
    module = sys.modules.get("eventcoder")
    return str(getattr(module, "__version__", "0+unknown"))


def content_hash(article: Article) -> str:
    """The identity of a document: a hash of its text, URL and source.

    Title and origin are left out on purpose: re-ingesting the same file from another
    path, or with an edited title, is the same document.
    """
    h = hashlib.sha256()
    for part in (article.text, article.url or "", article.source or ""):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return "sha256:" + h.hexdigest()[:32]


def _translate(exc: sqlite3.Error, path: str) -> StoreError:
    msg = str(exc).lower()
    if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
        return StoreError(f"{path} cannot be written ({exc}). "
                          "Fix: check the permissions of the file and its directory, "
                          "or pass --db with a writable path.",
                          code=EC063_STORE_READ_ONLY)  # fmt: skip
    if "full" in msg or "disk i/o" in msg:
        return StoreError(f"writing {path} failed ({exc}); the last document was rolled back "
                          "and earlier ones are intact. Fix: free disk space and run the "
                          "same command again.", code=EC064_STORE_WRITE_FAILED)  # fmt: skip
    return StoreError(f"{path} is corrupt or not an eventcoder store ({exc}). It was left as "
                      "it is. Fix: pass another --db file, or restore it from a backup.",
                      code=EC060_CORRUPT_STORE)  # fmt: skip


def _inspect(path: Path) -> None:
    """Refuse a file that is not an eventcoder store, reading it only."""
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not an SQLite database (bad header). It was left as it "
                         "is. Fix: pass another --db file.", code=EC060_CORRUPT_STORE)  # fmt: skip
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
            if app_id != APPLICATION_ID and tables:
                raise StoreError(f"{path} is an SQLite database of another application "
                                 "(application_id does not match). It was left as it is. "
                                 "Fix: pass another --db file.",
                                 code=EC061_FOREIGN_STORE)  # fmt: skip
            if app_id == APPLICATION_ID:
                check_not_newer(conn, str(path))
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _translate(exc, str(path)) from None


def open_store(path: str | Path, *, readonly: bool = False) -> Store:
    """Open (creating when needed, unless ``readonly``) the store at ``path``."""
    p = Path(path)
    if p.is_dir():
        raise StoreError(f"{p} is a directory. Fix: pass a file name such as "
                         f"{p / 'events.db'}.", code=EC060_CORRUPT_STORE)  # fmt: skip
    exists = p.exists() and p.stat().st_size > 0
    if exists:
        _inspect(p)
    elif readonly:
        raise StoreError(f"{p} does not exist. Fix: create it with "
                         f"'eventcoder ingest PATH --db {p}'.",
                         code=EC065_STORE_MISSING)  # fmt: skip
    try:
        if readonly:
            conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True,
                                   isolation_level=None)  # fmt: skip
        else:
            conn = sqlite3.connect(str(p), isolation_level=None, timeout=30.0)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # Checkpoints are where the time goes (they fsync): do them per ~40 MB of WAL
            # rather than per 4 MB. Measured: 18 -> 10 ms per 10-event document.
            conn.execute("PRAGMA wal_autocheckpoint = 10000")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MB page cache
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            migrate(conn, str(p))
    except StoreError:
        raise
    except sqlite3.Error as exc:
        raise _translate(exc, str(p)) from None
    return Store(conn, str(p), readonly=readonly)


class Store:
    """An open corpus store; use ``open_store()`` to get one."""

    def __init__(self, conn: sqlite3.Connection, path: str, *, readonly: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    # -- lifecycle --------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite)."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back on any error, sqlite errors made coded."""
        if self.readonly:
            raise StoreError(f"{self.path} was opened read-only. Fix: open it with "
                             "readonly=False.", code=EC063_STORE_READ_ONLY)  # fmt: skip
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _translate(exc, self.path) from None
            raise

    # -- writing ----------------------------------------------------------------------
    def has_document(self, article: Article) -> bool:
        """Whether a document with the same content hash is already stored."""
        row = self.conn.execute(
            "SELECT 1 FROM documents WHERE content_hash = ?", (content_hash(article),)
        ).fetchone()
        return row is not None

    def document_version(self, article: Article) -> str | None:
        """The coder version that coded the stored copy of ``article`` (None if absent)."""
        row = self.conn.execute(
            "SELECT coder_version FROM documents WHERE content_hash = ?", (content_hash(article),)
        ).fetchone()
        return None if row is None else str(row[0])

    def add_document(
        self, article: Article, result: DocumentResult, *, replace: bool = False,
        merge: bool = True,
    ) -> AddResult:  # fmt: skip
        """Store ``article`` with its events; a document already stored is skipped.

        ``replace`` recodes a stored document (its old events are removed in the same
        transaction). ``merge=False`` skips cross-document merging (bulk loads).
        """
        if result.error:
            raise StoreError(f"document {article.doc_id} failed and has no events to store: "
                             f"{result.error}", code=EC064_STORE_WRITE_FAILED)  # fmt: skip
        # Imported here: merge_corpus imports the store package, which imports this module.
        from eventcoder import merge_corpus

        key = content_hash(article)
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM documents WHERE content_hash = ?", (key,)).fetchone()
            if row is not None and not replace:
                return AddResult("skipped", key)
            if row is not None:
                self._remove_document(conn, int(row[0]))
            doc_rowid = self._insert_document(conn, key, article, result)
            merge_corpus.index_passages(conn, doc_rowid, article.text)
            rowids = [self._insert_event(conn, doc_rowid, e, article, result)
                      for e in result.events]  # fmt: skip
            new, merged = (len(rowids), 0)
            if merge:
                new, merged = merge_corpus.assign(conn, doc_rowid, rowids)
        return AddResult("replaced" if row is not None else "new", key, new, merged)

    def _insert_document(
        self, conn: sqlite3.Connection, key: str, article: Article, result: DocumentResult
    ) -> int:
        date: DocumentDate | None = article.date or result.document_date
        cur = conn.execute(
            "INSERT INTO documents (content_hash, doc_id, title, url, source, origin, date, "
            "date_method, text, words, notes, coder_version, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, article.doc_id, article.title, article.url, article.source,
             article.origin or result.origin, date.date.isoformat() if date else None,
             date.method if date else None, article.text, result.words,
             json.dumps(list(result.notes), ensure_ascii=False), coder_version(),
             dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
        )  # fmt: skip
        rowid = int(cur.lastrowid or 0)
        conn.execute(
            "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
            (rowid, article.title or "", article.text),
        )
        return rowid

    def _insert_event(
        self, conn: sqlite3.Connection, doc_rowid: int, event: Event, article: Article,
        result: DocumentResult,
    ) -> int:  # fmt: skip
        row = event_row(event)
        doc_date = article.date or result.document_date
        row["eff_start"], row["eff_end"] = _effective_range(event, doc_date)
        row["document_id"] = doc_rowid
        row["coder_version"] = coder_version()
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = conn.execute(f"INSERT INTO events ({cols}) VALUES ({marks})", tuple(row.values()))
        rowid = int(cur.lastrowid or 0)
        for role, position, actor in actor_rows(event):
            k = actor_key(actor)
            conn.execute(
                "INSERT OR IGNORE INTO actors (key, name, actor_id, actor_type, country) "
                "VALUES (?, ?, ?, ?, ?)",
                (k, actor.name, actor.actor_id, actor.actor_type, actor.country),
            )
            conn.execute(
                "INSERT INTO event_actors (event_id, role, position, actor_key, text, name) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (rowid, role, position, k, actor.text, actor.name),
            )
        for ev in event.evidence:
            cur = conn.execute(
                'INSERT INTO evidence (event_id, start, "end", text) VALUES (?, ?, ?, ?)',
                (rowid, ev.start, ev.end, ev.text),
            )
            conn.execute(
                "INSERT INTO evidence_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, ev.text)
            )
        return rowid

    def _remove_document(self, conn: sqlite3.Connection, doc_rowid: int) -> None:
        """Delete a document and everything derived from it (inside a transaction)."""
        corpus_ids = [r[0] for r in conn.execute(
            "SELECT DISTINCT corpus_event_id FROM events WHERE document_id = ? "
            "AND corpus_event_id IS NOT NULL", (doc_rowid,))]  # fmt: skip
        conn.execute(
            "INSERT INTO evidence_fts (evidence_fts, rowid, text) SELECT 'delete', x.id, x.text "
            "FROM evidence x JOIN events e ON e.id = x.event_id WHERE e.document_id = ?",
            (doc_rowid,),
        )
        conn.execute(
            "INSERT INTO documents_fts (documents_fts, rowid, title, text) "
            "SELECT 'delete', id, coalesce(title, ''), text FROM documents WHERE id = ?",
            (doc_rowid,),
        )
        conn.execute(
            "UPDATE events SET duplicate_of = NULL WHERE duplicate_of IN "
            "(SELECT id FROM events WHERE document_id = ?)", (doc_rowid,),
        )  # fmt: skip
        conn.execute("DELETE FROM documents WHERE id = ?", (doc_rowid,))
        from eventcoder import merge_corpus

        merge_corpus.refresh(conn, corpus_ids)

    # -- reading ----------------------------------------------------------------------
    def read_events(
        self, *, doc_id: str | None = None, corpus_event_id: str | None = None,
        limit: int | None = None,
    ) -> list[Event]:  # fmt: skip
        """Stored events in insertion order, optionally of one document or corpus event."""
        sql = "SELECT record FROM events"
        where: list[str] = []
        params: list[object] = []
        if doc_id is not None:
            where.append("doc_id = ?")
            params.append(doc_id)
        if corpus_event_id is not None:
            where.append("corpus_event_id = ?")
            params.append(corpus_event_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self.events_from_sql(sql, params)

    def events_from_sql(self, sql: str, params: Sequence[object] = ()) -> list[Event]:
        """Run ``sql`` whose first column is ``events.record`` and rebuild the events."""
        try:
            rows = self.conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        return [event_from_dict(json.loads(r[0])) for r in rows]

    def stale_documents(self) -> Iterator[Article]:
        """Stored documents coded by another eventcoder version (for ``--reprocess``)."""
        ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM documents WHERE coder_version != ? ORDER BY id", (coder_version(),))]
        for rowid in ids:  # one row at a time: texts of a large corpus never all in memory
            row = self.conn.execute(
                "SELECT doc_id, text, date, date_method, title, url, source, origin "
                "FROM documents WHERE id = ?", (rowid,),
            ).fetchone()  # fmt: skip
            if row is None:
                continue
            doc_id, text, date, method, title, url, source, origin = row
            ddate = DocumentDate(dt.date.fromisoformat(date), method) if date else None
            yield Article(doc_id=doc_id, text=text, date=ddate, title=title, url=url,
                          source=source, origin=origin or "")  # fmt: skip

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        tables = ("documents", "passages", "passage_links", "events", "corpus_events", "actors")
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in tables}  # fmt: skip


def _effective_range(event: Event, doc_date: DocumentDate | None) -> tuple[str | None, str | None]:
    """The day range used to compare events: their own dates, else near publication."""
    d = event.date
    if d is not None and d.start is not None:
        return d.start.isoformat(), (d.end or d.start).isoformat()
    if doc_date is not None:
        start = doc_date.date - dt.timedelta(days=UNDATED_WINDOW_DAYS)
        return start.isoformat(), doc_date.date.isoformat()
    return None, None
