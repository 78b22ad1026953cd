"""Argument helpers: the place and the date phrase attached to a trigger, and which nouns
name places."""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventcoder.records import ActorRef, DateRange, Location

PLACE_PREPS = {"in", "at", "near", "across", "on", "inside", "outside", "around", "along",
               "from", "within", "throughout", "off", "into", "over"}  # fmt: skip


PLACE_ENTS = {"GPE", "LOC", "FAC"}


def place_and_date_of(head: Token, carrier: Token) -> tuple[Location | None, DateRange | None]:
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


PLACE_NOUNS = {
    "border", "base", "outpost", "city", "town", "village", "camp", "region", "province",
    "area", "district", "neighbourhood", "neighborhood", "capital", "site", "airport",
    "checkpoint", "compound", "headquarters", "territory", "zone", "frontier", "crossing",
    "port", "road", "highway", "street", "square", "market", "country", "state",
}  # fmt: skip


def is_place(tok: Token) -> bool:
    """A place phrase ("the Jordan-Syria border", "in Gaza"), not a target actor."""
    if tok.ent_type_ in {"LOC", "FAC"}:
        return True
    if tok.lemma_.lower() in PLACE_NOUNS and not any(
        c.dep_ == "poss" for c in tok.children
    ):
        return tok.lemma_.lower() not in {"base", "outpost", "checkpoint", "camp", "headquarters",
                                          "compound"}  # fmt: skip
    return False


def metonymic_place(span: Span) -> bool:
    """"the 1982 Beirut bombing": a capital named as a modifier is where, not who."""
    actor = span._.actor
    return (
        isinstance(actor, ActorRef)
        and span.label_ in {"GPE", ""}
        and span.root.dep_ in {"compound", "nmod"}
        and actor.name.lower().startswith("government of")
        and span.text.lower() not in actor.name.lower()
    )
