"""Coding rules of stages/code_events.py on invented sentences (no evaluation data)."""

from __future__ import annotations

import pytest

from eventcoder import extract
from eventcoder.evaluation.common import salient
from eventcoder.evaluation.testing import event
from eventcoder.records import Event, event_from_dict


def _top(text: str) -> Event:
    ev = salient(extract(text, "2024-05-02", doc_id="t"))
    assert ev is not None, text
    return ev


def _subs(text: str) -> set[str | None]:
    return {e.acled_sub_event_type for e in extract(text, "2024-05-02", doc_id="t")}


def test_according_to_is_not_an_agreement() -> None:
    text = "Police arrested twelve men in Lagos on Monday, according to the state news agency."
    assert "Agreement" not in _subs(text)
    assert _top(text).acled_sub_event_type == "Arrests"


def test_released_footage_is_not_a_release() -> None:
    text = "The army released footage of the raid on the camp on Friday."
    assert not [e for e in extract(text, doc_id="t") if e.event_type == "RETREAT"]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # a state force capturing a person arrests him; seizing weapons disrupts their use
        ("The Kenyan army captured a senior commander of the group near Garissa on Monday.",
         "Arrests"),
        ("Soldiers seized weapons and ammunition from a house in Maiduguri on Monday.",
         "Disrupted weapons use"),
        # a non-state group "recapturing" a place overtakes it
        ("Al-Shabaab militants recaptured the town of Bardere from government forces on Sunday.",
         "Non-state actor overtakes territory"),
        # an officer's kin are civilians: the husband's rank says nothing of the victim
        ("Major Ruben Ortega's wife was shot dead in her car outside the army club on Friday.",
         "Attack"),
        ("The police commander's son, Tomas Ruiz, was killed by gunmen near the bus station.",
         "Attack"),
    ],
)  # fmt: skip
def test_object_decides_the_sense(text: str, sub: str) -> None:
    assert _top(text).acled_sub_event_type == sub


def test_withdrawal_then_takeover_is_non_violent_transfer() -> None:
    text = ("Government troops withdrew from the town of Kismu on Monday, and rebel fighters "
            "entered it without resistance.")  # fmt: skip
    assert _top(text).acled_sub_event_type == "Non-violent transfer of territory"


def test_protest_over_a_police_shooting_stays_peaceful() -> None:
    text = "Hundreds of students marched peacefully in Lyon over the police shooting of a teenager."
    assert _top(text).acled_sub_event_type == "Peaceful protest"


def test_violent_suppression_of_peaceful_protest_is_excessive_force() -> None:
    text = "Soldiers violently suppressed a peaceful protest in the town of Kuna on Sunday."
    assert _top(text).acled_sub_event_type == "Excessive force against protesters"


def test_plover_sense_of_the_object() -> None:
    # CAMEO 162 reduce aid (SANCTION), 073 humanitarian aid (AID), 082 ease dissent (CONCEDE)
    assert _top("Germany suspended its military aid program for Mali on Tuesday.").event_type == (
        "SANCTION"
    )
    assert _top("French doctors handed over two tonnes of medicine to the Red Cross in Goma."
                ).event_type == "AID"  # fmt: skip
    text = "The teachers' union called off its national strike after talks with the ministry."
    assert _top(text).event_type == "CONCEDE"


def test_property_destruction_is_coerce() -> None:
    text = "Settlers set fire to the offices of a village council near Nablus overnight."
    top = _top(text)
    assert top.event_type == "COERCE"
    assert top.acled_sub_event_type == "Looting/property destruction"


def test_committed_rape_is_not_an_intent() -> None:
    text = "Investigators said soldiers committed rape against women in the village of Kaya."
    assert _top(text).acled_sub_event_type == "Sexual violence"


def test_salient_prefers_what_happened_at_equal_confidence() -> None:
    fight = event_from_dict(event("d", "ASSAULT", n=1, confidence=0.65, mentions=2,
                                  status="hypothetical"))  # fmt: skip
    threat = event_from_dict(event("d", "THREATEN", n=2, confidence=0.65))
    assert salient([fight, threat]) is threat
    surer = event_from_dict(event("d", "ASSAULT", n=3, confidence=0.8, status="hypothetical"))
    assert salient([surer, threat]) is surer  # confidence still comes first


def test_crowds_and_found_weapons() -> None:
    text = "A farmer was killed when villagers clashed with sticks over a field near Rangpur."
    assert _top(text).acled_sub_event_type == "Mob violence"
    text = "Grenades and mines were discovered in a well near the village of Kafr Nabl."
    assert _top(text).acled_sub_event_type == "Disrupted weapons use"


def test_demanded_act_and_metaphors_are_not_the_event() -> None:
    text = "The union renewed its demand that the government ease restrictions on travel."
    assert _top(text).event_type == "REQUEST"
    text = "Volunteers joined the battle against the cholera epidemic in Harare on Monday."
    assert not [e for e in extract(text, doc_id="t") if e.event_type == "ASSAULT"]


def test_weapons_behind_a_quantity_noun() -> None:
    text = "Soldiers discovered a large amount of ammunition hidden in a cave near Kidal on Monday."
    assert _top(text).acled_sub_event_type == "Disrupted weapons use"
    text = "Police officers stand beside a stash of rockets found in a farmhouse near Homs."
    assert _top(text).acled_sub_event_type == "Disrupted weapons use"


def test_stated_willingness_and_refusals() -> None:
    # "is prepared to" states an intent (PLOVER AGREE); "out of the question" refuses
    text = "The president said he is prepared to release the detained journalists."
    assert _top(text).event_type == "AGREE"
    text = "The minister said that lifting the embargo on Cuba is out of the question."
    assert _top(text).event_type == "REJECT"
    # a refusal that is only demanded has not happened
    text = "The union demanded that the government refuse to sign the trade deal."
    assert _top(text).event_type == "REQUEST"


def test_sabotage_expulsion_and_resettlement() -> None:
    top = _top("Rebels blew up two electricity pylons near the town of Tabor on Sunday.")
    assert (top.event_type, top.acled_sub_event_type) == ("COERCE", "Remote explosive/landmine/IED")
    assert _top("The junta expelled the UN refugee agency from the country.").event_type == (
        "SANCTION"
    )
    text = "The militia settled thirty families from the coast in the village of Deir Hafer."
    assert not [e for e in extract(text, doc_id="t") if e.event_type == "AGREE"]


def test_petitions_and_cyber_attacks() -> None:
    text = "The opposition party began collecting signatures against the new mining law."
    assert _top(text).event_type == "PROTEST"
    text = "Hackers defaced hundreds of government websites in the country last week."
    assert _top(text).event_type == "COERCE"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("A group of men attacked a peaceful rally of teachers in Dhaka, injuring eight.",
         "Mob violence"),
        ("Police attacked a peaceful rally of teachers in Dhaka, injuring eight.",
         "Excessive force against protesters"),
        ("The march against fuel prices turned very violent in Accra on Monday.",
         "Violent demonstration"),
        ("Farmers protesting the new tax rallied in Lille, blocking major roads into the city.",
         "Violent demonstration"),
        ("Police arrested forty people as farmers staged a sit-in and attempted to block traffic "
         "in Lille.", "Protest with intervention"),
    ],
)  # fmt: skip
def test_who_makes_a_protest_violent(text: str, sub: str) -> None:
    assert sub in _subs(text)


def test_background_named_in_passing() -> None:
    text = ("Norway suspended its aid to the country on Monday, two days after soldiers shot "
            "dead a student in the capital.")  # fmt: skip
    assert _top(text).event_type == "SANCTION"
    text = "A man accused of stealing a goat was beaten to death by a mob near Kisumu."
    assert _top(text).acled_sub_event_type == "Mob violence"


def test_more_senses_from_object_and_paragraph() -> None:
    text = "Kenyan police intercepted twelve suspected members of the group near Garissa."
    assert _top(text).acled_sub_event_type == "Arrests"
    text = "Soldiers abducted two teachers in the occupied city of Hebron on Sunday."
    assert "Non-state actor overtakes territory" not in _subs(text)
    text = "Israeli jets crossed into Syrian airspace and bombed an army depot near Homs."
    assert _top(text).acled_sub_event_type == "Air/drone strike"
    text = "The army prepared to resume shelling rebel positions around the town of Kuna."
    assert _top(text).event_type == "MOBILIZE"
    text = "Two soldiers died when a roadside bomb exploded. The blast also destroyed a truck."
    assert _top(text).acled_sub_event_type == "Remote explosive/landmine/IED"


def test_coding_leaving_a_thing_is_no_withdrawal() -> None:
    from eventcoder import extract

    assert extract("The terrorists left messages with local newspapers.", date="1989-05-25") == []
    (event,) = extract("The rebels left their last bastion on Tuesday.", date="2024-03-05")
    assert event.event_type == "RETREAT"


@pytest.mark.parametrize(
    ("text", "violent"),
    [
        ("We continue to battle terrorism.", False),
        ("The army will fight drug trafficking and corruption.", False),
        ("The fight against corruption goes on.", False),
        ("The government declared a war on drugs.", False),
        ("They fight the battle against subversion.", False),
        ("The U.S. drug-fighting drill was cancelled.", False),
        ("Troops fought a fierce battle against the rebels.", True),
        # people fought, or an ill and people: violence
        ("Troops fought the rebels near the border.", True),
        ("The army fought terrorism and the rebels who shelter it.", True),
    ],
)
def test_campaign_against_an_ill_is_no_assault(text: str, violent: bool) -> None:
    assert ("ASSAULT" in {e.event_type for e in extract(text, "2024-05-02")}) is violent


@pytest.mark.parametrize(
    "text",
    [
        "The two parties struck a deal on Monday.",
        "The clocks struck midnight in Panama.",
        "The law on extraditions was struck down by the supreme court.",
        "I seize this occasion to let them know that they can count on my support.",
        "To regain tranquility is not the exclusive responsibility of the armed forces.",
        "The film crew shot a video in the old town.",
        "Police officers were stationed at the train station.",
        "The boy raised his arm to answer.",
        "The man in charge of the plot was a former officer.",
    ],
)
def test_idioms_and_nouns_that_name_no_violence(text: str) -> None:
    types = {e.event_type for e in extract(text, "2024-05-02")}
    assert not types & {"ASSAULT", "AID", "ACCUSE"}, (text, types)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Gunmen struck a police station in the town on Monday.", "ASSAULT"),
        ("The army stationed troops in the town on Monday.", "MOBILIZE"),
        ("The United States continued to send arms to Pakistan.", "AID"),
        ("Al-Shabab gunmen storm university complex at dawn.", "ASSAULT"),
        ("Al-Shabab members charged a camp outside Afgoye.", "ASSAULT"),
    ],
)
def test_the_same_words_where_they_name_the_event(text: str, event_type: str) -> None:
    assert event_type in {e.event_type for e in extract(text, "2024-05-02")}, text


def test_a_word_inside_a_known_group_name_is_no_trigger() -> None:
    text = "The Farabundo Marti National Liberation Front issued a communique on Monday."
    assert "ASSAULT" not in {e.event_type for e in extract(text, "2024-05-02")}


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # planting a bomb is an attack with explosives
        ("Guerrillas planted a bomb at the bank.", [("ASSAULT", "Remote explosive/landmine/IED")]),
        ("The bomb was planted by guerrillas near the school.",
         [("ASSAULT", "Remote explosive/landmine/IED")]),
        # a planted device found or defused is one event: disrupted weapons use (ACLED)
        ("Police defused a bomb planted by guerrillas near the bank.",
         [("COERCE", "Disrupted weapons use")]),
        ("The army deactivated two mines planted on the road.",
         [("COERCE", "Disrupted weapons use")]),
    ],
)
def test_a_planted_bomb_is_an_attack_unless_it_was_disrupted(
    text: str, coded: list[tuple[str, str]]
) -> None:
    got = [(e.event_type, e.acled_sub_event_type) for e in extract(text, date="1990-04-05")]
    assert got == coded


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # people taken, not a place: a place word later in the sentence does not decide
        ("Rebels captured two soldiers near the town.",
         ("ASSAULT", "Abduction/forced disappearance")),
        ("Police seized students Pedro Ruiz and Juan Soto.", ("COERCE", "Arrests")),
        ("Carlos Vega was captured by army troops on 5 February.", ("COERCE", "Arrests")),
        # the first thing taken decides
        ("Troops captured the town of Perquin.", ("ASSAULT", "Government regains territory")),
        ("Rebels captured the town and two soldiers.",
         ("ASSAULT", "Non-state actor overtakes territory")),
    ],
)
def test_capturing_people_is_an_arrest_or_an_abduction(text: str, coded: tuple[str, str]) -> None:
    got = [(e.event_type, e.acled_sub_event_type) for e in extract(text, date="1990-02-07")]
    assert got == [coded]



@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("The army launched an operation to capture subversives.", "Arrests"),
        ("Troops captured the rebel stronghold and two villages.", "Government regains territory"),
        ("Militias captured the group's last remaining territory in March.",
         "Non-state actor overtakes territory"),
    ],
)
def test_groups_taken_are_people_and_their_places_are_territory(text: str, sub: str) -> None:
    subs = [e.acled_sub_event_type for e in extract(text, date="2024-03-01")]
    assert sub in subs


def test_killing_clergy_is_an_attack_on_civilians_though_the_police_are_named() -> None:
    (e,) = extract("Six Jesuit priests were murdered on Friday, the police said.", date="2024-03-01")
    assert e.acled_sub_event_type == "Attack"
