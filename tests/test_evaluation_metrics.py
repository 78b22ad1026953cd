"""Hand-checked tests of the scoring primitives (expected numbers worked out in comments)."""

from __future__ import annotations

import pytest

from eventcoder.evaluation.metrics import (
    NONE_LABEL,
    adjusted_rand_index,
    bcubed,
    best_threshold_f1,
    classification_scores,
    haversine_km,
    median,
    multilabel_scores,
    pairwise_cluster_prf,
    pearson,
    prf,
    roc_auc,
)


def test_metrics_prf_counts() -> None:
    # tp 3, fp 1, fn 2: P = 3/4, R = 3/5, F1 = 2*.75*.6/1.35 = 2/3
    assert prf(3, 1, 2) == pytest.approx((0.75, 0.6, 2 / 3))
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_metrics_classification_single_label() -> None:
    # gold A A B C, pred A B B (none)
    # A: tp1 fp0 fn1 -> P 1, R .5, F 2/3 ; B: tp1 fp1 fn0 -> P .5, R 1, F 2/3 ; C: 0
    # accuracy 2/4; micro tp2 fp2 fn2 -> .5 (= accuracy)
    # macro over gold labels {A,B,C} = (2/3 + 2/3 + 0)/3 = 4/9
    # weighted = (2/3*2 + 2/3*1 + 0*1)/4 = .5
    s = classification_scores(["A", "A", "B", "C"], ["A", "B", "B", None])
    by = {x.label: x for x in s.per_label}
    assert (by["A"].precision, by["A"].recall) == (1.0, 0.5)
    assert by["B"].f1 == pytest.approx(2 / 3)
    assert by["C"].f1 == 0.0 and by["C"].support == 1
    assert by[NONE_LABEL].fp == 1
    assert s.accuracy == 0.5 and s.micro_f1 == 0.5
    assert s.macro_f1 == pytest.approx(4 / 9)
    assert s.weighted_f1 == pytest.approx(0.5)
    assert ("A", "B", 1) in s.confusion and ("C", NONE_LABEL, 1) in s.confusion


def test_metrics_multilabel() -> None:
    # gold {X} {X,Y} {} ; pred {X} {Y} {Y}
    # X: tp1 fn1 -> P 1 R .5 F 2/3 ; Y: tp1 fp1 -> P .5 R 1 F 2/3 ; micro tp2 fp1 fn1 -> 2/3
    s = multilabel_scores([{"X"}, {"X", "Y"}, set()], [{"X"}, {"Y"}, {"Y"}], ["X", "Y"])
    assert s.micro_precision == pytest.approx(2 / 3)
    assert s.micro_recall == pytest.approx(2 / 3)
    assert s.macro_f1 == pytest.approx(2 / 3)
    assert s.weighted_f1 == pytest.approx(2 / 3)
    assert s.accuracy is None


def test_metrics_bcubed_ari_pairwise() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    pred = {"a": "x", "b": "y", "c": "y"}
    # B-cubed: a P1 R1/2 ; b P1/2 R1/2 ; c P1/2 R1 -> P = R = 2/3, F = 2/3
    assert bcubed(gold, pred) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    # ARI: index 0, sum_a 1, sum_b 1, C(3,2) = 3, expected 1/3, max 1 -> (0-1/3)/(2/3) = -0.5
    assert adjusted_rand_index(gold, pred) == pytest.approx(-0.5)
    # pairs: ab gold-same pred-diff (fn), bc gold-diff pred-same (fp), no tp -> 0
    assert pairwise_cluster_prf(gold, pred) == (0.0, 0.0, 0.0)
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    assert adjusted_rand_index(gold, gold) == 1.0
    # a missing prediction is a singleton: {a},{b},{c} -> P 1, R (1/2+1/2+1)/3 = 2/3
    assert bcubed(gold, {})[:2] == pytest.approx((1.0, 2 / 3))


def test_metrics_roc_auc_and_best_f1() -> None:
    labels = [True, True, False, False]
    scores = [0.9, 0.4, 0.5, 0.1]
    # pos-neg pairs: .9>.5, .9>.1, .4<.5, .4>.1 -> 3/4
    assert roc_auc(labels, scores) == 0.75
    assert roc_auc([True, False], [0.5, 0.5]) == 0.5  # a tie counts one half
    # thresholds: .9 -> F 2/3 ; .5 -> .5 ; .4 -> P 2/3 R 1 F .8 ; .1 -> 2/3
    assert best_threshold_f1(labels, scores) == pytest.approx((0.8, 0.4))


def test_metrics_haversine_median_pearson() -> None:
    # one degree of longitude on the equator: 6371 * pi / 180 = 111.19 km
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)
    assert median([3, 1, 2]) == 2 and median([4, 1, 2, 3]) == 2.5 and median([]) is None
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 1], [2, 3]) is None
