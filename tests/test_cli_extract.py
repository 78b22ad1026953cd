from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from eventcoder.cli import cli


def test_cli_extract_demo_jsonl() -> None:
    result = CliRunner().invoke(cli, ["extract", "--demo"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines and all(rec["doc_id"] == "demo" for rec in lines)


def test_cli_extract_jsonl_ids_csv_and_failures(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": "n1", "text": "Soldiers shelled the town of Bakhmut on Monday.", "date": "2023-01-10"}\n'
        "{broken\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["extract", str(corpus), "--format", "csv"])
    assert result.exit_code == 1  # one line failed
    assert "[EC014]" in result.stderr and "c.jsonl:2" in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["doc_id"] == "n1"


def test_cli_extract_explain_and_json() -> None:
    runner = CliRunner()
    explain = runner.invoke(cli, ["extract", "--demo", "--explain"])
    assert explain.exit_code == 0 and "status:" in explain.stdout
    as_json = runner.invoke(cli, ["extract", "--demo", "--format", "json"])
    assert isinstance(json.loads(as_json.stdout), list)


def test_cli_extract_bad_date_flag() -> None:
    result = CliRunner().invoke(cli, ["extract", "--demo", "--date", "March 5"])
    assert result.exit_code != 0 and "EC015" in result.output


def test_cli_commands_have_help() -> None:
    runner = CliRunner()
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name


def test_cli_extract_bad_knowledge_base_is_a_coded_error_not_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - id: x\n    name: [unclosed\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", "from eventcoder.cli import main; main()", "extract", "-",
         "--kb", str(bad)],
        input="Rebels attacked the town.", capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert "[EC030]" in done.stderr and str(bad) in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
