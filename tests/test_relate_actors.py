"""Dated relations of linked actors on the event's day (eventcoder.stages.relate_actors)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.kb import Actor, Relation, build_kb
from eventcoder.records import ActorRef, DateRange, Event
from eventcoder.stages.relate_actors import event_days, relate_actors

D = dt.date


def _kb() -> object:
    def actor(i: str, kind: str = "armed group", *rels: Relation) -> Actor:
        return Actor(id=i, name=i.title(), type=kind, relations=rels, origin=f"t.yaml:{len(i)}")

    return build_kb(
        [
            actor("corps", "military"),
            actor("force", "military", Relation("part_of", "corps")),
            actor("old", "person", Relation("leads", "force", end=D(2020, 1, 3))),
            actor("new", "person", Relation("leads", "force", start=D(2020, 1, 3))),
        ]
    )


def _event(date: DateRange | None = None, *, background: bool = False) -> Event:
    force = ActorRef(text="the Force", name="Force", actor_id="force")
    return Event(
        event_id="e", doc_id="d", event_type="ASSAULT", mode=None, cameo=None,
        acled_event_type=None, acled_sub_event_type=None, source_actors=(force,),
        target_actors=(ActorRef(text="gunmen", name="gunmen"),), location=None, date=date,
        fatalities=None, injuries=None, instrument=None, status="asserted", claimed_by=(),
        attributed_by=(), is_background=background, evidence=(), mentions=1, confidence=0.5,
        coder="test",
    )  # fmt: skip


def _day(start: dt.date, end: dt.date | None = None) -> DateRange:
    return DateRange(text="x", start=start, end=end or start, precision="day")


@pytest.mark.parametrize(
    ("date", "leaders"),
    [
        (_day(D(2019, 6, 1)), ("old",)),
        (_day(D(2021, 6, 1)), ("new",)),
        # a year-precise event in which the command changed names both commanders
        (_day(D(2020, 1, 1), D(2020, 12, 31)), ("old", "new")),
    ],
)
def test_relate_actors_leaders_on_the_events_day(date: DateRange, leaders: tuple[str, ...]) -> None:
    (event,) = relate_actors([_event(date)], _kb(), doc_date=None)  # type: ignore[arg-type]
    force = event.source_actors[0]
    assert force.leaders == leaders
    assert force.part_of == ("corps",)
    assert event.target_actors[0].leaders == ()  # an unlinked actor gets nothing


def test_relate_actors_undated_events_use_the_document_date_unless_background() -> None:
    kb = _kb()
    (current,) = relate_actors([_event()], kb, doc_date=D(2021, 6, 1))  # type: ignore[arg-type]
    assert current.source_actors[0].leaders == ("new",)
    (history,) = relate_actors([_event(background=True)], kb, doc_date=D(2021, 6, 1))  # type: ignore[arg-type]
    assert history.source_actors[0].leaders == ()
    assert event_days(_event(), None) is None


def test_relate_actors_through_the_pipeline() -> None:
    """The packaged knowledge base: the Quds Force's commander before and after January 2020."""
    from eventcoder import extract

    text = "The Quds Force attacked a US base in Syria on Sunday."
    for date, leader in (("2019-06-10", "qassem-soleimani"), ("2021-06-10", "esmail-qaani")):
        quds = next(a for e in extract(text, date=date) for a in e.source_actors
                    if a.actor_id == "quds-force")  # fmt: skip
        assert quds.leaders == (leader,)
        assert "irgc" in quds.part_of
