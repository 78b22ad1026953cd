"""Argument choice and actor span rules (PLOVER/CAMEO conventions) on invented sentences."""

from __future__ import annotations

import pytest

from eventcoder.records import ActorRef


@pytest.fixture(scope="module")
def full_nlp() -> object:
    from eventcoder.pipeline import build_nlp

    return build_nlp()


def _frame(nlp: object, text: str, trigger_word: str) -> tuple[list[str], list[str]]:
    """Source and target texts of the trigger whose text contains ``trigger_word``."""
    doc = nlp(text)  # type: ignore[operator]
    for span in doc.spans["triggers"]:
        if trigger_word in span.text and span._.frame is not None:
            frame = span._.frame
            for actor in (*frame.source_actors, *frame.target_actors):
                _check_offsets(text, actor)
            return ([a.text for a in frame.source_actors], [a.text for a in frame.target_actors])
    raise AssertionError(f"no trigger {trigger_word!r} in {[t.text for t in doc.spans['triggers']]}")


def _check_offsets(text: str, actor: ActorRef) -> None:
    """The emitted text is the document's own text at the actor's offsets."""
    assert actor.start is not None and actor.end is not None
    assert text[actor.start : actor.end] == actor.text


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        # the subject of a demanded act is the one the demand is made of
        ("Japan demanded that China release the detained fishermen.", "demanded", "China"),
        # a target preposition inside the act's own phrase
        ("Canada imposed sanctions on Venezuela last week.", "sanctions", "Venezuela"),
        ("Norway threatened to cut ties with Belarus on Monday.", "threatened", "Belarus"),
        ("Germany rejected repeated calls by Poland for more troops.", "rejected", "Poland"),
        # the place a non-violent measure is imposed on
        ("Peru declared a curfew in Lima on Sunday.", "curfew", "Lima"),
    ],
)
def test_targets_inside_the_act_phrase(full_nlp: object, text: str, trigger: str,
                                       target: str) -> None:
    _sources, targets = _frame(full_nlp, text, trigger)
    assert target in targets


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        # a post-modifier naming a place belongs to a common-noun actor
        ("Security forces in Mali detained two journalists on Friday.", "detained",
         "Security forces in Mali"),
        # a title between a nationality and a name stays; grading words go
        ("Egyptian foreign minister Ahmed Fathy criticised Sudan on Monday.", "criticised",
         "Egyptian foreign minister Ahmed Fathy"),
        # a named organisation before a member noun is the actor
        ("Hezbollah fighters attacked an army post near the border.", "attacked", "Hezbollah"),
    ],
)
def test_source_span_conventions(full_nlp: object, text: str, trigger: str, source: str) -> None:
    sources, _targets = _frame(full_nlp, text, trigger)
    assert source in sources


def test_leader_of_a_country_keeps_the_title_phrase(full_nlp: object) -> None:
    _sources, targets = _frame(
        full_nlp, "Argentina offered to negotiate with the president of Chile.", "negotiate"
    )
    assert "president of Chile" in targets


def test_counting_words_are_not_part_of_the_actor(full_nlp: object) -> None:
    _sources, targets = _frame(
        full_nlp, "Drone strikes killed at least nine top Taliban commanders in May.", "killed"
    )
    assert "Taliban commanders" in targets
