"""Tests for eventcoder.kb.schema: YAML validation with file and line in every error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventcoder.errors import KBError
from eventcoder.kb.schema import Relation, actors_from_file, parse_date, read_yaml

GOOD = """\
actors:
  - id: test-group
    name: Test Group
    type: armed group
    country: IRQ
    acled: 2
    sectors: [REB]
    qid: Q42
    aliases: [TG, {text: Test Grp, prefer: true}]
    loaded_aliases: [the bad guys]
    relations:
      - {part_of: IRQ-MIL, start: 2014-06, end: 2020}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_kb_schema_reads_a_valid_actor(tmp_path: Path) -> None:
    (actor,) = actors_from_file(_write(tmp_path, GOOD))
    assert actor.id == "test-group" and actor.country == "IRQ" and actor.acled == 2
    assert [a.text for a in actor.aliases] == ["TG", "Test Grp", "the bad guys"]
    assert actor.aliases[1].prefer and actor.aliases[2].loaded
    rel = actor.relations[0]
    assert (rel.kind, rel.target) == ("part_of", "IRQ-MIL")
    assert rel.start == dt.date(2014, 6, 1) and rel.end == dt.date(2020, 12, 31)
    assert actor.origin.endswith("kb.yaml:2")


@pytest.mark.parametrize(
    ("bad", "line", "words"),
    [
        ("    type: warlord\n", 4, "unknown type"),
        ("    country: Iraq\n", 5, "bad country"),
        ("    acled: 9\n", 6, "ACLED category"),
        ("    qid: 42\n", 8, "Wikidata"),
        ("    colour: red\n", 4, "unknown field 'colour'"),
    ],
)
def test_kb_schema_errors_name_file_and_line(
    tmp_path: Path, bad: str, line: int, words: str
) -> None:
    lines = GOOD.splitlines(keepends=True)
    key = bad.split(":")[0]
    idx = next((i for i, row in enumerate(lines) if row.startswith(key + ":")), 3)
    lines[idx] = bad
    path = _write(tmp_path, "".join(lines))
    with pytest.raises(KBError) as err:
        actors_from_file(path)
    message = str(err.value)
    assert message.startswith("[EC030]")
    assert f"kb.yaml:{line}" in message and words in message and "Fix:" in message


def test_kb_schema_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "actors:\n  - id: x\n    name: [unclosed\n    type: state\n")
    with pytest.raises(KBError, match=r"kb\.yaml:\d+: malformed YAML"):
        actors_from_file(path)


def test_kb_schema_bad_relation_date(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("start: 2014-06", "start: June 2014"))
    with pytest.raises(KBError, match=r"kb\.yaml:12: not a date"):
        actors_from_file(path)


def test_kb_schema_relation_needs_one_kind(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("{part_of: IRQ-MIL,", "{part_of: IRQ-MIL, leads: IRQ,"))
    with pytest.raises(KBError, match="exactly one of"):
        actors_from_file(path)


def test_kb_schema_missing_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "actors:\n  - id: x\n    type: state\n")
    with pytest.raises(KBError, match=r"kb\.yaml:2: missing or empty 'name'"):
        actors_from_file(path)


def test_kb_schema_relation_active() -> None:
    rel = Relation("leads", "x", dt.date(2020, 1, 3), dt.date(2021, 1, 1))
    assert rel.active(None) and rel.active(dt.date(2020, 6, 1))
    assert not rel.active(dt.date(2019, 1, 1)) and not rel.active(dt.date(2022, 1, 1))


def test_kb_schema_parse_date() -> None:
    assert parse_date("2020") == dt.date(2020, 1, 1)
    assert parse_date("2020", end=True) == dt.date(2020, 12, 31)
    assert parse_date("2024-02", end=True) == dt.date(2024, 2, 29)
    assert parse_date(None) is None


def test_kb_schema_malformed_yaml_names_where_the_construct_opened(tmp_path: Path) -> None:
    path = tmp_path / "kb.yaml"
    path.write_text("actors:\n  - id: x\n    name: [unclosed\n    type: person\n", encoding="utf-8")
    with pytest.raises(KBError, match=r"kb\.yaml:4: .*starts on line 3"):
        read_yaml(path)
