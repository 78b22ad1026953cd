"""Tests for eventcoder.kb.load: building, checking and querying the knowledge base."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventcoder.errors import KBError
from eventcoder.kb import Actor, Alias, Relation, build_kb, load_kb


def _actor(
    actor_id: str, *aliases: str, relations: tuple[Relation, ...] = (), prefer: bool = False
) -> Actor:
    return Actor(
        id=actor_id,
        name=actor_id.title(),
        type="armed group",
        aliases=tuple(Alias(a, prefer=prefer) for a in aliases),
        relations=relations,
        origin=f"test.yaml:{len(actor_id)}",
    )


def test_kb_load_duplicate_id_is_an_error() -> None:
    with pytest.raises(KBError, match="duplicate actor id 'a'"):
        build_kb([_actor("a"), _actor("a")])


def test_kb_load_unknown_relation_target_is_an_error() -> None:
    with pytest.raises(KBError, match="unknown id 'nobody'"):
        build_kb([_actor("a", relations=(Relation("part_of", "nobody", origin="f.yaml:9"),))])


def test_kb_load_alias_clash_needs_a_rule() -> None:
    with pytest.raises(KBError, match="claimed by .* without a rule"):
        build_kb([_actor("a", "Red Army"), _actor("b", "Red Army")])
    kb = build_kb([_actor("a", "Red Army"), _actor("b", "Red Army", prefer=True)])
    assert [a.id for a in kb.lookup("red army")] == ["b", "a"]


def test_kb_load_acronym_and_word_do_not_clash() -> None:
    kb = build_kb([_actor("a", "AMAL"), _actor("b", "Amal")])
    assert {a.id for a in kb.lookup("Amal")} == {"a", "b"}


def test_kb_load_extra_files_override(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n  - id: hamas\n    name: Hamas (mine)\n    type: political party\n"
        "  - id: my-militia\n    name: My Militia\n    type: militia\n    aliases: [MyM]\n",
        encoding="utf-8",
    )
    kb = load_kb([path])
    assert kb.actors["hamas"].name == "Hamas (mine)"
    assert kb.lookup("MyM")[0].id == "my-militia"
    assert load_kb().actors["hamas"].name == "Hamas"


def test_kb_load_missing_extra_file() -> None:
    with pytest.raises(KBError, match="no such knowledge-base file"):
        load_kb([Path("/nonexistent/kb.yaml")])


def test_kb_load_is_cached() -> None:
    assert load_kb() is load_kb()


def test_kb_load_lookup_variants() -> None:
    kb = load_kb()
    for text in ("Kataib Hizbullah", "Kata’ib Hezbollah", "KATAIB HIZBALLAH", "KH"):
        assert kb.lookup(text)[0].id == "kataib-hizbullah", text
    assert kb.lookup("Hizbullah")[0].id == "hezbollah"
    assert kb.lookup("Daesh")[0].id == "islamic-state"


def test_kb_load_time_aware_leaders() -> None:
    kb = load_kb()
    assert [a.id for a in kb.leaders("quds-force", dt.date(2019, 5, 1))] == ["qassem-soleimani"]
    assert [a.id for a in kb.leaders("quds-force", dt.date(2021, 5, 1))] == ["esmail-qaani"]
    assert {a.id for a in kb.leaders("quds-force")} == {"qassem-soleimani", "esmail-qaani"}
    succeeded = kb.relations("esmail-qaani", "succeeded")
    assert succeeded[0].target == "qassem-soleimani"


def test_kb_load_parents_chain() -> None:
    kb = load_kb()
    assert [a.id for a in kb.parents("kataib-hizbullah", dt.date(2020, 1, 1))] == [
        "popular-mobilization-forces",
        "IRQ-MIL",
        "IRQ",
    ]


def test_kb_load_search() -> None:
    hits = load_kb().search("hizbulla", limit=3)
    assert hits[0][0].id == "hezbollah"


def test_kb_load_lookup_ignores_a_leading_article() -> None:
    from eventcoder.kb.load import load_kb

    kb = load_kb()
    assert kb.lookup("the Hamas") == kb.lookup("Hamas") != []
