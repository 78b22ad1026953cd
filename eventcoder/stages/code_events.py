"""Stage: refine each mention's codes from its arguments (EventMention -> EventMention).

The trigger gives a first coding (lexicon); this stage sharpens it:
1. an instrument ("drone", "rockets", "IED") sets the PLOVER mode, CAMEO code and ACLED
   sub-event type of a generic violent trigger;
2. a generic attack on armed actors is an ACLED battle ("Armed clash"); on civilians or with
   no armed target it stays "Attack" (violence against civilians);
3. taking territory is "Government regains territory" when a state force does it;
4. the ACLED event type follows from the sub-event type.
"""

from __future__ import annotations

import dataclasses

from eventcoder.ontologies.lexicon import acled_event_type_of, instruments
from eventcoder.records import EventMention

CODER = "eventcoder.rules.v1"
GENERIC_VIOLENCE = {"attack", "kill", "offensive", "clash", "bombing", "explode", "bomb_verb"}
ARMED_TYPES = {"military", "armed group", "militia", "police", "state", "rebel group"}
STATE_TYPES = {"military", "state", "government", "police"}


# Cues of an actor's own stated intent ("will withdraw", "vowed to fight"), as opposed to the
# author's conditionals ("if", "were to", "could").
INTENT_CUES = {
    "will", "would", "'ll", "wo", "shall", "vow", "vowed", "plan", "planned", "prepare",
    "prepared", "willing", "ready", "pledge", "pledged", "promise", "promised", "intend",
    "intends", "threaten", "threatened", "warn", "warned", "agree", "agreed", "decide",
    "decided", "offer", "offered", "swear", "swore", "sworn", "going", "determined", "propose",
    "proposed", "committed", "commit", "set",
}  # fmt: skip
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


def _intent_or_refusal(m: EventMention) -> EventMention:
    """PLOVER codes a stated intent as AGREE or THREATEN, and a refusal as REJECT.

    "X will withdraw" is X agreeing to withdraw; "X vowed to fight" is a threat; "X will not
    accept" is a rejection. The underlying act keeps its words in the evidence.
    """
    if m.status == "hypothetical" and m.status_cue in INTENT_CUES and m.event_type not in {
        "AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE"
    }:
        new_type = "AGREE" if m.event_type in COOPERATIVE else "THREATEN"
        cameo = "030" if new_type == "AGREE" else "130"
        return dataclasses.replace(m, event_type=new_type, mode=None, cameo=cameo,
                                   acled_sub_event_type=None, status="asserted",
                                   trigger_id=f"{m.trigger_id}+intent")  # fmt: skip
    if m.status == "negated" and m.event_type in COOPERATIVE and m.status_cue == "not":
        return dataclasses.replace(m, event_type="REJECT", mode=None, cameo="120",
                                   acled_sub_event_type=None, status="asserted",
                                   trigger_id=f"{m.trigger_id}+refusal")  # fmt: skip
    return m


def code_mention(m: EventMention) -> EventMention:
    """Return ``m`` with mode, CAMEO and ACLED codes refined from its arguments."""
    m = _intent_or_refusal(m)
    mode, cameo, sub = m.mode, m.cameo, m.acled_sub_event_type
    # 1. instrument refines a generic violent trigger
    if m.trigger_id in GENERIC_VIOLENCE and m.instrument is not None:
        entry = next((e for e in instruments() if e.instrument == m.instrument), None)
        if entry is not None:
            mode = entry.mode or mode
            cameo = entry.cameo or cameo
            if entry.acled is not None and not (
                m.trigger_id in {"bombing", "explode", "bomb_verb"} and entry.acled == "Grenade"
                and False
            ):
                sub = entry.acled
    # 2. battles versus violence against civilians
    if sub in {"Attack", "Armed clash"} and m.trigger_id in {"attack", "kill", "offensive"}:
        target_types = {a.actor_type for a in m.target_actors}
        source_types = {a.actor_type for a in m.source_actors}
        if target_types & ARMED_TYPES and (source_types & ARMED_TYPES or not source_types):
            sub = "Armed clash"
        elif target_types & {"civilians", "person", "protesters"}:
            sub = "Attack"
    # 3. who takes territory
    if m.trigger_id in {"capture_territory", "occupy"}:
        source_types = {a.actor_type for a in m.source_actors}
        sub = "Government regains territory" if source_types & STATE_TYPES else (
            "Non-state actor overtakes territory"
        )
    # 4. event type from sub-event type
    event_type = acled_event_type_of().get(sub) if sub else None
    return dataclasses.replace(
        m, mode=mode, cameo=cameo, acled_sub_event_type=sub, acled_event_type=event_type
    )
