"""Whole-pipeline behaviour on the bundled demo article and small hand-written texts."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from eventcoder import extract
from eventcoder.pipeline import chunks, run
from eventcoder.records import RawArticle


@pytest.fixture(scope="module")
def demo_events() -> list:
    text = resources.files("eventcoder").joinpath("data", "demo_article.txt").read_text("utf-8")
    return extract(text, "2024-03-12", doc_id="demo")


def test_pipeline_output_matches_json_schema(demo_events: list) -> None:
    schema = json.loads(
        resources.files("eventcoder").joinpath("data", "event.schema.json").read_text("utf-8")
    )
    assert demo_events
    for event in demo_events:
        jsonschema.validate(event.as_dict(), schema)


def test_pipeline_evidence_offsets_point_into_text() -> None:
    text = "Gunmen killed three villagers in an attack on Monday.\nPolice arrested two men."
    for event in extract(text):
        for ev in event.evidence:
            assert text[ev.start : ev.end] == ev.text


def test_pipeline_fatalities_and_instrument() -> None:
    [event] = [e for e in extract("A drone strike killed three soldiers and wounded dozens.")
               if e.event_type == "ASSAULT"]  # fmt: skip
    assert event.acled_sub_event_type == "Air/drone strike"
    assert event.fatalities is not None and (event.fatalities.min, event.fatalities.max) == (3, 3)
    assert event.injuries is not None and (event.injuries.min, event.injuries.max) == (12, None)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Rebels attacked the army base on Monday.", "asserted"),
        ("Rebels did not attack the army base.", "negated"),
        ("Rebels could attack the army base if talks fail.", "hypothetical"),
        ("The rebels claimed responsibility for the attack on the army base.", "claimed"),
        ("The government blamed the rebels for the attack on the army base.", "attributed"),
        ("Rebels reportedly attacked the army base.", "reported"),
        # a party telling of its own act claims it; being attacked is no claim
        ("Our units attacked the army base on Monday.", "claimed"),
        ("We attacked the army base on Monday.", "claimed"),
        ("We were attacked by the army on Monday.", "asserted"),
    ],
)
def test_pipeline_status(text: str, status: str) -> None:
    events = [e for e in extract(text) if e.event_type == "ASSAULT"]
    assert [e.status for e in events] == [status]


def test_pipeline_repeated_paragraph_adds_no_record() -> None:
    para = "A roadside bomb killed four police officers near Kandahar on Sunday, officials said."
    reworded = "On Sunday a roadside bomb near Kandahar killed four police officers, officials said."
    once = extract(para)
    twice = extract(para + "\n" + reworded)
    assert len(twice) == len(once) == 1
    assert twice[0].mentions == 2


def test_pipeline_empty_document_gives_note_and_no_events() -> None:
    [result] = list(run([RawArticle(doc_id="e", text="   ")]))
    assert result.events == () and result.notes and "[EC016]" in result.notes[0]


def test_pipeline_chunks_cover_text_exactly() -> None:
    text = ("word " * 30 + "\n") * 200
    pieces = chunks(text, 1000)
    assert "".join(p for _, p in pieces) == text
    assert all(text[o : o + len(p)] == p for o, p in pieces)


def test_pipeline_long_document_offsets_survive_chunking() -> None:
    para = "Militants attacked a police checkpoint in Kano, killing two officers.\n"
    text = para * 40
    from eventcoder.settings import load_settings

    settings = load_settings(chunk_chars=500)
    [result] = list(run([RawArticle(doc_id="long", text=text)], settings=settings))
    assert result.events
    for event in result.events:
        for ev in event.evidence:
            assert text[ev.start : ev.end] == ev.text


def test_pipeline_processes_give_the_same_results_in_order() -> None:
    from eventcoder.records import DocumentResult
    from eventcoder.settings import load_settings

    texts = [f"Gunmen killed {n} villagers near Kidal on Monday." for n in range(2, 8)]
    items: list = [RawArticle(doc_id=f"d{i}", text=t) for i, t in enumerate(texts)]
    items.insert(2, DocumentResult(doc_id="", origin="bad.jsonl:3", error="[EC014] bad line"))
    one = list(run(items, settings=load_settings(n_process=1, batch_size=2)))
    two = list(run(items, settings=load_settings(n_process=2, batch_size=2)))
    assert [r.doc_id for r in one] == [r.doc_id for r in two]
    assert [r.events for r in one] == [r.events for r in two]
    assert two[2].error == "[EC014] bad line"


def test_pipeline_paragraph_context_codes_suicide_bombs_and_riots() -> None:
    bomb = extract("A suicide bomber struck a crowded market in Maiduguri on Friday. "
                   "The blast killed 12 people, officials said.")  # fmt: skip
    assert {e.acled_sub_event_type for e in bomb if e.event_type == "ASSAULT"} == {"Suicide bomb"}
    riot = extract("Thousands of protesters marched through the capital on Saturday. "
                   "Some threw stones and smashed shop windows.")  # fmt: skip
    assert [e.acled_sub_event_type for e in riot if e.event_type == "PROTEST"] == [
        "Violent demonstration"
    ]


def test_pipeline_a_protest_demand_is_not_a_second_event() -> None:
    text = "Demonstrators gathered in several cities on Thursday to urge the government to avoid war."
    assert [e.event_type for e in extract(text)] == ["PROTEST"]


def test_pipeline_spans_quote_the_users_text_not_the_normalised_one() -> None:
    from eventcoder import extract

    text = (
        "GUERRILLAS ATTACKED A POLICE STATION IN\nSAN MIGUEL ON MONDAY, KILLING THREE "
        "POLICEMEN. THE ARMY SAID\nTROOPS WERE PURSUING THE ATTACKERS IN\nTHE AREA NEAR "
        "THE BORDER.\n"
    )
    events = extract(text, date="1989-11-20")
    assert events
    for event in events:
        for ev in event.evidence:
            assert ev.text == text[ev.start : ev.end]
        for actor in (*event.source_actors, *event.target_actors):
            if actor.start is not None and actor.end is not None:
                assert actor.text == text[actor.start : actor.end]
        if event.location is not None and event.location.start is not None:
            assert event.location.text == text[event.location.start : event.location.end]
        if event.date is not None and event.date.start_char is not None:
            assert event.date.text == text[event.date.start_char : event.date.end_char]
    assert any(e.date is not None and e.date.text == "MONDAY" for e in events)
    attack = next(e for e in events if e.fatalities)
    assert attack.location is not None and attack.location.name == "San Miguel"
    assert attack.fatalities is not None and attack.fatalities.text == "THREE"


@pytest.mark.parametrize(
    ("text", "background"),
    [
        # a count over a period, in the perfect: several past events, context
        ("The bar association said that four lawyers have been killed in three months.", True),
        ("The army said the rebels have killed 300 villagers since 1989.", True),
        ("Militants have killed two nurses at the clinic over the past year.", True),
        # one event, or a recent count without a period
        ("Four lawyers were killed on Monday outside the court.", False),
        ("Two people have been killed in the clashes near the bridge.", False),
    ],
)
def test_pipeline_a_tally_over_a_period_is_background(text: str, background: bool) -> None:
    violent = [e for e in extract(text, date="2024-05-02") if e.event_type == "ASSAULT"]
    assert violent and all(e.is_background is background for e in violent)
