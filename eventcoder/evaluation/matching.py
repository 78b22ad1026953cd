"""String-slot matching: normalisation, exact match against alternatives, lenient match.

The rule (from the evaluation data's README): lower-case, collapse whitespace, drop leading
articles and surrounding punctuation; a prediction is exactly right when it equals any
alternative; it is leniently right when the head words (last tokens) agree or the token F1
with some alternative is at least 0.5.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

_ARTICLES = ("the ", "a ", "an ")
_PUNCT = " \t\n\"'`.,;:!?()[]{}-"
_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, collapse whitespace, strip punctuation and leading articles."""
    s = _WS.sub(" ", text.lower()).strip(_PUNCT)
    changed = True
    while changed:
        changed = False
        for art in _ARTICLES:
            if s.startswith(art):
                s = s[len(art) :].strip(_PUNCT)
                changed = True
    return s


def token_f1(a: str, b: str) -> float:
    """Token-overlap F1 of two normalised strings (bag of words)."""
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return 0.0
    common = 0
    rest = list(tb)
    for tok in ta:
        if tok in rest:
            rest.remove(tok)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def exact_match(pred: str, alternatives: Iterable[str]) -> bool:
    """True when the normalised prediction equals any normalised alternative."""
    p = normalise(pred)
    return bool(p) and any(p == normalise(a) for a in alternatives)


def lenient_match(pred: str, alternatives: Iterable[str]) -> bool:
    """Exact, or same head word (last token), or token F1 >= 0.5 with an alternative."""
    p = normalise(pred)
    if not p:
        return False
    for alt in alternatives:
        a = normalise(alt)
        if not a:
            continue
        if p == a or p.split()[-1] == a.split()[-1] or token_f1(p, a) >= 0.5:
            return True
    return False


@dataclass(frozen=True, slots=True)
class Filler:
    """A gold slot filler: alternative strings, and whether it may be left unfilled."""

    strings: tuple[str, ...]
    optional: bool = False
    key: str = ""  # identity for de-duplication (e.g. an entity or coreference cluster id)


@dataclass(frozen=True, slots=True)
class SlotCounts:
    """Matching outcome of one slot in one unit."""

    tp: int
    fp: int
    fn: int
    missed: tuple[str, ...] = ()  # first alternative of each missed required filler
    spurious: tuple[str, ...] = ()  # predictions that matched nothing


def match_slot(
    preds: Sequence[str | tuple[str, ...]], gold: Sequence[Filler], *, lenient: bool = False
) -> SlotCounts:
    """One-to-one matching of predicted strings to gold fillers, as many as can be.

    A prediction is a string or a tuple of the strings one predicted filler goes by (its
    text, then its canonical name): it matches a filler when any of them does. The matching
    is a maximum one (augmenting paths), so the order of the predictions never decides the
    score: required fillers first, then optional ones for the predictions left. A prediction
    matched to a required filler is a true positive; to an optional filler it is neither
    right nor wrong; left unmatched it is a false positive. An unmatched required filler is a
    false negative; an unmatched optional one is not.
    """
    one = lenient_match if lenient else exact_match

    def match(p: tuple[str, ...], alternatives: tuple[str, ...]) -> bool:
        return any(one(s, alternatives) for s in p)

    seen: set[str] = set()
    uniq: list[tuple[str, ...]] = []
    for p in preds:  # the same string predicted twice is one prediction
        alts = (p,) if isinstance(p, str) else tuple(p)
        n = normalise(alts[0]) if alts else ""
        if n and n not in seen:
            seen.add(n)
            uniq.append(alts)
    edges = [[i for i, g in enumerate(gold) if match(p, g.strings)] for p in uniq]
    owner: dict[int, int] = {}  # gold filler -> prediction

    def augment(j: int, allowed: Callable[[int], bool], visited: set[int]) -> bool:
        for i in edges[j]:
            if not allowed(i) or i in visited:
                continue
            visited.add(i)
            if i not in owner or augment(owner[i], allowed, visited):
                owner[i] = j
                return True
        return False

    for j in range(len(uniq)):  # required fillers: a maximum matching
        augment(j, lambda i: not gold[i].optional, set())
    matched = set(owner.values())
    for j in range(len(uniq)):
        # then the predictions left, through any filler: the required matching is maximum,
        # so every augmenting path ends at a free optional filler and keeps the required ones
        if j not in matched and augment(j, lambda i: True, set()):
            matched.add(j)
    tp = sum(1 for i in owner if not gold[i].optional)
    spurious = [uniq[j][0] for j in range(len(uniq)) if j not in matched]
    fp = len(spurious)
    missed = tuple(
        g.strings[0] for i, g in enumerate(gold) if i not in owner and not g.optional
    )
    return SlotCounts(tp, fp, len(missed), missed, tuple(spurious))
