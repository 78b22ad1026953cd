"""The stages line up: component order is valid and stage signatures chain."""

from __future__ import annotations

import typing

from eventcoder import records
from eventcoder.pipeline import build_nlp
from eventcoder.stages import (
    code_events,
    collect_mentions,
    merge_mentions,
    normalize,
    relate_actors,
)


def test_pipeline_contract_analyze_pipes_reports_no_problems() -> None:
    nlp = build_nlp()
    analysis = nlp.analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values())


def test_pipeline_contract_stage_types_chain() -> None:
    hints = typing.get_type_hints
    assert hints(normalize.normalize)["return"] is records.Article
    assert hints(collect_mentions.doc_to_mentions)["return"] == list[records.EventMention]
    assert hints(code_events.code_mention)["m"] is records.EventMention
    assert hints(code_events.code_mention)["return"] is records.EventMention
    assert hints(merge_mentions.merge_mentions)["mentions"] == list[records.EventMention]
    assert hints(merge_mentions.merge_mentions)["return"] == list[records.Event]
    assert hints(relate_actors.relate_actors)["events"] == list[records.Event]
    assert hints(relate_actors.relate_actors)["return"] == list[records.Event]
