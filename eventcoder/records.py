"""Typed records that flow between the pipeline's stages.

Data moves one way::

    RawArticle -> Article -> (spaCy Doc, internal) -> EventMention -> Event

and, across documents, ``Event`` -> ``CorpusEvent`` (merge_corpus) and documents ->
``StoryAssignment`` (cluster).

Every record is a frozen, slotted dataclass. Stages take one record type and return
another; nothing passes loose dicts. ``as_dict()`` gives the JSON-ready form used by
the exporters, and ``event_from_dict()`` reads it back (round trip tested).

Character offsets (``start``/``end``) always index into ``Article.text``, which is the
document text after length-preserving normalisation: the same offsets index the text
the user gave us (for plain text and JSON Lines input).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["asserted", "reported", "claimed", "attributed", "hypothetical", "negated"]
STATUSES: tuple[str, ...] = (
    "asserted",
    "reported",
    "claimed",
    "attributed",
    "hypothetical",
    "negated",
)

Precision = Literal["day", "week", "month", "year", "decade"]


@dataclass(frozen=True, slots=True)
class RawArticle:
    """A document as read from its source, before any processing."""

    doc_id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""  # file path (and line) it came from, for error messages


@dataclass(frozen=True, slots=True)
class DocumentDate:
    """The publication date of a document, with how we know it."""

    date: dt.date
    method: Literal["given", "inferred"]
    text: str | None = None  # the evidence, when inferred
    start: int | None = None
    end: int | None = None
    rule: str | None = None  # e.g. "anniversary:iraq-invasion-2003"
    precision: Precision | None = None  # how exactly ``date`` is known ("month": some day in it)
    latest: dt.date | None = None  # the last day the document can be from, when inferred


@dataclass(frozen=True, slots=True)
class Article:
    """A normalised document; ``text`` is what every offset points into."""

    doc_id: str
    text: str
    date: DocumentDate | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor argument: what the text says and who we think it is."""

    text: str
    name: str
    actor_id: str | None = None
    actor_type: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3, or an IGO code
    loaded: bool = False  # the surface text is the author's loaded or pejorative framing
    start: int | None = None
    end: int | None = None
    # Dated relations on the event's day (stages/relate_actors): the knowledge-base ids of
    # the bodies it was part of, nearest first, and of who led it then.
    part_of: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    # The whole noun phrase of the mention when it says more than ``text``: the count and
    # the description ("three heavily armed men wearing uniforms"), as the text gives it.
    # Not part of the actor's identity: two mentions of one actor are equal however worded.
    phrase: str | None = field(default=None, compare=False)
    # What the text calls a named actor in apposition ("Nadia Velasco, a 26-year-old teacher
    # at the French school"): the description, as the text gives it; not part of the identity.
    description: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened (``precision`` is ACLED geo-precision 1-3)."""

    text: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in a document, resolved against the gazetteer when possible."""

    doc_id: str
    start: int
    end: int
    text: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    feature: str | None = None  # country, admin1, city, facility, region, border...
    literal: bool = True  # False for associative uses ("Iranian officials", "Washington said")
    reason: str | None = None  # why it is unresolved, when it is


@dataclass(frozen=True, slots=True)
class DateRange:
    """When an event happened: an inclusive range of days and its precision."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    precision: Precision | None = None
    time_precision: int | None = None  # ACLED time precision: 1 day, 2 week, 3 month or more
    start_char: int | None = None
    end_char: int | None = None


@dataclass(frozen=True, slots=True)
class Count:
    """A number of people killed or injured, as a range (``max`` None = open-ended)."""

    min: int | None
    max: int | None
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the document that supports an event."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EventMention:
    """One mention of an event in one sentence, before merging."""

    doc_id: str
    event_type: str  # PLOVER 2021 type
    mode: str | None
    cameo: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    trigger: Evidence
    sentence: Evidence
    source_actors: tuple[ActorRef, ...] = ()
    target_actors: tuple[ActorRef, ...] = ()
    location: Location | None = None
    date: DateRange | None = None
    fatalities: Count | None = None
    fatalities_from_toll: bool = False  # an updated death toll: supersedes the other figures
    injuries: Count | None = None
    instrument: str | None = None  # the weapon's kind ("explosives"): refines codes
    instrument_text: str | None = None  # the words that name it ("car bomb"): the record's
    status: Status = "asserted"
    claimed_by: tuple[ActorRef, ...] = ()
    attributed_by: tuple[ActorRef, ...] = ()
    is_background: bool = False
    confidence: float = 0.5
    coder: str = ""
    aggregate: bool = False  # the trigger names several events ("150 attacks", "airstrikes")
    # a tally over a period ("five judges have been killed in two months"): context, not one
    # event, so the record is flagged background
    tally: bool = False
    bare: bool = False  # no argument at all: only ever merged into an antecedent
    paragraph: int = 0  # index of the paragraph the mention is in
    trigger_id: str = ""  # lexicon entry that matched
    status_cue: str | None = None  # the word that decided the status ("if", "will", "claimed")
    anaphoric: bool = False  # a definite singular noun with no actor ("the strike"): refers back
    instrument_hint: str | None = None  # a weapon named in the sentence: refines codes only
    context_location: Location | None = None  # where the surrounding text places it (fallback)


@dataclass(frozen=True, slots=True)
class Event:
    """The output record: one real event with every mention that supports it."""

    event_id: str
    doc_id: str
    event_type: str
    mode: str | None
    cameo: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    source_actors: tuple[ActorRef, ...]
    target_actors: tuple[ActorRef, ...]
    location: Location | None
    date: DateRange | None
    fatalities: Count | None
    injuries: Count | None
    instrument: str | None
    status: Status
    claimed_by: tuple[ActorRef, ...]
    attributed_by: tuple[ActorRef, ...]
    is_background: bool
    evidence: tuple[Evidence, ...]
    mentions: int
    confidence: float
    coder: str

    def as_dict(self) -> dict[str, Any]:
        """The JSON-ready form (dates as ISO strings, tuples as lists)."""
        out: dict[str, Any] = _jsonable(self)
        return out


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What the pipeline returns for one document: its events and any notes."""

    doc_id: str
    events: tuple[Event, ...] = ()
    document_date: DocumentDate | None = None
    notes: tuple[str, ...] = ()
    error: str | None = None  # a coded error message when the document failed
    origin: str = ""
    words: int = 0


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _actor(d: dict[str, Any]) -> ActorRef:
    lists = {k: tuple(d[k]) for k in ("part_of", "leaders") if k in d}
    return ActorRef(**{**d, **lists})


def event_from_dict(d: dict[str, Any]) -> Event:
    """Rebuild an ``Event`` from ``Event.as_dict()`` output."""
    loc = d.get("location")
    date = d.get("date")
    return Event(
        event_id=d["event_id"],
        doc_id=d["doc_id"],
        event_type=d["event_type"],
        mode=d.get("mode"),
        cameo=d.get("cameo"),
        acled_event_type=d.get("acled_event_type"),
        acled_sub_event_type=d.get("acled_sub_event_type"),
        source_actors=tuple(_actor(a) for a in d.get("source_actors", [])),
        target_actors=tuple(_actor(a) for a in d.get("target_actors", [])),
        location=Location(**loc) if loc else None,
        date=(
            DateRange(**{**date, "start": _date(date.get("start")), "end": _date(date.get("end"))})
            if date
            else None
        ),
        fatalities=Count(**d["fatalities"]) if d.get("fatalities") else None,
        injuries=Count(**d["injuries"]) if d.get("injuries") else None,
        instrument=d.get("instrument"),
        status=d["status"],
        claimed_by=tuple(_actor(a) for a in d.get("claimed_by", [])),
        attributed_by=tuple(_actor(a) for a in d.get("attributed_by", [])),
        is_background=bool(d.get("is_background", False)),
        evidence=tuple(Evidence(**e) for e in d.get("evidence", [])),
        mentions=int(d.get("mentions", 1)),
        confidence=float(d.get("confidence", 0.0)),
        coder=d.get("coder", ""),
    )


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """The story a document belongs to (``score``: how surely, from 0 to 1)."""

    doc_id: str
    story_id: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        """The JSON-ready form."""
        return {"doc_id": self.doc_id, "story_id": self.story_id, "score": self.score}


@dataclass(frozen=True, slots=True)
class SourceFigure:
    """One report's own fatality figure for a corpus event."""

    doc_id: str
    source: str
    min: int | None
    max: int | None


@dataclass(frozen=True, slots=True)
class CorpusEvent:
    """One real-world event merged across documents, with every supporting event."""

    corpus_event_id: str
    event_type: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    status: str
    country: str | None
    location_name: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    fatalities: int | None  # ACLED's conservative figure
    injuries: int | None
    figures: tuple[SourceFigure, ...]
    sources: tuple[str, ...]  # every reporting source (name, else URL, else doc_id)
    events: tuple[Event, ...]
    num_mentions: int
    num_documents: int
    num_sources: int

    def as_dict(self) -> dict[str, object]:
        """The JSON-ready form."""
        d = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        d["date_start"] = self.date_start.isoformat() if self.date_start else None
        d["date_end"] = self.date_end.isoformat() if self.date_end else None
        d["figures"] = [dataclasses.asdict(f) for f in self.figures]
        d["events"] = [e.as_dict() for e in self.events]
        return d
