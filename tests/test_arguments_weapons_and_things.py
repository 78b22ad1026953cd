"""Weapons as the text names them, and the names of unlinked groups and things attacked."""

from __future__ import annotations

from typing import Any

import pytest

from eventcoder import extract


@pytest.fixture(scope="module")
def full_nlp() -> Any:
    from eventcoder.pipeline import build_nlp

    return build_nlp()


@pytest.mark.parametrize(
    ("text", "weapon", "mode"),
    [
        ("Terrorists detonated a car bomb near the embassy.", "car bomb", "explosives"),
        ("Guerrillas attacked the post with dynamite.", "dynamite", "explosives"),
        # the weapon, not the gunmen who carry it
        ("Gunmen killed two policemen with machineguns.", "machineguns", "firearms"),
        # a calibre is not part of the weapon's name
        ("Rebels shelled the town with 85-mm field guns.", "field guns", "heavy-weapons"),
        # "gunmen" implies firearms without naming a weapon
        ("The gunmen shot the mayor.", None, "firearms"),
    ],
)
def test_instrument_is_the_weapon_the_text_names(text: str, weapon: str | None, mode: str) -> None:
    [event] = [e for e in extract(text) if e.event_type == "ASSAULT"]
    assert event.instrument == weapon
    assert event.mode == mode
    if weapon is not None:
        assert weapon in text


def test_water_cannon_is_no_artillery() -> None:
    text = "Security forces used tear gas and water cannons against protesters near parliament."
    assert not [e for e in extract(text) if e.acled_sub_event_type and "Shelling" in e.acled_sub_event_type]


def _targets(nlp: Any, text: str, trigger_word: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    for span in doc.spans["triggers"]:
        if trigger_word in span.text and span._.frame is not None:
            return [(a.text, a.name) for a in span._.frame.target_actors]
    raise AssertionError(trigger_word)


# Text that lost its capitals keeps whole noun phrases as actor text (no capitals to tell a
# name from a description), so only the name drops the counting words.
_LOWER = ("the report was read on the radio this morning by a spokesman in the capital, who "
          "gave no further details about the operation or about the people behind it. ")


def test_each_thing_attacked_is_a_target_named_without_its_count(full_nlp: Any) -> None:
    got = _targets(full_nlp, _LOWER + "urban guerrillas sabotaged several pylons and two "
                   "transformers.", "sabotaged")  # fmt: skip
    assert [n for _, n in got] == ["pylons", "transformers"]
    assert got[0][0] == "several pylons"  # the text keeps the words as written
    got = _targets(full_nlp, _LOWER + "gunmen burned his car outside the school.", "burned")
    assert [n for _, n in got] == ["car"]


def test_unlinked_group_is_named_without_its_count(full_nlp: Any) -> None:
    got = _targets(full_nlp, _LOWER + "soldiers killed many civilians in the village.", "killed")
    assert got == [("many civilians", "civilians")]


def test_described_then_named_person_goes_by_the_name(full_nlp: Any) -> None:
    got = _targets(full_nlp, _LOWER + "gunmen killed attorney general julio mendez arana "
                   "in the capital.", "killed")  # fmt: skip
    assert got == [("attorney general julio mendez arana", "julio mendez arana")]


def test_a_name_after_a_title_is_a_person_not_a_thing(full_nlp: Any) -> None:
    got = _targets(full_nlp, _LOWER + "unidentified men killed liberal senator ramiro quesada "
                   "ibarra in the port.", "killed")  # fmt: skip
    assert [n for _, n in got] == ["ramiro quesada ibarra"]
    got = _targets(full_nlp, _LOWER + "fmln terrorists attacked the el carmen civil defense post, la paz department.",
                   "attacked")  # fmt: skip
    names = [n for _, n in got]  # "defense" is no title: the post is a thing, not "post"
    assert "post" not in names and any(n.endswith("civil defense post") for n in names)


def test_a_measure_is_no_thing_attacked_and_a_part_gives_the_whole(full_nlp: Any) -> None:
    got = _targets(full_nlp, _LOWER + "gunmen fired 55 rounds that hit the left side of the car.",
                   "hit")  # fmt: skip
    assert [n for _, n in got] == ["car"]


@pytest.mark.parametrize(
    ("sentence", "trigger", "names"),
    [
        # a count gives what it counts
        ("the guerrillas burned a total of 12 vehicles.", "burned", ["vehicles"]),
        ("the bomb destroyed one of the buses.", "destroyed", ["buses"]),
        # arms destroyed or taken are no thing attacked; neither is a process dealt a blow
        ("the rebels attacked the barracks and destroyed rifles and ammunition.", "destroyed", []),
        ("the attack dealt a hard blow to the peace process.", "attack", []),
    ],
)
def test_counts_arms_and_abstractions_are_no_things_attacked(
    full_nlp: Any, sentence: str, trigger: str, names: list[str]
) -> None:
    assert [n for _, n in _targets(full_nlp, _LOWER + sentence, trigger)] == names


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        # someone known by a tie to another person is not that person
        ("The talks followed a trip to Baghdad by Qassem Soleimani's successor, Esmail Qaani.",
         ["Esmail Qaani"]),
        # a group's own spokesman speaks for the group
        ("KH's spokesman announced a suspension of operations.", ["Kataib Hezbollah"]),
    ],
)
def test_kin_and_successors_are_not_the_person_they_are_tied_to(
    text: str, sources: list[str]
) -> None:
    [event] = [e for e in extract(text, date="2024-03-05") if e.source_actors]
    assert [a.name for a in event.source_actors] == sources
