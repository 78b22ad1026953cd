"""String-slot matching: normalisation, exact match against alternatives, lenient match.

The rule (from the evaluation data's README): lower-case, collapse whitespace, drop leading
articles and surrounding punctuation; a prediction is exactly right when it equals any
alternative; it is leniently right when the head words (last tokens) agree or the token F1
with some alternative is at least 0.5.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
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
    """One-to-one greedy matching of predicted strings to gold fillers.

    A prediction is a string or a tuple of the strings one predicted filler goes by (its
    text, then its canonical name): it matches a filler when any of them does. A prediction
    matching a required filler is a true positive; matching only an optional
    filler it is neither right nor wrong; matching nothing it is a false positive. An
    unmatched required filler is a false negative; an unmatched optional one is not.
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
    used = [False] * len(gold)
    tp = fp = 0
    spurious: list[str] = []
    # Required fillers first, so an optional one never steals a prediction that fills a
    # required one.
    order = sorted(range(len(gold)), key=lambda i: gold[i].optional)
    for p in uniq:
        hit = next((i for i in order if not used[i] and match(p, gold[i].strings)), None)
        if hit is None:
            fp += 1
            spurious.append(p[0])
            continue
        used[hit] = True
        tp += not gold[hit].optional
    missed = tuple(
        g.strings[0] for g, u in zip(gold, used, strict=True) if not u and not g.optional
    )
    return SlotCounts(tp, fp, len(missed), missed, tuple(spurious))
