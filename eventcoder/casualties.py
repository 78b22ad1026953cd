"""Casualties and outcomes read from a dependency parse: who was killed or injured, how many.

Shared by the argument attacher (casualty counts of each trigger) and mention collection
(a kill verb that states the outcome of an attack is not a second event). Works on spaCy
tokens; returns ``records.Count``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventcoder.numbers import parse_count
from eventcoder.records import Count

OBJ = {"dobj", "obj"}


KILL_LEMMAS = {"kill", "murder", "slay", "execute", "behead", "massacre", "die", "dead",
               "death", "fatality", "life", "assassinate", "lynch"}  # fmt: skip


KILL_NOUNS = {"murder", "killing", "assassination", "massacre", "execution", "slaying",
              "beheading", "lynching", "death"}  # fmt: skip


INJURE_LEMMAS = {"injure", "wound", "hurt", "maim", "injury", "injured", "wounded"}


PERSON_NOUNS = {
    "civilian", "soldier", "man", "woman", "child", "boy", "girl", "person", "peasant",
    "farmer", "policeman", "officer", "guard", "journalist", "student", "worker", "marine",
    "trooper", "fighter", "militant", "guerrilla", "rebel", "leader", "commander", "general",
    "mayor", "official", "judge", "priest", "teacher", "doctor", "driver", "passenger",
    "resident", "villager", "member", "personnel", "troop", "policemen", "citizen", "victim",
    "businessman", "politician", "candidate", "councilman", "activist", "protester",
    "colonel", "captain", "lieutenant", "sergeant", "major", "agent", "bodyguard", "son",
    "daughter", "wife", "husband", "brother", "sister", "father", "mother", "minister",
    "maid", "housekeeper", "nun", "jesuit", "clergyman", "missionary", "bishop",
    "archbishop", "lawyer", "employee", "engineer", "senator", "deputy",
    "pilot", "nurse", "merchant", "trader", "shopkeeper", "pastor", "catechist",
    "seminarian", "prisoner", "detainee", "hostage", "pedestrian", "bystander", "youth",
    "teenager", "infant", "baby", "adult", "inhabitant", "owner",
}  # fmt: skip
# Verbs whose subject, not object, is the one who died ("three people died").
DIE_LEMMAS = {"die", "perish"}
# Adverbs that deny the outcome of a kill verb: "was almost killed" killed no one.
NEAR_MISS = {"almost", "nearly", "narrowly"}
# Verbs that state a result: "the attack resulted in the death of a civilian", "left three
# people dead", "caused 12 deaths". Their death or injury words carry the count.
RESULT_VERBS = {"leave", "cause", "result", "produce"}
DEATH_WORDS = {"death", "dead", "fatality"}
INJURY_WORDS = {"injury", "wounded", "injured", "wound"}
# Participles the tagger reads as adjectives ("the assassinated carlos pizarro").
_PARTICIPLES = {"killed": "kill", "murdered": "murder", "assassinated": "assassinate",
                "slain": "slay", "massacred": "massacre", "executed": "execute",
                "wounded": "wound", "injured": "injure"}  # fmt: skip
# Titles before a name ("Dr Jose Antonio Rodriguez", "Senator Galan"): the phrase is a person.
TITLES = {
    "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "senator", "president", "attorney",
    "governor", "ambassador", "archbishop", "bishop", "rev", "rev.", "reverend", "sister",
    "professor", "congressman", "deputy", "sheikh", "imam", "rabbi", "judge", "mayor",
}  # fmt: skip


GROUP_TYPES = {
    "civilian": "civilians", "villager": "civilians", "resident": "civilians",
    "peasant": "civilians", "child": "civilians", "woman": "civilians", "student": "civilians",
    "soldier": "military", "troop": "military", "army": "military", "marine": "military",
    "force": "military", "military": "military", "personnel": "military",
    "police": "police", "policeman": "police", "policemen": "police", "officer": "police",
    "guerrilla": "armed group", "rebel": "armed group", "militant": "armed group",
    "insurgent": "armed group", "gunman": "armed group", "gunmen": "armed group",
    "terrorist": "armed group", "militia": "militia", "faction": "armed group",
    "fighter": "armed group", "protester": "protesters", "demonstrator": "protesters",
    "rioter": "rioters", "government": "government", "parliament": "government",
    "official": "government", "authority": "government", "ministry": "government",
    "minister": "government", "president": "government", "diplomat": "government",
    "ambassador": "government", "envoy": "government", "delegation": "government",
    "negotiator": "government", "spokesman": "government", "spokeswoman": "government",
    "spokesperson": "government", "cabinet": "government", "lawmaker": "government",
    "legislator": "government", "senator": "government", "court": "government",
    "judge": "government", "prosecutor": "government", "administration": "government",
    "regime": "government", "state": "government", "leader": None, "party": "political party",
    "opposition": "political party", "union": "civil society", "worker": "civilians",
    "farmer": "civilians", "settler": "civilians", "refugee": "civilians", "group": None,
    "organization": None, "organisation": None, "agency": None, "coalition": None,
    "alliance": None, "hacker": None, "doctor": "civilians", "journalist": "civilians",
    "inspector": None, "observer": None, "monitor": None, "peacekeeper": "military",
    "navy": "military", "commander": "military", "general": "military", "unit": "military",
    "squad": "military", "battalion": "military", "brigade": "military", "patrol": "military",
    "band": "armed group", "gang": "armed group", "cartel": "armed group",
    "separatist": "armed group", "jihadist": "armed group", "extremist": "armed group",
    "mob": "rioters", "crowd": "protesters", "people": "civilians",
    "subversive": "armed group", "counterrevolutionary": "armed group",
    "narcoterrorist": "armed group", "gangster": "armed group", "hitman": "armed group",
    "warlord": "armed group", "communist": None, "leftist": None, "rightist": None,
    "anarchist": None, "dealer": None,
}  # fmt: skip


def resolve_relative(tok: Token) -> Token:
    """'which'/'who'/'that' as a subject stands for the noun the clause modifies."""
    if tok.lower_ in {"which", "who", "that", "whom"} and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def count_in(tok: Token, named_victim: bool = False) -> Count | None:
    """The casualty count in the noun phrase headed by ``tok`` ("three US soldiers").

    With ``named_victim`` (the object of a killing), a singular name or a titled phrase is
    one person even when the entity recogniser missed it ("the assassination of dr jose
    antonio rodriguez" in text that lost its capitals).
    """
    tok = resolve_relative(tok)
    doc = tok.doc
    np = doc[tok.left_edge.i : tok.i + 1]
    nums = [t for t in np if t.like_num or t.lower_ in {"dozens", "hundreds", "scores",
                                                       "thousands", "tens", "dozen"}]  # fmt: skip
    if tok.lower_ in {"dozens", "hundreds", "thousands", "scores", "tens"}:
        nums = [tok]
    if nums:
        first = nums[0]
        start = first.i
        while start > np.start and doc[start - 1].dep_ in {"quantmod", "advmod"}:
            start -= 1
        if start > np.start and doc[start - 1].lower_ in {"least", "than", "to"}:
            start = max(np.start, start - 2)
        phrase = doc[start : nums[-1].i + 1]
        return parse_count(phrase.text, start=phrase.start_char, end=phrase.end_char)
    lemma = tok.lemma_.lower()
    if tok.tag_ in {"NN", "NNP"} and (lemma in PERSON_NOUNS or tok.ent_type_ == "PERSON"):
        return Count(min=1, max=1, text=np.text, start=np.start_char, end=np.end_char)
    if named_victim and tok.tag_ in {"NN", "NNP"} and (
        tok.pos_ == "PROPN" or any(t.lower_ in TITLES or t.lemma_.lower() in PERSON_NOUNS
                                   for t in np)  # fmt: skip
    ):
        return Count(min=1, max=1, text=np.text, start=np.start_char, end=np.end_char)
    if tok.tag_ in {"NNS", "NNPS"} and (lemma in PERSON_NOUNS or lemma in GROUP_TYPES):
        return Count(min=None, max=None, text=np.text, start=np.start_char, end=np.end_char)
    if named_victim and tok.tag_ == "NNS" and any(
        c.dep_ == "compound" and (c.pos_ == "PROPN" or c.lemma_.lower() in PERSON_NOUNS)
        for c in tok.children
    ):
        # "murdered law student jorge paz": a surname the tagger read as a plural
        return Count(min=1, max=1, text=np.text, start=np.start_char, end=np.end_char)
    return None


def count_all(tok: Token, named_victim: bool = False) -> Count | None:
    """The count of a victim phrase and its conjuncts ("Olinde and Marta Ruiz" -> 2)."""
    parts = list(tok.conjuncts)
    listed = [c for c in tok.children if c.dep_ == "appos" and c.conjuncts
              and any(k.dep_ == "cc" for k in c.children)
              and all(_determined(k) for k in c.conjuncts)]  # fmt: skip
    if not parts and listed:
        # "two soldiers, a policeman and a civilian": the parser makes the second item an
        # apposition of the first and the third its conjunct; a list all the same
        parts = [listed[0], *listed[0].conjuncts]
        if parts[0].pos_ == "PROPN" and tok.pos_ == "NOUN":
            parts = parts[1:]  # "the mayor, Juan Perez, and his driver": the name is the mayor
    if not parts:
        parts = _list_torn_by_parser(tok)
    counts = [c for c in (count_in(t, named_victim) for t in (tok, *parts)) if c is not None]
    if not counts:
        return None
    if len(counts) == 1:
        return counts[0]
    if _total_then_parts(parts, counts):
        return counts[0]
    if any(c.min is None for c in counts):
        return Count(min=None, max=None, text=tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text)
    span = tok.doc[tok.left_edge.i : max(tok.right_edge.i, *(p.i for p in parts)) + 1]
    total = sum(c.min or 0 for c in counts)
    return Count(min=total, max=total if all(c.max is not None for c in counts) else None,
                 text=span.text, start=span.start_char, end=span.end_char)  # fmt: skip


def _list_torn_by_parser(tok: Token) -> list[Token]:
    """"killed 6 clergymen, a maid, and her daughter": the parser makes the second item an
    apposition of the first and the last a conjunct of the verb. Both must be there, each
    a person with its own determiner (a lone apposition is a description: "the victim, a
    teacher")."""
    verb = tok.head
    if tok.dep_ not in OBJ | {"nsubjpass"} or verb.pos_ != "VERB":
        return []
    appos = [c for c in tok.children if c.dep_ == "appos" and not c.conjuncts]
    stray = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i > tok.i]
    items = [*appos, *stray]
    if not (appos and stray) or not all(
        _determined(c) and c.lemma_.lower() in PERSON_NOUNS for c in items
    ):
        return []
    return items


def _determined(tok: Token) -> bool:
    """The noun has its own determiner, number or possessive ("a civilian", "her daughter",
    "two bodyguards"): a new item of a list, not a second description of one person ("a
    political leader and former guerrilla commander")."""
    return any(c.dep_ in {"det", "nummod", "poss"} for c in tok.children)


def _total_then_parts(parts: list[Token], counts: list[Count]) -> bool:
    """"three reporters, two Salvadorans and a Netherlander": a total, then its parts by
    nationality (not "two soldiers, a policeman and a civilian", four people)."""
    rest = counts[1:]
    if len(rest) < 2 or len(parts) != len(rest) or counts[0].min is None:
        return False
    if any(c.min is None for c in rest) or sum(c.min or 0 for c in rest) != counts[0].min:
        return False
    return not any(p.lemma_.lower() in PERSON_NOUNS for p in parts) and any(
        p.ent_type_ == "NORP" for p in parts
    )


def noun_victims(head: Token) -> Count | None:
    """"the murder of the six Jesuits", "Jaramillo's murder", "the three farmers' slaying": the
    victims of a killing noun."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return count_all(pobj, named_victim=True)
        # "Jaramillo's murder", "his assassination": one person.
        if child.dep_ == "poss" and (
            child.ent_type_ == "PERSON" or child.pos_ == "PROPN" or child.lower_ in {"his", "her"}
        ):
            return Count(min=1, max=1, text=child.text, start=child.idx,
                         end=child.idx + len(child.text))  # fmt: skip
        # "the three farmers' slaying": the counted people who own the killing.
        if child.dep_ == "poss" and child.tag_ == "NNS" and any(
            k.dep_ == "nummod" for k in child.children
        ):
            return count_all(child)
    return None


def lemma_of(tok: Token) -> str:
    """The lemma, with a participle read as an adjective mapped to its verb."""
    if tok.pos_ == "ADJ" and tok.lower_ in _PARTICIPLES:
        return _PARTICIPLES[tok.lower_]
    return str(tok.lemma_.lower())


def casualties(verb: Token, lemmas: set[str]) -> Count | None:
    """Victims of a kill/injure verb: its object, or its passive subject. "Shot" alone wounds;
    "shot dead" or "shot and killed" kills (the second verb counts on its own). "Almost
    killed" kills no one; "resulted in the death of", "left three dead" state a result."""
    lemma = lemma_of(verb)
    if lemma in RESULT_VERBS and verb.pos_ == "VERB":
        return _resulting(verb, DEATH_WORDS if lemmas & KILL_LEMMAS else INJURY_WORDS)
    if lemma in KILL_LEMMAS and lemmas & KILL_LEMMAS and _near_miss(verb):
        return None
    if _to_death(verb):
        # "shot to death", "beaten to death", "burned to death": a killing, whatever the verb
        return _victims(verb) if lemmas & KILL_LEMMAS else None
    if lemma == "shoot":
        dead = any(c.lower_ == "dead" for c in verb.children) or any(
            t.lower_ == "dead" for t in verb.doc[verb.i + 1 : verb.i + 4]
        )
        wounds = "injure" in lemmas  # asked for injuries, not deaths
        return _victims(verb) if dead != wounds else None
    if lemma not in lemmas and verb.lower_ not in lemmas:
        return None
    return _victims(verb)


def _to_death(verb: Token) -> bool:
    """The verb is followed by "to death" ("were shot to death last night")."""
    if verb.pos_ != "VERB":
        return False
    after = [t.lower_ for t in verb.doc[verb.i + 1 : verb.i + 3]]
    return after == ["to", "death"] or any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)
        for c in verb.children
    )  # "beat two policemen to death"


def _near_miss(verb: Token) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in NEAR_MISS for c in verb.children)


def _resulting(verb: Token, words: set[str]) -> Count | None:
    """The count a result verb states: "resulted in the death of a civilian", "caused 12
    deaths", "left approximately 1,000 dead", "left three people dead"."""
    nouns = [c for c in verb.children if c.dep_ in OBJ]
    nouns += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
              for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    for noun in nouns:
        for tok in (noun, *noun.conjuncts):
            if tok.lemma_.lower() in words or tok.lower_ in words:
                if tok.lemma_.lower() == "death" and (victims := noun_victims(tok)):
                    return victims
                if any(c.like_num or c.dep_ == "nummod" for c in tok.children):
                    return count_in(tok)
        # "left three people dead": the object is the victims, the predicate their state
        if any(c.dep_ in {"oprd", "xcomp", "acomp"} and c.lower_ in words
               for c in verb.children):  # fmt: skip
            return count_all(noun)
    return None


def _victims(verb: Token) -> Count | None:
    if lemma_of(verb) in DIE_LEMMAS:
        # "three people died": the subject died
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        return count_all(resolve_relative(subj[0]), named_victim=True) if subj else None
    for child in verb.children:
        if child.dep_ in OBJ | {"nsubjpass"}:
            if child.lemma_.lower() == "life":  # "claimed over 200 marines' lives"
                for sub in child.subtree:
                    if sub.like_num or sub.lower_ in {"dozens", "hundreds"}:
                        return count_in(sub.head if sub.dep_ == "nummod" else sub)
            # "claimed Radio Venceremos" is no death: only a killing verb names its victim.
            count = count_all(child, named_victim=verb.lemma_.lower() != "claim")
            if count is not None:
                return count
    if verb.dep_ in {"amod", "acl"} and verb.head.pos_ in {"NOUN", "PROPN", "NUM"}:
        # "three people killed", "dozens wounded", "the assassinated Carlos Pizarro"
        return count_in(verb.head, named_victim=verb.lemma_.lower() != "claim")
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.pos_ == "VERB":
        # "were abducted and killed": the second participle shares the passive subject
        for child in verb.head.children:
            if child.dep_ == "nsubjpass":
                return count_all(child, named_victim=True)
    return None


def outcomes(head: Token) -> tuple[Count | None, Count | None]:
    """Fatalities and injuries stated around a trigger (its clause and its outcome verbs)."""
    killed = casualties(head, KILL_LEMMAS)
    injured = casualties(head, INJURE_LEMMAS)
    if killed is None and head.pos_ == "NOUN" and head.lemma_.lower() in KILL_NOUNS:
        killed = noun_victims(head)
    related = [c for c in head.children if c.dep_ in {"relcl", "advcl", "conj", "acl", "xcomp"}]
    if head.dep_ in {"nsubj", "nsubjpass"} and head.head.pos_ == "VERB":
        related.append(head.head)  # "the attack killed three"
    for verb in list(related):
        related.extend(c for c in verb.children if c.dep_ == "conj")
    related.extend(v for v in outcome_verbs(head) if v not in related)
    related.extend(v for v in dying_verbs(head) if v not in related)
    for verb in related:
        if killed is None:
            killed = casualties(verb, KILL_LEMMAS | {"claim"})
        if injured is None:
            injured = casualties(verb, INJURE_LEMMAS)
    return killed, injured


def dying_verbs(head: Token) -> list[Token]:
    """"Thirteen people died as a result of a bomb explosion", "he died in the attack": the
    die verb whose adverbial phrase holds the violent noun ``head``."""
    if head.pos_ not in {"NOUN", "PROPN"}:
        return []
    node = head
    for _ in range(4):
        if node.dep_ not in {"pobj", "prep"}:
            return []
        node = node.head
        if node.pos_ == "VERB":
            return [node] if lemma_of(node) in DIE_LEMMAS else []
    return []


ROOTS_KEY = "eventcoder.violent_noun_roots"


def violent_noun_roots(doc: Doc) -> list[int]:
    """Token indexes of violent noun triggers, computed once per Doc (kept in user_data)."""
    cached = doc.user_data.get(ROOTS_KEY)
    if cached is None:
        cached = sorted(
            t.root.i for t in doc.spans.get("triggers", [])
            if t._.trigger is not None and t._.trigger.type == "ASSAULT"
            and t.root.pos_ in {"NOUN", "PROPN"}
        )  # fmt: skip
        doc.user_data[ROOTS_KEY] = cached
    return list(cached)


def dangling_outcomes(head: Token) -> list[Token]:
    """"..., which killed three" hung by the parser on a place noun after a violent noun.

    The relative clause belongs to the closest violent noun trigger before it in the
    sentence when its antecedent is not itself a person or group.
    """
    doc = head.doc
    roots = violent_noun_roots(doc)
    out = []
    sent = head.sent
    for tok in doc[head.i + 1 : sent.end]:
        if tok.dep_ != "relcl" or tok.lemma_.lower() not in KILL_LEMMAS | INJURE_LEMMAS:
            continue
        if not any(c.lower_ in {"which", "that"} and c.dep_ == "nsubj" for c in tok.children):
            continue
        antecedent = tok.head
        if antecedent.lemma_.lower() in PERSON_NOUNS | set(GROUP_TYPES) or antecedent.i in roots:
            continue
        before = [r for r in roots if r < tok.i]
        if before and before[-1] == head.i:
            out.append(tok)
    return out


def outcome_verbs(head: Token) -> list[Token]:
    """Kill/injure verbs that state the outcome of ``head`` ("the attack, which killed ...")."""
    verbs = [c for c in head.children if c.dep_ in {"relcl", "advcl", "acl"}]
    if head.pos_ in {"NOUN", "PROPN"}:
        # "the attack on the outpost, Tower 22 on the border, which killed three": the
        # parser hangs the relative clause on the nearest noun inside the attack's phrase.
        verbs += [t for t in head.subtree if t.dep_ == "relcl" and t.i > head.i
                  and any(c.lower_ in {"which", "that"} and c.dep_ == "nsubj" for c in t.children)]  # fmt: skip
    if head.dep_ == "nsubj":
        verbs.append(head.head)
    if head.pos_ in {"NOUN", "PROPN"}:
        verbs += dangling_outcomes(head)
    verbs += [c for v in list(verbs) for c in v.children if c.dep_ == "conj"]
    return [v for v in verbs if v.pos_ == "VERB" and v.lemma_.lower() in KILL_LEMMAS | INJURE_LEMMAS]


def is_outcome_of_other(trigger: Span, roots: set[int]) -> bool:
    """True for "killed" in "the attack killed three": the outcome, not a second event."""
    head = trigger.root
    if head.lemma_.lower() not in KILL_LEMMAS | INJURE_LEMMAS or head.pos_ != "VERB":
        return False
    doc = head.doc
    for root in roots:
        if doc[root].pos_ in {"NOUN", "PROPN"} and head in outcome_verbs(doc[root]):
            return True
    subj = [c for c in head.children if c.dep_ == "nsubj"]
    if subj and resolve_relative(subj[0]).i in roots:
        return True
    node = head
    while node.dep_ == "conj":
        node = node.head
    return node.dep_ in {"relcl", "advcl", "acl"} and node.head.i in roots and node is not head or (
        head.dep_ in {"relcl", "advcl", "acl"} and head.head.i in roots
    )


# -- death tolls ------------------------------------------------------------------------------
# "The death toll rose to 30", "the number of dead stands at 12": a count of the dead stated
# apart from any killing verb. Verbs that link a toll to its figure:
# Those that report a change ("rose to") give a figure that supersedes the ones before it.
UPDATE_VERBS = {"rise", "climb", "reach", "increase", "jump", "hit", "mount", "grow", "top",
                "exceed", "surpass"}  # fmt: skip
TOLL_VERBS = UPDATE_VERBS | {"be", "stand", "put"}
# What a "number of ..." must count to be a death toll (not "victims" or "casualties",
# which include the wounded).
DEAD_NOUNS = {"dead", "death", "fatality"}


@dataclass(frozen=True, slots=True)
class DeathToll:
    """A death toll stated in a sentence, and the violent noun it names, if any."""

    count: Count
    token: int  # the toll noun ("toll", "number")
    event: int | None  # the trigger root of "the toll from the bombing", else None
    update: bool = False  # "rose to", "reached": a later figure that supersedes earlier ones


def _is_toll(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma == "toll" and tok.pos_ == "NOUN":
        # "the death toll", "the toll": not "the casualty toll" (it counts the wounded too)
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in {"compound", "amod"}}
        return not mods or "death" in mods or "fatality" in mods
    if lemma == "number":
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if pobj.lemma_.lower() in DEAD_NOUNS or pobj.lower_ == "dead":
                    return True
                # "the number of people killed"
                if any(c.dep_ in {"acl", "amod"} and lemma_of(c) in {"kill", "die"}
                       for c in pobj.children):  # fmt: skip
                    return True
    return False


def _toll_figure(verb: Token) -> Count | None:
    for child in verb.children:
        if child.dep_ in {"attr", "dobj", "npadvmod"} and (
            child.like_num or any(c.dep_ == "nummod" for c in child.children)
        ):
            return count_in(child)
        if child.dep_ == "prep" and child.lower_ in {"to", "at"}:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if pobj.like_num or any(c.dep_ == "nummod" for c in pobj.children):
                    return count_in(pobj)
    return None


def death_tolls(sent: Span) -> list[DeathToll]:
    """The death tolls a sentence states ("the death toll from the bombing rose to 30"),
    each with the violent noun its "from/in/of" phrase names."""
    out = []
    for tok in sent:
        if tok.dep_ not in {"nsubj", "nsubjpass"} or not _is_toll(tok):
            continue
        verb = tok.head
        if lemma_of(verb) not in TOLL_VERBS:
            continue
        count = _toll_figure(verb)
        if count is None or count.min is None:
            continue
        # "the toll from/in/of the bombing", "the number of dead from the bombing"
        named = {"from", "in"} if tok.lemma_.lower() == "number" else {"from", "in", "of"}
        event = None
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in named):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                event = pobj.i
        out.append(DeathToll(count, tok.i, event, lemma_of(verb) in UPDATE_VERBS))
    return out
