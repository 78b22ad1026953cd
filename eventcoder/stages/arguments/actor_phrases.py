"""Argument helpers: who an argument names.

The actor spans inside a noun phrase and the phrase that names them ("security forces in
Mali"), generic person and group nouns ("gunmen", "three heavily armed men"), the mention
phrase and apposition of an actor, and pronoun antecedents.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from eventcoder.casualties import (
    GROUP_TYPES,
    PERSON_NOUNS,
    resolve_relative,
)
from eventcoder.kb.vocab import TITLES
from eventcoder.records import ActorRef
from eventcoder.stages.link_actors import case_poor
from eventcoder.stages.parse import doc_text

SUBJ = {"nsubj", "csubj"}


ACTOR_ENTS = {"ORG", "GPE", "NORP", "PERSON"}


def actor_index(doc: Doc) -> dict[int, Span]:
    """Map each token index to the actor span that covers it."""
    spans: list[Span]
    if "actors" in doc.spans:
        spans = list(doc.spans["actors"])
    else:
        spans = [e for e in doc.ents if e.label_ in ACTOR_ENTS]
    index: dict[int, Span] = {}
    for span in spans:
        for i in range(span.start, span.end):
            index[i] = span
    return index


def actor_ref(span: Span) -> ActorRef:
    linked = span._.actor
    if isinstance(linked, ActorRef):
        return linked
    return ActorRef(
        text=span.text,
        name=span.text,
        actor_type={"PERSON": "person", "GPE": "state", "NORP": None}.get(span.label_),
        start=span.start_char,
        end=span.end_char,
    )


def _np_span(tok: Token) -> Span:
    """The noun phrase headed by ``tok``, without relative clauses or trailing modifiers."""
    left = tok.left_edge.i
    doc = tok.doc
    while left < tok.i and (doc[left].pos_ in {"DET", "PUNCT", "CCONJ"}
                            or doc[left].dep_ in {"nummod", "quantmod", "predet"}):  # fmt: skip
        left += 1
    return doc[left : tok.i + 1]


PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "them", "his", "her"}


# Span conventions (PLOVER/CAMEO actor text): words that grade, date or count an actor are
# not part of its name; heads that count or lead a group give the group ("leaders of X").
GRADING_WORDS = {"former", "outgoing", "top", "senior", "recent", "main", "strategic", "angry",
                 "elderly", "suspected", "alleged", "radical", "some", "several", "many",
                 "other", "about", "nearly", "almost", "least", "more", "than", "up", "to",
                 "over", "just", "only", "around", "late", "then"}  # fmt: skip


QUANT_HEADS = {"thousands", "hundreds", "dozens", "scores", "third", "half", "quarter",
               "number", "most", "some", "part", "rest", "many", "all", "majority", "one",
               "two", "group", "handful", "couple", "none", "each", "any"}  # fmt: skip


LEADER_NOUNS = {"leader", "chief", "head", "leadership", "member"}


OWNER_NOUNS = {"government", "regime", "administration", "forces", "force"}


# Lower-case words before a name that say who the actor is ("ethnic Albanians", "rebel
# Kurdistan Workers' Party"); other lower-case words there only describe it ("war-torn").
IDENTITY_WORDS = {"ethnic", "rebel", "opposition", "fundamentalist", "islamist", "separatist",
                  "militant", "official", "ruling", "exiled", "armed", "extremist"}


# Member nouns after a named organisation: "Hezbollah guerrillas", "Red Cross officials".
MEMBER_NOUNS = {"guerrilla", "official", "fighter", "member", "militant", "peacekeeper",
                "helicopter", "movement", "group", "network", "faction", "force", "troop", "mediator",
                "envoy", "spokesman", "representative", "delegate", "delegation", "monitor",
                "inspector", "worker", "personnel", "staff", "plane", "jet", "warplane"}  # fmt: skip


# People named by role beyond the casualty vocabulary: "a missionary was arrested",
# "the Palestinian administrators", "supporters of X".
PERSON_EXTRA = {
    "missionary", "administrator", "diplomat", "hacker", "settler", "youth", "activist",
    "demonstrator", "supporter", "negotiator", "mediator", "inspector", "delegate", "envoy",
    "refugee", "detainee", "prisoner", "hostage", "national", "immigrant", "migrant",
    "pilgrim", "tourist", "volunteer", "lawmaker", "legislator", "deputy", "senator",
    "prosecutor", "lawyer", "cleric", "monk", "nun", "dissident", "exile", "defector",
    "nurse", "photographer", "executive", "employee", "crew", "sailor",
    "fisherman", "pilot", "commando", "sniper", "assailant", "attacker", "kidnapper",
    "militiaman", "tribesman", "inhabitant", "shopkeeper", "trader", "merchant", "voter",
    "opponent", "critic", "loyalist", "insurgent", "separatist", "extremist",
    "fundamentalist", "islamist", "jihadist", "terrorist", "suspect", "spokesman",
    "ambassador", "president", "premier", "chairman", "monitor", "peacekeeper", "watchman",
    "assassin", "killer", "murderer", "gunman", "abductor", "hijacker",  # not "bomber": a plane too
    "perpetrator", "culprit", "raider", "intruder", "criminal", "trafficker", "individual",
}  # fmt: skip


def _personal(lemma: str) -> bool:
    """A noun naming a person by role ("peasant", "missionary", "administrators")."""
    return lemma in PERSON_NOUNS or lemma in PERSON_EXTRA


STATE_LIKE = {"state", "government", "parliament", "military", "police", "civilians"}


POSTMOD_PREPS = {"in", "at", "from", "of", "near"}


POSTMOD_PARTICIPLES = {"based", "operating", "loyal", "stationed", "fleeing", "living"}


def actors_of(tok: Token, index: dict[int, Span]) -> list[ActorRef]:
    """Actors named by the noun phrase headed by ``tok`` and its conjuncts."""
    tok = resolve_relative(tok)
    if tok.lower_ in PRONOUNS:
        antecedent = _antecedent(tok, index)
        if antecedent is None and tok.lower_ == "they" and tok.dep_ == "nsubj":
            return _plural_antecedent(tok, index)
        if antecedent is not None:
            return [antecedent]
    counted = _counted_conjuncts(tok)
    if counted is not None:
        return actors_of(counted, index)
    out: list[ActorRef] = []
    seen: set[int] = set()
    for head in (tok, *tok.conjuncts):
        found = _actor_in_np(head, index)
        if found is not None and found.start not in seen:
            seen.add(found.start)
            out.append(_with_mention(_as_phrase(actor_ref(found), found, head), head))
            # "Hungarian and Romanian officials": coordinated modifiers are actors too.
            left = head.doc[head.left_edge.i : head.i]
            if any(t.dep_ == "cc" for t in left):
                for t in left:
                    if t.i in index and index[t.i].start not in seen:
                        seen.add(index[t.i].start)
                        out.append(actor_ref(index[t.i]))
        elif found is None:
            generic = generic_actor(head)
            if generic is not None:
                out.append(_with_mention(generic, head))
    return out


# Dependents that end a mention's noun phrase on the right: the next conjunct, an
# apposition, punctuation (a comma opens a non-restrictive clause).
PHRASE_ENDS = {"cc", "conj", "appos", "punct", "preconj"}


ARTICLES = {"the", "a", "an"}


MAX_PHRASE_TOKENS = 25


def _mention_phrase(head: Token) -> Span | None:
    """The whole noun phrase of a mention headed by ``head``, without a leading article and
    without what follows a comma or a conjunction: "three heavily armed men", "men wearing
    military uniforms", "members of the 8th Front", "a man who called the station".
    None when the phrase runs past the sentence or past ``MAX_PHRASE_TOKENS``."""
    doc = head.doc
    left = head.left_edge.i
    while left < head.i and (doc[left].lower_ in ARTICLES or doc[left].is_punct
                             or doc[left].dep_ in {"cc", "preconj"}):  # fmt: skip
        left += 1
    if any(doc[i].dep_ == "cc" or doc[i].text == "," for i in range(left, head.i)):
        return None  # "Hungarian and Romanian officials": coordinated modifiers
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in PHRASE_ENDS or (head.pos_ == "PROPN" and child.dep_ == "prep"):
            break  # a name is not described by a place after it ("Senator X in Medellin")
        if child.dep_ == "acl" and child.tag_ == "VBN" and not any(True for _ in child.children):
            break  # "9 peasants killed": the event, not a description
        end = child.right_edge.i + 1
    for i in range(head.i + 1, end):  # a comma or a bracket inside a modifier ends it too
        if doc[i].text in {",", ";", "(", "--", ":"} or doc[i].is_quote:
            end = i
            break
    if end - left > MAX_PHRASE_TOKENS or end > head.sent.end:
        return None
    if end - 1 > left and doc[end - 1].dep_ == "case":  # "Islamic State's": the possessor
        end -= 1
    return doc[left:end]


def _with_mention(actor: ActorRef, head: Token) -> ActorRef:
    """The actor with the whole noun phrase of its mention, when it says more than the text.

    The phrase is the actor's when its head is the actor's own word or names people ("members
    of the Front"); "the Brigade's shelling of the port" is an act, not a mention of the
    Brigade."""
    if head.lower_ in PRONOUNS:
        return actor
    own = actor.start is not None and actor.end is not None and (
        actor.start <= head.idx < actor.end)
    lemma = head.lemma_.lower()
    if not (own or lemma in GROUP_TYPES or _personal(lemma) or lemma in MEMBER_NOUNS
            or lemma in TITLES):  # fmt: skip
        return actor
    if own and head.pos_ == "PROPN":
        actor = _with_apposition(actor, head)
    phrase = _mention_phrase(head)
    if phrase is None:
        return actor
    text = " ".join(phrase.text.split())
    if text.lower() in {" ".join(actor.text.split()).lower(), actor.name.lower()}:
        return actor
    return dataclasses.replace(actor, phrase=text)


def _with_apposition(actor: ActorRef, head: Token) -> ActorRef:
    """A named person with the common-noun apposition that describes them: "Nadia Velasco,
    a 26-year-old teacher at the French school" (the description's own phrase, cut like a
    mention phrase). An unlinked name so described is a person, whatever the recogniser
    took it for."""
    for child in head.children:
        if child.dep_ != "appos" or child.pos_ != "NOUN" or child.i < head.i:
            continue
        personal = _personal(child.lemma_.lower()) or child.lemma_.lower() in TITLES
        if not (actor.actor_type == "person" or (personal and actor.actor_id is None)):
            continue
        phrase = _mention_phrase(child)
        if phrase is not None:
            return dataclasses.replace(actor, description=" ".join(phrase.text.split()),
                                       actor_type="person" if personal else actor.actor_type)
    return actor


def _counted_conjuncts(tok: Token) -> Token | None:
    """"scores of Sierra Leonean and Liberian refugees": the coordinated group counted by a
    quantity word (each conjunct is an actor), else None."""
    if tok.lemma_.lower() not in QUANT_HEADS | {"dozen", "hundred", "thousand", "score"}:
        return None
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if pobj.conjuncts or _coordinated_modifiers(pobj):
                return pobj
    return None


def _as_phrase(actor: ActorRef, span: Span, head: Token) -> ActorRef:
    """The actor with the text of the noun phrase that names it, cut by general span rules.

    "Burundian militiamen", "ethnic Albanians", "U.N. Secretary-General Kofi Annan",
    "security forces in Guinea", "the president of Armenia": the identity stays the linked
    actor's, the text (and offsets) become the phrase that names it. A named organisation
    before a member noun stays alone ("Hezbollah guerrillas" -> Hezbollah), as does an actor
    modifying a thing ("Algeria's elections" -> Algeria) or leading a group ("leaders of X").
    """
    doc = head.doc
    lemma = head.lemma_.lower()
    if head.lower_ in PRONOUNS or _coordinated_modifiers(head):
        return actor
    if _case_poor(doc):  # no capitals to tell names from descriptions: the group noun only
        return _group_phrase(actor, span, head)
    inside = span.start <= head.i < span.end
    agentive = head.pos_ == "NOUN" and (lemma in GROUP_TYPES or _personal(lemma))
    if inside:
        if not (agentive or head.pos_ == "PROPN"):
            return actor
        np_head = head
    elif lemma in QUANT_HEADS or not (agentive or _proper_head(head)):
        np_head = span.root
        governor = span.root.head  # "offices of the Palestinian administrators"
        if (span.root.dep_ in {"amod", "compound"} and governor.i > span.root.i
                and governor.pos_ == "NOUN" and _personal(governor.lemma_.lower())
                and span.end == governor.i and not _case_poor(doc)):  # fmt: skip
            np_head = governor
    elif span.start > head.i:  # "the president of Armenia", "doctors from aid groups"
        owned = lemma in OWNER_NOUNS and actor.actor_type == "person"  # "regime of X"
        personal = _personal(lemma) or lemma in TITLES
        # "leaders of X", "members of X" give the group; "a member of X" is one person
        one = lemma == "member" and head.tag_ == "NN"
        group = span.root
        while group.dep_ in {"poss", "compound", "amod", "nmod"} and group.head.i > group.i:
            group = group.head  # "leaders of Romania's new government": the government
        np_head = head if personal and (lemma not in LEADER_NOUNS or one) else group
        np_head = span.root if owned else np_head
    elif agentive and lemma in MEMBER_NOUNS and _named_organisation(span):
        np_head = span.root
    else:
        np_head = head
    if span.root.dep_ == "appos" and span.root.head.i == np_head.i:
        # "a member of the Latvian parliament, Juris Ozols": the description is the text,
        # the person named in apposition the identity
        start, end = _left_start(np_head), _right_end(np_head)
    else:
        start = min(_left_start(np_head), span.start)
        end = max(_right_end(np_head), span.end)
    if start < np_head.left_edge.i or end > np_head.right_edge.i + 1:
        return actor
    phrase = doc[start:end]
    if phrase.text == actor.text:
        return actor
    return dataclasses.replace(actor, text=phrase.text, start=phrase.start_char,
                               end=phrase.end_char)  # fmt: skip


def _group_phrase(actor: ActorRef, span: Span, head: Token) -> ActorRef:
    """"Burundian militiamen": a group noun after the actor's modifier joins its text."""
    lemma = head.lemma_.lower()
    if span.root.i == head.i or span.end > head.i + 1 or head.pos_ != "NOUN":
        return actor
    if lemma not in GROUP_TYPES and not _personal(lemma):
        return actor
    phrase = _np_span(head)
    if phrase.start > span.start:
        return actor
    return dataclasses.replace(actor, text=phrase.text, start=phrase.start_char,
                               end=phrase.end_char)  # fmt: skip


def _case_poor(doc: Doc) -> bool:
    """Whether the text lost its capitals (computed once per Doc)."""
    key = "eventcoder.case_poor"
    if key not in doc.user_data:
        doc.user_data[key] = case_poor(doc_text(doc))
    return bool(doc.user_data[key])


def _proper_head(head: Token) -> bool:
    """A name's head that can carry the actor's modifiers ("Latvian Constitutional Court")."""
    if head.pos_ != "PROPN":
        return False
    lemma = head.lemma_.lower()
    return head.ent_type_ in {"ORG", "PERSON"} or lemma in GROUP_TYPES or lemma in TITLES


def _coordinated_modifiers(head: Token) -> bool:
    """"Hungarian and Romanian officials": each modifier is an actor of its own."""
    return any(t.dep_ == "cc" for t in head.doc[head.left_edge.i : head.i])


def _named_organisation(span: Span) -> bool:
    """A proper-name organisation ("Hezbollah", "Red Cross", "U.N."), not a nationality."""
    actor = span._.actor
    typ = actor.actor_type if isinstance(actor, ActorRef) else None
    if typ in STATE_LIKE or span.label_ in {"NORP", "GPE"}:
        return False
    return all(t.pos_ == "PROPN" or not t.is_alpha for t in span) and not any(
        t.ent_type_ in {"NORP", "GPE"} for t in span
    )


def _left_start(head: Token) -> int:
    """First token of the phrase headed by ``head``: no determiner, number or evaluative word.

    Pre-modifiers that say who the actor is stay ("ethnic Albanians", "Taiwan's Vice
    Foreign Minister"); leading words that only grade or date it go ("former", "top").
    """
    doc = head.doc
    left = head.left_edge.i
    while left < head.i:
        tok = doc[left]
        drop = (
            tok.pos_ in {"DET", "PUNCT", "CCONJ", "NUM", "ADV", "SPACE"}
            or tok.dep_ in {"nummod", "quantmod", "predet", "det", "advmod"}
            or tok.ent_type_ in {"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "ORDINAL"}
            or (tok.pos_ == "ADJ" and tok.tag_ == "JJS")
            or (tok.dep_ == "amod" and tok.tag_ in {"VBG", "VBN"} and tok.lower_[:1].islower())
            or tok.lower_ in GRADING_WORDS
            # "shot dead two soldiers": the verb's result state, parsed as a modifier
            or (tok.lower_ in RESULT_PREDICATES and tok.i > 0 and doc[tok.i - 1].pos_ == "VERB")
        )
        lower = tok.is_lower or (tok.is_sent_start and tok.pos_ in {"ADJ", "NOUN"}
                                 and not tok.ent_type_)  # fmt: skip
        if lower and tok.lower_ in {"pro", "anti"}:
            drop = False
        if lower and tok.dep_ == "poss" and tok.pos_ == "NOUN" and head.pos_ == "PROPN":
            # "the party's leader Mahmoud Abbas": a title owned by a common noun only
            # describes the person; the name (with any capitalised title) is the actor
            left = next((t.i for t in doc[tok.i + 1 : head.i] if t.text[:1].isupper()), head.i)
            break
        if not drop and head.pos_ == "PROPN" and lower and tok.i < head.i:
            # "war-torn Mozambique", "watchdog Amnesty International": a description
            identity = tok.lower_ in IDENTITY_WORDS or tok.lower_.startswith(("pro-", "anti-"))
            identity = identity or (tok.lower_ in {"pro", "anti"} and doc[tok.i + 1].text == "-")
            drop = not identity and not _titled(tok, head)
        if not drop:
            break
        left += 1
    return left


# Result states that follow a verb as its predicate ("shot dead", "beaten unconscious").
RESULT_PREDICATES = {"dead", "unconscious", "senseless"}


def _titled(tok: Token, head: Token) -> bool:
    """True when a title word stands between ``tok`` and the name ("foreign minister X")."""
    return any(t.lower_.rstrip(".") in TITLES for t in head.doc[tok.i : head.i])


def _right_end(head: Token) -> int:
    """End of the phrase: a place or group that identifies the actor stays with it.

    "security forces in Guinea", "students at Cumhuriyet University", "a terror group based
    in Trinidad", "militants loyal to X": a post-modifier naming a proper noun is part of
    the actor's description. Relative clauses and anything after a comma are not.
    """
    end = head.i + 1
    if head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
        return end  # a named person is not described by a place ("Senator X in Medellin")
    named = _named_by_modifier(head)
    for child in head.rights:
        if child.i != end:
            break  # not contiguous (a comma or a clause in between)
        if named and child.lower_ != "from":
            break  # "Russian diplomats based in Geneva"; origin stays ("missionary from X")
        if child.dep_ == "prep" and child.lower_ in POSTMOD_PREPS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ in {"acl", "amod"} and child.lower_ in POSTMOD_PARTICIPLES:
            prep = next((c for c in child.children if c.dep_ == "prep"), None)
            pobj = (next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if prep is not None else None)  # fmt: skip
        else:
            break
        if pobj is None or not _names_something(pobj):
            break
        # the place's own phrase ("the West Bank city of Hebron"), not a further one ("near Y")
        last = max([pobj.i] + [t.right_edge.i for t in pobj.rights
                               if t.dep_ != "prep" or t.lower_ == "of"])  # fmt: skip
        cut = next((t.i for t in head.doc[child.i : last + 1] if t.text in {",", ";", "("}
                    or t.dep_ == "relcl"), None)  # fmt: skip
        end = (cut if cut is not None else last + 1)
        break  # one post-modifier: "students at X near Y" are the students at X
    return end


def _named_by_modifier(head: Token) -> bool:
    """A common noun already identified by a name before it ("Russian diplomats", "Moslem
    forces"): a place or owner after it only locates the actor ("Russian diplomats based in
    Geneva", "Palestinian administrators of Muslim property") and is not part of its text;
    where the actor comes from still is ("a Christian missionary from Calgary")."""
    if head.lemma_.lower() in RESIDENCE_NOUNS:
        return False  # "Jewish settlers in Hebron": where they live is who they are
    return head.pos_ == "NOUN" and any(
        t.ent_type_ in {"NORP", "GPE", "ORG"} and t.dep_ in {"amod", "compound", "nmod"}
        for t in head.lefts
    )


# Nouns naming people by where they live: the place after them is part of the description.
RESIDENCE_NOUNS = {"settler", "resident", "inhabitant", "villager", "citizen", "native",
                   "dweller", "townsman", "islander"}  # fmt: skip


def _names_something(tok: Token) -> bool:
    """A phrase that mentions a proper name or named entity (not "throughout the country")."""
    return any(
        t.pos_ == "PROPN" or t.ent_type_ in {"GPE", "NORP", "ORG", "LOC", "FAC", "PERSON"}
        for t in tok.subtree
    )


def _antecedent(pronoun: Token, index: dict[int, Span]) -> ActorRef | None:
    """"Hungary has said it will support ...": a subject pronoun in a reported clause
    stands for the subject of the reporting verb."""
    for verb in pronoun.ancestors:
        if verb.pos_ not in {"VERB", "AUX"} or verb.i == pronoun.head.i:
            continue
        subj = [c for c in verb.children if c.dep_ in SUBJ and c.lower_ not in PRONOUNS]
        if subj:
            found = _actor_in_np(subj[0], index)
            if found is not None:
                return _as_phrase(actor_ref(found), found, subj[0])
            return generic_actor(subj[0])
    return None


PLURAL_WINDOW = 2  # sentences before the pronoun's own


def _plural_antecedent(pronoun: Token, index: dict[int, Span]) -> list[ActorRef]:
    """"The militants ... they stormed the hotel": an active subject "they" is the nearest
    earlier subject naming a group (a plural noun or a group actor), within two sentences."""
    doc = pronoun.doc
    sent = pronoun.sent
    first = sent.start
    for _ in range(PLURAL_WINDOW):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for i in range(pronoun.i - 1, first - 1, -1):
        cand = doc[i]
        if cand.dep_ not in SUBJ | {"nsubjpass"} or cand.lower_ in PRONOUNS:
            continue
        if cand.pos_ not in {"NOUN", "PROPN"}:
            continue
        found = actors_of(cand, index)
        plural = cand.tag_ in {"NNS", "NNPS"} or (
            cand.i in index and actor_ref(index[cand.i]).actor_type in PLURAL_TYPES
        )
        if found and plural:
            return found
    return []


# Actor types that "they" can stand for when the name is grammatically singular
# ("Hamas ... they said"); persons and states are left alone.
PLURAL_TYPES = {"armed group", "rebels", "military", "police", "protesters", "civilians",
                "political party", "militia", "insurgents"}  # fmt: skip


# People known by their tie to someone else: "Soleimani's successor" is not Soleimani.
# (A group's own people, "KH's spokesman", "Iran's forces", act for the group and stay it.)
KIN_NOUNS = {"successor", "predecessor", "widow", "widower", "wife", "husband", "son",
             "daughter", "brother", "sister", "father", "mother", "nephew", "niece", "cousin",
             "family", "relative", "relatives", "child", "children", "grandson", "heir"}  # fmt: skip


def _actor_in_np(tok: Token, index: dict[int, Span]) -> Span | None:
    if tok.i in index:
        return index[tok.i]
    if tok.lemma_.lower() in KIN_NOUNS:
        # "a visit by Soleimani's successor, Esmail Qaani": the one named in apposition, else
        # no known actor (the possessor is someone else)
        return next((index[c.i] for c in tok.children if c.dep_ == "appos" and c.i in index), None)
    if _personal(tok.lemma_.lower()) or tok.lemma_.lower() in TITLES:
        # "the intelligence director, Miguel Paz": the person named in apposition, not the agency
        for child in tok.children:
            if child.dep_ == "appos" and child.i in index and child.ent_type_ == "PERSON":
                return index[child.i]
    # 1. the noun phrase's own modifiers: "US forces", "Iranian General Soleimani", "KH's";
    # the nearest names the actor ("Osama bin Laden's al-Qaeda network" is al-Qaeda), and
    # "pro-Iranian" supports Iran without being it
    for i in range(tok.i - 1, tok.left_edge.i - 1, -1):
        if i in index and not _pro_anti(index[i]) and index[i].root.dep_ != "appos":
            return index[i]
    for i in range(tok.left_edge.i, tok.i):
        if i in index:
            return index[i]
    # 2. apposition: "the outpost, Tower 22"; "members of KH"; "sites belonging to the IRGC"
    for child in tok.children:
        if child.dep_ == "appos" and child.i in index:
            return index[child.i]
        if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in index:
                    return index[pobj.i]
                if pobj.dep_ == "pobj":  # "leaders of Romania's new government"
                    for i in range(pobj.left_edge.i, pobj.i):
                        if i in index and index[i].root.head.i == pobj.i:
                            return index[i]
    return None


def _pro_anti(span: Span) -> bool:
    """"pro-Iranian", "anti-American": an attitude to the actor, not the actor."""
    doc = span.doc
    i = span.start
    return (i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in {"pro", "anti"}
            and not doc[i - 1].whitespace_)  # fmt: skip


def generic_actor(tok: Token) -> ActorRef | None:
    """An unlinked person or group noun ("gunmen", "a peasant") as a provisional actor."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    if tok.lemma_.lower() in QUANT_HEADS | {"dozen", "hundred", "thousand"}:
        # "dozens of militants", "thousands of Nigerians": the group counted
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                counted = generic_actor(pobj)
                if counted is not None:
                    return counted
    lemma = tok.lemma_.lower()
    common = tok.pos_ == "NOUN"
    if tok.pos_ == "PROPN" and tok.is_sent_start and tok.ent_type_ not in ACTOR_ENTS:
        # "Rebels gained ground": a capitalised first word the tagger took for a name
        lemma = next((w for w in (tok.lower_, tok.lower_.removesuffix("s"))
                      if w in GROUP_TYPES), "")  # fmt: skip
        if not lemma:
            return None
        common = True
    elif tok.pos_ == "PROPN" and tok.ent_type_ not in ACTOR_ENTS:
        return None
    if common and lemma not in GROUP_TYPES and not _personal(lemma):
        return None
    span = cut_np(tok)
    return ActorRef(
        text=span.text,
        name=group_name(span) if common else span.text,
        actor_type=GROUP_TYPES.get(lemma, "person" if _personal(lemma) else None),
        start=span.start_char,
        end=span.end_char,
    )


# Words that count or pick out members of a group without naming it: "many civilians",
# "several businessmen", "at least 20 soldiers" are civilians, businessmen, soldiers.
COUNTING_WORDS = {"many", "several", "some", "more", "most", "few", "fewer", "other", "others",
                  "various", "numerous", "all", "both", "at", "least", "than", "about",
                  "around", "nearly", "almost", "over", "up", "to", "approximately", "a", "an",
                  "the", "dozens", "hundreds", "thousands", "scores", "of", "these", "those",
                  "this", "that", "another"}  # fmt: skip


def group_name(span: Span) -> str:
    """The name of an unlinked group: its words in lower case, without the words that count
    it ("several", "at least 20")."""
    start = span.start
    while start < span.end - 1 and (
        span.doc[start].like_num or span.doc[start].lower_ in COUNTING_WORDS
    ):
        start += 1
    return " ".join(span.doc[start : span.end].text.split()).lower()


def cut_np(tok: Token) -> Span:
    """The phrase of an unlinked head noun: "security forces in Mali", "a strategic village
    in Western Cambodia" -> "village in Western Cambodia", "at least 156 people" -> "people".

    Text without capitals keeps the plain noun phrase (no names to tell modifiers apart).
    """
    span = _np_span(tok)
    if _case_poor(tok.doc):
        return span
    start = max(span.start, min(_left_start(tok), tok.i))
    return tok.doc[start : max(_right_end(tok), tok.i + 1)]


def named_person(actor: ActorRef, doc: Doc) -> ActorRef:
    """An unlinked phrase that describes, then names, a person ("attorney general Julio
    Mendez Arana", "minor Tomas Ruiz Lara") is that person: the name is the full
    name the recogniser found at its end, without titles; the text stays the phrase."""
    if actor.actor_id is not None or actor.start is None or actor.end is None:
        return actor
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or len(span) < 3:
        return actor
    end = span.end
    while end > span.start and doc[end - 1].is_punct:
        end -= 1
    # the recogniser's PERSON entity that ends the phrase (read off the token tags)
    if doc[end - 1].ent_type_ != "PERSON" or (end < len(doc) and doc[end].ent_iob_ == "I"):
        return actor
    start = end - 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    if start <= span.start or end - start < 2:
        return actor
    toks = list(doc[start:end])
    while len(toks) > 2 and toks[0].lower_.rstrip(".") in TITLES:
        toks = toks[1:]
    name = " ".join(t.text for t in toks)
    if name == actor.name:
        return actor
    return dataclasses.replace(actor, name=name, actor_type="person")


def dedupe_actors(actors: list[ActorRef]) -> list[ActorRef]:
    seen: set[tuple[int | None, str]] = set()
    out = []
    for actor in actors:
        key = (None, actor.actor_id or actor.name.lower())
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out
