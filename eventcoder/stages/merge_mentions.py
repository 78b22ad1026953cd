"""Stage: merge the mentions of one real event within a document (EventMention -> Event).

Two mentions are the same event when nothing about them conflicts and enough agrees:
compatible type (same PLOVER type; for violence, compatible ACLED sub-types), no actor
playing opposite roles, no differing casualty figures, overlapping dates, and the same
grammatical number (one strike versus "150 attacks"). A mention with no argument at all
("the attack") joins the nearest earlier compatible event or, alone, is dropped unless it
is the document's only mention. Mentions in a paragraph that repeats an earlier one
(verbatim or reworded) only ever join existing events.

Figures follow ACLED's conservative rule: the lowest well-defined count is kept, except
that a larger total which enumerates a smaller figure ("the six Jesuits and two more
persons") supersedes it; a hypothetical mention (a threat, a plan) adds no figure.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from eventcoder.records import ActorRef, Count, Event, EventMention, Location

STATUS_RANK = {"claimed": 0, "attributed": 1, "asserted": 2, "reported": 3,
               "hypothetical": 4, "negated": 5}  # fmt: skip
GENERIC_SUBS = {None, "Attack", "Armed clash"}
DUPLICATE_PARAGRAPH_SIMILARITY = 70.0
COMMON_WORD_PARAGRAPHS = 50


@dataclass
class _Cluster:
    mentions: list[EventMention] = field(default_factory=list)

    @property
    def first(self) -> EventMention:
        return self.mentions[0]


def _keys(actors: tuple[ActorRef, ...]) -> set[str]:
    keys = set()
    for a in actors:
        keys.add(a.actor_id or a.name.lower())
        if a.country:
            keys.add(f"country:{a.country}")
    return keys


def _strong_keys(actors: tuple[ActorRef, ...]) -> set[str]:
    return {a.actor_id or a.name.lower() for a in actors}


def _same_place(a: EventMention, b: EventMention) -> bool:
    if a.location is None or b.location is None:
        return False
    if a.location.name and b.location.name:
        return a.location.name == b.location.name
    stop = {"the", "a", "an", "of", "in", "on", "at", "near", "border", "region", "area"}
    wa = {w.strip(",.").lower() for w in a.location.text.replace("-", " ").split()} - stop
    wb = {w.strip(",.").lower() for w in b.location.text.replace("-", " ").split()} - stop
    return bool(wa & wb)


def _disjoint_linked(a: tuple[ActorRef, ...], b: tuple[ActorRef, ...]) -> bool:
    """Both sides name linked actors (or countries) and none of them agree."""
    ka = {x.actor_id for x in a if x.actor_id} | {f"c:{x.country}" for x in a if x.country}
    kb = {x.actor_id for x in b if x.actor_id} | {f"c:{x.country}" for x in b if x.country}
    return bool(ka and kb and not ka & kb)


def _dates_apart(a: EventMention, b: EventMention) -> bool:
    """Both dated, and the two day ranges do not overlap."""
    da, db = a.date, b.date
    if not (da and db and da.start and db.start and da.end and db.end):
        return False
    return da.start > db.end or db.start > da.end


def _compatible(m: EventMention, c: _Cluster) -> int | None:
    """Score how well ``m`` fits cluster ``c``; None when they conflict."""
    score = 0
    # A cluster is compared through its first and latest mentions: a long document that
    # retells one event hundreds of times must not make merging quadratic.
    sample = c.mentions if len(c.mentions) <= 12 else c.mentions[:8] + c.mentions[-4:]
    for other in sample:
        if m.event_type != other.event_type:
            return None
        if m.event_type == "ASSAULT" and (
            m.acled_sub_event_type not in GENERIC_SUBS
            and other.acled_sub_event_type not in GENERIC_SUBS
            and m.acled_sub_event_type != other.acled_sub_event_type
        ):
            return None
        other_sentence = m.sentence.start != other.sentence.start
        if not other_sentence and (m.status == "negated") != (other.status == "negated"):
            # "no arrests were made after shops were looted": one sentence does not assert
            # and deny one event (across sentences a denial may retell it)
            return None
        if (m.aggregate != other.aggregate and not (m.bare or other.bare) and other_sentence
                and not _same_figure(m.fatalities, other.fatalities)):  # fmt: skip
            # "three attacks left two dead" may sum up "a bomb killed two people"
            return None
        if (other_sentence and m.mode and other.mode and m.mode != other.mode
                and m.event_type != "ASSAULT"):  # fmt: skip
            return None  # across sentences a withdrawal is not a ceasefire
        ms, mt = _strong_keys(m.source_actors), _strong_keys(m.target_actors)
        os_, ot = _strong_keys(other.source_actors), _strong_keys(other.target_actors)
        if ms & ot or mt & os_ - mt:
            return None
        if _disjoint_linked(m.source_actors, other.source_actors):
            return None
        if _disjoint_linked(m.target_actors, other.target_actors):
            return None
        if _counts_conflict(m, other):
            return None
        if _dates_apart(m, other):
            return None
        score += len(_keys(m.source_actors) & _keys(other.source_actors))
        score += len(_keys(m.target_actors) & _keys(other.target_actors))
        score += int(bool(m.fatalities and other.fatalities)
                     and not _distinct_victims(m.fatalities, other.fatalities))  # fmt: skip
        score += int(m.sentence.start == other.sentence.start)
        score += int(_same_place(m, other))
    return score


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+|,", text.lower())


def includes(big: Count, small: Count) -> bool:
    """True when ``big`` is a larger total that enumerates ``small`` as one of its parts:
    "the six Jesuits and two more persons" (8) includes "the six Jesuits" (6)."""
    if big.min is None or small.min is None or small.min >= big.min:
        return False
    bw, sw = _words(big.text), [w for w in _words(small.text) if w not in {"the", "a", "an"}]
    if not sw or not {"and", ","} & set(bw):
        return False
    return any(bw[i : i + len(sw)] == sw for i in range(len(bw) - len(sw) + 1))


def _same_figure(a: Count | None, b: Count | None) -> bool:
    return bool(a and b and a.min is not None and a.min > 0 and (a.min, a.max) == (b.min, b.max))


_NOT_NAMES = {"the", "a", "an", "one", "of", "and", ","}


def _distinct_victims(a: Count | None, b: Count | None) -> bool:
    """One victim each, described in words that share nothing ("Carlos Pizarro" and
    "Bernardo Quiroga"): equal figures are then no evidence of one event."""
    if not (a and b and a.min == a.max == b.min == b.max == 1):
        return False
    wa, wb = set(_words(a.text)) - _NOT_NAMES, set(_words(b.text)) - _NOT_NAMES
    return bool(wa and wb and not wa & wb)


def _victim_names(m: EventMention) -> set[str]:
    """Words of the full personal names (two or more capitalised words) among the targets."""
    return {w.lower() for a in m.target_actors if a.actor_type == "person"
            and len(ws := a.name.split()) >= 2 and all(w[:1].isupper() for w in ws)
            for w in ws}  # fmt: skip


def _counts_conflict(m: EventMention, other: EventMention) -> bool:
    """Both mentions state a different figure for the same outcome and neither figure
    includes the other, or each killed one person and the two are named differently
    ("Carlos Pizarro", "Bernardo Quiroga"). A hypothetical mention's figure (a threat,
    a plan) never conflicts."""
    if "hypothetical" in {m.status, other.status}:
        return False
    if _distinct_victims(m.fatalities, other.fatalities):
        na, nb = _victim_names(m), _victim_names(other)
        if na and nb and not na & nb:
            return True
    for a, b in ((m.fatalities, other.fatalities), (m.injuries, other.injuries)):
        if a is None or b is None or a.min is None or b.min is None or a.min == b.min:
            continue
        if not (includes(a, b) or includes(b, a)):
            return True
    return False


def duplicate_paragraphs(text: str) -> dict[int, int]:
    """Map each paragraph index that repeats an earlier paragraph to that paragraph.

    Verbatim repeats are found by hash; reworded ones by token-set similarity against the
    earlier paragraphs that share enough rare words with it (a blocking step, so a document
    of thousands of paragraphs is not compared all against all).
    """
    paragraphs = text.split("\n")
    dup: dict[int, int] = {}
    first_of: dict[str, int] = {}
    by_word: dict[str, list[int]] = {}
    for j, para in enumerate(paragraphs):
        words = {w.strip(".,;:\"'()").lower() for w in para.split()}
        words = {w for w in words if len(w) > 3}
        if len(para.split()) < 8:
            continue
        key = " ".join(para.lower().split())
        if key in first_of:
            dup[j] = first_of[key]
            continue
        first_of[key] = j
        shared: dict[int, int] = {}
        for w in words:
            seen_in = by_word.get(w, ())
            if len(seen_in) > COMMON_WORD_PARAGRAPHS:
                continue  # too common to tell paragraphs apart
            for i in seen_in:
                shared[i] = shared.get(i, 0) + 1
        candidates = sorted(i for i, n in shared.items() if n >= max(3, len(words) // 4))
        for i in candidates:
            if fuzz.token_set_ratio(para, paragraphs[i]) >= DUPLICATE_PARAGRAPH_SIMILARITY:
                dup[j] = i
                break
        if j not in dup:
            for w in words:
                by_word.setdefault(w, []).append(j)
    return dup


def merge_mentions(mentions: list[EventMention], *, text: str = "") -> list[Event]:
    """Group mentions of the same event and build one ``Event`` per group."""
    dup = duplicate_paragraphs(text) if text else {}
    clusters: list[_Cluster] = []
    bare_alone: list[EventMention] = []
    for m in sorted(mentions, key=lambda x: x.trigger.start):
        candidates = [(s, c) for c in clusters if (s := _compatible(m, c)) is not None]
        if m.bare:
            if candidates:
                # nearest earlier compatible event (coreference)
                candidates[-1][1].mentions.append(m)
            else:
                bare_alone.append(m)
            continue
        substantive = [(s, c) for s, c in candidates if s > 0]
        if substantive:
            best = max(substantive, key=lambda sc: sc[0])[1]
            best.mentions.append(m)
        elif m.paragraph in dup:
            # A repeated paragraph never adds a record: its mentions join the events of
            # the paragraph it repeats, when one is compatible, and are dropped otherwise.
            original = [(s, c) for s, c in candidates
                        if any(x.paragraph == dup[m.paragraph] for x in c.mentions)]  # fmt: skip
            if original:
                max(original, key=lambda sc: sc[0])[1].mentions.append(m)
        elif m.anaphoric and candidates:
            candidates[-1][1].mentions.append(m)  # "the strike" refers back
        else:
            clusters.append(_Cluster([m]))
    if not clusters and bare_alone:
        clusters = [_Cluster([bare_alone[0]])]
    return [_to_event(c) for c in clusters]


def _union(groups: list[tuple[ActorRef, ...]]) -> tuple[ActorRef, ...]:
    seen: set[str] = set()
    out: list[ActorRef] = []
    for group in groups:
        for a in group:
            key = a.actor_id or a.name.lower()
            if key not in seen:
                seen.add(key)
                out.append(a)
    return tuple(out)


def _latest_toll(ms: list[EventMention]) -> Count | None:
    """The last updated death toll the text gives ("the death toll rose to 30"): a later
    figure, not a conflicting report, so it supersedes the others."""
    tolls = [m.fatalities for m in ms if m.fatalities_from_toll and m.fatalities is not None]
    return max(tolls, key=lambda c: c.start or 0) if tolls else None


def _conservative(counts: list[Count | None]) -> Count | None:
    """ACLED's rule: the lowest well-defined figure, once figures that a larger total of
    the same event enumerates ("six Jesuits" within "six Jesuits and two others") are
    superseded by that total."""
    reported = [c for c in counts if c is not None]
    known = [c for c in reported if not any(includes(o, c) for o in reported)]
    if not known:
        return None
    exact = [c for c in known if c.min is not None]
    if not exact:
        return known[0]
    return min(exact, key=lambda c: (c.min if c.min is not None else 0, c.max is None))


def _to_event(c: _Cluster) -> Event:
    ms = sorted(c.mentions, key=lambda m: m.trigger.start)
    lead = min(ms, key=lambda m: (m.bare, STATUS_RANK[m.status], m.trigger.start))
    specific = next((m for m in ms if m.acled_sub_event_type not in GENERIC_SUBS), lead)
    # A bare retelling says nothing of the event's status, but a claim of responsibility
    # does ("the Red Hand Front claimed responsibility for the kidnapping"). (Bare blame was
    # tried too: muc4 dev status fell, bare attributions there are mostly demands.)
    substantive = [m for m in ms if not m.bare or (m.status == "claimed" and m.claimed_by)]
    substantive = substantive or ms
    status_m = min(substantive, key=lambda m: STATUS_RANK[m.status])
    evidence = []
    seen_spans: set[tuple[int, int]] = set()
    for m in ms:
        key = (m.sentence.start, m.sentence.end)
        if key not in seen_spans:
            seen_spans.add(key)
            evidence.append(m.sentence)
    first = ms[0]
    digest = hashlib.sha1(
        f"{first.doc_id}|{first.trigger.start}|{first.trigger.end}|{lead.event_type}".encode()
    ).hexdigest()[:16]
    dated = next((m.date for m in ms if m.date and m.date.start), None) or next(
        (m.date for m in ms if m.date), None
    )
    background = any(m.is_background for m in ms if m.date and m.date.start) or all(
        m.is_background for m in ms
    )
    # A threatened or planned killing has killed no one: a threat's record, or a
    # hypothetical mention, brings no toll ("threatened to kill 20 soldiers").
    tolled = [] if lead.event_type == "THREATEN" else [m for m in ms if m.status != "hypothetical"]
    return Event(
        event_id=f"ev_{digest}",
        doc_id=first.doc_id,
        event_type=lead.event_type,
        mode=specific.mode or lead.mode,
        cameo=specific.cameo or lead.cameo,
        acled_event_type=specific.acled_event_type or lead.acled_event_type,
        acled_sub_event_type=specific.acled_sub_event_type or lead.acled_sub_event_type,
        source_actors=_union([m.source_actors for m in ms]),
        target_actors=_union([m.target_actors for m in ms]),
        location=_location(ms, lead, background),
        date=dated,
        fatalities=_latest_toll(tolled) or _conservative([m.fatalities for m in tolled]),
        injuries=_conservative([m.injuries for m in tolled]),
        instrument=next((m.instrument_text for m in ms if m.instrument_text), None),
        status=status_m.status,
        claimed_by=_union([m.claimed_by for m in ms]),
        attributed_by=_union([m.attributed_by for m in ms]),
        is_background=background,
        evidence=tuple(evidence),
        mentions=len(ms),
        confidence=round(min(1.0, max(m.confidence for m in ms) + 0.05 * (len(ms) - 1)), 3),
        coder=lead.coder.split(":")[0],
    )


def _location(ms: list[EventMention], lead: EventMention, background: bool) -> Location | None:
    """The event's own place (a resolved one first, the finest its mentions give); else, for
    a current event, where the text around it places it (its sentence, paragraph or the
    document's main country).

    History retold as background is never placed by today's context. An own place the
    gazetteer lacks ("a peasant village") keeps its words and takes the context's country.
    """
    named = [m.location for m in ms if m.location and m.location.name]
    if named:
        # The finest place a retelling gives in the same country: "the murder of the
        # embassy official in Guatemala", then "shot dead in the old quarter of this capital".
        same = [loc for loc in named if loc.country == named[0].country]
        return min(same, key=lambda loc: loc.precision or 3)
    own = next((m.location for m in ms if m.location), None)
    context = None
    if not background:
        context = next(
            (m.context_location for m in (lead, *ms) if m.context_location is not None), None
        )
    if own is None:
        return context
    if own.country is None and context is not None and context.country:
        return dataclasses.replace(own, country=context.country)
    return own
