"""Text normalisation and the compiled alias index used for actor linking.

Matching works on *words* of a length-preserving normalised copy of the text: lower
case, diacritics removed, apostrophes of any style dropped inside words, hyphens and
other punctuation treated as word breaks. So "Kata’ib Hizbullah", "KATAIB HIZBULLAH"
and "Kataib-Hizbullah" all give the key ``("kataib", "hizbullah")``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

# Apostrophe-like characters, including the Arabic transliteration marks for ayn/hamza.
APOSTROPHES = "'\u2019\u2018\u02bc\u02bf\u02be`\u00b4\u2032"
_JOINERS = " \t-.'\u2010\u2011\u2013&/"
_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in APOSTROPHES:
        return "'"
    low = ch.lower()
    if len(low) != 1:
        low = ch
    if low.isascii():
        return low
    base = unicodedata.normalize("NFD", low)[0]
    return base if len(base) == 1 else low


_ASCII_TABLE = {i: chr(i).lower() for i in range(128)}
_ASCII_TABLE[ord("`")] = "'"


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable(_ASCII_TABLE)


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics, keeping its length (offsets stay valid)."""
    if text.isascii():
        return text.translate(_ASCII_TABLE)
    return text.translate(_FOLD_TABLE)


class Word(NamedTuple):
    """A word of the normalised text: its match key and its offsets in the original.

    A named tuple rather than a frozen dataclass: a document has thousands of words and
    a tuple is several times cheaper to build.
    """

    key: str
    start: int
    end: int
    joined: bool = True  # only spaces, hyphens, dots or apostrophes separate it from the last


def words(text: str) -> list[Word]:
    """Split ``text`` into normalised words (possessive 's removed, apostrophes dropped)."""
    folded = fold(text)
    out: list[Word] = []
    append = out.append
    prev_end = 0
    for m in _WORD_RE.finditer(folded):
        w = m.group()
        start, end = m.span()
        next_prev = end
        if "'" in w:
            if w.endswith("'s") and len(w) > 2:
                w = w[:-2]
                end -= 2
            w = w.replace("'", "")
        # the gap is usually one space: skip the slice and strip for it
        joined = start == prev_end + 1 and folded[prev_end] == " " or not folded[
            prev_end:start
        ].strip(_JOINERS)
        append(Word(w, start, end, joined))
        prev_end = next_prev
    return out


def alias_key(alias: str) -> tuple[str, ...]:
    """The match key of an alias: its normalised words."""
    return tuple(w.key for w in words(alias))


def fullest_name(
    part: tuple[str, ...], names: Iterable[tuple[str, ...]]
) -> tuple[str, ...] | None:
    """The fullest of ``names`` (lower-case words) that contains ``part``'s words in order,
    when every name containing them is part of it: one person, however often named
    ("olinde" and "hector olinde" in "hector olinde colman"). None when no name is fuller or
    the part fits two different names ("lopez" in "maria lopez" and "carlos lopez")."""
    longer = [
        n for n in names
        if len(n) > len(part)
        and any(n[i : i + len(part)] == part for i in range(len(n) - len(part) + 1))
    ]  # fmt: skip
    if not part or not longer:
        return None
    whole = max(longer, key=len)
    return whole if all(set(n) <= set(whole) for n in longer) else None


_MIXED_CASE = re.compile(r"^[A-Z][a-z]{0,2}[A-Z]")


def is_acronym(alias: str) -> bool:
    """True for short acronyms that must match case exactly.

    All-capital ("US", "KH", "IRGC"), or up to four letters mixed-case with a capital after
    small letters ("LeT", "JeM", "HuJI"): caseless, "LeT" would match the word "Let".
    """
    letters = [c for c in alias if c.isalpha()]
    if not 0 < len(letters) <= 6 or " " in alias.strip():
        return False
    if all(c.isupper() for c in letters):
        return True
    return len(letters) <= 4 and _MIXED_CASE.search(alias) is not None


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What an alias key points to."""

    actor_id: str
    alias: str
    loaded: bool = False
    exact_case: bool = False  # acronyms: "US" but not "us"
    capitalised: bool = False  # one-word names that are also common words ("Chad", "Turkey")
    kind: str = "name"  # name | demonym | capital | coref


@dataclass(frozen=True, slots=True)
class Match:
    """One alias match in a text."""

    start: int
    end: int
    entry: IndexEntry
    first_word: int
    last_word: int


class AliasIndex:
    """Longest-match lookup of alias keys over a word sequence."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, ...], list[IndexEntry]] = {}
        self._max_len: dict[str, int] = {}

    def add(self, key: tuple[str, ...], entry: IndexEntry) -> None:
        """Register ``entry`` under ``key`` (several entries may share a key)."""
        if not key:
            return
        self._entries.setdefault(key, []).append(entry)
        if len(key) > self._max_len.get(key[0], 0):
            self._max_len[key[0]] = len(key)

    def get(self, key: tuple[str, ...]) -> list[IndexEntry]:
        """The entries registered under ``key``."""
        return self._entries.get(key, [])

    def keys(self) -> Iterator[tuple[str, ...]]:
        """Every key in the index."""
        return iter(self._entries)

    def items(self) -> Iterator[tuple[tuple[str, ...], list[IndexEntry]]]:
        """Every (key, entries) pair."""
        return iter(self._entries.items())

    def __len__(self) -> int:
        return len(self._entries)

    def scan(self, text: str, ws: list[Word] | None = None) -> list[Match]:
        """Find non-overlapping longest alias matches in ``text``, left to right.

        In a text without capitals (lower-cased corpora) the capitalisation rule for
        one-word names is dropped, since it could never be met.
        """
        ws = words(text) if ws is None else ws
        relaxed = not any(map(str.isupper, text[:5000]))
        out: list[Match] = []
        i, n = 0, len(ws)
        max_len = self._max_len
        entries = self._entries
        while i < n:
            longest = max_len.get(ws[i].key, 0)
            found = None
            for length in range(min(longest, n - i), 0, -1):
                if length > 1 and not all(w.joined for w in ws[i + 1 : i + length]):
                    continue
                key = tuple(w.key for w in ws[i : i + length])
                cands = entries.get(key)
                if not cands:
                    continue
                start, end = ws[i].start, ws[i + length - 1].end
                surface = text[start:end]
                entry = _admissible(cands, surface, relaxed)
                if entry is not None:
                    found = Match(start, end, entry, i, i + length - 1)
                    break
            if found is None:
                i += 1
            else:
                out.append(found)
                i = found.last_word + 1
        return out


def _admissible(cands: list[IndexEntry], surface: str, relaxed: bool = False) -> IndexEntry | None:
    for entry in cands:
        if entry.exact_case:
            if _strip_apostrophes(surface) != _strip_apostrophes(entry.alias):
                continue
        elif entry.capitalised and not relaxed and not surface[:1].isupper():
            continue
        return entry
    return None


def _strip_apostrophes(s: str) -> str:
    return "".join(c for c in s if c not in APOSTROPHES and c not in ".-")
