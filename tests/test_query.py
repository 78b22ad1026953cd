"""EventQuery filters over the store, and helpful errors for values that do not exist."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

import pytest

from eventcoder.errors import ConfigError, StoreError
from eventcoder.query import EventQuery, count_events, normalise_country, query_events, to_dataframe
from eventcoder.records import (
    ActorRef,
    Article,
    DateRange,
    DocumentDate,
    DocumentResult,
    Event,
    Evidence,
    Location,
)
from eventcoder.store import Store, open_store


def make_event(doc_id: str, event_id: str, sentence: str, **kw: Any) -> Event:
    """A hand-built event evidenced by ``sentence`` at offset 0."""
    fields: dict[str, Any] = dict(
        event_id=event_id, doc_id=doc_id, event_type="ASSAULT", mode=None, cameo=None,
        acled_event_type="Battles", acled_sub_event_type="Armed clash", source_actors=(),
        target_actors=(), location=None, date=None, fatalities=None, injuries=None,
        instrument=None, status="asserted", claimed_by=(), attributed_by=(),
        is_background=False, evidence=(Evidence(doc_id, 0, len(sentence), sentence),),
        mentions=1, confidence=0.5, coder="rules",
    )  # fmt: skip
    fields.update(kw)
    return Event(**fields)


def _day(s: str) -> DateRange:
    d = dt.date.fromisoformat(s)
    return DateRange(s, d, d, "day", 1)


ISIS = ActorRef("Islamic State", "Islamic State", actor_id="ISIL")
IRAQ = ActorRef("Iraqi forces", "Iraqi forces", actor_id="IRQMIL", country="IRQ")
POLICE = ActorRef("police", "police", country="FRA")


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "q.db")
    docs = [
        ("d1", "Islamic State fighters attacked Iraqi forces in Mosul.", dict(
            source_actors=(ISIS,), target_actors=(IRAQ,), date=_day("2024-01-10"),
            location=Location("Mosul", name="Mosul", country="IRQ", precision=1))),
        ("d2", "Iraqi forces shelled Islamic State positions near Tikrit.", dict(
            source_actors=(IRAQ,), target_actors=(ISIS,), date=_day("2024-02-03"),
            event_type="ASSAULT", acled_event_type="Explosions/Remote violence",
            acled_sub_event_type="Shelling/artillery/missile attack",
            location=Location("Tikrit", name="Tikrit", country="IRQ", precision=1))),
        ("d3", "Police dispersed protesters in Paris, witnesses said.", dict(
            source_actors=(POLICE,), date=_day("2024-03-01"), event_type="COERCE",
            status="reported", acled_event_type="Protests",
            acled_sub_event_type="Protest with intervention",
            location=Location("Paris", name="Paris", country="FRA", precision=1))),
        ("d4", "In 2003 the invasion of Iraq began.", dict(
            event_type="ASSAULT", date=_day("2003-03-20"), is_background=True,
            location=Location("Iraq", name="Iraq", country="IRQ", precision=3))),
    ]  # fmt: skip
    for doc_id, text, kw in docs:
        article = Article(doc_id, text, date=DocumentDate(dt.date(2024, 3, 2), "given"))
        event = make_event(doc_id, "e", text, **kw)
        s.add_document(article, DocumentResult(doc_id, events=(event,)))
    yield s
    s.close()


def _docs(events: list[Event]) -> list[str]:
    return [e.doc_id for e in events]


def test_query_no_filter_excludes_background(store: Store) -> None:
    assert _docs(query_events(store, EventQuery())) == ["d1", "d2", "d3"]
    everything = query_events(store, EventQuery(include_background=True))
    assert _docs(everything) == ["d4", "d1", "d2", "d3"]


def test_query_filters_combine(store: Store) -> None:
    assert _docs(query_events(store, EventQuery(actor="Islamic State"))) == ["d1"]
    assert _docs(query_events(store, EventQuery(actor="isil"))) == ["d1"]
    assert _docs(query_events(store, EventQuery(target="Islamic State"))) == ["d2"]
    assert _docs(query_events(store, EventQuery(type="assault", country="Iraq"))) == ["d1", "d2"]
    assert _docs(query_events(store, EventQuery(type="Explosions/Remote violence"))) == ["d2"]
    assert _docs(query_events(store, EventQuery(status="reported"))) == ["d3"]
    assert _docs(query_events(store, EventQuery(country="FR"))) == ["d3"]
    q = EventQuery(since=dt.date(2024, 1, 15), until=dt.date(2024, 2, 28))
    assert _docs(query_events(store, q)) == ["d2"]
    assert _docs(query_events(store, EventQuery(text="Tikrit"))) == ["d2"]
    assert _docs(query_events(store, EventQuery(text="protesters AND Paris"))) == ["d3"]
    assert _docs(query_events(store, EventQuery(limit=1))) == ["d1"]
    assert count_events(store, EventQuery(country="IRQ", include_background=True)) == 3


def test_query_bad_fts_syntax_is_searched_as_phrase(store: Store) -> None:
    assert _docs(query_events(store, EventQuery(text='Iraqi forces" (shelled'))) == ["d2"]
    assert _docs(query_events(store, EventQuery(text="Mosul."))) == ["d1"]


def test_query_unknown_values_list_what_exists(store: Store) -> None:
    with pytest.raises(StoreError, match=r"\[EC066\].*ASSAULT, .*COERCE"):
        query_events(store, EventQuery(type="ASSUALT"))
    with pytest.raises(StoreError, match=r"\[EC066\].*FRA, IRQ"):
        query_events(store, EventQuery(country="Syria"))
    with pytest.raises(StoreError, match=r"\[EC066\].*asserted"):
        query_events(store, EventQuery(status="rumoured"))
    with pytest.raises(StoreError, match=r"\[EC066\].*Iraqi forces, Islamic State"):
        query_events(store, EventQuery(actor="Hezbollah"))
    with pytest.raises(StoreError, match=r"\[EC067\]"):
        query_events(store, EventQuery(since=dt.date(2025, 1, 1), until=dt.date(2024, 1, 1)))


def test_query_empty_store_says_so(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as s, pytest.raises(StoreError, match="no events"):
        query_events(s, EventQuery(type="ASSAULT"))


def test_query_normalise_country() -> None:
    assert normalise_country("iraq") == "IRQ"
    assert normalise_country("FR") == "FRA"
    assert normalise_country("Atlantis") == "ATLANTIS"


def test_query_dataframe_or_clear_message(store: Store) -> None:
    events = query_events(store, EventQuery())
    if importlib.util.find_spec("pandas") is None:
        with pytest.raises(ConfigError, match=r"\[EC004\].*pip install pandas"):
            to_dataframe(events)
    else:
        frame = to_dataframe(events)
        assert list(frame["doc_id"]) == ["d1", "d2", "d3"]
