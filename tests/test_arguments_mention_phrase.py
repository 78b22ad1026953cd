"""An actor's mention phrase, and people's names the recogniser cut in two (invented text)."""

from __future__ import annotations

from typing import Any

import pytest

from eventcoder import extract
from eventcoder.records import ActorRef


@pytest.fixture(scope="module")
def full_nlp() -> object:
    from eventcoder.pipeline import build_nlp

    return build_nlp()


def _actors(nlp: Any, text: str, trigger_word: str) -> tuple[list[ActorRef], list[ActorRef]]:
    doc = nlp(text)
    for span in doc.spans["triggers"]:
        if trigger_word in span.text and span._.frame is not None:
            return list(span._.frame.source_actors), list(span._.frame.target_actors)
    raise AssertionError(trigger_word)


@pytest.mark.parametrize(
    ("text", "trigger", "phrase"),
    [
        # the count and the whole description, which the actor's text leaves out
        ("Three heavily armed men shot the mayor outside the market.", "shot",
         "Three heavily armed men"),
        # a restrictive participle is part of the mention
        ("Two teachers were killed by men wearing police uniforms.", "killed",
         "men wearing police uniforms"),
        # a leading article is not; "who" after a comma is a further clause
        ("The gunmen, who fled on foot, killed a guard at the bank.", "killed", None),
    ],
)  # fmt: skip
def test_source_mention_phrase(full_nlp: Any, text: str, trigger: str, phrase: str | None) -> None:
    sources, _ = _actors(full_nlp, text, trigger)
    assert sources, text
    assert sources[0].phrase == phrase


def test_target_phrase_keeps_the_count_and_stops_at_the_conjunction(full_nlp: Any) -> None:
    _, targets = _actors(full_nlp, "Rebels killed four farmers and two nurses near the dam.",
                         "killed")  # fmt: skip
    assert [(a.text, a.phrase) for a in targets] == [("farmers", "four farmers"),
                                                    ("nurses", "two nurses")]  # fmt: skip


def test_phrase_is_not_part_of_an_actors_identity() -> None:
    a = ActorRef("gunmen", "gunmen", phrase="three gunmen")
    assert a == ActorRef("gunmen", "gunmen") and hash(a) == hash(ActorRef("gunmen", "gunmen"))


def test_a_possessor_phrase_drops_its_case_marker(full_nlp: Any) -> None:
    sources, _ = _actors(full_nlp, "The Brigade's shelling of the port killed six dockers.",
                         "killed")  # fmt: skip
    assert [(a.text, a.phrase) for a in sources] == [("Brigade", None)]  # an act, not people
    sources, _ = _actors(full_nlp, "The Brigade's raid on the port shocked the town.", "raid")
    assert [(a.text, a.phrase) for a in sources] == [("Brigade", None)]  # not "Brigade's"


def test_phrase_of_text_in_capitals_quotes_the_users_own_text() -> None:
    text = ("TWO TEACHERS WERE KILLED IN THE VILLAGE TODAY BY MEN WEARING POLICE\n"
            "UNIFORMS, THE REGIONAL GOVERNOR SAID IN A STATEMENT READ ON THE RADIO.")
    sources = [a for e in extract(text, date="2024-05-02") for a in e.source_actors]
    assert [a.phrase for a in sources] == ["MEN WEARING POLICE UNIFORMS"]


def test_a_name_cut_in_two_is_one_person(full_nlp: Any) -> None:
    text = "Gunmen killed Senator Ramiro Quesada Ibarra in the port city."
    _, targets = _actors(full_nlp, text, "killed")
    assert [a.name for a in targets] == ["Ramiro Quesada Ibarra"]
    # a named person is not described by the place after the name
    assert [a.text for a in targets] == ["Senator Ramiro Quesada Ibarra"]


def test_a_named_persons_apposition_is_its_description(full_nlp: Any) -> None:
    text = "Gunmen killed Nadia Velasco, a 26-year-old teacher at the French school, in her home."
    _, targets = _actors(full_nlp, text, "killed")
    [victim] = targets
    assert victim.name == "Nadia Velasco" and victim.actor_type == "person"
    assert victim.description == "26-year-old teacher at the French school"


def test_a_title_noun_with_a_name_in_apposition_is_the_person(full_nlp: Any) -> None:
    _, targets = _actors(full_nlp, "Gunmen shot the intelligence director, Miguel Paz Quiroga, outside "
                         "his office.", "shot")  # fmt: skip
    # the person named, not the agency; the description is the mention's own phrase
    assert [(a.name, a.phrase) for a in targets] == [("Miguel Paz Quiroga", "intelligence director")]


def test_people_a_participle_befell_are_its_targets(full_nlp: Any) -> None:
    sources, targets = _actors(full_nlp, "The attack resulted in 9 local farmers killed and 3 "
                               "wounded.", "killed")  # fmt: skip
    assert sources == []
    assert [(a.text, a.actor_type, a.phrase) for a in targets] == [
        ("local farmers", "civilians", "9 local farmers")]  # fmt: skip
