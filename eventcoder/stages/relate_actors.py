"""Relate each event's linked actors to the knowledge base's dated graph, on the event's day.

An actor's parents and leaders change over time: the Quds Force was led by Qassem Soleimani
until January 2020 and by Esmail Qaani after him. The linker names the actor; this stage says
what it was part of and who led it *when the event happened*, so "the Quds Force" in a 2019
event and in a 2021 event point at different commanders.

The day is the event's own date range; an undated event that is not background history is
taken to fall on the document's date. With neither, nothing is claimed. A relation counts when
its dated span overlaps the range (a relation with no dates always does), so a year-precise
event in which the leadership changed names both leaders.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from eventcoder.kb.load import ActorKB
from eventcoder.kb.schema import Relation
from eventcoder.records import ActorRef, Event

ROLES = ("source_actors", "target_actors", "claimed_by", "attributed_by")


def relate_actors(events: list[Event], kb: ActorKB, *, doc_date: dt.date | None) -> list[Event]:
    """The events with ``part_of`` and ``leaders`` filled on every linked actor."""
    return [_relate(e, kb, doc_date) for e in events]


def event_days(event: Event, doc_date: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The range of days the event's relations are read on, or None when it is unknown."""
    if event.date is not None and event.date.start is not None:
        return event.date.start, event.date.end or event.date.start
    if doc_date is not None and not event.is_background:
        return doc_date, doc_date
    return None


def _relate(event: Event, kb: ActorKB, doc_date: dt.date | None) -> Event:
    days = event_days(event, doc_date)
    if days is None:
        return event
    changes = {
        role: tuple(_actor(a, kb, days) for a in getattr(event, role)) for role in ROLES
    }
    return dataclasses.replace(event, **changes)


def _actor(actor: ActorRef, kb: ActorKB, days: tuple[dt.date, dt.date]) -> ActorRef:
    if actor.actor_id is None or actor.actor_id not in kb:
        return actor
    leaders = tuple(
        dict.fromkeys(
            src.id for src, rel in kb.incoming(actor.actor_id, "leads") if _overlaps(rel, days)
        )
    )
    return dataclasses.replace(actor, part_of=_parents(actor.actor_id, kb, days), leaders=leaders)


def _parents(actor_id: str, kb: ActorKB, days: tuple[dt.date, dt.date]) -> tuple[str, ...]:
    """The ``part_of`` chain in force during ``days``, nearest first (cycles stop it)."""
    out: list[str] = []
    current = actor_id
    while True:
        rels = [r for r in kb.relations(current, "part_of") if _overlaps(r, days)]
        if not rels or rels[0].target in out or rels[0].target == actor_id:
            return tuple(out)
        current = rels[0].target
        out.append(current)


def _overlaps(rel: Relation, days: tuple[dt.date, dt.date]) -> bool:
    first, last = days
    if rel.start is not None and last < rel.start:
        return False
    return not (rel.end is not None and first > rel.end)
