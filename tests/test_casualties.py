"""Victim counts of killings (eventcoder.casualties) through the whole pipeline."""

from __future__ import annotations

import pytest

from eventcoder import extract


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # A name the recogniser missed (text that lost its capitals) is still one person.
        ("Cristiani blamed the rebels for the assassination of dr jose antonio rodriguez.", 1),
        ("Guerrillas killed mayor jose perez in the town on Monday.", 1),
        ("Gunmen killed Galan yesterday.", 1),
        ("Gunmen killed the six Jesuit priests and two women.", 8),
        ("Navarro replaced the assassinated carlos pizarro as the group's candidate.", 1),
        ("Police said drug traffickers were behind his assassination last week.", 1),
    ],
)
def test_casualties_named_victims_of_a_killing(text: str, deaths: int) -> None:
    counts = [e.fatalities.min for e in extract(text, date="1989-11-20") if e.fatalities]
    assert counts == [deaths]


def test_casualties_a_claim_is_not_a_killing() -> None:
    events = extract("The FMLN claimed Radio Venceremos as its own voice.", date="1989-11-20")
    assert all(e.fatalities is None for e in events)
