"""The founding example (../shared/examples/iraq-us-forces-opinion.txt): issue 2's checks.

The article is read from ../shared/examples and never copied here; the tests skip when it
is absent.
"""

from __future__ import annotations

import pytest

from eventcoder import extract
from eventcoder.records import Event


@pytest.fixture(scope="module")
def events(founding_example: str) -> list[Event]:
    return extract(founding_example, doc_id="founding")


def _names(actors: tuple) -> set[str]:
    return {a.name for a in actors}


def _evidence(e: Event) -> str:
    return " ".join(v.text for v in e.evidence)


def test_founding_tower22_is_one_attributed_record(events: list[Event]) -> None:
    tower = [e for e in events if e.event_type == "ASSAULT" and e.fatalities
             and e.fatalities.min == 3]  # fmt: skip
    assert len(tower) == 1
    [e] = tower
    assert e.acled_sub_event_type == "Air/drone strike"
    assert e.injuries is not None and e.injuries.min == 12  # "dozens", ACLED's convention
    assert e.status == "attributed"
    assert "United States" in _names(e.attributed_by)
    assert "Kataib Hezbollah" in _names(e.source_actors)
    assert e.mentions >= 3
    assert not e.is_background
    # The other groups' "operations against the US" are other events, not this attack.
    assert _names(e.source_actors) == {"Kataib Hezbollah"}


def test_founding_soleimani_killing_once_and_background(events: list[Event]) -> None:
    hits = [e for e in events if "Qassem Soleimani" in _names(e.target_actors)]
    assert len(hits) == 1
    [e] = hits
    assert e.event_type == "ASSAULT" and e.mode == "assassinate"
    assert "United States" in _names(e.source_actors)
    assert e.date is not None and e.date.start is not None and e.date.start.year == 2020
    assert e.is_background


def test_founding_us_strikes_once(events: list[Event]) -> None:
    hits = [e for e in events if "airstrikes" in _evidence(e) and "United States" in
            _names(e.source_actors) and e.event_type == "ASSAULT"]  # fmt: skip
    assert len(hits) == 1
    assert hits[0].mentions >= 2  # "dozens of airstrikes" and the "retaliatory" strikes


def test_founding_kh_suspension_claimed_once(events: list[Event]) -> None:
    hits = [e for e in events if e.event_type == "RETREAT"
            and "Kataib Hezbollah" in _names(e.source_actors)]  # fmt: skip
    assert len(hits) == 1
    assert hits[0].status == "claimed"
    assert "Kataib Hezbollah" in _names(hits[0].claimed_by)
    # The 1982 retreat from Lebanon told in the same article is another event.
    assert not hits[0].is_background
    assert hits[0].date is None or hits[0].date.start is None or hits[0].date.start.year >= 2023


def test_founding_parliament_vote_once(events: list[Event]) -> None:
    hits = [e for e in events if any("parliament" in a.name.lower() for a in e.source_actors)]
    assert len(hits) == 1
    assert hits[0].status == "asserted"


def test_founding_beirut_bombing_background(events: list[Event]) -> None:
    hits = [e for e in events if e.fatalities and e.fatalities.min == 200]
    assert len(hits) == 1
    [e] = hits
    assert e.fatalities is not None and e.fatalities.max is None  # "over 200"
    assert e.is_background
    assert e.date is not None and e.date.start is not None and e.date.start.year == 1982
    assert "Hezbollah" in _names(e.source_actors)


def test_founding_kh_claimed_attacks_once(events: list[Event]) -> None:
    hits = [e for e in events if "150 attacks" in _evidence(e) and e.status == "claimed"]
    assert len(hits) == 1


def test_founding_final_paragraph_asserts_nothing(founding_example: str, events: list[Event]) -> None:
    last = founding_example.rstrip().rsplit("\n", 1)[-1]
    start = founding_example.rindex(last)
    inside = [e for e in events if all(v.start >= start for v in e.evidence)]
    assert all(e.status != "asserted" for e in inside), [(e.event_type, e.status) for e in inside]

