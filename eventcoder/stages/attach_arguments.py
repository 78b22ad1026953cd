"""Stage: attach arguments to each trigger from the dependency parse (spaCy component).

Component ``eventcoder_argument_attacher`` reads ``doc.spans["triggers"]`` and
``doc.spans["actors"]`` (when the actor linker ran; NER entities otherwise) and sets, on
each trigger span, ``span._.frame``: an ``ArgumentFrame`` of records (actors, place and
date surface text, casualty counts, instrument).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventcoder.casualties import (
    GROUP_TYPES,
    KILL_NOUNS,
    OBJ,
    ROOTS_KEY,
    death_tolls,
    outcome_verbs,
    outcomes,
)
from eventcoder.records import ActorRef, Count, DateRange, Location
from eventcoder.stages.arguments.actor_phrases import (
    PRONOUNS,
    SUBJ,
    actor_index,
    actor_ref,
    actors_of,
    dedupe_actors,
    named_person,
)
from eventcoder.stages.arguments.place_and_date import is_place, metonymic_place, place_and_date_of
from eventcoder.stages.arguments.things_attacked import POSSESSIVE_PRONOUNS, physical_targets
from eventcoder.stages.arguments.weapons import instrument_of, sentence_weapon
from eventcoder.stages.parse import doc_text


@dataclass(frozen=True, slots=True)
class ArgumentFrame:
    """The arguments of one trigger, as records with character offsets."""

    source_actors: tuple[ActorRef, ...] = ()
    target_actors: tuple[ActorRef, ...] = ()
    location: Location | None = None
    date: DateRange | None = None  # surface text only; resolved by resolve_dates
    fatalities: Count | None = None
    fatalities_from_toll: bool = False  # a stated death toll that supersedes earlier figures
    injuries: Count | None = None
    instrument: str | None = None  # the weapon's kind in the instrument table
    instrument_text: str | None = None  # the words that name it ("car bomb", "dynamite")
    instrument_hint: str | None = None  # a weapon named in the sentence (coding only)
    # Targets inferred from deep inside the act's phrase ("sanctions on X", "a curfew in Y"):
    # they fill the frame but are no evidence that the trigger is an event.
    inferred_targets: tuple[ActorRef, ...] = ()
    # "Russia said that Sudan must return ...": who states the obligation (``reporter``) and
    # who is obliged (``obliged``); when the act is coded as the demand, they are its
    # source and target.
    reporter: tuple[ActorRef, ...] = ()
    obliged: tuple[ActorRef, ...] = ()
    # "The government blamed the rebels for the bombing": who lays the blame (the act's
    # ``attributed_by`` when its status is attributed); the blamed are its source.
    accusers: tuple[ActorRef, ...] = ()


if not Span.has_extension("frame"):
    Span.set_extension("frame", default=None)


if not Span.has_extension("actor"):
    Span.set_extension("actor", default=None)


TARGET_PREPS = {"against", "on", "upon", "at", "targeting", "into"}


# Verbs whose object is the event itself: "carried out an attack", "claimed 150 attacks".
QUANTITY_NOUNS = {"dozen", "dozens", "hundreds", "scores", "series", "wave", "number", "spate",
                  "string", "round", "barrage", "volley", "couple", "handful", "thousands",
                  "ton", "tonne", "kg", "kilogram", "barrel", "shipment", "truckload",
                  "consignment", "package", "worth", "amount", "batch"}  # fmt: skip


LIGHT_VERBS = {
    "carry", "launch", "conduct", "stage", "mount", "claim", "perpetrate", "order", "unleash",
    "undertake", "step", "resume", "intensify", "escalate", "suspend", "halt", "commit",
    "execute", "lead", "make", "hold", "plan", "organize", "organise", "begin", "start",
    "continue", "announce", "sign", "reach", "impose", "pass", "issue", "deliver", "send",
    "provide", "open", "initiate", "orchestrate", "mastermind", "direct", "fire", "give",
    "offer", "extend", "pledge", "grant", "donate", "seek", "lodge", "file", "express",
    "speed", "accelerate", "hasten", "complete", "finish", "expand", "renew", "declare",
}  # fmt: skip


def _light_verb(tok: Token) -> bool:
    """A verb in ``LIGHT_VERBS``, also when the lemmatiser missed ("staged" -> "stag")."""
    low = tok.lower_
    forms = (tok.lemma_.lower(), low, low[:-1], low[:-2], low[:-3], low[:-3] + "e")
    return tok.pos_ in {"VERB", "AUX"} and any(f in LIGHT_VERBS for f in forms)


RECIPIENT_PREPS = {"to", "with", "toward", "towards", "into", "between"}


def _recipients(head: Token, trigger: Span, index: dict[int, Span]) -> list[ActorRef]:
    """Whom a non-violent act is done to or with: "aid to Mozambique", "met with Obama",
    "hand over to Britain", "withdraw troops from Lebanon"."""
    preps = set(RECIPIENT_PREPS)
    if trigger._.trigger is not None and trigger._.trigger.type == "RETREAT":
        preps |= {"from", "in"}
    found: list[ActorRef] = []
    verbs = [head] + [c for c in head.children if c.dep_ in {"xcomp", "prt"}
                      or (c.dep_ in OBJ and trigger.start <= c.i < trigger.end)]  # "held talks"
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found.extend(a for a in actors_of(pobj, index) if a.actor_id
                                     or a.actor_type)  # fmt: skip
            elif child.dep_ == "dative" and child.pos_ in {"PROPN", "NOUN"}:
                found.extend(actors_of(child, index))  # "give Tanzania a grant"
    return found


# Prepositions that introduce whom an act is aimed at, inside the act's own phrase: "sanctions
# on the Taliban", "a truce with Moslem forces", "calls by Belarus's rulers" (the caller is
# the one rejected), "war against Iraq", "aid program for Bosnia".
PHRASE_TARGET_PREPS = {"against", "on", "upon", "with", "to", "toward", "towards", "by", "from",
                       "for", "between", "into", "of"}  # fmt: skip


# Acts whose clausal complement's subject is the one acted on: "demanded that the US cancel".
DEMAND_LEMMAS = {"demand", "urge", "call", "ask", "insist", "request", "appeal", "press",
                 "order", "warn", "tell", "want", "require"}  # fmt: skip


# What a rejection defies: "despite pressure from X", "against the wishes of X".
PRESSURE_NOUNS = {"pressure", "call", "demand", "appeal", "plea", "request", "wish", "urging",
                  "insistence", "ultimatum"}  # fmt: skip


PHRASE_EDGES = {"dobj", "obj", "xcomp", "prep", "pobj", "pcomp", "conj", "acomp", "attr",
                "oprd", "compound"}  # fmt: skip


def _phrase_targets(head: Token, trigger: Span, index: dict[int, Span]) -> list[ActorRef]:
    """Whom an act is aimed at when no direct argument says so, nearest first.

    Breadth-first through the act's own phrase (objects, complements, prepositional phrases;
    not subjects or clauses of their own): the first actor behind a target preposition
    ("imposed sanctions on the Taliban", "threatened to break relations with Russia"), or
    the subject of a demanded act ("demanded that Hamas renounce ...").
    """
    subject_heads = {c.i for c in head.children if c.dep_ in SUBJ | {"nsubjpass", "agent"}}
    defied = trigger._.trigger is not None and trigger._.trigger.type == "REJECT"
    cooperative = _cooperative(trigger)
    protests = _protest_roots(head.doc) if trigger._.trigger is not None and (
        trigger._.trigger.type == "PROTEST") else set()
    seen = {head.i}
    frontier = [head]
    for _depth in range(5):
        found: list[ActorRef] = []
        nxt: list[Token] = []
        for node in frontier:
            found.extend(_demanded_party(node, index))
            for child in node.children:
                if child.i in seen or child.i in subject_heads:
                    continue
                seen.add(child.i)
                if child.dep_ == "prep" and child.lower_ in TOPIC_PREPS and cooperative:
                    continue  # "failed to reach agreement on the fate of X": the topic
                if child.dep_ == "prep" and child.lower_ in PHRASE_TARGET_PREPS:
                    if child.lower_ == "by" and not (node.pos_ == "NOUN" and node.i != head.i
                                                     or _active_with_object(node)):
                        continue  # the act's own agent, not its target
                    if child.lower_ == "of" and node.lemma_.lower() in GROUP_TYPES:
                        continue  # "leaders of X" names a group, not a target
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and not is_place(pobj):
                            found.extend(a for a in actors_of(pobj, index)
                                         if a.actor_id or a.actor_type)  # fmt: skip
                if defied and child.dep_ == "prep" and child.lower_ in {"despite", "against"}:
                    # "declined to resign despite pressure by X": X's demand is rejected
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        if pobj.lemma_.lower() in PRESSURE_NOUNS:
                            nxt.append(pobj)
                    continue
                if child.dep_ == "prep" and child.lower_ in CONTIGUOUS_PREPS and protests:
                    # "rioted following a demonstration calling for X's removal": the
                    # protest it continues is aimed at the same party
                    nxt.extend(c for c in child.children
                               if c.dep_ in {"pobj", "dobj"} and c.i in protests)
                if child.dep_ == "prep" and child.lower_ not in PHRASE_TARGET_PREPS | {"in", "at"}:
                    continue  # "according to X", "despite X", "after X": not the act's phrase
                if _purpose_clause(child):
                    # "blocked a road to show their disapproval for X", "a rally to protest
                    # violations by X", "a demonstration calling for the removal of X"
                    nxt.append(child)
                    continue
                if child.dep_ == "acl" and child.tag_ == "VBN" and node.pos_ == "NOUN":
                    # "prevented the demonstration staged by students": the students
                    for agent in (c for c in child.children if c.dep_ == "agent"):
                        for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                            found.extend(a for a in actors_of(pobj, index)
                                         if a.actor_id or a.actor_type)  # fmt: skip
                    continue
                if child.dep_ in PHRASE_EDGES and not (child.dep_ == "conj" and any(
                    c.dep_ in SUBJ for c in child.children
                )):
                    nxt.append(child)
        if found:
            return found
        frontier = nxt
    return []


# Prepositions that join one protest to another it continues ("rioted following a march").
CONTIGUOUS_PREPS = {"following", "during", "after", "amid", "in"}


def _protest_roots(doc: Doc) -> set[int]:
    """Root token indices of the protest triggers in ``doc`` (found once per Doc)."""
    found = doc.user_data.get(PROTEST_ROOTS_KEY)
    if found is None:
        found = {t.root.i for t in doc.spans.get("triggers", [])
                 if t._.trigger is not None and t._.trigger.type == "PROTEST"}  # fmt: skip
        doc.user_data[PROTEST_ROOTS_KEY] = found
    return set(found)


PROTEST_ROOTS_KEY = "eventcoder.protest_roots"


def _active_with_object(verb: Token) -> bool:
    """An active verb with a direct object: its "by" phrase belongs to the object ("protest
    the violations by X") or gives a means, never the verb's agent."""
    return verb.pos_ == "VERB" and any(c.dep_ == "dobj" for c in verb.children) and not any(
        c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children
    )


def _purpose_clause(tok: Token) -> bool:
    """A subjectless clause that says what an act is for: "to protest X" (infinitive) or
    "calling for X" (participle)."""
    if tok.dep_ not in {"advcl", "relcl", "acl", "xcomp"} or tok.pos_ != "VERB":
        return False
    if any(c.dep_ in SUBJ | {"nsubjpass"} for c in tok.children):
        return False
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    participle = tok.dep_ in {"acl", "advcl"} and tok.tag_ == "VBG"
    return infinitive or participle


# After a cooperative noun ("talks on trade", "an agreement on X's fate") these give the topic.
TOPIC_PREPS = {"on", "upon"}


COOPERATIVE_TYPES = {"AGREE", "CONSULT", "COOPERATE"}


def _cooperative(trigger: Span) -> bool:
    """An agreement, consultation or cooperation: done with partners, about a topic."""
    return trigger._.trigger is not None and trigger._.trigger.type in COOPERATIVE_TYPES


# Words that say something was aimed at without saying what: "fired at targets in X".
VAGUE_TARGETS = {"target", "position", "objective"}


def _place_of_vague_target(pobj: Token, index: dict[int, Span]) -> list[ActorRef]:
    """"fired shells at targets in Jericho": the place of an unnamed target is the target
    (PLOVER codes the attacked place); nothing when the target is named."""
    if pobj.lemma_.lower() not in VAGUE_TARGETS or actors_of(pobj, index):
        return []
    for prep in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ in {"in", "near"}):
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            if place.i in index:
                return [actor_ref(index[place.i])]
            if place.ent_type_ in {"GPE", "LOC"}:
                return [_entity_ref(place)]
    return []


def _condition_party(node: Token, index: dict[int, Span]) -> list[ActorRef]:
    """"threatened to stop talks if the United States goes ahead": the threatened party."""
    for clause in node.children:
        if clause.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in clause.children
        ):
            continue
        subj = [c for c in clause.children if c.dep_ in SUBJ]
        if subj and subj[0].lower_ not in PRONOUNS:
            return [a for a in actors_of(subj[0], index) if a.actor_id or a.actor_type]
    return []


def _demanded_party(node: Token, index: dict[int, Span]) -> list[ActorRef]:
    """"demanded that the US cancel", "its demand that Israel ease": the demanded party."""
    if node.lemma_.lower() not in DEMAND_LEMMAS:
        return []
    clauses = list(node.children)
    if node.pos_ == "NOUN" and node.dep_ in OBJ:  # "reiterated its demand today that X ease"
        clauses += [c for c in node.head.children if c.i > node.i and c.dep_ == "ccomp"]
    for clause in clauses:
        if clause.dep_ not in {"ccomp", "acl"} or clause.pos_ not in {"VERB", "AUX"}:
            continue
        marked = any(c.dep_ == "mark" or c.lower_ in {"must", "should"} for c in clause.children)
        if not marked and node.pos_ == "NOUN":
            continue
        subj = [c for c in clause.children if c.dep_ in SUBJ | {"nsubjpass"}]
        if subj and subj[0].lower_ not in PRONOUNS:
            return [a for a in actors_of(subj[0], index) if a.actor_id or a.actor_type]
    return []


def _place_targets(
    head: Token, carrier: Token, index: dict[int, Span]
) -> tuple[list[ActorRef], bool]:
    """The place a non-violent act is imposed on: "a curfew in Algiers", "eased measures in
    Montenegro province", "withdraw troops from Chad" (PLOVER codes the affected place).

    Looked for on the act and on its objects and complements ("ban voting in X"); a state or
    government actor wins, else a named place. The flag is True when the place is the act's
    own state-actor argument (not inferred from deeper in the phrase).
    """
    nodes = [head, carrier]
    for verb in (head, carrier):
        nodes.extend(c for c in verb.children if c.dep_ in OBJ | {"xcomp"})
        for xcomp in (c for c in verb.children if c.dep_ == "xcomp"):
            nodes.extend(c for c in xcomp.children if c.dep_ in OBJ | {"xcomp"})
    places: list[ActorRef] = []
    for node in dict.fromkeys(nodes):
        for child in node.children:
            if child.dep_ != "prep" or child.lower_ not in {"in", "into", "on"}:
                continue
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                named = [pobj, *(c for c in pobj.children if c.dep_ == "compound")]
                for tok in named:
                    if tok.i in index:
                        actor = actor_ref(index[tok.i])
                        if actor.actor_type in {"state", "government"}:
                            return [actor], node in (head, carrier) and tok is pobj
                    elif tok.ent_type_ in {"GPE", "LOC"} and not places:
                        places.append(_entity_ref(tok))
    return places, False


def _entity_ref(tok: Token) -> ActorRef:
    """A provisional actor for the named place at ``tok`` ("the Gaza Strip", "Algiers")."""
    ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
    while len(ent) > 1 and ent[0].pos_ == "DET":
        ent = ent[1:]
    return ActorRef(text=ent.text, name=ent.text, actor_type="place", start=ent.start_char,
                    end=ent.end_char)  # fmt: skip


def _subject_of(verb: Token, index: dict[int, Span]) -> list[ActorRef]:
    """The acting subject of ``verb``, inherited through conj/xcomp/relcl when implicit."""
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_ in SUBJ]
        if subj:
            return actors_of(subj[0], index)
        agent = [c for c in verb.children if c.dep_ == "agent"]
        if agent:
            pobj = [c for c in agent[0].children if c.dep_ == "pobj"]
            if pobj:
                return actors_of(pobj[0], index)
        if verb.dep_ == "xcomp":  # object control: "prompted the US to carry out"
            controller = [c for c in verb.head.children if c.dep_ in OBJ]
            found = actors_of(controller[0], index) if controller else []
            if found or (controller and verb.head.lemma_.lower() not in INSTRUMENT_VERBS):
                return found  # "used tear gas to disperse": the user acts, not the gas
        if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
            verb = verb.head
            continue
        if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
            verb = verb.head.head  # "Syria is willing to withdraw": the copula's subject
            continue
        if verb.dep_ == "acl" and verb.head.dep_ in OBJ and verb.head.head.pos_ == "VERB":
            verb = verb.head.head  # "issued a declaration demanding ...": the issuer
            continue
        if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
            passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
            # "Rivera, who was killed in an attack": the noun is the passive clause's patient
            return actors_of(verb.head, index) if verb.dep_ == "relcl" and not passive else []
        break
    return []


def frame_for(
    trigger: Span, index: dict[int, Span], sentence: Span | None = None
) -> ArgumentFrame:
    """Build the argument frame of one trigger."""
    head = trigger.root
    sources: list[ActorRef] = []
    targets: list[ActorRef] = []
    accusers: list[ActorRef] = []
    carrier = head  # the verb that carries a nominal trigger, when there is one
    violent = trigger._.trigger is not None and trigger._.trigger.type == "ASSAULT"
    if head.pos_ in {"VERB", "AUX"}:
        sources = _subject_of(head, index)
        for child in head.children:
            if child.dep_ in OBJ and _moved_or_fired(head, child):
                continue
            if child.dep_ in OBJ | {"nsubjpass"}:
                targets.extend(physical_targets(child, index) if violent
                               else actors_of(child, index))  # fmt: skip
            elif child.dep_ == "prep" and (child.lower_ in TARGET_PREPS or (
                child.lower_ in {"to", "with"} and violent and _fired(head)
            )):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        targets.extend(a for a in actors_of(pobj, index)
                                       if a.actor_type not in {None})  # fmt: skip
                        if violent:
                            targets.extend(_place_of_vague_target(pobj, index))
        if not violent:
            targets.extend(_recipients(head, trigger, index))
        if head.dep_ == "acl" and head.tag_ == "VBN" and violent:
            # "9 peasants killed": the people the act befell, not its agents
            targets.extend(actors_of(head.head, index))
        elif head.dep_ == "acl" and head.tag_ == "VBN":  # "forces stationed in Iraq"
            sources = actors_of(head.head, index)
        if not sources and head.tag_ == "VBN" and head.dep_ == "acl":
            sources = _stray_agent(head, index)
        if not sources and (blamed := culprit_object(head)) is not None:
            sources = [a for obj in blamed[0] for a in actors_of(obj, index)]
            accusers = _accusers(blamed[1], index)  # "accused the militia of killing"
        if not sources:
            sources = _authority_of_place(head, index)
    else:
        for child in head.children:
            if child.dep_ == "poss" and head.lemma_.lower() in KILL_NOUNS:
                targets.extend(actors_of(child, index))  # "Rivera's murder": the victim
            elif child.dep_ == "poss":
                sources.extend(actors_of(child, index))
            elif child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        sources.extend(actors_of(pobj, index))
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS | {"of"}:
                if child.lower_ in TOPIC_PREPS and _cooperative(trigger):
                    continue  # "an agreement on the fate of X": the topic, not a party
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and not is_place(pobj):
                        targets.extend(actors_of(pobj, index))
            elif child.dep_ == "prep" and child.lower_ in {"alongside", "with"} and (
                trigger._.trigger is not None and trigger._.trigger.id in {"assassinate", "kill"}
            ):
                for pobj in child.children:  # "the killing of X alongside Y"
                    if pobj.dep_ == "pobj":
                        targets.extend(actors_of(pobj, index))
            elif child.dep_ == "acl":  # "the bombing ..., carried out by Hezbollah"
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                        sources.extend(actors_of(pobj, index))
        if not violent:
            targets.extend(_recipients(head, trigger, index))
        if not sources:  # "bombing of a marine barracks by Hizbullah"
            for tok in head.subtree:
                if tok.dep_ == "prep" and tok.lower_ == "by" and tok.i > head.i and _own_by(tok, head):
                    for pobj in (c for c in tok.children if c.dep_ == "pobj"):
                        if pobj.i in index:
                            sources.append(actor_ref(index[pobj.i]))
                if sources:
                    break
        if not sources:
            for i in range(head.left_edge.i, trigger.start):
                if i in index and not metonymic_place(index[i]):
                    sources.append(actor_ref(index[i]))
                    break
        role = head
        if (head.dep_ == "pobj" and head.head.lower_ == "of"
                and head.head.head.lemma_.lower() in QUANTITY_NOUNS | {"dozen"}):  # fmt: skip
            role = head.head.head  # "dozens of airstrikes" plays the role of "airstrikes"
        elif violent and head.dep_ == "compound" and head.head.pos_ == "NOUN":
            role = head.head  # "fired shell bombs at X": the weapon phrase's role
        if role.dep_ in OBJ and _light_verb(role.head):
            carrier = role.head
            if not sources:
                sources = _subject_of(carrier, index)
            if not targets:  # "staged rallies against X", "launched attacks on Y"
                preps = TARGET_PREPS if violent and _fired(carrier) else TARGET_PREPS - {"at",
                                                                                       "into"}
                for prep in (c for c in carrier.children if c.dep_ == "prep"
                             and c.lower_ in preps):  # fmt: skip
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        if not is_place(pobj):
                            targets.extend(actors_of(pobj, index))
                        if violent:
                            targets.extend(_place_of_vague_target(pobj, index))
        elif (blamed := culprit_object(head)) is not None:
            # "blamed the rebels for the bombing", "accused X of the murder": the object
            # of blame did it; the subject lays the blame
            carrier = blamed[1]
            sources = [a for obj in blamed[0] for a in actors_of(obj, index)]
            accusers = _accusers(carrier, index)
        elif head.dep_ == "pobj" and head.head.lower_ == "behind" and head.head.head.pos_ == "AUX":
            carrier = head.head.head  # "the group was behind the strike"
            if not sources:
                sources = _subject_of(carrier, index)
        elif head.dep_ == "pobj" and head.head.head.lemma_.lower() == "responsible":
            copula = head.head.head.head  # "KH was responsible for the attack"
            carrier = copula
            if not sources:
                sources = _subject_of(copula, index)
        elif head.dep_ in {"nsubj", "nsubjpass"}:
            carrier = head.head
        elif (head.dep_ == "pobj" and head.head.lower_ in {"in", "during", "with", "through", "for"}
              and head.head.head.pos_ == "VERB"):  # fmt: skip
            carrier = head.head.head  # "wounded two soldiers in a bomb attack"
            if not sources:
                sources = _subject_of(carrier, index)
            if not targets:
                for child in carrier.children:
                    if child.dep_ in OBJ:
                        targets.extend(physical_targets(child, index) if violent
                                       else actors_of(child, index))  # fmt: skip
    for verb in outcome_verbs(head):
        for child in verb.children:
            if child.dep_ in OBJ | {"nsubjpass"}:
                targets.extend(actors_of(child, index))
    if not violent and carrier is not head:
        # "Finland will give Tanzania a grant", "send arms to Pakistan": the light verb
        # carries the recipient.
        targets.extend(a for a in _recipients(carrier, trigger, index) if a not in targets)
    inferred: list[ActorRef] = []
    if not violent and not targets:
        # "declared a state of siege in Haiti": a non-violent act aimed at a place names
        # that place's state as its target (PLOVER codes the affected country).
        places, direct = _place_targets(head, carrier, index)
        # a protest is aimed at whom it protests, not where it is held ("a rally in Lagos
        # to protest violations by X"); the place is its target only failing that
        protest = trigger._.trigger is not None and trigger._.trigger.type == "PROTEST"
        if direct and not protest:
            targets.extend(places)
        else:
            for verb in dict.fromkeys((head, carrier)):
                if not inferred:
                    inferred.extend(a for a in _phrase_targets(verb, trigger, index)
                                    if a not in sources)  # fmt: skip
            if not inferred:
                inferred.extend(places)
            if not inferred and trigger._.trigger is not None and (
                trigger._.trigger.type == "THREATEN"
            ):
                for verb in (head, *(c for c in head.children if c.dep_ == "xcomp")):
                    inferred.extend(a for a in _condition_party(verb, index) if a not in sources)
    targets.extend(inferred)
    if not violent:
        targets = [a for a in targets if not _entourage(a, head.doc)]
    location, date = place_and_date_of(head, carrier)
    fatalities, injuries = outcomes(head)
    if carrier is not head and fatalities is None:
        fatalities, injuries = outcomes(carrier)[0], injuries or outcomes(carrier)[1]
    weapon = instrument_of(trigger, head)
    hint = weapon or sentence_weapon(trigger, sentence)
    reporter, obliged = _obligation(head, index)
    sources = [named_person(a, head.doc) for a in sources]
    targets = [named_person(a, head.doc) for a in targets]
    return ArgumentFrame(
        source_actors=tuple(dedupe_actors(sources)),
        target_actors=tuple(a for a in dedupe_actors(targets) if a not in sources),
        location=location,
        date=date,
        fatalities=fatalities,
        injuries=injuries,
        instrument=weapon.kind if weapon else None,
        instrument_text=weapon.text if weapon else None,
        instrument_hint=hint.kind if hint else None,
        inferred_targets=tuple(a for a in dedupe_actors(inferred) if a not in sources),
        reporter=tuple(reporter),
        obliged=tuple(obliged),
        accusers=tuple(named_person(a, head.doc) for a in dedupe_actors(accusers)),
    )


def _stray_agent(verb: Token, index: dict[int, Span]) -> list[ActorRef]:
    """"the bodies of the Jesuits murdered last Friday by uniformed men were buried": the
    agent phrase of a participle the parser hung on a noun above it (the "by" after the
    participle, on a noun the participle's phrase is part of)."""
    node = verb.head
    for _ in range(3):
        if node.pos_ not in {"NOUN", "PROPN"}:
            break
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ == "by"):
            if prep.i > verb.i:
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    return actors_of(pobj, index)
        if node.dep_ != "pobj" or node.head.head is node.head:
            break
        node = node.head.head  # "of the Jesuits" -> "the bodies"
    return []


# Verbs that lay an act at someone's door: "blamed X for", "accused X of", "held X
# responsible for", "charged X with", "arrested X for".
CULPRIT_VERBS = {"blame", "accuse", "hold", "charge", "suspect", "implicate", "fault",
                 "arrest", "detain", "convict", "sentence", "indict", "prosecute", "try",
                 "punish", "condemn", "credit", "denounce"}  # fmt: skip


# Nouns of blame whose "of" names the blamed: "the arrest of 45 soldiers for killing ...".
CULPRIT_NOUNS = {"arrest", "detention", "conviction", "trial", "indictment", "prosecution",
                 "capture", "sentencing"}  # fmt: skip


def _accusers(carrier: Token, index: dict[int, Span]) -> list[ActorRef]:
    """Who lays the blame: the culprit verb's subject, or for a culprit noun the subject of
    the verb it is the object of ("police announced the arrest of ...")."""
    if carrier.pos_ in {"NOUN", "PROPN"}:
        if carrier.dep_ in OBJ and carrier.head.pos_ == "VERB":
            return _subject_of(carrier.head, index)
        return []
    return _subject_of(carrier, index)


def _culprit_of_noun(node: Token) -> tuple[list[Token], Token] | None:
    """"the arrest of 45 soldiers and 2 officers for killing ...": the "for" phrase hangs on
    the culprit noun or on the blamed people it names."""
    if node.lemma_.lower() in CULPRIT_NOUNS:
        blamed = [p for c in node.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]  # fmt: skip
        return (blamed, node) if blamed else None
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and (
        node.head.head.lemma_.lower() in CULPRIT_NOUNS
    ):
        return [node], node.head.head
    return None


def culprit_object(head: Token) -> tuple[list[Token], Token] | None:
    """The people blamed for an act and the verb that blames them ("blamed the rebels for
    the bombing", "accused X of killing", "held X responsible for"): the objects of the
    culprit verb that governs the act's "for", "of" or "with" phrase."""
    prep = head.head
    if head.dep_ not in {"pobj", "pcomp"} or prep.dep_ != "prep":
        return None
    if prep.lower_ not in {"for", "of", "with"}:
        return None
    verb = prep.head
    if verb.pos_ in {"NOUN", "PROPN"}:
        return _culprit_of_noun(verb)
    if verb.lemma_.lower() == "responsible" and verb.dep_ == "amod":
        # "held the guerrillas responsible for the massacre" (parsed as a modifier)
        blamed, verb = verb.head, verb.head.head
        ok = blamed.dep_ in {"dobj", "nsubjpass"} and verb.lemma_.lower() in CULPRIT_VERBS
        return ([blamed], verb) if ok else None
    if verb.lemma_.lower() == "responsible" and verb.dep_ in {"oprd", "acomp", "xcomp", "ccomp"}:
        verb = verb.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in CULPRIT_VERBS:
        return None
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return (objects, verb) if objects else None


def _entourage(actor: ActorRef, doc: Doc) -> bool:
    """"X and his ruling party", "X and members of his government": an unnamed group known
    only by its tie to an actor coordinated before it goes with that actor in a non-violent
    act, and is no recipient of its own (a violent act's victims all count)."""
    if actor.actor_id is not None or actor.start is None or actor.end is None:
        return False
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "conj":
        return False
    nodes = [span.root, *(p for c in span.root.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj")]  # fmt: skip
    return any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS
               for n in nodes for c in n.children)  # fmt: skip


OBLIGATION_MODALS = {"must", "should", "ought"}


# The surface forms the coder reads as a report (code_events._reported).
REPORTING_FORMS = {"said", "says", "say", "concluded", "announced", "stated", "insisted",
                   "declared", "told", "saying"}  # fmt: skip


def _obligation(head: Token, index: dict[int, Span]) -> tuple[list[ActorRef], list[ActorRef]]:
    """"Russia said that Sudan must return the helicopter": (Russia, Sudan).

    The clause holding the act (or the act itself) has "must/should/ought" and is the
    complement of a reporting verb; the reporter is that verb's subject, the obliged party
    the clause's subject. Empty lists when the act is no reported obligation.
    """
    node = head
    for _ in range(4):
        modal = any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in node.children)
        if modal and node.pos_ in {"VERB", "AUX"}:
            if node.dep_ != "ccomp" or node.head.lower_ not in REPORTING_FORMS:
                return [], []
            subj = [c for c in node.children if c.dep_ in SUBJ | {"nsubjpass"}]
            if not subj or subj[0].lower_ in PRONOUNS:
                return [], []
            obliged = actors_of(subj[0], index)
            reporter = [a for a in _subject_of(node.head, index) if a not in obliged]
            return (reporter, obliged) if reporter and obliged else ([], [])
        if node.head.i == node.i:
            break
        node = node.head
    return [], []


# Verbs whose object is the means of a following act ("used tear gas to disperse").
INSTRUMENT_VERBS = {"use", "employ", "deploy", "fire", "throw", "hurl", "lob"}


# Verbs whose object is moved by the actor, not acted on: "withdraw its troops from X",
# "pulled out the inspectors" (the place left is the target).
MOVE_VERBS = {"withdraw", "pull", "recall", "redeploy", "relocate", "evacuate", "remove"}


# Verbs whose object is sent to a recipient: "dispatched inspectors to X".
SEND_VERBS = {"send", "dispatch", "despatch", "deploy", "airlift", "ship"}


# Objects that are what is fired or set, not its target: "opened fire on", "set fire to".
FIRED_OBJECTS = {"fire", "shot", "round", "bullet", "shell", "rocket", "missile", "grenade",
                 "bomb", "mortar", "volley", "gas", "teargas", "salvo", "torch"}  # fmt: skip


def _moved_or_fired(verb: Token, obj: Token) -> bool:
    """The object is what the actor moves or fires, not its target."""
    lemma = verb.lemma_.lower()
    if lemma in MOVE_VERBS and any(c.dep_ == "prep" and c.lower_ in {"from", "out"}
                                   for c in verb.children):  # fmt: skip
        return True
    if lemma in SEND_VERBS and any(c.dep_ == "prep" and c.lower_ in {"to", "into"}
                                   for c in verb.children):  # fmt: skip
        return True  # "dispatched inspectors to X": the inspectors are sent, X receives
    return obj.lemma_.lower() in FIRED_OBJECTS and not any(
        c.dep_ == "poss" or c.pos_ == "PROPN" for c in obj.children
    )


def _fired(verb: Token) -> bool:
    """"set fire to X", "exchanged fire with Y": the object is the fire, the preposition the
    target."""
    return any(c.dep_ in OBJ and c.lemma_.lower() in FIRED_OBJECTS for c in verb.children)


# Acts only a state's authorities do: in the passive without an agent ("a missionary was
# arrested in Lebanon") the state of the place is the actor.
AUTHORITY_VERBS = {"arrest", "detain", "jail", "imprison", "deport", "expel", "sentence",
                   "convict", "indict", "extradite", "outlaw", "execute", "hang"}  # fmt: skip


def _authority_of_place(verb: Token, index: dict[int, Span]) -> list[ActorRef]:
    """The state where an agentless passive act of authority happened."""
    if verb.lemma_.lower() not in AUTHORITY_VERBS:
        return []
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    if any(c.dep_ == "agent" for c in verb.children):
        return []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if pobj.i in index:
                actor = actor_ref(index[pobj.i])
                if actor.actor_type in {"state", "government"}:
                    return [actor]
    return []


def _own_by(by: Token, head: Token) -> bool:
    """A "by" phrase of the act itself or of its "of" object ("the bombing of X by Y"), not
    of a noun deeper down ("a protest against violations by the army")."""
    if by.head.i == head.i:
        return True
    obj = by.head
    return obj.dep_ == "pobj" and obj.head.lower_ == "of" and obj.head.head.i == head.i


class ArgumentAttacher:
    """Set ``span._.frame`` on every trigger."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        index = actor_index(doc)
        doc.user_data.pop(ROOTS_KEY, None)
        triggers = list(doc.spans.get("triggers", []))
        sentence_of: dict[int, Span] = {}
        if triggers:
            for sentence in doc.sents:  # once per Doc: Span.sent walks the Doc each call
                for i in range(sentence.start, sentence.end):
                    sentence_of[i] = sentence
        for trigger in triggers:
            trigger._.frame = frame_for(trigger, index, sentence_of.get(trigger.root.i))
        if triggers:
            _add_death_tolls(doc, triggers, sentence_of)
        return doc


def _add_death_tolls(doc: Doc, triggers: list[Span], sentence_of: dict[int, Span]) -> None:
    """Give a stated death toll to the violent event it counts: the violent noun the toll
    names ("the death toll from the bombing rose to 30"), else the last violent trigger
    before it ("A car bomb exploded ... The death toll stands at 12"). A toll that "rose to"
    or "reached" a figure updates the event's own figure; one that "is" or "stands at" one
    fills in only a missing figure. A toll that names something else ("the toll from the
    week's violence") goes to no event."""
    violent = [
        t for t in triggers
        if t._.trigger is not None and t._.trigger.type == "ASSAULT" and t._.frame is not None
    ]  # fmt: skip
    lowered = doc_text(doc).lower()
    if not violent or ("toll" not in lowered and "number" not in lowered):
        return
    by_root = {t.root.i: t for t in violent}
    sentences = {sentence_of[t.i].start: sentence_of[t.i] for t in doc
                 if t.lower_ in {"toll", "tolls", "number"} and t.i in sentence_of}  # fmt: skip
    for sentence in sentences.values():
        for toll in death_tolls(sentence):
            if toll.event is not None:
                owner = by_root.get(toll.event)
            else:
                start = doc[toll.token].idx
                before = [t for t in violent if t.start_char < start]
                owner = before[-1] if before else None
            if owner is None:
                continue
            if toll.update:
                # "the death toll rose to 30": a later figure, the event's own included, and
                # that of the other violent words of its sentence ("two people were killed
                # when a bomb exploded")
                sent = sentence_of[owner.root.i]
                for t in violent:
                    if sent.start <= t.start < sent.end:
                        t._.frame = dataclasses.replace(
                            t._.frame, fatalities=toll.count, fatalities_from_toll=True
                        )
            elif owner._.frame.fatalities is None:
                owner._.frame = dataclasses.replace(owner._.frame, fatalities=toll.count)


@Language.factory(
    "eventcoder_argument_attacher",
    requires=["doc.spans", "token.dep", "token.lemma", "doc.ents"],
    assigns=["span._.frame"],
)
def make_argument_attacher(nlp: Language, name: str) -> ArgumentAttacher:
    """Build the argument attacher."""
    return ArgumentAttacher(name)
