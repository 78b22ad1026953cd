"""Merging the mentions of one event within a document (eventcoder.stages.merge_mentions)."""

from __future__ import annotations

from eventcoder import extract
from eventcoder.records import Count
from eventcoder.stages.merge_mentions import includes


def test_merge_mentions_a_total_includes_the_part_it_enumerates() -> None:
    six = Count(6, 6, "the six Jesuits")
    eight = Count(8, 8, "The six Jesuits and two more persons")
    assert includes(eight, six)
    assert not includes(six, eight)
    # a larger figure that does not enumerate the smaller one is a different count
    assert not includes(Count(8, 8, "eight people"), six)
    assert not includes(Count(8, 8, "the six Jesuits"), six)


def test_merge_mentions_an_enumerating_total_joins_and_supersedes_the_part() -> None:
    text = (
        "Gunmen killed the six Jesuits on Thursday. The six Jesuits and two more persons "
        "were killed by the gunmen in the university."
    )
    (event,) = extract(text, date="1989-11-20")
    assert event.mentions == 2
    assert event.fatalities is not None and (event.fatalities.min, event.fatalities.max) == (8, 8)


def test_merge_mentions_two_named_victims_are_two_killings() -> None:
    text = (
        "The guerrillas killed Carlos Pizarro in April. "
        "The guerrillas killed Bernardo Quiroga in March."
    )
    events = extract(text, date="1990-05-01")
    assert sorted(a.text for e in events for a in e.target_actors) == [
        "Bernardo Quiroga",
        "Carlos Pizarro",
    ]
    assert len(events) == 2


def test_merge_mentions_a_threat_has_killed_no_one() -> None:
    text = "The rebels threatened to kill 20 soldiers. The rebels killed two soldiers in the town."
    events = extract(text, date="1990-05-01")
    threat = next(e for e in events if e.event_type == "THREATEN")
    attack = next(e for e in events if e.event_type == "ASSAULT")
    assert threat.fatalities is None
    assert attack.fatalities is not None and attack.fatalities.min == 2


def test_merge_mentions_one_sentence_does_not_assert_and_deny_one_event() -> None:
    text = "No arrests have been made after about 20 shops were looted on Monday night."
    events = extract(text, date="2019-09-04")
    looting = [e for e in events if e.acled_sub_event_type == "Looting/property destruction"]
    assert [e.status for e in looting] == ["asserted"]
    # the denied arrest never becomes an asserted one by merging with the looting
    assert not any(e.acled_sub_event_type == "Arrests" and e.status != "negated" for e in events)


def test_merge_mentions_the_finest_place_a_retelling_gives() -> None:
    text = (
        "The government of Guatemala condemned the murder of Ana Ruiz, an official of the "
        "Mexican embassy in Guatemala. Ruiz was shot dead on Monday in the old quarter of "
        "this capital."
    )
    murder = next(e for e in extract(text, date="1989-11-20") if e.event_type == "ASSAULT")
    assert murder.mentions == 2
    assert murder.location is not None and murder.location.name == "Guatemala City"


def test_merge_mentions_a_later_claim_of_responsibility_makes_the_event_claimed() -> None:
    text = (
        "Senator Luis Mora was kidnapped on Monday in Cali. Hours later, in calls to a radio "
        "station, the Red Hand Front claimed responsibility for the kidnapping."
    )
    kidnap = next(e for e in extract(text, date="1990-04-05") if e.event_type == "ASSAULT")
    assert kidnap.mentions == 2
    assert kidnap.status == "claimed"
    assert [a.name for a in kidnap.claimed_by] == ["Red Hand Front"]

