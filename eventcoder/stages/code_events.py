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
GENERIC_VIOLENCE = {"attack", "kill", "wound", "offensive", "clash", "bombing", "explode", "bomb_verb", "pound",
                    "burn", "loot"}  # fmt: skip
CIVILIAN_CUES = {
    "civilian", "civilians", "villager", "villagers", "resident", "residents", "worshipper",
    "worshippers", "student", "students", "child", "children", "woman", "women", "passenger",
    "passengers", "shopper", "shoppers", "market", "school", "hospital", "mosque", "church",
    "temple", "wedding", "farmer", "farmers", "journalist", "journalists", "teacher", "family",
    "families", "pilgrims", "refugees", "home", "homes", "house", "patients", "aid workers",
    "man", "men", "girl", "boy", "people", "herders", "traders", "businessman", "displaced",
}  # fmt: skip
ARMED_CUES = {
    "soldier", "soldiers", "troops", "army", "military", "police", "policemen", "base",
    "checkpoint", "patrol", "convoy", "militant", "militants", "rebel", "rebels", "fighters",
    "forces", "security", "gunmen", "insurgents", "terrorists", "guerrillas", "militia",
    "militiamen", "jihadists", "post", "positions", "garrison", "barracks", "outpost",
    "gendarmes", "officers", "camp", "personnel", "marines",
}  # fmt: skip
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
# "X must release the prisoners", said by another party, is a demand (PLOVER REQUEST).
DEMAND_CUES = {"must", "should", "ought"}
FAILURE_CUES = {"fail", "failed", "fails", "refuse", "refused", "refuses"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


def _reported(m: EventMention) -> bool:
    low = m.sentence.text.lower()
    return any(w in low for w in (" said", " says", " say ", " concluded", " announced",
                                  " stated", " insisted", " declared", " told"))  # fmt: skip


def _intent_or_refusal(m: EventMention) -> EventMention:
    """PLOVER codes a stated intent as AGREE or THREATEN, and a refusal as REJECT.

    "X will withdraw" is X agreeing to withdraw; "X vowed to fight" is a threat; "X will not
    accept" is a rejection. The underlying act keeps its words in the evidence.
    """
    if m.status == "hypothetical" and m.status_cue in DEMAND_CUES and m.event_type not in {
        "REQUEST", "REJECT", "ACCUSE"
    } and _reported(m):
        return dataclasses.replace(m, event_type="REQUEST", mode=None, cameo="100",
                                   acled_sub_event_type=None, status="asserted",
                                   trigger_id=f"{m.trigger_id}+intent")  # fmt: skip
    if m.status == "hypothetical" and m.status_cue in FAILURE_CUES and m.event_type in COOPERATIVE:
        return dataclasses.replace(m, event_type="REJECT", mode=None, cameo="120",
                                   acled_sub_event_type=None, status="asserted",
                                   trigger_id=f"{m.trigger_id}+refusal")  # fmt: skip
    if m.status == "hypothetical" and m.status_cue in INTENT_CUES and m.event_type not in {
        "AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE"
    }:
        conditional = any(f" {w} " in f" {m.sentence.text.lower()} " for w in ("unless",))
        new_type = "AGREE" if m.event_type in COOPERATIVE and not conditional else "THREATEN"
        cameo = "030" if new_type == "AGREE" else "130"
        return dataclasses.replace(m, event_type=new_type, mode=None, cameo=cameo,
                                   acled_sub_event_type=None, status="asserted",
                                   trigger_id=f"{m.trigger_id}+intent")  # fmt: skip
    if m.status == "negated" and m.event_type in COOPERATIVE and m.status_cue == "not":
        return dataclasses.replace(m, event_type="REJECT", mode=None, cameo="120",
                                   acled_sub_event_type=None, status="asserted",
                                   trigger_id=f"{m.trigger_id}+refusal")  # fmt: skip
    return m


def _words(text: str) -> set[str]:
    return set(text.lower().replace(",", " ").replace(".", " ").replace("'s", " ").split())


def _battle_or_attack(m: EventMention, sub: str) -> str:
    target_types = {a.actor_type for a in m.target_actors}
    if target_types & ARMED_TYPES:
        return "Armed clash"
    if target_types & {"civilians", "protesters"}:
        return "Attack"
    target_words = set().union(*(_words(a.text) for a in m.target_actors)) if m.target_actors else set()
    if target_words & ARMED_CUES:
        return "Armed clash"
    if target_words & CIVILIAN_CUES or "property" in target_types:
        return "Attack"
    source_words = set().union(*(_words(a.text) for a in m.source_actors)) if m.source_actors else set()
    words = _words(m.sentence.text) - source_words - {"gunmen", "gunman", "attackers", "assailants"}
    if words & ARMED_CUES and not words & CIVILIAN_CUES:
        return "Armed clash"
    if words & CIVILIAN_CUES:
        return "Attack"
    return sub


def code_mention(m: EventMention) -> EventMention:
    """Return ``m`` with mode, CAMEO and ACLED codes refined from its arguments."""
    m = _intent_or_refusal(m)
    mode, cameo, sub = m.mode, m.cameo, m.acled_sub_event_type
    # 1. instrument refines a generic violent trigger
    weapon = m.instrument or m.instrument_hint
    if m.trigger_id in GENERIC_VIOLENCE and weapon is not None:
        entry = next((e for e in instruments() if e.instrument == weapon), None)
        if entry is not None:
            mode = entry.mode or mode
            cameo = entry.cameo or cameo
            if entry.acled is not None:
                sub = entry.acled
    # 1b. chemical weapons and suicide bombs take precedence over how they were delivered
    if m.event_type == "ASSAULT" and weapon in {"chemical weapon", "suicide bomb"}:
        entry = next(e for e in instruments() if e.instrument == weapon)
        mode, cameo, sub = entry.mode, entry.cameo, entry.acled
    # 2. battles versus violence against civilians: decided by who (or what) is attacked.
    #    The target's own words come first; only without a target does the rest of the
    #    sentence speak, minus the attackers' words ("gunmen opened fire in a hospital").
    if sub in {"Attack", "Armed clash"} and m.trigger_id in {"attack", "kill", "wound", "offensive"}:
        sub = _battle_or_attack(m, sub)
    # 3. who takes territory
    if m.trigger_id in {"capture_territory", "occupy"}:
        source_types = {a.actor_type for a in m.source_actors}
        sub = "Government regains territory" if source_types & STATE_TYPES else (
            "Non-state actor overtakes territory"
        )
    # 4. an instrument of war destroying property is a strike, not looting
    if m.trigger_id in {"burn"} and weapon in {"aircraft", "drone"}:
        sub = "Air/drone strike"
    # 5. event type from sub-event type
    event_type = acled_event_type_of().get(sub) if sub else None
    return dataclasses.replace(
        m, mode=mode, cameo=cameo, acled_sub_event_type=sub, acled_event_type=event_type
    )


FORCE_TRIGGERS = {"disperse", "arrest"}
LETHAL_TRIGGERS = {"attack", "kill", "torture", "shelling"}
# Words that make a demonstration violent in ACLED's sense (a riot), whoever intervenes.
VIOLENT_PROTEST_WORDS = {
    "violent", "violence", "violently", "aggressive", "clash", "clashes", "clashed",
    "scuffle", "scuffles", "projectiles", "pelted", "pelting", "stones", "stone-throwing",
    "molotov", "fires", "torched", "vandalised", "vandalized", "smashed", "stormed", "looted",
    "rioters", "rioting", "rioted", "confronted", "fireworks", "petrol", "barricades",
    "ransacked", "breached",
}  # fmt: skip
EXPLOSIVE_TRIGGERS = {"bombing", "explode", "bomb_verb", "attack", "kill", "wound", "shelling",
                      "pound"}  # fmt: skip
SUICIDE_PHRASES = ("suicide bomb", "suicide attack", "suicide car", "suicide truck", "kamikaze",
                   "explosive vest", "suicide vest", "blew himself up", "blew herself up",
                   "blew themselves up", "self-detonat")  # fmt: skip
CHEMICAL_PHRASES = ("chlorine", "sarin", "chemical attack", "chemical weapon", "mustard gas",
                    "poison gas", "poisonous gas", "nerve agent", "toxic gas", "phosgene",
                    "asphyxia")  # fmt: skip
TAKEOVER_WORDS = {"seize", "seized", "took", "taken", "take", "entered", "control", "advanced",
                  "regained", "handed", "handover", "captured", "recaptured", "retook",
                  "overran", "replaced", "deployed"}  # fmt: skip
PEACEFUL_WORDS = {"peaceful", "peacefully", "peacefull", "unarmed", "nonviolent", "non-violent"}
PROTESTER_WORDS = ("protester", "demonstrator", "rioter", "crowd", "student", "marcher", "mob")


def _recode(m: EventMention, sub: str, boost: float = 0.0) -> EventMention:
    return dataclasses.replace(
        m, acled_sub_event_type=sub, acled_event_type=acled_event_type_of()[sub],
        confidence=round(min(0.95, m.confidence + boost), 3),
    )  # fmt: skip


def code_in_context(mentions: list[EventMention], *, text: str = "") -> list[EventMention]:
    """Codes that depend on the rest of the sentence or paragraph.

    1. protesters who riot, clash, throw things or attack (said in the same paragraph):
       "Violent demonstration";
    2. police killing, shooting or beating protesters: "Excessive force against protesters";
    3. police dispersing or arresting protesters: "Protest with intervention";
    4. an explosion in a paragraph that names a suicide bomber or a chemical agent is a
       "Suicide bomb" or "Chemical weapon" (ACLED gives both precedence).
    """
    paragraphs = text.split("\n") if text else []

    def paragraph_text(m: EventMention) -> str:
        source = paragraphs[m.paragraph] if m.paragraph < len(paragraphs) else m.sentence.text
        return source.lower()

    def paragraph_words(m: EventMention) -> set[str]:
        return set(paragraph_text(m).replace(",", " ").replace(".", " ").split())
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(m.sentence.start, []).append(i)
    out = list(mentions)
    for indexes in by_sentence.values():
        protests = [i for i in indexes if out[i].event_type == "PROTEST"]
        if not protests:
            continue
        others = [i for i in indexes if i not in protests]

        def by_protesters(m: EventMention) -> bool:
            return any(w in a.text.lower() for a in m.source_actors for w in PROTESTER_WORDS)

        words = paragraph_words(out[protests[0]])
        # "security forces violently dispersed peaceful protesters": the violence is the
        # intervention's, not the protesters'.
        peaceful = bool(words & PEACEFUL_WORDS)
        violent = (bool(words & VIOLENT_PROTEST_WORDS) and not peaceful) or any(
            out[i].trigger_id == "riot" for i in protests) or any(
            out[i].trigger_id == "clash" or (out[i].event_type == "ASSAULT" and by_protesters(out[i]))
            for i in others
        )
        lethal = any(
            (out[i].trigger_id in LETHAL_TRIGGERS or out[i].fatalities or out[i].injuries)
            and not by_protesters(out[i])
            for i in others
        )
        force = any(out[i].trigger_id in FORCE_TRIGGERS for i in others)
        if violent:
            sub = "Violent demonstration"
        elif lethal:
            sub = "Excessive force against protesters"
        elif force:
            sub = "Protest with intervention"
        else:
            continue
        for i in protests + [i for i in others if out[i].trigger_id in
                                                  LETHAL_TRIGGERS | FORCE_TRIGGERS | {"clash"}]:  # fmt: skip
            out[i] = _recode(out[i], sub, boost=0.1)
    for i, m in enumerate(out):
        # A withdrawal from a place is a transfer of territory when someone takes it over.
        takeover = m.trigger_id == "withdraw" and m.location is not None
        if takeover and paragraph_words(m) & TAKEOVER_WORDS:
            out[i] = _recode(m, "Non-violent transfer of territory")
    for i, m in enumerate(out):
        if m.event_type != "ASSAULT" or m.trigger_id not in EXPLOSIVE_TRIGGERS:
            continue
        if m.acled_sub_event_type in {"Suicide bomb", "Chemical weapon"}:
            continue
        low = paragraph_text(m)
        if any(p in low for p in CHEMICAL_PHRASES):
            out[i] = _recode(out[i], "Chemical weapon")
        elif any(p in low for p in SUICIDE_PHRASES):
            out[i] = _recode(out[i], "Suicide bomb")
    return out
