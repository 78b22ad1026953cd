"""``eventcoder ingest | query | export | timeline`` with a fake pipeline (no spaCy)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventcoder import pipeline
from eventcoder.cli import store as cli
from eventcoder.records import ActorRef, DocumentResult, Event, Evidence, RawArticle


def fake_run(
    articles: Iterable[RawArticle | DocumentResult], *, settings: Any = None, progress: bool = False
) -> Iterator[DocumentResult]:
    """One ASSAULT per document, by its first word against its last word; 'FAIL' fails."""
    for item in articles:
        if isinstance(item, DocumentResult):
            yield item
            continue
        if item.text.startswith("FAIL"):
            yield DocumentResult(item.doc_id, error=f"[EC017] {item.origin}: boom")
            continue
        line = item.text.split("\n")[0]
        words = line.rstrip(".").split()
        event = Event(
            event_id="ev1", doc_id=item.doc_id, event_type="ASSAULT", mode=None, cameo=None,
            acled_event_type="Battles", acled_sub_event_type="Armed clash",
            source_actors=(ActorRef(words[0], words[0]),),
            target_actors=(ActorRef(words[-1], words[-1]),), location=None, date=None,
            fatalities=None, injuries=None, instrument=None, status="asserted", claimed_by=(),
            attributed_by=(), is_background=False,
            evidence=(Evidence(item.doc_id, 0, len(line), line),),
            mentions=1, confidence=0.5, coder="fake",
        )  # fmt: skip
        yield DocumentResult(item.doc_id, events=(event,), words=len(words))


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(pipeline, "run", fake_run)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Rebels attacked the army base in the north overnight.\n")
    (docs / "b.txt").write_text("Militias attacked a village in the east on Sunday.\n")
    (docs / "c.txt").write_text("FAIL this one\n")
    (docs / "feed.jsonl").write_text(json.dumps(
        {"id": "j1", "text": "Police attacked protesters near parliament today.",
         "date": "2024-05-02", "source": "AP"}) + "\n")  # fmt: skip
    return tmp_path


def test_store_cli_ingest_then_rerun_skips(corpus: Path) -> None:
    runner = CliRunner()
    db = str(corpus / "events.db")
    first = runner.invoke(cli.ingest_cmd, [str(corpus / "docs"), "--db", db])
    assert first.exit_code == 0, first.output
    assert "documents: 3 new, 0 skipped, 1 failed; events: 3 new, 0 merged" in first.output
    assert "[EC017]" in first.output
    again = runner.invoke(cli.ingest_cmd, [str(corpus / "docs"), "--db", db])
    assert "documents: 0 new, 3 skipped, 1 failed; events: 0 new, 0 merged" in again.output
    missing = runner.invoke(cli.ingest_cmd, [str(corpus / "nope.txt"), "--db", db])
    assert "1 failed" in missing.output and "[EC011]" in missing.output


def test_store_cli_reprocess_recodes_old_versions(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(corpus / "events.db")
    cli.ingest([str(corpus / "docs")], db)
    from eventcoder.store import db as store_db

    monkeypatch.setattr(store_db, "coder_version", lambda: "99.0")
    same = cli.ingest([str(corpus / "docs")], db)
    assert (same.new, same.skipped, same.recoded) == (0, 3, 0)
    redone = cli.ingest([], db, reprocess=True)
    assert (redone.recoded, redone.events_new) == (3, 3)
    assert cli.ingest([], db, reprocess=True).recoded == 0


def test_store_cli_query_export_timeline(corpus: Path) -> None:
    runner = CliRunner()
    db = str(corpus / "events.db")
    cli.ingest([str(corpus / "docs")], db)
    jsonl = runner.invoke(cli.query_cmd, ["--db", db, "--actor", "police", "--format", "jsonl"])
    assert jsonl.exit_code == 0, jsonl.output
    assert [json.loads(x)["doc_id"] for x in jsonl.output.splitlines()] == ["j1"]
    table = runner.invoke(cli.query_cmd, ["--db", db, "--text", "village"])
    assert "Militias" in table.output and "1 events" in table.output
    as_csv = runner.invoke(cli.query_cmd, ["--db", db, "--format", "csv"])
    assert as_csv.output.startswith("event_id,")
    bad = runner.invoke(cli.query_cmd, ["--db", db, "--type", "ASSUALT"])
    assert bad.exit_code == 1 and "[EC066]" in bad.output and "ASSAULT" in bad.output
    for fmt in ("acled", "acled-corpus", "plover", "graphml", "graph-json", "corpus-jsonl"):
        out = corpus / f"out.{fmt}"
        res = runner.invoke(cli.export_cmd, ["--db", db, "--format", fmt, "-o", str(out)])
        assert res.exit_code == 0, (fmt, res.output)
        assert out.read_text(encoding="utf-8").strip(), fmt
    acled = (corpus / "out.acled").read_text(encoding="utf-8").splitlines()
    assert acled[0].startswith("event_id_cnty,event_date,year") and len(acled) == 4
    assert "AP" in (corpus / "out.acled-corpus").read_text(encoding="utf-8")
    timeline = runner.invoke(cli.timeline_cmd, ["--db", db, "--by", "month"])
    assert timeline.exit_code == 0 and timeline.output.startswith("period\tevent_type\tcount")


def test_store_cli_bad_database_is_a_clean_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_text("not sqlite at all", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(cli.query_cmd, ["--db", str(bad)])
    assert res.exit_code == 1 and "[EC060]" in res.output
    res = runner.invoke(cli.query_cmd, ["--db", str(tmp_path / "absent.db")])
    assert res.exit_code == 1 and "[EC065]" in res.output
    assert bad.read_text(encoding="utf-8") == "not sqlite at all"
