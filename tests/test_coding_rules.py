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
