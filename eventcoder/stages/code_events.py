"""Stage: refine each mention's codes from its arguments (EventMention -> EventMention).

The trigger gives a first coding (lexicon); this stage sharpens it:
1. an instrument ("drone", "rockets", "IED") sets the PLOVER mode, CAMEO code and ACLED
   sub-event type of a generic violent trigger;
2. a generic attack on armed actors is an ACLED battle ("Armed clash"); on civilians or with
   no armed target it stays "Attack" (violence against civilians);
3. taking territory is "Government regains territory" when a state force does it;
4. the trigger's object decides its sense ("captured a commander", "suspended aid");
5. the ACLED event type follows from the sub-event type.
``code_in_context`` then applies what the sentence or paragraph says (protests, territory
changing hands, demands, explosions) and drops words that name no event (docs/coding.md).
"""

from __future__ import annotations

import dataclasses
import re

from eventcoder.casualties import GROUP_TYPES, PERSON_NOUNS
from eventcoder.ontologies.lexicon import acled_event_type_of, instruments
from eventcoder.records import ActorRef, EventMention

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
    # kin of an officer are civilians ("the police commander's wife")
    "wife", "husband", "widow", "son", "daughter", "mother", "father", "brother", "sister",
    "relatives", "nephew", "niece",
    # clergy and the religious are civilians ("six Jesuit priests were murdered")
    "priest", "priests", "jesuit", "jesuits", "nun", "nuns", "monk", "monks", "bishop",
    "archbishop", "cleric", "clerics", "clergyman", "clergymen", "missionary", "missionaries",
    "pastor", "seminarian", "seminarians", "catechist", "catechists",
}  # fmt: skip
ARMED_CUES = {
    "soldier", "soldiers", "troops", "army", "military", "police", "policemen", "base",
    "checkpoint", "patrol", "convoy", "militant", "militants", "rebel", "rebels", "fighters",
    "forces", "security", "gunmen", "insurgents", "terrorists", "guerrillas", "militia",
    "militiamen", "jihadists", "post", "positions", "garrison", "barracks", "outpost",
    "gendarmes", "officers", "camp", "personnel", "marines",
}  # fmt: skip
MOB_WORDS = {"mob", "mobs", "villagers", "residents", "youths", "crowd", "crowds", "locals",
             "vigilantes", "vigilante", "villager", "onlookers"}  # fmt: skip
RIOTER_WORDS = {"rioters", "protesters", "demonstrators", "protestors"}
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
# Armed forces preparing an attack show force (MOBILIZE); "is prepared to" is willingness.
PREPARE_CUES = {"prepare", "prepared", "prepares", "preparing"}
WILLING = re.compile(r"\b(is|are|was|were|am|be|been|'s|'re|remain|remains|remained)\s+"
                     r"(\w+\s+)?prepared to\b")
# "X must release the prisoners", said by another party, is a demand (PLOVER REQUEST).
DEMAND_CUES = {"must", "should", "ought"}
FAILURE_CUES = {"fail", "failed", "fails", "refuse", "refused", "refuses"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


def _reported(m: EventMention) -> bool:
    low = m.sentence.text.lower()
    return any(w in low for w in (" said", " says", " say ", " concluded", " announced",
                                  " stated", " insisted", " declared", " told", " saying"))  # fmt: skip


def _intent_or_refusal(m: EventMention) -> EventMention:
    """PLOVER codes a stated intent as AGREE or THREATEN, and a refusal as REJECT.

    "X will withdraw" is X agreeing to withdraw; "X vowed to fight" is a threat; "X will not
    accept" is a rejection. The underlying act keeps its words in the evidence.
    """
    if m.status == "hypothetical" and m.status_cue in {"commit", "committed"} and not re.search(
        r"\bcommit(ted)? (themselves |itself |himself |herself )?to\b", m.sentence.text.lower()
    ):
        # "forces committed rape": a deed done, not a commitment to do it
        return dataclasses.replace(m, status="asserted", status_cue=None)
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
    if m.status == "hypothetical" and m.status_cue in PREPARE_CUES and m.event_type in {
        "ASSAULT", "COERCE"
    } and not WILLING.search(m.sentence.text.lower()) and (
        {a.actor_type for a in m.source_actors} & ARMED_TYPES
        or set().union(*(_words(a.text) for a in m.source_actors)) & ARMED_CUES
    ):  # "the army prepared to resume shelling": a force posture (PLOVER MOBILIZE, CAMEO 150)
        return dataclasses.replace(m, event_type="MOBILIZE", mode=None, cameo="150",
                                   acled_sub_event_type=None, status="asserted",
                                   trigger_id=f"{m.trigger_id}+posture")  # fmt: skip
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


def _own_words(text: str) -> set[str]:
    """The words of what a target phrase names, not of its possessor: "Army Colonel X's
    wife" is the wife (her husband's rank says nothing of her)."""
    low = text.lower()
    cut = max(low.rfind("'s "), low.rfind("' "))
    return _words(text[cut + 2 :] if cut >= 0 else text)


def _battle_or_attack(m: EventMention, sub: str) -> str:
    target_types = {a.actor_type for a in m.target_actors}
    if target_types & ARMED_TYPES:
        return "Armed clash"
    if target_types & {"civilians", "protesters"}:
        return "Attack"
    target_words = set().union(*(_own_words(a.text) for a in m.target_actors)) if m.target_actors else set()
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


# What a trigger's object names decides its sense ("captured a commander" is not territory).
PLACE_WORDS = {
    "village", "villages", "town", "towns", "city", "cities", "area", "areas", "district",
    "districts", "region", "province", "territory", "hill", "hills", "hilltop", "hilltops",
    "base", "bases", "position", "positions", "post", "posts", "checkpoint", "camp", "airport",
    "crossing", "road", "highway", "neighbourhood", "neighborhood", "site", "stronghold",
    "strongholds", "bastion", "enclave", "island", "port", "border", "control", "capital",
}  # fmt: skip
PERSON_WORDS = {
    "commander", "commanders", "leader", "leaders", "chief", "suspect", "suspects", "member",
    "members", "militant", "militants", "fighter", "fighters", "soldier", "soldiers",
    "terrorist", "terrorists", "man", "men", "woman", "women", "people", "civilians",
    "insurgent", "insurgents", "rebel", "rebels", "gunman", "gunmen", "kingpin", "operative",
    "operatives", "official", "officials", "journalist", "journalists", "activist", "activists",
}  # fmt: skip
WEAPON_WORDS = {
    "weapon", "weapons", "arms", "ammunition", "ammo", "explosive", "explosives", "gun", "guns",
    "rifle", "rifles", "firearm", "firearms", "grenade", "grenades", "mine", "mines", "rocket",
    "rockets", "missile", "missiles", "bomb", "bombs", "ied", "ieds", "pistol", "pistols",
    "cartridges", "rounds", "detonators",
}  # fmt: skip
# Released things that are not people or property: a press release, footage, a report.
RELEASED_DOCUMENTS = {
    "footage", "video", "videos", "report", "reports", "statement", "statements", "photo",
    "photos", "photograph", "photographs", "image", "images", "figures", "data", "details",
    "results", "list", "names", "information", "album", "song", "film", "book", "documents",
    "recording", "recordings", "transcript", "findings", "audio", "guidelines", "budget",
}  # fmt: skip
AID_GOODS = {"medicine", "medicines", "medical", "food", "supplies", "aid", "relief", "tents",
             "blankets", "vaccines", "water", "drugs", "rations", "humanitarian"}  # fmt: skip
PROTEST_ACTS = {"strike", "strikes", "protest", "protests", "boycott", "demonstration",
                "demonstrations", "sit-in", "march", "rally", "walkout", "stoppage"}  # fmt: skip
TIES = {"aid", "assistance", "program", "programme", "funding", "cooperation", "talks",
        "negotiations", "relations", "ties", "flights", "links", "trade", "membership",
        "loans", "grants"}  # fmt: skip
ENVOYS = {"inspectors", "observers", "monitors", "peacekeepers", "peacekeeping", "diplomats",
          "ambassador", "envoy", "mission", "workers", "staff", "personnel"}  # fmt: skip
PASSIVE_AUX = {"been", "was", "were", "is", "are", "being"}
DISCOVERY_WORDS = {"found", "discovered", "recovered", "defused", "uncovered", "unearthed",
                   "confiscated", "seized", "dismantled", "neutralised", "neutralized"}  # fmt: skip
FIRE_WORDS = {"fire", "fires", "wildfire", "wildfires", "blaze", "blazes", "flames",
              "firefighters", "bushfire", "bushfires"}  # fmt: skip
# What a metaphorical battle is fought against: no armed actor, no event.
ABSTRACT_FOES = FIRE_WORDS | {
    "crisis", "disease", "virus", "pandemic", "epidemic", "poverty", "corruption", "cancer",
    "climate", "hunger", "inflation", "unemployment", "malaria", "covid-19", "coronavirus",
    "drought", "floods", "illiteracy", "obesity", "hiv", "aids", "ebola", "cholera",
}  # fmt: skip
OBSERVERS = {"inspectors", "observers", "monitors", "peacekeepers"}
AGENCIES = {"agency", "agencies", "ngo", "ngos", "organisation", "organization", "charity",
            "unhcr", "unicef", "msf", "delegation", "embassy", "consulate"}  # fmt: skip
INFRASTRUCTURE = {"line", "lines", "pipeline", "pipelines", "bridge", "bridges", "pylon",
                  "pylons", "tower", "towers", "railway", "railroad", "rail", "tracks",
                  "substation", "grid", "power", "electricity", "electric", "dam", "oil",
                  "gas", "cable", "cables", "transformer", "transformers"}  # fmt: skip
SIGNED_DECREES = {"decree", "decrees", "law", "laws", "bill", "bills", "order", "orders",
                  "legislation", "ordinance", "budget", "amendment", "amendments"}  # fmt: skip
# People a verb like "settle" can take as object: then it means resettle, not agree.
SETTLED_PEOPLE = PERSON_WORDS | {"families", "refugees", "settlers", "migrants", "displaced",
                                 "residents", "returnees"}  # fmt: skip
INSPECTORS = {"inspectors", "investigators", "monitors", "observers", "inspection", "experts"}
NON_STATE_WORDS = {"rebel", "rebels", "militants", "militant", "insurgents", "fighters",
                   "jihadists", "militia", "militiamen", "guerrillas", "terrorists", "isis",
                   "isil", "daesh", "al-shabaab", "al-shabab", "shabaab", "taliban",
                   "opposition"}  # fmt: skip
STATE_WORDS = {"army", "troops", "soldiers", "government", "military", "police", "regime",
               "security"}  # fmt: skip


def _tokens(text: str) -> list[str]:
    return [w.strip(".,;:()[]\"'") for w in text.lower().split()]


def _object_words(m: EventMention, n: int = 6) -> set[str]:
    """The words just after the trigger in its sentence (where a verb's object stands)."""
    offset = m.trigger.end - m.sentence.start
    return set(_tokens(m.sentence.text[max(offset, 0):])[:n])


def _words_before(m: EventMention, n: int = 3) -> list[str]:
    offset = m.trigger.start - m.sentence.start
    return _tokens(m.sentence.text[: max(offset, 0)])[-n:]


def _recoded(m: EventMention, event_type: str, mode: str | None, cameo: str | None,
             sub: str | None, tag: str) -> EventMention:
    return dataclasses.replace(m, event_type=event_type, mode=mode, cameo=cameo,
                               acled_sub_event_type=sub, trigger_id=f"{m.trigger_id}+{tag}")  # fmt: skip


# Actor types that are people, not a place or a thing, when they are what was taken.
PEOPLE_TYPES = {"person", "civilians", "armed group", "militia", "military", "police",
                "protesters", "rioters"}  # fmt: skip


# Singular nouns of people or groups ("subversive", "dealer"): a plural of one was taken.
TAKEN_PEOPLE_WORDS = frozenset(PERSON_NOUNS | GROUP_TYPES.keys())


def _possessor(actor: ActorRef, m: EventMention) -> bool:
    """The actor owns what follows it ("IS' territory", "the rebels' camp")."""
    if actor.end is None:
        return False
    after = m.sentence.text[actor.end - m.sentence.start :][:2]
    return after.startswith(("'", "\u2019"))


def _people_taken(m: EventMention, passive: bool) -> bool:
    """ "captured two soldiers near the town", "seized students Pedro Ruiz",
    "were captured at the bus station": people, not a place, were taken. A person among the
    targets decides, and things alone ("captured the rebel stronghold") say a place was
    taken; else the first person or place word of the object ("captured the town and two
    soldiers" is a place taken); else a group as first target ("captured subversives")."""
    if any(a.actor_type == "person" for a in m.target_actors):
        return True
    if m.target_actors and all(a.actor_type == "property" for a in m.target_actors):
        return False  # a place or a thing, whoever held it
    offset = m.trigger.end - m.sentence.start
    words = _tokens(m.sentence.text[max(offset, 0):])[:6]
    if passive:
        words = _words_before(m, 8)[::-1] + words
    for w in words:
        if w in PLACE_WORDS:
            return False
        if w in PERSON_WORDS or w in PERSON_NOUNS or w.removesuffix("s") in TAKEN_PEOPLE_WORDS:
            return True
    first = m.target_actors[0] if m.target_actors else None
    # "captured IS' last territory" names whose place was taken, not who was taken
    return first is not None and first.actor_type in PEOPLE_TYPES and not _possessor(first, m)


def _object_sense(m: EventMention) -> EventMention:
    """Re-code a trigger whose object shows another sense of the word.

    "captured a commander" is an arrest (or an abduction), "seized weapons" disrupts weapons
    use; "suspended aid" is a sanction and "called off the strike" a concession (CAMEO 082);
    withdrawing inspectors or peacekeepers is CAMEO 166 (SANCTION); "handed over medicine" is
    aid; "dispatched inspectors" is an investigation. Property destruction is PLOVER COERCE
    (mode seize, CAMEO 171).
    """
    obj = _object_words(m)
    tid = m.trigger_id
    raw_before = m.sentence.text[: max(m.trigger.start - m.sentence.start, 0)].split()[-1:]
    if raw_before and raw_before[0] in PASSIVE_AUX:
        obj = obj | set(_words_before(m, 8))  # "weapons were seized": the object comes first
    if tid in {"grenade", "bombing"} and set(_tokens(m.sentence.text)) & DISCOVERY_WORDS and not (
        m.fatalities or m.injuries or m.target_actors
    ):
        # "grenades and mines were discovered in a well": weapons found, not used
        return _recoded(m, "COERCE", "seize", "171", "Disrupted weapons use", "found")
    if tid in {"capture_territory", "occupy"} and not obj & PLACE_WORDS and obj & WEAPON_WORDS:
        return _recoded(m, "COERCE", "seize", "171", "Disrupted weapons use", "weapons")
    passive = bool(raw_before and raw_before[0] in PASSIVE_AUX)
    if tid in {"capture_territory", "occupy"} and _people_taken(m, passive):
        if {a.actor_type for a in m.source_actors} & STATE_TYPES:
            return _recoded(m, "COERCE", "arrest", "173", "Arrests", "person")
        return _recoded(m, "ASSAULT", "abduct", "181", "Abduction/forced disappearance",
                        "person")  # fmt: skip
    if tid == "disrupt_weapons" and m.trigger.text.lower().startswith("intercept") and (
        obj & PERSON_WORDS and not obj & WEAPON_WORDS
    ):  # "intercepted 15 suspected members": people caught, not weapons
        state = {a.actor_type for a in m.source_actors} & STATE_TYPES
        if state or not m.source_actors:
            return _recoded(m, "COERCE", "arrest", "173", "Arrests", "person")
    if tid == "accuse" and m.trigger.text.lower().startswith("charg") and obj & PLACE_WORDS:
        # "members charged a camp": a charge on a position, not an accusation
        return _recoded(m, "ASSAULT", None, "190", "Armed clash", "position")
    if tid == "suspend" and obj & PROTEST_ACTS:
        return _recoded(m, "CONCEDE", None, "082", None, "dissent")
    if tid == "suspend" and obj & TIES:
        cameo = "162" if obj & {"aid", "assistance", "funding", "loans", "grants"} else "161"
        return _recoded(m, "SANCTION", "discontinue" if cameo == "162" else "withdraw", cameo,
                        None, "ties")  # fmt: skip
    if tid == "withdraw" and (
        (obj & ENVOYS and not obj & PLACE_WORDS) or _words(m.sentence.text) & OBSERVERS
    ):
        return _recoded(m, "SANCTION", "expel", "166", m.acled_sub_event_type, "envoys")
    if tid == "deport" and obj & (ENVOYS | AGENCIES):
        # expelling diplomats, inspectors or an aid agency: CAMEO 166 (PLOVER SANCTION)
        return _recoded(m, "SANCTION", "expel", "166", m.acled_sub_event_type, "envoys")
    if tid in {"explode", "bombing"} and obj & INFRASTRUCTURE and not (
        m.fatalities or m.injuries or obj & PERSON_WORDS
    ):  # "blew up power lines": sabotage of property (PLOVER COERCE); ACLED keeps the IED
        return dataclasses.replace(m, event_type="COERCE", trigger_id=f"{tid}+property")
    if tid == "handover" and obj & AID_GOODS:
        return _recoded(m, "AID", None, "073", None, "goods")
    if tid == "deploy" and obj & INSPECTORS:
        return _recoded(m, "ACCUSE", "investigate", "090", None, "inspectors")
    near = obj | set(_words_before(m, 4))
    if tid in {"burn", "loot"} and m.event_type == "ASSAULT" and not (
        m.fatalities or m.injuries or near & (PERSON_WORDS | {"persons", "alive", "people"})
    ):  # "burnt alive" is a killing, not damage to property
        return dataclasses.replace(m, event_type="COERCE")
    return m


def _territory_sub(m: EventMention, sub: str | None) -> str | None:
    """Who takes territory: a state force regains it, anyone else overtakes it.

    "recaptured" and "retook" say the place was held before, not who holds it now:
    "al-Shabab militants recaptured the village from government forces" is a non-state gain.
    """
    source_types = {a.actor_type for a in m.source_actors}
    source_words = set().union(*(_words(a.text) for a in m.source_actors)) if m.source_actors else set()
    state = bool(source_types & STATE_TYPES) or bool(source_words & STATE_WORDS)
    non_state = bool(source_types & (ARMED_TYPES - STATE_TYPES)) or bool(source_words & NON_STATE_WORDS)
    if m.trigger_id == "regain_territory":
        low = m.sentence.text.lower()
        from_state = any(f"from {w}" in low for w in ("government", "the government", "the army",
                                                       "the regime", "regime", "security forces",
                                                       "the syrian army", "troops", "army"))  # fmt: skip
        if (non_state and not state) or (from_state and not state):
            return "Non-state actor overtakes territory"
        return sub
    return "Government regains territory" if state and not non_state else (
        "Non-state actor overtakes territory"
    )


def code_mention(m: EventMention) -> EventMention:
    """Return ``m`` with mode, CAMEO and ACLED codes refined from its arguments."""
    m = _intent_or_refusal(_object_sense(m))
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
    # 2b. violence by an unorganised crowd (villagers, a mob, residents) is ACLED mob violence
    source_words = set().union(*(_words(a.text) for a in m.source_actors)) if m.source_actors else set()
    if sub in {"Attack", "Armed clash"} and m.trigger_id in {"attack", "kill", "wound", "clash",
                                                               "torture"} and (
        source_words & MOB_WORDS and not source_words & ARMED_CUES and weapon != "firearms"
    ):  # fmt: skip
        sub = "Mob violence"
    # 2c. protesters or rioters who fight or attack make a violent demonstration
    if sub in {"Attack", "Armed clash"} and m.trigger_id in {"attack", "clash"} and (
        source_words & RIOTER_WORDS
    ):
        sub = "Violent demonstration"
    # 3. who takes territory
    if m.trigger_id in {"capture_territory", "occupy", "regain_territory"}:
        sub = _territory_sub(m, sub)
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
    "ransacked", "breached", "threw", "throwing", "throws", "hurled", "hurling", "trashing",
    "trashed",
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
                  "overran", "replaced", "deployed", "hands", "deal", "agreement"}  # fmt: skip
PEACEFUL_WORDS = {"peaceful", "peacefully", "peacefull", "unarmed", "nonviolent", "non-violent"}
PROTESTER_WORDS = ("protester", "demonstrator", "rioter", "crowd", "student", "marcher", "mob")


TURNED_VIOLENT = re.compile(r"\b(turn|turned|turns|turning|spiral\w*|descend\w*|degenerat\w*)"
                            r" (very |increasingly |more |quickly |into )?(violent|violence|riots?)\b")
# Blocking traffic is road-blocking in ACLED's sense of a violent demonstration (done, not
# "attempted to block").
BLOCKING = re.compile(r"\b(blocked|blocking|blocks|blockaded|barricaded)\b[^.]{0,30}\b"
                      r"(roads?|streets?|highways?|thoroughfares?|traffic|intersections?|"
                      r"junctions?|railways?|bridges?|motorways?)\b")
# Who attacks a protest decides ACLED's type: state forces use excessive force, a crowd is a mob.
STATE_FORCE_WORDS = STATE_WORDS | {"forces", "policemen", "officers", "soldier", "gendarmes",
                                   "paramilitaries", "guards", "riot"}  # fmt: skip
EXCESSIVE_FORCE = ("excessive force", "violently", "brutally", "brutal", "beat ", "beaten",
                   "beating", "live ammunition", "live rounds", "live fire", "live bullets",
                   "batons")  # fmt: skip
WITHOUT_FIGHT = ("without resistance", "without a fight", "without fighting", "unopposed",
                 "without firing", "without any resistance", "without clashes")  # fmt: skip
# Words that introduce what a protest is about ("protests over the shooting", "decry the
# violence"): an event named there is the grievance, not something done to the protest.
GRIEVANCE_CUES = {"over", "against", "following", "decry", "decried", "decrying", "condemn",
                  "condemned", "condemning", "denounce", "denounced", "denouncing",
                  "protesting", "protested", "about", "justice", "mourn", "mourning",
                  "commemorate"}  # fmt: skip
# A time clause that dates the main event by an earlier one ("one day after ...").
TIME_CLAUSE = re.compile(r"\b(days?|weeks?|hours?|months?|shortly|moments|minutes|a day|one day)"
                         r" (after|before)\b[^.;]{0,140}$")
LEADING_TIME_CLAUSE = re.compile(r"^\W*(\w+\s+){0,2}(days?|weeks?|hours?|months?|moments|"
                                 r"minutes) (after|before)\b[^,;]*$")
EXPLOSION_WORDS = {"explosion", "explosions", "blast", "blasts", "bomb", "bombs", "ied", "ieds",
                   "airstrike", "airstrikes", "strikes", "missile", "missiles", "rocket",
                   "rockets", "shells", "mortar", "mortars", "exploded", "detonated"}  # fmt: skip
ARSON_WORDS = {"arson", "torched", "looted", "looting", "looters", "set", "ablaze", "burnt",
               "burned", "burning", "ransacked", "vandalised", "vandalized"}  # fmt: skip
AIRCRAFT_WORDS = {"planes", "plane", "jets", "jet", "warplanes", "warplane", "aircraft",
                  "bombers", "helicopters", "helicopter", "airspace", "air"}  # fmt: skip
DEVICE_WORDS = {"ied", "ieds", "device", "devices", "car", "roadside", "suicide", "planted",
                "explosive", "grenade", "grenades"}  # fmt: skip
COMBAT_WORDS = {"bombardment", "clashes", "fighting", "battle", "battles", "shelling",
                "airstrikes", "offensive", "firefight", "assault"}  # fmt: skip


def _grievance(m: EventMention) -> bool:
    """True when the event is named as what a protest is about ("protest over the killing")."""
    before = _words_before(m, 4)
    return bool(set(before) & GRIEVANCE_CUES) or bool(
        re.search(r"\b(protest\w*|demonstrat\w*|rall\w*|march\w*)\b.{0,40}\b(over|against|"
                  r"following|demanding justice for)\b[^.]{0,60}$",
                  m.sentence.text[: max(m.trigger.start - m.sentence.start, 0)].lower())
    )


def _violent_words(text: str) -> bool:
    """Violent words in a paragraph that are not the protest's grievance ("decry violence")."""
    words = _tokens(text)
    for i, w in enumerate(words):
        if w not in VIOLENT_PROTEST_WORDS:
            continue
        window = words[max(0, i - 4):i]
        cues = set(window) & GRIEVANCE_CUES
        if "against" in cues and " ".join(window).find("against each other") >= 0:
            cues.discard("against")  # "rallied against each other": a clash, no grievance
        if not cues:
            return True
    return False


def _not_an_event(m: EventMention) -> bool:
    """A trigger word used for something that is no event: "released footage", "a press release"."""
    if m.trigger_id in {"capture_territory", "regain_territory"} and (
        _words(m.sentence.text) & FIRE_WORDS
    ):
        return True  # firefighters "gaining control" of a blaze take no territory
    if m.trigger_id in {"clash", "attack", "offensive"} and _object_words(m, 8) & ABSTRACT_FOES:
        return True  # "the battle against the water crisis", "the fight to contain wildfires"
    low = m.trigger.text.lower()
    if m.trigger_id == "occupy" and low == "occupied" and _object_words(m, 1) & (PLACE_WORDS | {
        "territory", "territories", "lands", "land", "zone", "areas", "part", "parts"
    }) and not set(_words_before(m, 1)) & (PASSIVE_AUX | {"has", "have", "had"}):
        return True  # "the occupied city of El Aaiun": a description, not a takeover
    if m.trigger_id == "agree" and low.startswith("sign") and (
        (_object_words(m, 4) | set(_words_before(m, 4))) & SIGNED_DECREES
    ):
        return True  # "signed a decree": a decision, not an agreement between parties
    if m.trigger_id == "agree" and m.trigger.text.lower().startswith("settl") and (
        _object_words(m, 3) & SETTLED_PEOPLE
    ):
        return True  # "settled 20 families in the village": a resettlement, no agreement
    if m.trigger_id == "release":
        before = _words_before(m, 1)
        return bool((_object_words(m, 4) | set(_words_before(m, 3))) & RELEASED_DOCUMENTS) or (
            before == ["press"]
        )  # "released footage", "the footage that police released", "a press release"
    return False


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

    texts: dict[int, str] = {}
    word_sets: dict[int, set[str]] = {}

    def _key(m: EventMention) -> int:
        return m.paragraph if m.paragraph < len(paragraphs) else -1 - m.sentence.start

    def paragraph_text(m: EventMention) -> str:
        key = _key(m)
        if key not in texts:  # read many times per mention: lower-case each paragraph once
            source = paragraphs[m.paragraph] if m.paragraph < len(paragraphs) else m.sentence.text
            texts[key] = source.lower()
        return texts[key]

    def paragraph_words(m: EventMention) -> set[str]:
        key = _key(m)
        if key not in word_sets:
            word_sets[key] = set(paragraph_text(m).replace(",", " ").replace(".", " ").split())
        return word_sets[key]
    mentions = [m for m in mentions if not _not_an_event(m)]
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(m.sentence.start, []).append(i)
    out = list(mentions)

    def by_protesters(m: EventMention) -> bool:
        return any(w in a.text.lower() for a in m.source_actors for w in PROTESTER_WORDS)

    def rioting(i: int) -> bool:
        # protesters who riot, clash, or use force themselves (attack, block, burn)
        m = out[i]
        return m.trigger_id in {"riot", "clash"} or (
            m.event_type in {"ASSAULT", "COERCE"} and by_protesters(m) and not _grievance(m)
        )

    for indexes in by_sentence.values():
        protests = [i for i in indexes if out[i].event_type == "PROTEST"]
        if not protests:
            continue
        others = [i for i in indexes if i not in protests]
        paragraph = out[protests[0]].paragraph
        same_paragraph = [i for i, m in enumerate(out) if m.paragraph == paragraph]
        text_low = paragraph_text(out[protests[0]])
        # "security forces violently dispersed peaceful protesters": the violence is the
        # intervention's, not the protesters'; "protests against police violence" name the
        # grievance, not the protest; "the protest turned violent" outweighs "peaceful".
        peaceful = bool(paragraph_words(out[protests[0]]) & PEACEFUL_WORDS)
        turned = bool(TURNED_VIOLENT.search(text_low) or BLOCKING.search(text_low))
        # "unrest" is a general word: it does not outweigh protesters called peaceful
        violent = ((_violent_words(text_low) and not peaceful) or turned or any(
            out[i].trigger_id == "riot" and out[i].status not in {"hypothetical", "negated"}
            and not (peaceful and out[i].trigger.text.lower() == "unrest") for i in same_paragraph
        ) or any(rioting(i) for i in others))  # fmt: skip
        lethal_sources: set[str] = set()
        for i in others:
            if out[i].trigger_id in LETHAL_TRIGGERS and out[i].source_actors:
                lethal_sources |= set(_words_before(out[i], 4)).union(
                    *(_words(a.text) for a in out[i].source_actors))
        lethal = any(
            (out[i].trigger_id in LETHAL_TRIGGERS or out[i].fatalities or out[i].injuries)
            and not by_protesters(out[i]) and not _grievance(out[i])
            for i in others
        )
        force = any(out[i].trigger_id in FORCE_TRIGGERS and not _grievance(out[i]) for i in others)
        protest_sources = {a.text for p in protests for a in out[p].source_actors}
        for i in others:
            if out[i].event_type == "REQUEST" and (
                by_protesters(out[i]) or "+intent" in out[i].trigger_id
                or out[i].status == "hypothetical"
                or protest_sources & {a.text for a in out[i].source_actors}
            ):  # "rallied against X, saying he must resign", "marched to call for action":
                # what the protest demands
                out[i] = dataclasses.replace(out[i], confidence=round(out[i].confidence - 0.2, 3))
            # What the protest is about, and the ban it defies, are background to it, not
            # the news of the sentence.
            defiance = out[i].event_type == "REJECT" and out[i].trigger.text.lower().startswith(
                ("defi", "defy", "violat", "flout"))  # fmt: skip
            if defiance or (_grievance(out[i]) and out[i].event_type in {"ASSAULT", "COERCE"}):
                out[i] = dataclasses.replace(out[i], confidence=round(out[i].confidence - 0.2, 3))
        if violent:
            sub = "Violent demonstration"
        elif lethal and lethal_sources and lethal_sources & (MOB_WORDS | {"group", "men"}) and (
            not lethal_sources & STATE_FORCE_WORDS
        ):
            sub = "Mob violence"  # "a group of men attacked a peaceful rally"
        elif lethal or (force and any(p in text_low for p in EXCESSIVE_FORCE)):
            # ACLED: beatings, live fire or "excessive force" against a peaceful protest
            sub = "Excessive force against protesters"
        elif force:
            sub = "Protest with intervention"
        else:
            continue
        # Arrests at a riot stay arrests (the riot is coded on the protest mention).
        joined = LETHAL_TRIGGERS | FORCE_TRIGGERS | {"clash"}
        if sub == "Violent demonstration":
            joined = joined - {"arrest"}
        for i in protests + [i for i in others if (out[i].trigger_id in joined or (
                sub == "Violent demonstration" and rioting(i))) and not _grievance(out[i])]:  # fmt: skip
            out[i] = _recode(out[i], sub, boost=0.1)
    # Territory that changes hands without a fight (ACLED "Non-violent transfer of
    # territory"): a withdrawal from a place that someone then takes over, and a capture
    # after a withdrawal or "without resistance". A capture that comes with fighting makes
    # the fighting in its sentence part of the territorial event (ACLED codes the battle by
    # its outcome).
    # What a demand asks for has not happened: "X demanded that Y ease restrictions" is the
    # demand, and the easing its content (PLOVER REQUEST).
    for i, m in enumerate(out):
        if m.event_type != "REQUEST" or not m.trigger_id.startswith("demand"):
            continue
        for j, x in enumerate(out):
            if j == i or x.sentence.start != m.sentence.start or x.trigger.start <= m.trigger.end:
                continue
            between = m.sentence.text[m.trigger.end - m.sentence.start:
                                      x.trigger.start - m.sentence.start].lower()  # fmt: skip
            if x.event_type not in {"REQUEST", "PROTEST"} and re.search(r"\b(that|to|for|of)\b",
                                                                         between):  # fmt: skip
                out[j] = dataclasses.replace(x, confidence=round(x.confidence - 0.2, 3))
    territorial = {"Government regains territory", "Non-state actor overtakes territory"}
    for i, m in enumerate(out):
        in_paragraph = [x for x in out if x.paragraph == m.paragraph]
        captures = any(x.acled_sub_event_type in territorial for x in in_paragraph)
        withdrawals = any(x.trigger_id == "withdraw" for x in in_paragraph)
        peaceful_takeover = any(p in paragraph_text(m) for p in WITHOUT_FIGHT)
        combat = bool(paragraph_words(m) & COMBAT_WORDS) and not peaceful_takeover
        if m.trigger_id == "withdraw" and paragraph_words(m) & TAKEOVER_WORDS and (
            m.location is not None or captures
        ) or m.acled_sub_event_type in territorial and (withdrawals or peaceful_takeover) and (
            not combat
        ):
            out[i] = _recode(m, "Non-violent transfer of territory")
    for i, m in enumerate(out):
        if m.trigger_id not in {"clash", "attack", "kill", "wound", "offensive"}:
            continue
        if m.acled_sub_event_type not in {"Armed clash", "Attack"}:
            continue
        mine = {a.text for a in m.source_actors}
        won = [x.acled_sub_event_type for x in out if x.sentence.start == m.sentence.start
               and x.acled_sub_event_type in territorial
               and (not mine or mine & {a.text for a in x.source_actors})]  # fmt: skip
        if won:
            out[i] = _recode(m, str(won[0]))
    # Background named in passing: "a man accused of theft" (a description, not an
    # accusation made), and the earlier event of a time clause ("X suspended flights, one
    # day after a jet shot down a helicopter").
    for i, m in enumerate(out):
        pre = m.sentence.text[: max(m.trigger.start - m.sentence.start, 0)]
        post = m.sentence.text[max(m.trigger.end - m.sentence.start, 0):]
        described = m.trigger_id == "accuse" and m.trigger.text.lower() == "accused" and (
            post.lower().startswith(" of ")) and not re.search(
            r"\b(was|were|is|are|been|being|be|has|have|had|stands?|stood)\s+$", pre.lower())
        time_clause = TIME_CLAUSE.search(pre.lower())
        earlier = time_clause is not None and any(
            x.sentence.start == m.sentence.start and x.trigger.start - x.sentence.start
            < time_clause.start() for x in out if x is not m)  # fmt: skip
        leading = LEADING_TIME_CLAUSE.search(pre.lower()) is not None and any(
            x.sentence.start == m.sentence.start and x.trigger.start > m.trigger.end
            and "," in m.sentence.text[m.trigger.end - m.sentence.start:
                                       x.trigger.start - m.sentence.start] for x in out)  # fmt: skip
        # "the explosions also destroyed armoured vehicles": damage done by an explosion or
        # in a battle is that event's outcome, not looting or property destruction
        outcome = m.trigger_id == "burn" and bool(
            paragraph_words(m) & (COMBAT_WORDS | EXPLOSION_WORDS)
        ) and not paragraph_words(m) & ARSON_WORDS
        if described or earlier or leading or outcome:
            out[i] = dataclasses.replace(m, confidence=round(m.confidence - 0.15, 3))
        cause = next((x for x in out if x.paragraph == m.paragraph and x.event_type == "ASSAULT"
                      and x.acled_sub_event_type not in {None, m.acled_sub_event_type}), None)
        if outcome and cause is not None:  # the damage takes the explosion's or battle's codes
            out[i] = dataclasses.replace(
                out[i], event_type=cause.event_type, mode=cause.mode, cameo=cause.cameo,
                acled_sub_event_type=cause.acled_sub_event_type,
                acled_event_type=cause.acled_event_type)  # fmt: skip
        if m.trigger_id == "bomb_verb" and paragraph_words(m) & AIRCRAFT_WORDS and not (
            paragraph_words(m) & DEVICE_WORDS
        ):  # "Israeli planes ... bombed the brigade's base"
            out[i] = _recode(out[i], "Air/drone strike")
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
