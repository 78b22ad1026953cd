"""Tests for ``eventcoder actors ...`` (eventcoder.cli.actors)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from eventcoder.cli.actors import actors_group


def _run(*args: str) -> Any:
    return CliRunner().invoke(actors_group, list(args), catch_exceptions=False)


def test_kb_cli_validate_ok_and_error(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(
        "actors:\n  - id: my-group\n    name: My Group\n    type: militia\n"
        "    relations: [{part_of: hezbollah}]\n",
        encoding="utf-8",
    )
    result = _run("validate", str(good))
    assert result.exit_code == 0 and "OK: 1 actors" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "actors:\n  - id: my-group\n    name: My Group\n    type: militia\n"
        "    relations:\n      - {part_of: no-such-actor}\n",
        encoding="utf-8",
    )
    result = _run("validate", str(bad))
    assert result.exit_code == 1
    assert "[EC030]" in result.output and "bad.yaml:6" in result.output and "Fix:" in result.output


def test_kb_cli_show_by_alias_and_date() -> None:
    result = _run("show", "Quds Force", "--on", "2019-06-01")
    assert result.exit_code == 0
    assert "leads Qassem Soleimani" in result.output and "Qaani" not in result.output
    result = _run("show", "Zzyzx Nothing")
    assert result.exit_code != 0 and "no actor named" in result.output


def test_kb_cli_search() -> None:
    result = _run("search", "hizbulla", "--limit", "2")
    assert result.exit_code == 0 and "hezbollah" in result.output.splitlines()[0]


def test_kb_cli_export_json_and_graphml(tmp_path: Path) -> None:
    result = _run("export", "--format", "json", "--curated-only")
    data = json.loads(result.output)
    ids = {n["id"] for n in data["nodes"]}
    assert "kataib-hizbullah" in ids
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    out = tmp_path / "actors.graphml"
    result = _run("export", "--format", "graphml", "-o", str(out))
    assert result.exit_code == 0
    root = ET.parse(out).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) > 1000
    assert root.findall(".//g:edge", ns)


def test_kb_cli_unknown(nlp: Any, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "The Zorgonian Liberation Front attacked. The Zorgonian Liberation Front left.",
        encoding="utf-8",
    )
    result = _run("unknown", str(path))
    assert result.exit_code == 0
    assert "2  Zorgonian Liberation Front" in result.output
