from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from eventcoder.records import DocumentResult, RawArticle
from eventcoder.stages.ingest import read_sources


def test_ingest_text_html_jsonl_and_directory(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rebels attacked a convoy.", encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><body><article><p>Police arrested ten protesters in the capital on Monday "
        "after a rally against rising fuel prices turned violent.</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "c.jsonl").write_text(
        '{"id": "x1", "text": "Troops withdrew.", "date": "2024-03-05"}\n'
        "not json\n"
        '{"id": "x2", "text": "Talks resumed."}\n',
        encoding="utf-8",
    )
    items = list(read_sources([str(tmp_path)]))
    docs = [i for i in items if isinstance(i, RawArticle)]
    errors = [i for i in items if isinstance(i, DocumentResult)]
    assert [d.doc_id for d in docs] == ["a", "b", "x1", "x2"]
    assert "Police arrested" in docs[1].text
    assert docs[2].date == dt.date(2024, 3, 5)
    assert len(errors) == 1 and errors[0].error is not None
    assert errors[0].error.startswith("[EC014]") and "c.jsonl:2" in errors[0].error


def test_ingest_binary_and_undecodable_give_coded_errors(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    items = list(read_sources([str(tmp_path / "bin.txt"), str(tmp_path / "latin.txt"), "nope.txt"]))
    codes = [i.error[:7] for i in items if isinstance(i, DocumentResult) and i.error]
    assert codes == ["[EC012]", "[EC013]", "[EC011]"]


def test_ingest_stdin_plain_text() -> None:
    items = list(read_sources(["-"], stdin=io.StringIO("Troops withdrew from the town.")))
    assert isinstance(items[0], RawArticle) and items[0].doc_id == "stdin"


def test_ingest_bad_date_is_reported() -> None:
    stream = io.StringIO('{"id": "d", "text": "x", "date": "2024-02-30"}\n')
    items = list(read_sources(["-"], stdin=stream))
    assert isinstance(items[0], DocumentResult) and "[EC015]" in (items[0].error or "")
