"""Scoring primitives: P/R/F1 and averages, confusion, clustering, ROC-AUC, distances.

Pure functions over plain sequences, no third-party dependencies, so every number in a
report can be checked by hand (tests/test_evaluation_metrics.py does).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

NONE_LABEL = "(none)"  # what a unit with no prediction is labelled


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Precision, recall, F1 and support of one label."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int  # gold count
    tp: int
    fp: int
    fn: int


@dataclass(frozen=True, slots=True)
class ClassificationScores:
    """Per-label scores with micro, macro and weighted averages and a confusion matrix."""

    per_label: tuple[LabelScore, ...]
    micro_precision: float
    micro_recall: float
    micro_f1: float
    macro_f1: float
    weighted_f1: float
    accuracy: float | None  # single-label tasks only
    n: int
    confusion: tuple[tuple[str, str, int], ...] = ()  # (gold, predicted, count), sorted

    def headline(self) -> dict[str, float]:
        """The averages as a flat mapping (for floors and JSON)."""
        out = {
            "micro_precision": self.micro_precision,
            "micro_recall": self.micro_recall,
            "micro_f1": self.micro_f1,
            "macro_f1": self.macro_f1,
            "weighted_f1": self.weighted_f1,
        }
        if self.accuracy is not None:
            out["accuracy"] = self.accuracy
        return out


def safe_div(num: float, den: float) -> float:
    """``num / den``, or 0.0 when ``den`` is zero (the usual convention for empty classes)."""
    return num / den if den else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    p = safe_div(tp, tp + fp)
    r = safe_div(tp, tp + fn)
    return p, r, safe_div(2 * p * r, p + r)


def _summarise(
    counts: Mapping[str, tuple[int, int, int]],
    scored: Sequence[str],
    *,
    accuracy: float | None,
    n: int,
    confusion: tuple[tuple[str, str, int], ...] = (),
) -> ClassificationScores:
    per = []
    for label in sorted(counts):
        tp, fp, fn = counts[label]
        p, r, f = prf(tp, fp, fn)
        per.append(LabelScore(label, p, r, f, tp + fn, tp, fp, fn))
    by = {s.label: s for s in per}
    tp = sum(c[0] for c in counts.values())
    fp = sum(c[1] for c in counts.values())
    fn = sum(c[2] for c in counts.values())
    mp, mr, mf = prf(tp, fp, fn)
    # Macro and weighted averages run over the scored (gold) label set only, so that a
    # prediction outside it (e.g. "(none)") lowers recall without adding a zero-F1 class.
    macro = safe_div(sum(by[x].f1 for x in scored if x in by), len(scored))
    total = sum(by[x].support for x in scored if x in by)
    weighted = safe_div(sum(by[x].f1 * by[x].support for x in scored if x in by), total)
    return ClassificationScores(tuple(per), mp, mr, mf, macro, weighted, accuracy, n, confusion)


def classification_scores(
    gold: Sequence[str], pred: Sequence[str | None], labels: Sequence[str] | None = None
) -> ClassificationScores:
    """Single-label scores; ``labels`` is the scored label set (default: labels seen in gold).

    Micro F1 over every label (including predictions outside ``labels``) equals accuracy.
    """
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    preds = [p if p is not None else NONE_LABEL for p in pred]
    scored = list(labels) if labels is not None else sorted(set(gold))
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for label in scored:
        tally[label]  # noqa: B018 - make every scored label appear, even with no items
    for g, p in zip(gold, preds, strict=True):
        if g == p:
            tally[g][0] += 1
        else:
            tally[g][2] += 1
            tally[p][1] += 1
    counts = {k: (v[0], v[1], v[2]) for k, v in tally.items()}
    conf = Counter(zip(gold, preds, strict=True))
    confusion = tuple(sorted((g, p, c) for (g, p), c in conf.items()))
    acc = safe_div(sum(1 for g, p in zip(gold, preds, strict=True) if g == p), len(gold))
    return _summarise(counts, scored, accuracy=acc, n=len(gold), confusion=confusion)


def multilabel_scores(
    gold: Sequence[set[str] | frozenset[str]],
    pred: Sequence[set[str] | frozenset[str]],
    labels: Sequence[str],
) -> ClassificationScores:
    """Multi-label scores: each unit has a set of labels; every label is a binary decision."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    counts: dict[str, tuple[int, int, int]] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if label in g and label in p)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if label not in g and label in p)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if label in g and label not in p)
        counts[label] = (tp, fp, fn)
    return _summarise(counts, list(labels), accuracy=None, n=len(gold))


def bcubed(
    gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (items missing from ``pred`` are singletons)."""
    items = list(gold)
    if not items:
        return 0.0, 0.0, 0.0
    pred_full = {i: pred.get(i, ("__singleton__", i)) for i in items}
    gold_members: dict[Hashable, set[str]] = defaultdict(set)
    pred_members: dict[Hashable, set[str]] = defaultdict(set)
    for i in items:
        gold_members[gold[i]].add(i)
        pred_members[pred_full[i]].add(i)
    p_sum = r_sum = 0.0
    for i in items:
        in_gold, in_pred = gold_members[gold[i]], pred_members[pred_full[i]]
        common = len(in_gold & in_pred)
        p_sum += common / len(in_pred)
        r_sum += common / len(in_gold)
    p, r = p_sum / len(items), r_sum / len(items)
    return p, r, safe_div(2 * p * r, p + r)


def _pairs(n: int) -> float:
    return n * (n - 1) / 2


def adjusted_rand_index(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> float:
    """Adjusted Rand index (Hubert & Arabie) over the items of ``gold``."""
    items = list(gold)
    pred_full = {i: pred.get(i, ("__singleton__", i)) for i in items}
    cont = Counter((gold[i], pred_full[i]) for i in items)
    a = Counter(gold[i] for i in items)
    b = Counter(pred_full[i] for i in items)
    index = sum(_pairs(c) for c in cont.values())
    sa = sum(_pairs(c) for c in a.values())
    sb = sum(_pairs(c) for c in b.values())
    total = _pairs(len(items))
    expected = safe_div(sa * sb, total)
    maximum = (sa + sb) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def pairwise_cluster_prf(
    gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]
) -> tuple[float, float, float]:
    """Pairwise P/R/F1: a pair is positive when both items share a cluster."""
    items = sorted(gold)
    pred_full = {i: pred.get(i, ("__singleton__", i)) for i in items}
    tp = fp = fn = 0
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            a, b = items[x], items[y]
            same_g = gold[a] == gold[b]
            same_p = pred_full[a] == pred_full[b]
            tp += same_g and same_p
            fp += same_p and not same_g
            fn += same_g and not same_p
    return prf(tp, fp, fn)


def roc_auc(labels: Sequence[bool], scores: Sequence[float]) -> float:
    """ROC-AUC as the Mann-Whitney statistic (ties count one half); 0.5 if one class is absent."""
    pos = [s for lab, s in zip(labels, scores, strict=True) if lab]
    neg = [s for lab, s in zip(labels, scores, strict=True) if not lab]
    if not pos or not neg:
        return 0.5
    # Rank-based: O(n log n) rather than comparing every positive with every negative.
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    rank_pos = sum(r for r, lab in zip(ranks, labels, strict=True) if lab)
    return (rank_pos - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def best_threshold_f1(labels: Sequence[bool], scores: Sequence[float]) -> tuple[float, float]:
    """The highest F1 over thresholds ``score >= t`` and the lowest ``t`` reaching it."""
    best_f, best_t = 0.0, math.inf
    total_pos = sum(1 for x in labels if x)
    for t in sorted(set(scores), reverse=True):
        tp = sum(1 for lab, s in zip(labels, scores, strict=True) if s >= t and lab)
        fp = sum(1 for lab, s in zip(labels, scores, strict=True) if s >= t and not lab)
        f = prf(tp, fp, total_pos - tp)[2]
        if f > best_f or (f == best_f and f > 0):
            best_f, best_t = f, t
    return best_f, best_t


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values."""
    if not values:
        return None
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson correlation, or None when either side is constant."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if not sxx or not syy:
        return None
    return sxy / math.sqrt(sxx * syy)
