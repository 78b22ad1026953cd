"""Tests of string-slot matching (normalisation, exact/lenient, optional fillers)."""

from __future__ import annotations

import pytest

from eventcoder.evaluation.matching import (
    Filler,
    exact_match,
    lenient_match,
    match_slot,
    normalise,
    token_f1,
)


def test_matching_normalise_drops_case_space_articles() -> None:
    assert normalise("  The  Red   Brigade. ") == "red brigade"
    assert normalise("an a the") == "the"  # "an ", then "a " removed; a bare "the" stays


def test_matching_exact_and_lenient() -> None:
    assert exact_match("the Rebels", ["REBELS", "insurgents"])
    assert not exact_match("rebel army", ["rebels"])
    # head word "army" = "army"
    assert lenient_match("rebel army", ["the national army"])
    # token F1 of "armed rebel group" vs "rebel group": 2 common, P 2/3 R 1 -> .8
    assert token_f1("armed rebel group", "rebel group") == 0.8
    assert not lenient_match("", ["x"])


def test_matching_slot_optional_and_duplicates() -> None:
    gold = [Filler(("GUERRILLAS", "REBELS")), Filler(("ARMY",), optional=True), Filler(("MAYOR",))]
    # "rebels" fills the first (tp); "army" hits only the optional one (neither);
    # "guerrillas" would match the used first filler -> fp; "Rebels" repeats "rebels" -> ignored
    c = match_slot(["rebels", "army", "guerrillas", "Rebels"], gold)
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)
    assert c.missed == ("MAYOR",) and c.spurious == ("guerrillas",)


def test_matching_slot_prediction_with_alternative_names() -> None:
    gold = [Filler(("FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN")), Filler(("ARMY",))]
    # "FMLN units" fills the front by its canonical name; one prediction, one filler
    c = match_slot([("FMLN units", "FMLN"), ("the police", "police")], gold)
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)
    assert c.spurious == ("the police",) and c.missed == ("ARMY",)
    # neither string matching: the prediction is spurious under its text
    c = match_slot([("rebel fighters", "rebels")], gold)
    assert (c.tp, c.fp, c.fn) == (0, 1, 2) and c.spurious == ("rebel fighters",)


@pytest.mark.parametrize("order", [["ARMY TROOPS", "TROOPS"], ["TROOPS", "ARMY TROOPS"]])
def test_match_slot_is_a_maximum_matching_whatever_the_order(order: list[str]) -> None:
    # "ARMY TROOPS" fits both fillers, "TROOPS" only the first: both are right together
    gold = [Filler(("TROOPS", "ARMY TROOPS")), Filler(("ARMY TROOPS",))]
    counts = match_slot(order, gold)
    assert (counts.tp, counts.fp, counts.fn) == (2, 0, 0)
    # an optional filler takes only what no required one needs
    gold = [Filler(("TROOPS",), optional=True), Filler(("TROOPS", "SOLDIERS"))]
    counts = match_slot(["TROOPS", "SOLDIERS"], gold)
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 0)
