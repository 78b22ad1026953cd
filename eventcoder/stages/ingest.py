"""Stage: read documents from files, directories, stdin, HTML and JSON Lines -> RawArticle.

Anything unreadable becomes a ``DocumentResult`` carrying a coded error, so one bad input
never stops a corpus run and nothing a user gave us is silently dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from eventcoder.errors import (
    EC011_NOT_FOUND,
    EC012_BINARY,
    EC013_UNDECODABLE,
    EC014_BAD_JSONL,
    EC015_BAD_DATE,
    IngestError,
)
from eventcoder.records import DocumentResult, RawArticle

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def doc_id_for(text: str) -> str:
    """A content-hash id, stable across runs and machines."""
    return "doc_" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def parse_date(value: object, origin: str) -> dt.date | None:
    """An ISO 8601 date or datetime string -> date (None when absent)."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise IngestError(f"{origin}: 'date' must be an ISO 8601 string, got {value!r}. "
                          "Fix: write dates as YYYY-MM-DD.", code=EC015_BAD_DATE)  # fmt: skip
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise IngestError(f"{origin}: 'date' {value!r} is not an ISO 8601 date. "
                          "Fix: write dates as YYYY-MM-DD.", code=EC015_BAD_DATE) from None  # fmt: skip


def _decode(data: bytes, origin: str) -> str:
    if b"\x00" in data[:4096]:
        raise IngestError(f"{origin}: looks like a binary file, not text. "
                          "Fix: pass text, HTML or JSON Lines files.", code=EC012_BINARY)  # fmt: skip
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{origin}: bytes at offset {exc.start} are not valid UTF-8. "
            "Fix: re-encode the file as UTF-8 (e.g. iconv -f latin1 -t utf-8).",
            code=EC013_UNDECODABLE,
        ) from None


def html_to_text(html: str) -> str:
    """Main text of an HTML page (trafilatura; falls back to all visible text)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if text:
        return str(text)
    from lxml import html as lxml_html

    return str(lxml_html.fromstring(html).text_content()) if html.strip() else ""


def _error(origin: str, exc: IngestError) -> DocumentResult:
    return DocumentResult(doc_id="", origin=origin, error=str(exc))


def read_jsonl(stream: IO[str], origin: str) -> Iterator[RawArticle | DocumentResult]:
    """One document per line: ``id``, ``text``, optional ``date``, ``title``, ``url``, ``source``."""
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise IngestError(f"{where}: expected a JSON object with a string 'text'. "
                                  "Fix: one object per line, e.g. "
                                  '{"id": "a1", "text": "...", "date": "2024-03-01"}.',
                                  code=EC014_BAD_JSONL)  # fmt: skip
            text = record["text"]
            yield RawArticle(
                doc_id=str(record.get("id") or doc_id_for(text)),
                text=text,
                date=parse_date(record.get("date"), where),
                title=record.get("title"),
                url=record.get("url"),
                source=record.get("source"),
                origin=where,
            )
        except json.JSONDecodeError as exc:
            yield _error(where, IngestError(f"{where}: malformed JSON ({exc.msg}). "
                                            "Fix or remove that line.", code=EC014_BAD_JSONL))  # fmt: skip
        except IngestError as exc:
            yield _error(where, exc)


def read_path(path: Path, *, date: dt.date | None = None) -> Iterator[RawArticle | DocumentResult]:
    """Read one file (text, HTML or JSON Lines)."""
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield _error(origin, IngestError(f"{origin}: cannot read ({exc.strerror}). "
                                         "Fix: check the path and permissions.",
                                         code=EC011_NOT_FOUND))  # fmt: skip
        return
    try:
        text = _decode(data, origin)
    except IngestError as exc:
        yield _error(origin, exc)
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(text.splitlines(keepends=True), origin)  # type: ignore[arg-type]
        return
    if suffix in HTML_SUFFIXES or text.lstrip().lower().startswith(("<!doctype html", "<html")):
        text = html_to_text(text)
    yield RawArticle(doc_id=path.stem or doc_id_for(text), text=text, date=date, origin=origin)


def read_sources(
    paths: Sequence[str], *, date: dt.date | None = None, stdin: IO[str] | None = None
) -> Iterator[RawArticle | DocumentResult]:
    """Read every document named by ``paths`` ("-" is stdin; directories are walked)."""
    for name in paths:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin
            text = stream.read()
            stripped = text.lstrip()
            if stripped.startswith("{") and "\n{" in stripped or (
                stripped.startswith("{") and stripped.rstrip().endswith("}")
                and '"text"' in stripped
            ):
                yield from read_jsonl(text.splitlines(keepends=True), "<stdin>")  # type: ignore[arg-type]
            else:
                yield RawArticle(doc_id="stdin", text=text, date=date, origin="<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                    yield from read_path(child, date=date)
            continue
        if not path.exists():
            yield _error(name, IngestError(f"{name}: no such file or directory. "
                                           "Fix: check the path.", code=EC011_NOT_FOUND))  # fmt: skip
            continue
        yield from read_path(path, date=date)
