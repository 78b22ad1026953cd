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


@pytest.mark.parametrize(
    ("text", "deaths", "injured"),
    [
        ("Rebels shot the governor's driver on Monday.", None, 1),
        ("Gunmen shot dead two policemen on Monday.", 2, None),
        ("Three soldiers were shot dead at a checkpoint.", 3, None),
    ],
)
def test_casualties_shot_wounds_shot_dead_kills(
    text: str, deaths: int | None, injured: int | None
) -> None:
    (event,) = extract(text, date="2024-03-05")
    assert (event.fatalities.min if event.fatalities else None) == deaths
    assert (event.injuries.min if event.injuries else None) == injured
