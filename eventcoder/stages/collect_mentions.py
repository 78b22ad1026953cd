"""Stage: turn an annotated Doc into ``EventMention`` records (the Doc stops here).

``doc_to_mentions()`` is the only place a spaCy Doc becomes records. It reads the spans
and extensions set by the trigger finder, argument attacher and status decider.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from eventcoder.casualties import is_outcome_of_other
from eventcoder.kb.index import fullest_name
from eventcoder.records import ActorRef, DateRange, EventMention, Evidence, Location, Status
from eventcoder.stages.parse import doc_text

CODER = "eventcoder.rules.v1"
# "bombers", "protesters": a plural agent noun does not make several events.
QUANTIFIERS = {"several", "many", "numerous", "multiple", "repeated", "countless", "various",
               "series", "dozens", "hundreds", "scores"}  # fmt: skip
QUANTITY_WORDS = {"dozens", "hundreds", "scores", "series", "wave", "spate", "string", "number",
                  "handful", "thousands", "couple"}  # fmt: skip
HABITUAL = {"routinely", "regularly", "repeatedly", "frequently", "often", "constantly",
            "periodically", "habitually", "sporadically"}  # fmt: skip
AGENT_SUFFIXES = ("ers", "ors", "ists", "ants", "mobs", "vigilantes")
# Obligation modals of a reported clause: the act becomes a demand (code_events.DEMAND_CUES).
DEMAND_CUES = {"must", "should", "ought"}


def _actor_at(tok: Token | None, doc: Doc) -> tuple[ActorRef, ...]:
    if tok is None:
        return ()
    spans = list(doc.spans["actors"]) if "actors" in doc.spans else list(doc.ents)
    for span in spans:
        if span.start <= tok.i < span.end or tok.left_edge.i <= span.start <= tok.i:
            linked = span._.actor if span.has_extension("actor") else None
            if isinstance(linked, ActorRef):
                return (linked,)
            return (ActorRef(text=span.text, name=span.text, start=span.start_char,
                             end=span.end_char),)  # fmt: skip
    return ()


def _name_spans(doc: Doc) -> list[Span]:
    spans = list(doc.spans["actors"]) if "actors" in doc.spans else []
    spans += [e for e in doc.ents if e.label_ in {"ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT"}]
    return spans


def _inside_name(trigger: Span, names: list[Span]) -> bool:
    """Triggers inside a name ("Popular Mobilization Forces", "Al-Aqsa Flood") are not events."""
    return any(s.start <= trigger.start and trigger.end <= s.end and len(s) > len(trigger)
               for s in names)  # fmt: skip


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n" and i + 1 < len(text):
            starts.append(i + 1)
    return starts


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 10:
        tok = tok.head
        depth += 1
    return depth


def _confidence(trigger: Span, has_actor: bool, has_toll: bool) -> float:
    """A heuristic score: arguments found, and how central the trigger is to its sentence.

    The sentence's main verb (or its direct complement) is the event the sentence is about;
    a trigger buried in a modifier is more often a passing reference.
    """
    head = trigger.root
    depth = _depth(head)
    score = 0.35 + 0.2 * has_actor + 0.1 * has_toll + 0.05 * (head.pos_ == "VERB")
    score += {0: 0.25, 1: 0.15, 2: 0.05}.get(depth, 0.0)
    return round(min(score, 0.95), 3)


def _aggregate(head: Token) -> bool:
    """Several events, not one: "150 attacks", "airstrikes", "routinely targeted".

    Within one sentence a plural may still tell one incident ("killed in grenade attacks"):
    merging allows that (merge_mentions), across sentences it does not.
    """
    if any(c.lower_ in HABITUAL for c in head.children):
        return True
    return head.tag_ in {"NNS", "NNPS"} and not head.lower_.endswith(AGENT_SUFFIXES)


# Periods long enough that killings counted over them are several events.
TALLY_PERIODS = {"month", "year", "decade"}
TALLY_PREPS = {"in", "over", "during", "within", "since", "throughout"}


def _tally(head: Token) -> bool:
    """A count over a period, in the perfect: "five judges have been killed in two months",
    "has killed 300 people since 1989", "have died over the past year". A tally of many
    past events is context, not one event."""
    if head.pos_ != "VERB" or not any(
        c.dep_ in {"aux", "auxpass"} and c.lemma_ == "have" for c in head.children
    ):
        return False
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in TALLY_PREPS):
        for tok in prep.subtree:
            if tok.lemma_.lower() in TALLY_PERIODS:
                return True
            if prep.lower_ == "since" and tok.ent_type_ == "DATE" and tok.like_num:
                return True  # "since 1989"
    return False


def _linked_date(
    trigger: Span, sent_start: int, dated: list[tuple[int, Token, DateRange]]
) -> DateRange | None:
    """The date of a syntactically linked event in the same sentence.

    "the 1982 Beirut bombing ... prompted a hasty retreat": the retreat sits inside the
    bombing's phrase, so it is dated by it too (and so flagged as background).
    """
    head = trigger.root
    for start, root, date in dated:
        if start != sent_start or root.i == head.i:
            continue
        if root in head.ancestors or head in root.subtree:
            return date
    return None


def _wrapper_triggers(triggers: list[Span]) -> set[int]:
    """Heads of acts whose object carries the real event: "passed a measure calling for the
    removal of troops" is one demand, not a vote plus a demand."""
    votes = {t.root.i for t in triggers if t._.trigger is not None and t._.trigger.id == "vote"}
    out = set()
    for t in triggers:
        head = t.root
        if head.dep_ == "acl" and head.head.dep_ in {"dobj", "obj"} and head.head.head.i in votes:
            out.add(head.head.head.i)
    return out


VERBAL = {"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN"}


def _protest_demands(triggers: list[Span]) -> set[int]:
    """"Demonstrators gathered to urge ...", "protests demanding justice": what a protest
    demands is its content, not a second event."""
    protests = {t.root.i for t in triggers
                if t._.trigger is not None and t._.trigger.type == "PROTEST"}  # fmt: skip
    out = set()
    for t in triggers:
        entry = t._.trigger
        head = t.root
        if entry is None or entry.type not in VERBAL:
            continue
        if head.dep_ not in {"acl", "advcl", "xcomp", "relcl", "conj"}:
            continue
        governor = head.head
        carried = {c.i for c in governor.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"}}
        # "protests demanding ...", "staged a sit-in urging ...", "protesters poured into
        # the streets denouncing ..."
        if governor.i in protests or carried & protests:
            out.add(head.i)
    return out


def _location(trigger: Span, surface: Location | None) -> Location | None:
    """The resolved place (place resolver) when there is one, else the surface phrase."""
    resolved = trigger._.location if trigger.has_extension("location") else None
    return resolved if isinstance(resolved, Location) else surface


def doc_to_mentions(doc: Doc, doc_id: str) -> list[EventMention]:
    """Build one ``EventMention`` per trigger that survives the filters."""
    para_starts = _paragraph_starts(doc_text(doc))
    names = _name_spans(doc)
    out: list[EventMention] = []
    violent_roots = {t.root.i for t in doc.spans.get("triggers", [])
                     if t._.trigger is not None and t._.trigger.type == "ASSAULT"}  # fmt: skip
    triggers = list(doc.spans.get("triggers", []))
    # Sentences are computed once: Span.sent walks the Doc on every call.
    sentence_of: dict[int, Span] = {}
    for sentence in doc.sents:
        for i in range(sentence.start, sentence.end):
            sentence_of[i] = sentence
    dated = [(sentence_of[t.root.i].start, t.root, t._.frame.date) for t in triggers
             if t._.frame is not None and t._.frame.date is not None]  # fmt: skip
    wrappers = _wrapper_triggers(triggers) | _protest_demands(triggers)
    for trigger in triggers:
        entry = trigger._.trigger
        frame = trigger._.frame
        if entry is None or frame is None or _inside_name(trigger, names):
            continue
        if trigger.root.i in wrappers:
            continue
        if is_outcome_of_other(trigger, violent_roots - {trigger.root.i}):
            continue
        if frame.date is None:
            frame = dataclasses.replace(
                frame, date=_linked_date(trigger, sentence_of[trigger.root.i].start, dated)
            )
        # Targets inferred from deep in the phrase fill the record but do not make an event.
        direct = [a for a in frame.target_actors if a not in frame.inferred_targets]
        has_actor = bool(frame.source_actors or direct)
        if entry.needs_actor and not has_actor:
            continue
        status: Status = trigger._.status or "asserted"
        who = _actor_at(trigger._.status_by, doc)
        claimed_by = who if status == "claimed" else ()
        attributed_by = who if status == "attributed" else ()
        if frame.accusers and status in {"asserted", "reported", "attributed", "claimed"}:
            # "the government blamed X for", "police announced the arrest of X for": the
            # act is laid at X's door by the accuser, named or not (who announces an arrest
            # for a bombing does not claim the bombing)
            status = "attributed"
            attributed_by = attributed_by or frame.accusers
            claimed_by = ()
        sources = frame.source_actors
        targets = frame.target_actors
        if status == "claimed" and not sources:
            sources = claimed_by
        if status == "claimed" and not claimed_by and trigger._.status_cue == "our" and any(
            a.text.lower().startswith("our ") for a in sources
        ):
            claimed_by = sources  # "our units sabotaged ...": the agent tells of its own act
        if (status == "hypothetical" and (trigger._.status_cue or "").lower() in DEMAND_CUES
                and entry.type not in {"REQUEST", "REJECT", "ACCUSE"} and frame.reporter):
            # "Russia said Sudan must return ...": coded as Russia's demand on Sudan
            # (code_events._intent_or_refusal), so the reporter demands of the obliged.
            sources, targets = frame.reporter, frame.obliged
        sent = sentence_of[trigger.root.i]
        bare = not (has_actor or frame.fatalities or frame.injuries or frame.location
                    or frame.date)  # fmt: skip
        head = trigger.root
        paragraph = max(i for i, s in enumerate(para_starts) if s <= trigger.start_char)
        out.append(
            EventMention(
                doc_id=doc_id,
                event_type=entry.type,
                mode=entry.mode,
                cameo=entry.cameo,
                acled_event_type=None,
                acled_sub_event_type=entry.acled,
                trigger=Evidence(doc_id, trigger.start_char, trigger.end_char, trigger.text),
                sentence=Evidence(doc_id, sent.start_char, sent.end_char, sent.text),
                source_actors=sources,
                target_actors=targets,
                location=_location(trigger, frame.location),
                context_location=trigger._.context_location
                if trigger.has_extension("context_location") else None,
                date=frame.date,
                fatalities=frame.fatalities,
                fatalities_from_toll=frame.fatalities_from_toll,
                injuries=frame.injuries,
                instrument=frame.instrument,
                instrument_text=frame.instrument_text,
                instrument_hint=frame.instrument_hint,
                status=status,
                claimed_by=claimed_by,
                attributed_by=attributed_by,
                confidence=_confidence(trigger, has_actor, bool(frame.fatalities)),
                coder=f"{CODER}:{entry.id}",
                aggregate=_aggregate(head),
                tally=_tally(head),
                bare=bare,
                paragraph=paragraph,
                trigger_id=entry.id,
                status_cue=(trigger._.status_cue or "").lower() or None,
                anaphoric=head.pos_ == "NOUN" and head.tag_ == "NN" and not sources
                and not (frame.date or frame.fatalities or frame.target_actors)
                and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"}
                        for c in head.children),  # fmt: skip
            )
        )
    return _fullest_person_names(out)


def _fullest_person_names(mentions: list[EventMention]) -> list[EventMention]:
    """An unlinked person the document names in part ("Olinde", "Hector Olinde") goes by the
    fullest name it gives them in any event ("Hector Olinde Colman"), when a fuller name
    contains the part's words in order and every fuller name is part of the fullest
    (``kb.index.fullest_name``, as the actor linker does for the names the recogniser found)."""
    people = {
        tuple(a.name.lower().split()): a.name
        for m in mentions
        for a in (*m.source_actors, *m.target_actors)
        if a.actor_id is None and a.actor_type == "person" and a.name
    }
    if len(people) < 2:
        return mentions

    def renamed(actors: tuple[ActorRef, ...]) -> tuple[ActorRef, ...]:
        out = []
        for a in actors:
            whole = (fullest_name(tuple(a.name.lower().split()), people)
                     if a.actor_id is None and a.actor_type == "person" and a.name else None)
            out.append(dataclasses.replace(a, name=people[whole]) if whole else a)
        return tuple(out)

    return [dataclasses.replace(m, source_actors=renamed(m.source_actors),
                                target_actors=renamed(m.target_actors)) for m in mentions]
