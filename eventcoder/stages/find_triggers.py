"""Stage: find event triggers, the words that name an event (spaCy component).

Component ``eventcoder_trigger_finder`` matches the trigger lexicon (lemmas, then lower-case
forms) and sets ``doc.spans["triggers"]``: one span per trigger, longest match first, each
with ``span._.trigger`` holding its ``TriggerEntry``.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from eventcoder.ontologies.lexicon import TriggerEntry, not_events_with_object, triggers

if not Span.has_extension("trigger"):
    Span.set_extension("trigger", default=None)

# Nouns that look like triggers but, next to these words, name something else
# ("strike" in "hunger strike" has its own entry; "fire" in "ceasefire" is one token).
_NON_EVENT_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
                   "PERSON", "GPE", "NORP", "LANGUAGE", "LOC"}
_FUNCTION_POS = {"DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "AUX", "PART"}
# Nouns that only measure or contain their "of" object: "seized a large amount of
# ammunition", "found a stash of rockets" have the ammunition or the rockets as object.
# "The blast left three people dead": "leave" with a state predicate states an outcome.
RESULT_STATES = {"dead", "wounded", "injured", "homeless", "hurt", "death", "dying"}
# "responsible for the death of six priests": "death" names a killing only where a culprit
# is sought; "the death of his father" or "death squads" name none.
CULPRIT_CUES = {"responsible", "responsibility", "blame", "accuse", "charge", "suspect",
                "investigate", "investigation", "inquiry", "probe", "implicate", "connect",
                "link", "avenge", "order", "mastermind", "culprit", "perpetrator", "author",
                "guilty", "involve", "involvement", "clarify", "clarification", "solve",
                "condemn", "concern", "attribute", "behind"}  # fmt: skip
QUANTITY_NOUNS = {"amount", "quantity", "quantities", "stash", "stockpile", "haul", "number",
                  "lot", "pile", "cache", "consignment", "batch", "load", "bag", "box", "crate",
                  "sack", "supply", "array", "variety", "assortment", "collection"}  # fmt: skip


class TriggerFinder:
    """Match lexicon phrases against lemmas and lower-case forms."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.entries: tuple[TriggerEntry, ...] = triggers()
        self.idioms = not_events_with_object()
        # Phrases are written as lemma sequences, so a pattern Doc whose lemmas are the
        # phrase's words matches every inflection; a second matcher on the lower-case form
        # catches words the lemmatizer leaves unusual. PhraseMatcher is hash lookups, far
        # cheaper than a token Matcher with hundreds of patterns.
        self.by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        for index, entry in enumerate(self.entries):
            lemma_docs, lower_docs = [], []
            for phrase in entry.phrases:
                words = phrase.lower().split()
                pattern = Doc(nlp.vocab, words=words)
                for token, word in zip(pattern, words, strict=True):
                    token.lemma_ = word
                lemma_docs.append(pattern)
                lower_docs.append(Doc(nlp.vocab, words=words))
            self.by_lemma.add(str(index), lemma_docs)
            self.by_lower.add(str(index), lower_docs)

        # Two-word verb-object phrases ("lift curfew", "sever tie") also match when words
        # stand between them ("lifted a night curfew"), through the dependency parse.
        self.verb_object: dict[tuple[str, str], int] = {}
        self._object_deps = numpy.array(
            [nlp.vocab.strings.add(d) for d in ("dobj", "nsubjpass", "acl")], dtype=numpy.uint64
        )
        for index, entry in enumerate(self.entries):
            for phrase in entry.phrases:
                words = phrase.lower().split()
                if len(words) == 2 and "VERB" in entry.pos:
                    self.verb_object.setdefault((words[0], words[1]), index)

    def _verb_objects(self, doc: Doc) -> set[tuple[int, int, int]]:
        found = set()
        # Only objects and passive subjects can match: find them in the DEP column rather
        # than by making a Token for every word.
        deps = doc.to_array(DEP)
        for i in numpy.flatnonzero(numpy.isin(deps, self._object_deps)).tolist():
            tok = doc[i]
            if tok.dep_ == "acl":
                # "a stash of rockets found in a house": the participle's object is its head
                if tok.tag_ != "VBN" or tok.head.pos_ not in {"NOUN", "PROPN"}:
                    continue
                verb, obj = tok, tok.head
            elif tok.dep_ in {"dobj", "nsubjpass"}:
                verb, obj = tok.head, tok
            else:
                continue
            for noun in self._measured(obj):
                index = self.verb_object.get((verb.lemma_.lower(), noun.lemma_.lower()))
                if index is None:
                    continue
                match_id = doc.vocab.strings.add(str(index))
                # "seized eight guns" (object after) or "guns were seized" (passive before)
                start, end = min(noun.i, verb.i), max(noun.i, verb.i) + 1
                if end - start <= 8:
                    found.add((match_id, start, end))
                break
        found.update(self._quantity_objects(doc))
        return found

    def _quantity_objects(self, doc: Doc) -> set[tuple[int, int, int]]:
        """Verb-object phrases behind a quantity noun, read from the word order when the
        parse misses them: "discovered a large amount of ammunition", "a stash of rockets
        found in a house"."""
        found = set()
        for tok in doc:
            if tok.lemma_.lower() not in QUANTITY_NOUNS or tok.pos_ != "NOUN":
                continue
            after = doc[tok.i + 1 : tok.i + 5]
            if not len(after) or after[0].lower_ != "of":
                continue
            noun = next((t for t in after[1:] if t.pos_ in {"NOUN", "PROPN"}), None)
            if noun is None:
                continue
            sent = tok.sent
            before = [t for t in doc[max(sent.start, tok.i - 4) : tok.i] if t.pos_ == "VERB"]
            # a participle after the noun ("a stash of rockets found ..."; the tagger often
            # reads "found" as a past tense without a subject)
            participles = [t for t in doc[noun.i + 1 : min(sent.end, noun.i + 8)]
                           if t.tag_ == "VBN" or (t.tag_ == "VBD" and not any(
                               c.dep_ == "nsubj" for c in t.children))][:1]  # fmt: skip
            for verb in before[-1:] + participles:
                # the quantity noun's own phrase first ("destroyed caches of weapons")
                index = self.verb_object.get((verb.lemma_.lower(), tok.lemma_.lower()))
                if index is not None:
                    break
                index = self.verb_object.get((verb.lemma_.lower(), noun.lemma_.lower()))
                if index is not None:
                    start, end = min(noun.i, verb.i), max(noun.i, verb.i) + 1
                    found.add((doc.vocab.strings.add(str(index)), start, end))
                    break
        return found

    def _idiom(self, verb: Token) -> bool:
        """"struck a deal", "the law was struck down", "seize this opportunity"."""
        objects = self.idioms.get(verb.lemma_.lower())
        if not objects:
            return False
        args = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        return any(
            o.lemma_.lower() in objects or o.lower_ in objects
            for a in args
            for o in (a, *a.conjuncts)
        )

    @staticmethod
    def _measured(obj: Token) -> list[Token]:
        """The object itself, and behind a quantity noun what it measures ("amount of arms")."""
        out = [obj]
        if obj.lemma_.lower() in QUANTITY_NOUNS:
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    out.extend(c for c in prep.children if c.dep_ == "pobj")
        return out

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, int, TriggerEntry]] = []
        matches = set(self.by_lemma(doc)) | set(self.by_lower(doc)) | self._verb_objects(doc)
        in_names = _inside_names(doc)
        for match_id, start, end in sorted(matches, key=lambda m: (m[1], m[2])):
            entry = self.entries[int(doc.vocab.strings[match_id])]
            verb_first = doc[start].pos_ == "VERB" and "VERB" in entry.pos and end - start > 1
            verb_last = doc[end - 1].pos_ == "VERB" and "VERB" in entry.pos and end - start > 1
            head = doc[start] if verb_first else doc[end - 1]
            if verb_last and not verb_first and doc[start].dep_ == "nsubjpass":
                head = doc[end - 1]
            if head.pos_ not in entry.pos and not (head.pos_ == "PROPN" and "NOUN" in entry.pos):
                continue
            if head.pos_ in _FUNCTION_POS or head.ent_type_ in _NON_EVENT_ENTS:
                continue
            if head.pos_ == "PROPN" and head.ent_type_:
                continue
            if _resultative(head) or _death_without_culprit(head) or _left_a_thing(head):
                continue
            if entry.type == "ASSAULT" and _fights_an_ill(head):
                continue
            if head.i in in_names or _in_charge(head):
                continue
            if end - start == 1 and not _acts_as_verb(head) and (
                head.lemma_.lower() in entry.verb_only or head.lower_ in entry.verb_only
            ):
                continue
            if head.pos_ == "VERB" and self._idiom(head):
                continue
            found.append((start, end, int(doc.vocab.strings[match_id]), entry))
        found = _without_disrupted_plants(doc, found)
        # Longest match wins; among equal lengths the entry listed first in the lexicon.
        found.sort(key=lambda m: (-(m[1] - m[0]), m[2], m[0]))
        taken: set[int] = set()
        spans: list[Span] = []
        for start, end, _, entry in found:
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            span = Span(doc, start, end, label=entry.type)
            span._.trigger = entry
            spans.append(span)
        spans.sort(key=lambda s: s.start)
        doc.spans["triggers"] = spans
        return doc


def _without_disrupted_plants(
    doc: Doc, found: list[tuple[int, int, int, TriggerEntry]]
) -> list[tuple[int, int, int, TriggerEntry]]:
    """ "Police defused a bomb planted by guerrillas": one event, the disrupted weapon (ACLED
    codes a planted device found or defused as disrupted weapons use), not also an attack."""
    disrupted: set[int] = set()
    for s, e, _, entry in found:
        if entry.id == "disrupt_weapons":
            disrupted.update(range(s, e))
            # "defused a bomb": the verb's object too
            disrupted.update(c.i for t in doc[s:e] for c in t.children
                             if c.dep_ in {"dobj", "nsubjpass"})  # fmt: skip
    if not disrupted:
        return found
    out = []
    for start, end, index, entry in found:
        ends = (doc[start], doc[end - 1])
        if end - start > 1 and any(t.lemma_.lower() == "plant" for t in ends):
            device = next(t for t in ends if t.lemma_.lower() != "plant")
            if device.i in disrupted:
                continue
        out.append((start, end, index, entry))
    return out


def _inside_names(doc: Doc) -> set[int]:
    """Tokens inside a known actor's multiword name, except its last word: "liberation" in
    "Farabundo Marti National Liberation Front", "mobilization" in "Popular Mobilization
    Forces" name a group, not an event. The last word stays ("the US strike" is no name)."""
    out: set[int] = set()
    for span in doc.spans.get("actors", ()):
        actor = span._.actor
        if actor is not None and actor.actor_id and len(span) > 1:
            out.update(range(span.start, span.end - 1))
    return out


def _acts_as_verb(tok: Token) -> bool:
    """A verb, or a word the tagger calls a noun but the parse gives a subject and an
    object: "Gunmen storm university complex" in a headline."""
    if tok.pos_ == "VERB":
        return True
    deps = {c.dep_ for c in tok.children}
    return "dobj" in deps and bool(deps & {"nsubj", "nsubjpass"})


def _in_charge(head: Token) -> bool:
    """"the man in charge of the plot": a responsibility, not an accusation."""
    return head.lemma_.lower() == "charge" and head.dep_ == "pobj" and head.head.lower_ == "in"


def _death_without_culprit(head: Token) -> bool:
    """"death" is a killing only with a victim ("of X", "X's") and a culprit cue above it
    ("denied responsibility for the death of Pizarro", "investigation into the death of")."""
    if head.lemma_.lower() != "death":
        return False
    if head.dep_ == "compound" or not any(
        (c.dep_ == "prep" and c.lower_ == "of") or c.dep_ == "poss" for c in head.children
    ):
        return True
    node = head
    for _ in range(4):
        if node.head is node:
            break
        node = node.head
        if node.lemma_.lower() in CULPRIT_CUES or node.lower_ in CULPRIT_CUES:
            return False
        if node.pos_ in {"VERB", "AUX"}:
            break
    return True


# Ills a government or a people "fights": campaigns against them are no battle or attack.
ILLS = {"terrorism", "terror", "crime", "criminality", "delinquency", "corruption",
        "trafficking", "narcotrafficking", "drug", "drugs", "poverty", "hunger", "impunity",
        "extremism", "radicalism", "violence", "insecurity", "inflation", "unemployment",
        "disease", "illiteracy", "injustice", "racism", "discrimination", "fraud", "smuggling",
        "subversion", "kidnapping", "kidnappings", "drug-trafficking", "lawlessness", "hate",
        "misinformation", "disinformation", "pandemic", "epidemic", "virus", "malaria"}  # fmt: skip


def _fights_an_ill(head: Token) -> bool:
    """"we continue to battle terrorism", "the fight against corruption", "the war on
    drugs": a campaign against an ill, not violence against anyone. Every object must be
    an ill ("fight terrorism and the rebels" still fights someone)."""
    doc = head.doc
    # "drug-fighting", "crime-fighting": the ill is the first half of the compound
    if head.i >= 2 and doc[head.i - 1].text == "-" and _is_ill(doc[head.i - 2]):
        return True
    objects = _opposed(head)
    # "fight the battle against subversion": the campaign noun's own opponent
    objects = [p for o in objects for p in (_opposed(o) if o.lemma_.lower() in CAMPAIGNS
                                            else [o])]  # fmt: skip
    objects = [o for obj in objects for o in (obj, *obj.conjuncts)]
    return bool(objects) and all(_is_ill(o) for o in objects)


CAMPAIGNS = {"battle", "war", "fight", "struggle", "campaign", "crusade"}


def _opposed(head: Token) -> list[Token]:
    objects = [c for c in head.children if c.dep_ == "dobj"]
    objects += [p for c in head.children if c.dep_ == "prep" and c.lower_ in {"against", "on"}
                for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    return objects


def _is_ill(tok: Token) -> bool:
    return tok.lemma_.lower() in ILLS or tok.lower_ in ILLS


# Things left behind, not places left: "the terrorists left messages with newspapers".
LEFT_THINGS = {"message", "note", "letter", "leaflet", "pamphlet", "flyer", "sign", "mark",
               "trace", "trail", "clue", "package", "parcel", "bag", "suitcase", "statement",
               "communique", "graffiti", "slogan", "wreath", "flower", "card", "voicemail",
               "comment", "impression", "legacy", "question", "door", "option"}  # fmt: skip


def _left_a_thing(head: Token) -> bool:
    """"the terrorists left messages", "left a note": leaving a thing is no withdrawal."""
    if head.lemma_.lower() != "leave" or head.pos_ != "VERB":
        return False
    objects = [c for c in head.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lemma_.lower() in LEFT_THINGS for o in objects)


def _resultative(head: Token) -> bool:
    """"left three people dead", "left 1,000 dead": an outcome, not a departure."""
    if head.lemma_.lower() != "leave" or head.pos_ != "VERB":
        return False
    return any(c.lower_ in RESULT_STATES or (c.dep_ in {"dobj", "oprd"} and any(
        g.lower_ in RESULT_STATES for g in c.conjuncts)) for c in head.children)  # fmt: skip


@Language.factory(
    "eventcoder_trigger_finder",
    requires=["token.lemma", "token.tag"],  # pos comes from attribute_ruler, which declares none
    assigns=["doc.spans"],
)
def make_trigger_finder(nlp: Language, name: str) -> TriggerFinder:
    """Build the trigger finder from the packaged lexicon."""
    return TriggerFinder(nlp, name)
