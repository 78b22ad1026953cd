"""Stage: attach arguments to each trigger from the dependency parse (spaCy component).

Component ``eventcoder_argument_attacher`` reads ``doc.spans["triggers"]`` and
``doc.spans["actors"]`` (when the actor linker ran; NER entities otherwise) and sets, on
each trigger span, ``span._.frame``: an ``ArgumentFrame`` of records (actors, place and
date surface text, casualty counts, instrument).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventcoder.casualties import (
    GROUP_TYPES,
    KILL_NOUNS,
    OBJ,
    PERSON_NOUNS,
    ROOTS_KEY,
    death_tolls,
    outcome_verbs,
    outcomes,
    resolve_relative,
)
from eventcoder.casualties import (
    TITLES as HONORIFICS,
)
from eventcoder.kb.vocab import TITLES
from eventcoder.ontologies.lexicon import instruments
from eventcoder.records import ActorRef, Count, DateRange, Location
from eventcoder.stages.link_actors import case_poor
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


if not Span.has_extension("frame"):
    Span.set_extension("frame", default=None)
if not Span.has_extension("actor"):
    Span.set_extension("actor", default=None)

SUBJ = {"nsubj", "csubj"}
TARGET_PREPS = {"against", "on", "upon", "at", "targeting", "into"}
PLACE_PREPS = {"in", "at", "near", "across", "on", "inside", "outside", "around", "along",
               "from", "within", "throughout", "off", "into", "over"}  # fmt: skip
PLACE_ENTS = {"GPE", "LOC", "FAC"}
ACTOR_ENTS = {"ORG", "GPE", "NORP", "PERSON"}
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


def _actor_index(doc: Doc) -> dict[int, Span]:
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


def _actor_ref(span: Span) -> ActorRef:
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


def _actors_of(tok: Token, index: dict[int, Span]) -> list[ActorRef]:
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
        return _actors_of(counted, index)
    out: list[ActorRef] = []
    seen: set[int] = set()
    for head in (tok, *tok.conjuncts):
        found = _actor_in_np(head, index)
        if found is not None and found.start not in seen:
            seen.add(found.start)
            out.append(_with_mention(_as_phrase(_actor_ref(found), found, head), head))
            # "Hungarian and Romanian officials": coordinated modifiers are actors too.
            left = head.doc[head.left_edge.i : head.i]
            if any(t.dep_ == "cc" for t in left):
                for t in left:
                    if t.i in index and index[t.i].start not in seen:
                        seen.add(index[t.i].start)
                        out.append(_actor_ref(index[t.i]))
        elif found is None:
            generic = _generic_actor(head)
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
    own = actor.start is not None and head.idx <= actor.start + len(actor.text) and (
        actor.start <= head.idx)
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
        # "a member of the Syrian parliament, Mohammed Mamoun": the description is the text,
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
                return _as_phrase(_actor_ref(found), found, subj[0])
            return _generic_actor(subj[0])
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
        found = _actors_of(cand, index)
        plural = cand.tag_ in {"NNS", "NNPS"} or (
            cand.i in index and _actor_ref(index[cand.i]).actor_type in PLURAL_TYPES
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
        # "the DAS director, Miguel Paz": the person named in apposition, not the DAS
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


def _generic_actor(tok: Token) -> ActorRef | None:
    """An unlinked person or group noun ("gunmen", "a peasant") as a provisional actor."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    if tok.lemma_.lower() in QUANT_HEADS | {"dozen", "hundred", "thousand"}:
        # "dozens of militants", "thousands of Nigerians": the group counted
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                counted = _generic_actor(pobj)
                if counted is not None:
                    return counted
    if tok.pos_ == "PROPN" and tok.ent_type_ not in ACTOR_ENTS:
        return None
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN" and lemma not in GROUP_TYPES and not _personal(lemma):
        return None
    span = _cut_np(tok)
    return ActorRef(
        text=span.text,
        name=_group_name(span) if tok.pos_ == "NOUN" else span.text,
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


def _group_name(span: Span) -> str:
    """The name of an unlinked group: its words in lower case, without the words that count
    it ("several", "at least 20")."""
    start = span.start
    while start < span.end - 1 and (
        span.doc[start].like_num or span.doc[start].lower_ in COUNTING_WORDS
    ):
        start += 1
    return " ".join(span.doc[start : span.end].text.split()).lower()


def _physical_targets(tok: Token, index: dict[int, Span]) -> list[ActorRef]:
    """Targets of violence that are things, not actors ("the farm", "a bus", "power lines"),
    each coordinated thing on its own ("pylons and transformers")."""
    found = _actors_of(tok, index)
    if found:
        return found
    tok = _whole_of_part(resolve_relative(tok))
    out = []
    for head in (tok, *tok.conjuncts):
        if head.pos_ not in {"NOUN", "PROPN"} or head.ent_type_ in {"DATE", "TIME", "CARDINAL"}:
            continue
        lemma = head.lemma_.lower()
        if lemma in MEASURES or lemma in NOT_THINGS or head.lower_ in NOT_THINGS:
            # "500 kg of dynamite": a measure; "a total", "a number": a count; "rifles",
            # "ammunition": arms taken, not a thing attacked; "words", "a hard blow": no thing
            continue
        if head is not tok and (head.i in index or _generic_actor(head) is not None):
            continue  # "the bus and its passengers": the people are no thing
        span = _cut_np(head)
        person = _titled_person(span, head)
        if person is not None:
            out.append(person)
            continue
        out.append(ActorRef(text=span.text, name=_thing_name(span), actor_type="property",
                            start=span.start_char, end=span.end_char))  # fmt: skip
    return out


def _titled_person(span: Span, head: Token) -> ActorRef | None:
    """"liberal senator federico estrada velez" in text without capitals: a name after a
    title is a person, not a thing attacked, and goes by the words after the title."""
    if head.pos_ != "PROPN" and head.ent_type_ != "PERSON":
        return None
    titles = [t for t in span if t.i < head.i and t.lower_.rstrip(".") in HONORIFICS
              and t.head.i == head.i and t.dep_ == "compound"]  # fmt: skip
    if not titles:
        return None
    words = span.doc[titles[-1].i + 1 : head.i + 1]
    if not len(words) or not all(t.dep_ == "compound" for t in words[:-1]):
        return None
    return ActorRef(text=span.text, name=" ".join(words.text.split()), actor_type="person",
                    start=span.start_char, end=span.end_char)  # fmt: skip


MEASURES = {"kg", "kilogram", "kilo", "gram", "ton", "tonne", "pound", "km", "kilometer",
            "kilometre", "mile", "meter", "metre", "m", "mm", "cm", "yard", "foot", "feet",
            "gallon", "liter", "litre", "barrel", "hour", "minute", "second", "round",
            "percent", "%"}  # fmt: skip
NOT_THINGS = {
    "total", "number", "one",
    "rifle", "gun", "pistol", "machinegun", "submachinegun", "carbine", "revolver",
    "ammunition", "cartridge", "grenade", "launcher", "weapon", "firearm", "arms",
    "word", "blood", "blow", "credit", "idea", "hope", "peace", "process", "effort",
    "situation", "problem", "explosion", "document",
}  # fmt: skip
# Parts of a thing: hitting "the left side of the car" hits the car.
PARTS = {"side", "part", "front", "rear", "back", "roof", "top", "bottom", "door", "wall",
         "window", "entrance", "facade", "corner", "section", "floor"}  # fmt: skip


def _whole_of_part(tok: Token) -> Token:
    """The whole a part belongs to ("the side of the car"), and what a count counts ("a
    total of 25 vehicles", "one of the buses")."""
    if tok.lemma_.lower() not in PARTS and tok.lemma_.lower() not in {"total", "number", "one"}:
        return tok
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            return pobj
    return tok


def _thing_name(span: Span) -> str:
    """The name of a thing attacked: without the words that count it ("several electricity
    poles") or a pronoun that owns it ("his car")."""
    if len(span) > 1 and span[0].lower_ in POSSESSIVE_PRONOUNS:
        span = span[1:]
    return _group_name(span)


def _cut_np(tok: Token) -> Span:
    """The phrase of an unlinked head noun: "security forces in Mali", "a strategic village
    in Western Cambodia" -> "village in Western Cambodia", "at least 156 people" -> "people".

    Text without capitals keeps the plain noun phrase (no names to tell modifiers apart).
    """
    span = _np_span(tok)
    if _case_poor(tok.doc):
        return span
    start = max(span.start, min(_left_start(tok), tok.i))
    return tok.doc[start : max(_right_end(tok), tok.i + 1)]


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
                        found.extend(a for a in _actors_of(pobj, index) if a.actor_id
                                     or a.actor_type)  # fmt: skip
            elif child.dep_ == "dative" and child.pos_ in {"PROPN", "NOUN"}:
                found.extend(_actors_of(child, index))  # "give Tanzania a grant"
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
                        if pobj.dep_ == "pobj" and not _is_place(pobj):
                            found.extend(a for a in _actors_of(pobj, index)
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
                            found.extend(a for a in _actors_of(pobj, index)
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
    if pobj.lemma_.lower() not in VAGUE_TARGETS or _actors_of(pobj, index):
        return []
    for prep in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ in {"in", "near"}):
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            if place.i in index:
                return [_actor_ref(index[place.i])]
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
            return [a for a in _actors_of(subj[0], index) if a.actor_id or a.actor_type]
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
            return [a for a in _actors_of(subj[0], index) if a.actor_id or a.actor_type]
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
                        actor = _actor_ref(index[tok.i])
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
            return _actors_of(subj[0], index)
        agent = [c for c in verb.children if c.dep_ == "agent"]
        if agent:
            pobj = [c for c in agent[0].children if c.dep_ == "pobj"]
            if pobj:
                return _actors_of(pobj[0], index)
        if verb.dep_ == "xcomp":  # object control: "prompted the US to carry out"
            controller = [c for c in verb.head.children if c.dep_ in OBJ]
            found = _actors_of(controller[0], index) if controller else []
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
            return _actors_of(verb.head, index) if verb.dep_ == "relcl" and not passive else []
        break
    return []


def _place_and_date(head: Token, carrier: Token) -> tuple[Location | None, DateRange | None]:
    """The trigger's own place and date phrases (not any in the sentence)."""
    location: Location | None = None
    date: DateRange | None = None
    doc = head.doc
    heads = [head] if carrier is head else [head, carrier]
    for h in heads:
        for child in h.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS and location is None:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (
                        pobj.ent_type_ in PLACE_ENTS
                        or any(t.ent_type_ in PLACE_ENTS for t in pobj.subtree)
                        or pobj.lemma_ in {"border", "base", "outpost", "city", "town",
                                           "village", "camp", "region", "province"}
                    ):
                        span = doc[pobj.left_edge.i : pobj.right_edge.i + 1]
                        text = span.text if child.lower_ in {"in", "at"} else (
                            doc[child.i : pobj.right_edge.i + 1].text
                        )
                        start = span.start_char if child.lower_ in {"in", "at"} else child.idx
                        location = Location(text=text, start=start, end=span.end_char)
            if date is None and child.dep_ in {"prep", "npadvmod", "nmod", "compound", "tmod",
                                               "pobj", "amod", "nummod"}:  # fmt: skip
                ents = [t for t in child.subtree if _dated(t)]
                if ents:
                    date = _date_span(ents[0])
    if date is None:
        date = _anniversary_date(head)
    if date is None:
        for t in doc[head.left_edge.i : head.i]:
            if _dated(t):
                date = _date_span(t)
                break
    return location, date


def _anniversary_date(head: Token) -> DateRange | None:
    """ "This month will mark the 21st anniversary of the US-led invasion": the phrase that
    dates the event, from the anniversary's own date ("this month") to "anniversary"."""
    node = head
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "the invasion and subsequent pillage"
    if node.dep_ != "pobj" or node.head.lower_ != "of":
        return None
    anniversary = node.head.head
    if anniversary.lemma_.lower() != "anniversary":
        return None
    doc = head.doc
    start = anniversary.left_edge.i
    verb = anniversary.head
    if anniversary.dep_ in {"dobj", "attr"} and verb.pos_ in {"VERB", "AUX"}:
        # "this month will mark", "today marks": the verb's own date
        dated = [c for c in verb.children if c.dep_ in {"nsubj", "npadvmod"} and _dated(c)]
        if dated:
            start = min(start, dated[0].left_edge.i)
    span = doc[start : anniversary.i + 1]
    return DateRange(text=span.text, start_char=span.start_char, end_char=span.end_char)


# Words that tie a time of day to a day ("last night", "this morning", "Sunday evening").
DAY_WORDS = {"last", "this", "yesterday", "today", "tonight", "tomorrow", "monday", "tuesday",
             "wednesday", "thursday", "friday", "saturday", "sunday"}  # fmt: skip


def _dated(tok: Token) -> bool:
    """A DATE entity, or a TIME entity that names its day ("last night", not "at 2220")."""
    if tok.ent_type_ == "DATE":
        return True
    if tok.ent_type_ != "TIME":
        return False
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is not None and any(t.lower_ in DAY_WORDS for t in ent)


RANGE_PREPS = {"since", "until", "till", "before", "after", "from", "by", "through", "throughout"}


def _date_span(tok: Token) -> DateRange:
    """The DATE entity at ``tok``, with its preposition when it makes a range ("since X")."""
    ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
    start = ent.start
    node = ent.root
    for _ in range(4):  # "since the aftermath of ... on October 7, 2023"
        prep = node.head
        if node.dep_ == "pobj" and prep.lower_ in RANGE_PREPS:
            start = prep.i
            break
        if node.dep_ not in {"pobj", "prep"} or node.head is node:
            break
        node = node.head
    span = tok.doc[start : ent.end]
    return DateRange(text=span.text, start_char=span.start_char, end_char=span.end_char)


DELIVERY_VERBS = {"use", "fire", "launch", "detonate", "drop", "hurl", "throw", "plant",
                  "deploy", "employ", "lob", "set", "explode", "shoot"}  # fmt: skip


def _instrument(trigger: Span, head: Token) -> Weapon | None:
    """The weapon named in the trigger's own phrase, its "with/using" phrase or its subject."""
    tokens = list(trigger) + list(head.doc[head.left_edge.i : head.i])
    for child in head.children:
        instrumental = child.dep_ == "prep" and child.lower_ in {"with", "using", "by", "from"}
        delivered = child.dep_ == "dobj" and head.lemma_.lower() in DELIVERY_VERBS
        if instrumental or delivered or child.dep_ in {"nsubj", "agent"}:
            tokens.extend(child.subtree)
    return _instrument_in(tokens)


def _instrument_hint(trigger: Span, sentence: Span | None) -> Weapon | None:
    """A weapon named elsewhere in the sentence of a violent word ("US warplanes pounded the
    village, killing six"): a hint for coding, not evidence of the event's instrument."""
    if sentence is None or not _is_violent(trigger):
        return None
    return _instrument_in(list(sentence))


def _is_violent(trigger: Span) -> bool:
    return trigger._.trigger is not None and trigger._.trigger.type == "ASSAULT"


@dataclass(frozen=True, slots=True)
class Weapon:
    """A weapon the text names: its kind in the instrument table and the words that name it."""

    kind: str
    text: str | None


# Nouns a weapon word may modify and still name the weapon: "grenade launcher", "dynamite
# charge", "machinegun fire". Not event nouns: "a bomb attack" is the attack.
WEAPON_HEADS = {"launcher", "charge", "device", "fire", "round", "vest", "gun", "rifle"}


# Table words that imply a weapon without naming one: its user or a deed.
NOT_WEAPON_WORDS = {"gunman", "gunmen", "sniper", "suicide bomber", "suicide", "kamikaze",
                    "bomber", "air force", "blew himself up", "blew herself up",
                    "blew themselves up"}  # fmt: skip


@functools.cache
def _weapon_words() -> tuple[dict[str, int], list[tuple[int, str, tuple[str, ...]]]]:
    """The instrument table as lookups: one-word entries by word, and the multi-word ones,
    each with the index of its entry (the table is in order of precedence)."""
    single: dict[str, int] = {}
    multi: list[tuple[int, str, tuple[str, ...]]] = []
    for k, entry in enumerate(instruments()):
        for w in entry.words:
            if " " in w:
                multi.append((k, w, tuple(w.split())))
            else:
                single.setdefault(w, k)
    return single, multi


def _instrument_in(tokens: list[Token]) -> Weapon | None:
    """The weapon of the instrument table named among ``tokens``: the kind of the first
    table entry that matches (the table is in order of precedence) and the words of the
    first weapon the text actually names (a noun, not "gunmen" or "shelled"), of that kind
    if it names one."""
    single, multi = _weapon_words()
    ordered = sorted(set(tokens), key=lambda t: t.i)
    found: list[tuple[int, str, Token, Token]] = []  # entry, word, first and last token
    for t in ordered:
        for w in (t.lower_, t.lemma_.lower()):
            if w in single:
                found.append((single[w], w, t, t))
                break
    if multi:
        text = " ".join(t.lower_ for t in ordered)
        for k, w, words in multi:
            if w in text and (run := _phrase_tokens(ordered, list(words))) is not None:
                found.append((k, w, *run))
    if not found:
        return None
    entries = instruments()
    kind = entries[min(f[0] for f in found)].instrument
    named = [
        (entries[k].instrument != kind, first.i, _weapon_words_of(first, last))
        for k, w, first, last in found
        if w not in NOT_WEAPON_WORDS and last.pos_ in ("NOUN", "PROPN")
    ]
    return Weapon(kind, min(named)[2] if named else None)


def _phrase_tokens(tokens: list[Token], words: list[str]) -> tuple[Token, Token] | None:
    n = len(words)
    for k in range(len(tokens) - n + 1):
        run = tokens[k : k + n]
        if [t.lower_ for t in run] == words and run[-1].i - run[0].i == n - 1:
            return run[0], run[-1]
    return None


def _compounded(tok: Token, first: Token) -> bool:
    """A noun compounded onto a weapon ("car" in "car bomb"); not a calibre ("85-mm")."""
    return (tok.dep_ == "compound" and tok.head.i >= first.i and tok.is_alpha
            and tok.lower_ not in {"mm", "cm", "kg", "caliber", "calibre"})  # fmt: skip


def _weapon_words_of(first: Token, last: Token) -> str:
    """The words naming a weapon: the matched words, the nouns compounded onto them ("car
    bomb", "m-79 grenade") and a weapon head they modify ("grenade launcher")."""
    doc = first.doc
    if last.dep_ == "compound" and last.head.i > last.i and last.head.lemma_.lower() in WEAPON_HEADS:
        last = last.head
    start = first.i
    while start > 0 and _compounded(doc[start - 1], first):
        start -= 1
    return doc[start : last.i + 1].text


PLACE_NOUNS = {
    "border", "base", "outpost", "city", "town", "village", "camp", "region", "province",
    "area", "district", "neighbourhood", "neighborhood", "capital", "site", "airport",
    "checkpoint", "compound", "headquarters", "territory", "zone", "frontier", "crossing",
    "port", "road", "highway", "street", "square", "market", "country", "state",
}  # fmt: skip


def _is_place(tok: Token) -> bool:
    """A place phrase ("the Jordan-Syria border", "in Gaza"), not a target actor."""
    if tok.ent_type_ in {"LOC", "FAC"}:
        return True
    if tok.lemma_.lower() in PLACE_NOUNS and not any(
        c.dep_ == "poss" for c in tok.children
    ):
        return tok.lemma_.lower() not in {"base", "outpost", "checkpoint", "camp", "headquarters",
                                          "compound"}  # fmt: skip
    return False


def _metonymic_place(span: Span) -> bool:
    """"the 1982 Beirut bombing": a capital named as a modifier is where, not who."""
    actor = span._.actor
    return (
        isinstance(actor, ActorRef)
        and span.label_ in {"GPE", ""}
        and span.root.dep_ in {"compound", "nmod"}
        and actor.name.lower().startswith("government of")
        and span.text.lower() not in actor.name.lower()
    )






def frame_for(
    trigger: Span, index: dict[int, Span], sentence: Span | None = None
) -> ArgumentFrame:
    """Build the argument frame of one trigger."""
    head = trigger.root
    sources: list[ActorRef] = []
    targets: list[ActorRef] = []
    carrier = head  # the verb that carries a nominal trigger, when there is one
    violent = trigger._.trigger is not None and trigger._.trigger.type == "ASSAULT"
    if head.pos_ in {"VERB", "AUX"}:
        sources = _subject_of(head, index)
        for child in head.children:
            if child.dep_ in OBJ and _moved_or_fired(head, child):
                continue
            if child.dep_ in OBJ | {"nsubjpass"}:
                targets.extend(_physical_targets(child, index) if violent
                               else _actors_of(child, index))  # fmt: skip
            elif child.dep_ == "prep" and (child.lower_ in TARGET_PREPS or (
                child.lower_ in {"to", "with"} and violent and _fired(head)
            )):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        targets.extend(a for a in _actors_of(pobj, index)
                                       if a.actor_type not in {None})  # fmt: skip
                        if violent:
                            targets.extend(_place_of_vague_target(pobj, index))
        if not violent:
            targets.extend(_recipients(head, trigger, index))
        if head.dep_ == "acl" and head.tag_ == "VBN":  # "forces stationed in Iraq"
            sources = _actors_of(head.head, index)
        if not sources:
            sources = _authority_of_place(head, index)
    else:
        for child in head.children:
            if child.dep_ == "poss" and head.lemma_.lower() in KILL_NOUNS:
                targets.extend(_actors_of(child, index))  # "Rivera's murder": the victim
            elif child.dep_ == "poss":
                sources.extend(_actors_of(child, index))
            elif child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        sources.extend(_actors_of(pobj, index))
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS | {"of"}:
                if child.lower_ in TOPIC_PREPS and _cooperative(trigger):
                    continue  # "an agreement on the fate of X": the topic, not a party
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and not _is_place(pobj):
                        targets.extend(_actors_of(pobj, index))
            elif child.dep_ == "prep" and child.lower_ in {"alongside", "with"} and (
                trigger._.trigger is not None and trigger._.trigger.id in {"assassinate", "kill"}
            ):
                for pobj in child.children:  # "the killing of X alongside Y"
                    if pobj.dep_ == "pobj":
                        targets.extend(_actors_of(pobj, index))
            elif child.dep_ == "acl":  # "the bombing ..., carried out by Hezbollah"
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                        sources.extend(_actors_of(pobj, index))
        if not violent:
            targets.extend(_recipients(head, trigger, index))
        if not sources:  # "bombing of a marine barracks by Hizbullah"
            for tok in head.subtree:
                if tok.dep_ == "prep" and tok.lower_ == "by" and tok.i > head.i and _own_by(tok, head):
                    for pobj in (c for c in tok.children if c.dep_ == "pobj"):
                        if pobj.i in index:
                            sources.append(_actor_ref(index[pobj.i]))
                if sources:
                    break
        if not sources:
            for i in range(head.left_edge.i, trigger.start):
                if i in index and not _metonymic_place(index[i]):
                    sources.append(_actor_ref(index[i]))
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
                        if not _is_place(pobj):
                            targets.extend(_actors_of(pobj, index))
                        if violent:
                            targets.extend(_place_of_vague_target(pobj, index))
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
                        targets.extend(_physical_targets(child, index) if violent
                                       else _actors_of(child, index))  # fmt: skip
    for verb in outcome_verbs(head):
        for child in verb.children:
            if child.dep_ in OBJ | {"nsubjpass"}:
                targets.extend(_actors_of(child, index))
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
    location, date = _place_and_date(head, carrier)
    fatalities, injuries = outcomes(head)
    if carrier is not head and fatalities is None:
        fatalities, injuries = outcomes(carrier)[0], injuries or outcomes(carrier)[1]
    weapon = _instrument(trigger, head)
    hint = weapon or _instrument_hint(trigger, sentence)
    reporter, obliged = _obligation(head, index)
    sources = [_named_person(a, head.doc) for a in sources]
    targets = [_named_person(a, head.doc) for a in targets]
    return ArgumentFrame(
        source_actors=tuple(_dedupe(sources)),
        target_actors=tuple(a for a in _dedupe(targets) if a not in sources),
        location=location,
        date=date,
        fatalities=fatalities,
        injuries=injuries,
        instrument=weapon.kind if weapon else None,
        instrument_text=weapon.text if weapon else None,
        instrument_hint=hint.kind if hint else None,
        inferred_targets=tuple(a for a in _dedupe(inferred) if a not in sources),
        reporter=tuple(reporter),
        obliged=tuple(obliged),
    )


POSSESSIVE_PRONOUNS = {"his", "her", "its", "their"}


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
            obliged = _actors_of(subj[0], index)
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
                actor = _actor_ref(index[pobj.i])
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


def _named_person(actor: ActorRef, doc: Doc) -> ActorRef:
    """An unlinked phrase that describes, then names, a person ("attorney general Roberto
    Garcia Alvarado", "minor Pedro Gonzalez Erazo") is that person: the name is the full
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


def _dedupe(actors: list[ActorRef]) -> list[ActorRef]:
    seen: set[tuple[int | None, str]] = set()
    out = []
    for actor in actors:
        key = (None, actor.actor_id or actor.name.lower())
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


class ArgumentAttacher:
    """Set ``span._.frame`` on every trigger."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        index = _actor_index(doc)
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
