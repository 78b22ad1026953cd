"""Document-level rules of mention collection, on records built for the test."""

from __future__ import annotations

from eventcoder.records import ActorRef, EventMention, Evidence
from eventcoder.stages.collect_mentions import _fullest_person_names


def _mention(*targets: ActorRef) -> EventMention:
    span = Evidence("d", 0, 4, "shot")
    return EventMention("d", "ASSAULT", None, "190", None, "Attack", span, span,
                        target_actors=targets)  # fmt: skip


def _person(name: str) -> ActorRef:
    return ActorRef(name.upper(), name, actor_type="person")


def test_a_person_named_in_part_goes_by_the_fullest_name() -> None:
    got = _fullest_person_names([
        _mention(_person("hector olinde colman")),
        _mention(_person("hector olinde")),
        _mention(_person("olinde"), _person("marta ruiz")),
    ])  # fmt: skip
    assert [[a.name for a in m.target_actors] for m in got] == [
        ["hector olinde colman"], ["hector olinde colman"],
        ["hector olinde colman", "marta ruiz"]]  # fmt: skip
    assert got[1].target_actors[0].text == "HECTOR OLINDE"  # the text stays the document's


def test_a_part_of_two_different_names_keeps_its_own() -> None:
    got = _fullest_person_names([
        _mention(_person("maria lopez")), _mention(_person("carlos lopez")),
        _mention(_person("lopez")),
    ])  # fmt: skip
    assert [m.target_actors[0].name for m in got] == ["maria lopez", "carlos lopez", "lopez"]


def test_linked_actors_keep_their_names() -> None:
    linked = ActorRef("OLINDE", "Olinde", actor_id="olinde-x", actor_type="person")
    got = _fullest_person_names([_mention(_person("hector olinde colman")), _mention(linked)])
    assert got[1].target_actors[0].name == "Olinde"
