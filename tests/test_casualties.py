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
        ("Gunmen killed Ossorio yesterday.", 1),
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


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # the subject of "die" is who died, when the violent act is in its adverbial phrase
        ("Thirteen people died as a result of a bomb explosion in the capital.", 13),
        # result verbs state the toll of the act that is their subject
        ("The attack resulted in the death of a civilian.", 1),
        ("The explosion caused 12 deaths.", 12),
        ("The car bomb left three people dead.", 3),
        # a second participle shares the passive subject of the first
        ("Two students were abducted and killed by the gunmen.", 2),
    ],
)
def test_casualties_deaths_stated_as_a_result(text: str, deaths: int) -> None:
    counts = [e.fatalities.min for e in extract(text, date="1989-11-20") if e.fatalities]
    assert counts == [deaths]


def test_casualties_a_near_miss_kills_no_one() -> None:
    events = extract("The mayor was almost killed when gunmen opened fire on his car.",
                     date="1989-11-20")  # fmt: skip
    assert events and all(e.fatalities is None for e in events)


def test_casualties_left_dead_is_an_outcome_not_a_departure() -> None:
    events = extract("The car bomb left three people dead.", date="1989-11-20")
    assert {e.event_type for e in events} == {"ASSAULT"}


def test_casualties_death_is_a_killing_only_where_a_culprit_is_sought() -> None:
    (event,) = extract("The army denied responsibility for the death of the six priests.",
                       date="1989-11-20")  # fmt: skip
    assert event.status == "negated"
    assert event.fatalities is not None and event.fatalities.min == 6
    assert extract("The death of his father saddened the minister.", date="1989-11-20") == []
    assert extract("Death squads operate in the capital.", date="1989-11-20") == []


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("Two missionaries were shot to death last night by a group of terrorists.", 2),
        ("The mob beat two policemen to death.", 2),
        ("Three villagers were burned to death when rebels set fire to their homes.", 3),
    ],
)
def test_casualties_to_death_is_a_killing(text: str, deaths: int) -> None:
    counts = [e.fatalities.min for e in extract(text, date="1989-11-20") if e.fatalities]
    assert counts == [deaths]


def test_casualties_a_sentence_to_death_is_no_killing() -> None:
    assert extract("They sentenced him to death.", date="1989-11-20") == []


def test_casualties_a_total_then_its_parts_by_nationality() -> None:
    text = "Police killed three reporters, two Salvadorans and a Netherlander, on Monday."
    counts = [e.fatalities.min for e in extract(text, date="1989-03-19") if e.fatalities]
    assert counts == [3]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # an inquiry into a definite killing speaks of one that happened
        ("He said an investigation will be conducted into the murders of three reporters.",
         ("ASSAULT", "asserted")),
        ("They said they will avenge the killing of their leader.", ("ASSAULT", "asserted")),
        # a definite attack still to come is a stated intent (PLOVER THREATEN)
        ("The rebels said they will launch the attack on the base tomorrow.",
         ("THREATEN", "asserted")),
    ],
)
def test_status_an_act_about_a_definite_killing_presupposes_it(
    text: str, coded: tuple[str, str]
) -> None:
    assert [(e.event_type, e.status) for e in extract(text, date="1989-03-19")] == [coded]


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # the counted people who own the killing are its victims
        ("The names of those involved in the three farmers' slaying were revealed.", 3),
        ("He condemned the two soldiers' murder.", 2),
        # no number, no count
        ("He condemned the soldiers' murder.", None),
    ],
)
def test_casualties_counted_owners_of_a_killing_noun(text: str, deaths: int | None) -> None:
    [event] = [e for e in extract(text, date="1990-01-14") if e.event_type == "ASSAULT"]
    assert (event.fatalities.min if event.fatalities else None) == deaths


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # the last violent event before the toll
        ("A car bomb exploded outside the police headquarters on Wednesday. The death toll "
         "rose to 59 on Thursday, officials said.", (59, 59)),
        # the event the toll names
        ("The death toll from Friday's bombing in Kabul rose to 30.", (30, 30)),
        ("A bomb exploded in a market. The number of dead stands at 12.", (12, 12)),
        ("A bomb exploded in a market. The number of people killed reached at least 15.",
         (15, None)),
        # the event's own figure stands; a toll of something else counts no event
        ("Two people were killed in a clash in Tripoli. The death toll from the week's "
         "violence rose to 50.", (2, 2)),
        ("A bomb exploded in a market.\n\nThe death toll rose to 30.", (30, 30)),
        # casualties include the wounded
        ("A bomb exploded in a market. The casualty toll is 40.", None),
    ],
)
def test_casualties_a_stated_death_toll_counts_its_event(
    text: str, deaths: tuple[int, int | None] | None
) -> None:
    [event] = [e for e in extract(text, date="2024-03-01") if e.event_type == "ASSAULT"]
    got = (event.fatalities.min, event.fatalities.max) if event.fatalities else None
    assert got == deaths
    if event.fatalities is not None:
        assert text[event.fatalities.start : event.fatalities.end] == event.fatalities.text


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # the parser makes the second item an apposition of the first: still a list
        ("Rebels killed two soldiers, a policeman and a civilian in the attack.", 4),
        ("The blast killed 3 engineers, a guard and his brother.", 5),
        ("A bomb killed a judge, his driver and two bodyguards.", 4),
        # ... or the last a conjunct of the verb, with a comma before "and"
        ("Troops killed 4 farmers, a nurse, and her son near the river.", 6),
        # a lone apposition describes the person
        ("Gunmen killed the victim, a teacher, in her home.", 1),
        # a name in apposition is the person before it
        ("Gunmen killed the mayor, Juan Perez, and his driver.", 2),
        # two descriptions of one person
        ("Gunmen killed Jorge Perez, political leader and former guerrilla commander.", 1),
    ],
)
def test_casualties_a_list_the_parser_reads_as_an_apposition(text: str, deaths: int) -> None:
    [event] = [e for e in extract(text, date="1990-01-14") if e.event_type == "ASSAULT"]
    assert event.fatalities is not None and event.fatalities.min == deaths


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # a toll that rose is a later figure: it supersedes the event's own
        ("Two people were killed when a bomb exploded in a market on Monday. The death toll "
         "rose to 30 on Tuesday, officials said.", [30]),
        # the latest of several updates
        ("A bomb killed three people. Later the death toll rose to five. By Friday the death "
         "toll had risen to seven.", [7]),
        # it updates the event before it, not an earlier one in another sentence
        ("Gunmen killed two soldiers in Kirkuk. Separately, a bomb exploded in Basra. The "
         "death toll rose to 9.", [2, 9]),
        # a toll that only "is" a figure fills in a missing one: the event's own stands
        ("At least 30 people were killed in the bombing. The death toll is 25, police said.",
         [30]),
    ],
)
def test_casualties_an_updated_death_toll_supersedes_earlier_figures(
    text: str, counts: list[int]
) -> None:
    events = sorted(extract(text, date="2024-03-01"), key=lambda e: e.evidence[0].start)
    assert [e.fatalities.min for e in events if e.fatalities] == counts


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # text that lost its capitals: the tagger reads the surname as a plural noun
        ("the police murdered law student jorge paz, whose body was found near a river.", 1),
        # a plural of people is no count
        ("Gunmen killed university students in the capital.", None),
    ],
)
def test_casualties_a_surname_read_as_a_plural_is_one_victim(text: str, deaths: int | None) -> None:
    [event] = [e for e in extract(text, date="1990-02-07") if e.event_type == "ASSAULT"]
    assert (event.fatalities.min if event.fatalities else None) == deaths
