"""Helpers shared by the task scorers: the salient-event rule, counts, actor tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eventcoder.errors import EvaluationError
from eventcoder.evaluation.codes import EC051_BAD_GOLD
from eventcoder.evaluation.data import GoldRecord
from eventcoder.evaluation.report import ErrorExample, Section
from eventcoder.records import ActorRef, Count, Event


@dataclass(frozen=True, slots=True)
class TaskResult:
    """What a task scorer returns: report sections, errors and notes."""

    sections: tuple[Section, ...]
    errors: tuple[ErrorExample, ...] = ()
    notes: tuple[str, ...] = ()


_UNREAL = frozenset({"hypothetical", "negated"})


def _first_offset(ev: Event) -> int:
    return min((e.start for e in ev.evidence), default=1 << 30)


def rank_events(events: Sequence[Event]) -> list[Event]:
    """Events ordered by salience: foreground first, then confidence, then what happened
    before what only might (hypothetical or negated), then mentions and position."""
    return sorted(
        events,
        key=lambda e: (e.is_background, -e.confidence, e.status in _UNREAL, -e.mentions,
                       _first_offset(e), e.event_id),  # fmt: skip
    )


def salient(events: Sequence[Event]) -> Event | None:
    """The single event a single-label task scores (None when there is none).

    Rule: prefer events not marked background; then the highest confidence; then an event
    that happened over one that is only hypothetical or negated ("vowed to fight" is news
    as a threat, not as a fight); then the most mentions; then the earliest evidence in the
    text; then the event id (for determinism).
    """
    ranked = rank_events(events)
    return ranked[0] if ranked else None


def point(count: Count | None) -> int | None:
    """One number for a count: its minimum ("at least 5" -> 5), else its maximum."""
    if count is None:
        return None
    return count.min if count.min is not None else count.max


def actor_strings(actor: ActorRef) -> list[str]:
    """The strings an actor may be matched on: its text, then its canonical name, then the
    whole noun phrase of its mention."""
    out = [actor.text]
    for other in (actor.name, actor.phrase):
        if other and other not in out:
            out.append(other)
    return out


def status_for_scoring(status: str) -> str:
    """eventcoder's status in the label maps' assertion set ("reported" counts as asserted)."""
    return "asserted" if status == "reported" else status


def bad_gold(r: GoldRecord, expected: str) -> EvaluationError:
    """The coded wrong-gold-format error for one record (to ``raise``)."""
    return EvaluationError(
        f"gold record {r.id} (line {r.line}) does not have {expected}", code=EC051_BAD_GOLD
    )
