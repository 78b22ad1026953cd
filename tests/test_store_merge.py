"""Cross-document merging and near-duplicate passages (merge_corpus.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from eventcoder import merge_corpus
from eventcoder.merge_corpus import MergeKey, compatible, split_passages
from eventcoder.records import (
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
from eventcoder.store import Store, open_store

DAY = dt.date(2024, 5, 6)
S1 = "Rebels attacked the army base near Goma on Monday, killing four soldiers, officials said."
S2 = "M23 fighters struck an army position in Goma, leaving six soldiers dead, a spokesman said."


def make_event(doc_id: str, sentence: str, text: str, **kw: Any) -> Event:
    """An ASSAULT by rebels on the army in Goma on DAY, evidenced by ``sentence``."""
    start = text.index(sentence)
    fields: dict[str, Any] = dict(
        event_id="ev1", doc_id=doc_id, event_type="ASSAULT", mode=None, cameo="190",
        acled_event_type="Battles", acled_sub_event_type="Armed clash",
        source_actors=(ActorRef("rebels", "M23", actor_id="M23", actor_type="REB"),),
        target_actors=(ActorRef("the army", "FARDC", actor_id="FARDC", actor_type="MIL"),),
        location=Location("Goma", name="Goma", country="COD", precision=1),
        date=DateRange("Monday", DAY, DAY, "day", 1), fatalities=None, injuries=None,
        instrument=None, status="asserted", claimed_by=(), attributed_by=(),
        is_background=False, evidence=(Evidence(doc_id, start, start + len(sentence), sentence),),
        mentions=1, confidence=0.7, coder="rules",
    )  # fmt: skip
    fields.update(kw)
    return Event(**fields)


def add(store: Store, doc_id: str, text: str, *events: Event, source: str | None = None) -> Any:
    article = Article(doc_id, text, date=DocumentDate(DAY + dt.timedelta(days=1), "given"),
                      source=source or doc_id)  # fmt: skip
    return store.add_document(article, DocumentResult(doc_id, events=events))


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "events.db")


def test_merge_corpus_same_event_from_two_sources_is_one(store: Store) -> None:
    add(store, "a", S1, make_event("a", S1, S1, fatalities=Count(4, 4, "four")), source="Reuters")
    r = add(store, "b", S2, make_event("b", S2, S2, fatalities=Count(6, 6, "six")), source="AFP")
    assert (r.events_new, r.events_merged) == (0, 1)
    [ce] = merge_corpus.corpus_events(store)
    assert (ce.num_documents, ce.num_sources, ce.num_mentions) == (2, 2, 2)
    assert ce.fatalities == 4  # ACLED: the most conservative figure
    assert sorted((f.source, f.min) for f in ce.figures) == [("AFP", 6), ("Reuters", 4)]
    assert ce.sources == ("AFP", "Reuters")
    assert len(ce.events) == 2


def test_merge_corpus_other_day_or_town_is_never_merged(store: Store) -> None:
    add(store, "a", S1, make_event("a", S1, S1))
    later = DAY + dt.timedelta(days=3)
    add(store, "b", S2, make_event("b", S2, S2, date=DateRange("Thursday", later, later, "day")))
    elsewhere = Location("Bukavu", name="Bukavu", country="COD", precision=1)
    add(store, "c", S2 + " ", make_event("c", S2, S2 + " ", location=elsewhere))
    other_type = make_event("d", S2, S2 + "  ", event_type="PROTEST")
    add(store, "d", S2 + "  ", other_type)
    assert store.counts()["corpus_events"] == 4


def test_merge_corpus_hypothetical_is_not_merged_with_real(store: Store) -> None:
    add(store, "a", S1, make_event("a", S1, S1))
    r = add(store, "b", S2, make_event("b", S2, S2, status="hypothetical"))
    assert r.events_new == 1


def test_merge_corpus_disjoint_actors_are_not_merged(store: Store) -> None:
    add(store, "a", S1, make_event("a", S1, S1))
    other = (ActorRef("ADF", "ADF", actor_id="ADF"),)
    r = add(store, "b", S2, make_event("b", S2, S2, source_actors=other))
    assert r.events_new == 1


def test_merge_corpus_two_events_of_one_document_stay_apart(store: Store) -> None:
    text = S1 + "\n" + S2
    add(store, "a", text, make_event("a", S1, text), make_event("a", S2, text, event_id="ev2"))
    assert store.counts()["corpus_events"] == 2
    r = add(store, "b", S2, make_event("b", S2, S2))
    assert (r.events_new, r.events_merged) == (0, 1)
    assert store.counts()["corpus_events"] == 2


def test_merge_corpus_wire_copy_never_double_counts(store: Store) -> None:
    # The copy has no date or place of its own; only the repeated passage ties it.
    body = "Officials said " + S1
    add(store, "a", "Local news\n" + body, make_event("a", body, "Local news\n" + body))
    copy_text = "Other outlet headline\n" + body.replace("four", "4") + "\nMore text follows."
    copy = make_event("b", body.replace("four", "4"), copy_text, date=None, location=None,
                      source_actors=(), target_actors=())  # fmt: skip
    r = add(store, "b", copy_text, copy)
    assert r.events_merged == 1
    links = store.conn.execute("SELECT kind FROM passage_links").fetchall()
    assert links == [("near",)]
    dup = store.conn.execute("SELECT count(*) FROM events WHERE duplicate_of IS NOT NULL")
    assert dup.fetchone()[0] == 1
    assert store.counts()["corpus_events"] == 1


def test_merge_corpus_exact_passage_copies_link_to_first_copy(store: Store) -> None:
    text = "\n".join([S1, S2, S1, S1])
    add(store, "a", text)
    add(store, "b", S1)
    rows = store.conn.execute("SELECT passage_a, passage_b, kind FROM passage_links "
                              "ORDER BY passage_b").fetchall()  # fmt: skip
    assert rows == [(1, 3, "exact"), (1, 4, "exact"), (1, 5, "exact")]


def test_merge_corpus_split_passages_offsets() -> None:
    text = "  First para.\n\nSecond one  \nthird"
    spans = split_passages(text)
    assert [text[s:e] for s, e in spans] == ["First para.", "Second one", "third"]


def test_merge_corpus_rebuild_is_deterministic(store: Store) -> None:
    add(store, "a", S1, make_event("a", S1, S1))
    add(store, "b", S2, make_event("b", S2, S2))
    before = store.conn.execute("SELECT corpus_event_id FROM events ORDER BY id").fetchall()
    assert merge_corpus.rebuild(store) == (1, 1)
    assert merge_corpus.rebuild(store) == (1, 1)
    after = store.conn.execute("SELECT corpus_event_id FROM events ORDER BY id").fetchall()
    assert before == after


def test_merge_corpus_compatible_needs_shared_evidence() -> None:
    base = MergeKey(1, 1, "ASSAULT", "asserted", "COD", None, "2024-05-06", "2024-05-06",
                    frozenset(), frozenset())  # fmt: skip
    other = MergeKey(2, 2, "ASSAULT", "reported", "COD", None, "2024-05-05", "2024-05-07",
                     frozenset(), frozenset())  # fmt: skip
    assert compatible(base, other) is None  # same kind and day, nothing else in common
    town = MergeKey(2, 2, "ASSAULT", "reported", "COD", "goma", "2024-05-05", "2024-05-07",
                    frozenset(), frozenset())  # fmt: skip
    assert compatible(MergeKey(*[*_fields(base)[:5], "goma", *_fields(base)[6:]]), town) == 1


def _fields(k: MergeKey) -> list[Any]:
    return [getattr(k, f) for f in MergeKey.__slots__]  # type: ignore[attr-defined]
