from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from eventcoder.records import (
    STATUSES,
    ActorRef,
    Count,
    DateRange,
    Event,
    Evidence,
    Location,
    event_from_dict,
)

texts = st.text(max_size=30)
actors = st.builds(ActorRef, text=texts, name=texts, actor_id=st.none() | texts,
                   country=st.none() | st.sampled_from(["USA", "IRQ", "IRN"]))
counts = st.none() | st.builds(Count, min=st.none() | st.integers(0, 999),
                               max=st.none() | st.integers(0, 999), text=texts)
dates = st.none() | st.builds(
    DateRange, text=texts, start=st.none() | st.dates(), end=st.none() | st.dates(),
    precision=st.none() | st.sampled_from(["day", "month", "year"]),
)
events = st.builds(
    Event,
    event_id=texts, doc_id=texts, event_type=st.sampled_from(["ASSAULT", "AGREE"]),
    mode=st.none() | texts, cameo=st.none() | texts, acled_event_type=st.none() | texts,
    acled_sub_event_type=st.none() | texts,
    source_actors=st.lists(actors, max_size=2).map(tuple),
    target_actors=st.lists(actors, max_size=2).map(tuple),
    location=st.none() | st.builds(Location, text=texts, lat=st.none() | st.floats(-90, 90)),
    date=dates, fatalities=counts, injuries=counts, instrument=st.none() | texts,
    status=st.sampled_from(STATUSES),
    claimed_by=st.lists(actors, max_size=1).map(tuple),
    attributed_by=st.lists(actors, max_size=1).map(tuple),
    is_background=st.booleans(),
    evidence=st.lists(st.builds(Evidence, doc_id=texts, start=st.integers(0, 99),
                                end=st.integers(0, 99), text=texts), max_size=2).map(tuple),
    mentions=st.integers(1, 5), confidence=st.floats(0, 1), coder=texts,
)  # fmt: skip


@given(events)
def test_records_event_json_round_trip(event: Event) -> None:
    assert event_from_dict(json.loads(json.dumps(event.as_dict()))) == event


def test_records_dates_serialise_as_iso() -> None:
    d = DateRange(text="in 1982", start=dt.date(1982, 1, 1), end=dt.date(1982, 12, 31))
    assert Event.as_dict  # noqa: B018
    from eventcoder.records import _jsonable

    assert _jsonable(d)["start"] == "1982-01-01"
