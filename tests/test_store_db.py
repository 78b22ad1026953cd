"""The SQLite store: round trips, idempotent ingest, and refusing bad files untouched."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.errors import StoreError
from eventcoder.records import (
    STATUSES,
    ActorRef,
    Article,
    Count,
    DateRange,
    DocumentDate,
    DocumentResult,
    Event,
    Evidence,
    Location,
)
from eventcoder.store import content_hash, open_store
from eventcoder.store.migrations import schema_version

DAY = dt.date(2024, 5, 6)


def make_event(doc_id: str, event_id: str, sentence: str, start: int = 0, **kw: Any) -> Event:
    """A hand-built event whose evidence is ``sentence`` at ``start``."""
    fields: dict[str, Any] = dict(
        event_id=event_id, doc_id=doc_id, event_type="ASSAULT", mode=None, cameo="190",
        acled_event_type="Battles", acled_sub_event_type="Armed clash",
        source_actors=(ActorRef("rebels", "rebels", actor_type="REB"),),
        target_actors=(ActorRef("the army", "army", actor_id="ARMY", actor_type="MIL"),),
        location=Location("Goma", name="Goma", country="COD", precision=1),
        date=DateRange("Monday", DAY, DAY, "day", 1), fatalities=None, injuries=None,
        instrument=None, status="asserted", claimed_by=(), attributed_by=(),
        is_background=False, evidence=(Evidence(doc_id, start, start + len(sentence), sentence),),
        mentions=1, confidence=0.7, coder="rules",
    )  # fmt: skip
    fields.update(kw)
    return Event(**fields)


def make_doc(doc_id: str, text: str, *events: Event, source: str | None = None,
             day: dt.date | None = DAY) -> tuple[Article, DocumentResult]:  # fmt: skip
    """An article and its pipeline result."""
    date = DocumentDate(day, "given") if day else None
    return (Article(doc_id, text, date=date, source=source),
            DocumentResult(doc_id, events=events, words=len(text.split())))  # fmt: skip


SENTENCE = "Rebels attacked the army near Goma on Monday, killing four soldiers, officials said."


def test_store_add_document_is_idempotent(tmp_path: Path) -> None:
    article, result = make_doc("a", SENTENCE, make_event("a", "ev1", SENTENCE))
    with open_store(tmp_path / "e.db") as store:
        first = store.add_document(article, result)
        again = store.add_document(article, result)
        assert (first.status, again.status) == ("new", "skipped")
        assert store.counts()["documents"] == 1
        assert store.counts()["events"] == 1
        assert store.read_events() == list(result.events)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_content_hash_ignores_title_and_origin() -> None:
    a = Article("a", "same text", title="One", origin="x.txt")
    b = Article("b", "same text", title="Two", origin="y/x.txt")
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(Article("a", "same text", source="AP"))


def test_store_replace_recodes_a_document(tmp_path: Path) -> None:
    article, result = make_doc("a", SENTENCE, make_event("a", "ev1", SENTENCE))
    with open_store(tmp_path / "e.db") as store:
        store.add_document(article, result)
        recoded = DocumentResult("a", events=(make_event("a", "ev2", SENTENCE, status="claimed"),))
        assert store.add_document(article, recoded, replace=True).status == "replaced"
        assert [e.event_id for e in store.read_events()] == ["ev2"]
        assert store.counts()["corpus_events"] == 1
        fts = store.conn.execute("SELECT count(*) FROM evidence_fts WHERE evidence_fts "
                                 "MATCH 'Goma'").fetchone()[0]  # fmt: skip
        assert fts == 1


def test_store_failed_result_is_refused(tmp_path: Path) -> None:
    with open_store(tmp_path / "e.db") as store, pytest.raises(StoreError):
        store.add_document(Article("a", "x"), DocumentResult("a", error="[EC017] boom"))


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_store_corrupt_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not a database\n" * 50)
    before = _bytes(path)
    with pytest.raises(StoreError, match=r"\[EC060\]"):
        open_store(path)
    assert _bytes(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_store_truncated_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "e.db"
    article, result = make_doc("a", SENTENCE, make_event("a", "ev1", SENTENCE))
    with open_store(path) as store:
        store.add_document(article, result)
    data = _bytes(path)
    path.write_bytes(data[:100] + b"\xff" * 3000)
    with pytest.raises(StoreError, match=r"\[EC06"):
        open_store(path)


def test_store_foreign_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.execute("INSERT INTO people VALUES ('x')")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(StoreError, match=r"\[EC061\]"):
        open_store(path)
    assert _bytes(path) == before


def test_store_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "e.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _migrations VALUES ('9999_from_the_future', 'later')")
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(StoreError, match=r"\[EC062\]"):
        open_store(path)
    with pytest.raises(StoreError, match=r"\[EC062\]"):
        open_store(path, readonly=True)
    assert _bytes(path) == before


def test_store_missing_directory_and_readonly_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"\[EC063\]"):
        open_store(tmp_path / "no" / "such" / "dir" / "e.db")
    with pytest.raises(StoreError, match=r"\[EC065\]"):
        open_store(tmp_path / "absent.db", readonly=True)
    open_store(tmp_path / "e.db").close()
    with open_store(tmp_path / "e.db", readonly=True) as store, pytest.raises(
        StoreError, match=r"\[EC063\]"
    ):
        store.add_document(*make_doc("a", SENTENCE))


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores modes")
def test_store_read_only_directory_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(StoreError, match=r"\[EC063\]"):
            open_store(locked / "e.db")
    finally:
        locked.chmod(0o755)


def test_store_full_disk_rolls_back_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "e.db"
    article, result = make_doc("a", SENTENCE, make_event("a", "ev1", SENTENCE))
    with open_store(path) as store:
        store.add_document(article, result)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        # SQLite reports a full database exactly as it reports a full disk (SQLITE_FULL)
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        big = " ".join(f"word{i} filler text here." for i in range(20000))
        with pytest.raises(StoreError, match=r"\[EC064\]"):
            store.add_document(*make_doc("b", big, make_event("b", "ev1", big[:40])))
        assert store.counts()["documents"] == 1
        assert store.read_events() == list(result.events)


# -- hypothesis round trip: record -> SQLite -> record ------------------------------------
_text = st.text(max_size=30)
_opt_text = st.none() | _text
_small = st.none() | st.integers(min_value=0, max_value=10**6)
_float = st.floats(allow_nan=False, allow_infinity=False, width=32)
_actor = st.builds(ActorRef, text=_text, name=_text, actor_id=_opt_text, actor_type=_opt_text,
                   country=_opt_text, loaded=st.booleans(), start=_small, end=_small)  # fmt: skip
_actors = st.lists(_actor, max_size=3).map(tuple)
_date_range = st.builds(DateRange, text=_text, start=st.none() | st.dates(),
                        end=st.none() | st.dates(),
                        precision=st.sampled_from([None, "day", "week", "month", "year"]),
                        time_precision=st.none() | st.integers(1, 3))  # fmt: skip
_location = st.builds(Location, text=_text, name=_opt_text, country=_opt_text,
                      admin1=_opt_text, lat=st.none() | _float, lon=st.none() | _float,
                      precision=st.none() | st.integers(1, 3))  # fmt: skip
_count = st.builds(Count, min=_small, max=_small, text=_text)


@st.composite
def events(draw: st.DrawFn) -> Event:
    """Arbitrary events (all of one document "d")."""
    evidence = draw(st.lists(st.builds(Evidence, doc_id=st.just("d"), start=st.integers(0, 99),
                                       end=st.integers(0, 99), text=_text),
                             max_size=3).map(tuple))  # fmt: skip
    return Event(
        event_id=draw(st.text(min_size=1, max_size=12)), doc_id="d",
        event_type=draw(st.text(min_size=1, max_size=10)), mode=draw(_opt_text),
        cameo=draw(_opt_text), acled_event_type=draw(_opt_text),
        acled_sub_event_type=draw(_opt_text), source_actors=draw(_actors),
        target_actors=draw(_actors), location=draw(st.none() | _location),
        date=draw(st.none() | _date_range), fatalities=draw(st.none() | _count),
        injuries=draw(st.none() | _count), instrument=draw(_opt_text),
        status=draw(st.sampled_from(STATUSES)), claimed_by=draw(_actors),
        attributed_by=draw(_actors), is_background=draw(st.booleans()), evidence=evidence,
        mentions=draw(st.integers(1, 50)), confidence=draw(_float), coder=draw(_text),
    )  # fmt: skip


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(evs=st.lists(events(), max_size=4, unique_by=lambda e: e.event_id), text=st.text())
def test_store_event_round_trip(tmp_path: Path, evs: list[Event], text: str) -> None:
    path = tmp_path / "rt.db"
    path.unlink(missing_ok=True)
    Path(str(path) + "-wal").unlink(missing_ok=True)
    Path(str(path) + "-shm").unlink(missing_ok=True)
    with open_store(path) as store:
        store.add_document(Article("d", text), DocumentResult("d", events=tuple(evs)))
    with open_store(path, readonly=True) as store:
        assert store.read_events() == evs
        stored = store.conn.execute("SELECT text FROM documents").fetchone()[0]
        assert stored == text
