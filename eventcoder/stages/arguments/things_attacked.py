"""Argument helpers: the things an act of violence is aimed at ("the farm", "power lines"),
apart from the people ("liberal senator X" is a person, not a thing)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventcoder.casualties import (
    TITLES as HONORIFICS,
)
from eventcoder.casualties import (
    resolve_relative,
)
from eventcoder.records import ActorRef
from eventcoder.stages.arguments.actor_phrases import (
    actors_of,
    cut_np,
    generic_actor,
    group_name,
)


def physical_targets(tok: Token, index: dict[int, Span]) -> list[ActorRef]:
    """Targets of violence that are things, not actors ("the farm", "a bus", "power lines"),
    each coordinated thing on its own ("pylons and transformers")."""
    found = actors_of(tok, index)
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
        if head is not tok and (head.i in index or generic_actor(head) is not None):
            continue  # "the bus and its passengers": the people are no thing
        span = cut_np(head)
        person = _titled_person(span, head)
        if person is not None:
            out.append(person)
            continue
        out.append(ActorRef(text=span.text, name=_thing_name(span), actor_type="property",
                            start=span.start_char, end=span.end_char))  # fmt: skip
    return out


def _titled_person(span: Span, head: Token) -> ActorRef | None:
    """"liberal senator ramiro quesada ibarra" in text without capitals: a name after a
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
    return group_name(span)


POSSESSIVE_PRONOUNS = {"his", "her", "its", "their"}
