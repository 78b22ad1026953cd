"""Argument helpers: the instrument or weapon an event names, from the trigger's own phrase
or, for coding only, from its sentence."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventcoder.ontologies.lexicon import instruments

DELIVERY_VERBS = {"use", "fire", "launch", "detonate", "drop", "hurl", "throw", "plant",
                  "deploy", "employ", "lob", "set", "explode", "shoot"}  # fmt: skip


def instrument_of(trigger: Span, head: Token) -> Weapon | None:
    """The weapon named in the trigger's own phrase, its "with/using" phrase or its subject."""
    tokens = list(trigger) + list(head.doc[head.left_edge.i : head.i])
    for child in head.children:
        instrumental = child.dep_ == "prep" and child.lower_ in {"with", "using", "by", "from"}
        delivered = child.dep_ == "dobj" and head.lemma_.lower() in DELIVERY_VERBS
        if instrumental or delivered or child.dep_ in {"nsubj", "agent"}:
            tokens.extend(child.subtree)
    return _instrument_in(tokens)


def sentence_weapon(trigger: Span, sentence: Span | None) -> Weapon | None:
    """A weapon named elsewhere in the sentence of a violent word ("US warplanes pounded the
    village, killing six"): a hint for coding, not evidence of the event's instrument."""
    if sentence is None or not is_violent(trigger):
        return None
    return _instrument_in(list(sentence))


def is_violent(trigger: Span) -> bool:
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
