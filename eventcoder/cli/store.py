"""``eventcoder ingest | query | export | timeline``: the corpus store from the shell."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click

from eventcoder.errors import EventcoderError
from eventcoder.records import Article, DocumentDate, DocumentResult, Event, RawArticle

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_DB = "events.db"


@dataclass(slots=True)
class IngestSummary:
    """Counts reported at the end of ``eventcoder ingest``."""

    new: int = 0
    skipped: int = 0
    failed: int = 0
    recoded: int = 0
    events_new: int = 0
    events_merged: int = 0
    store_seconds: float = 0.0
    total_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The one-line summary printed to stderr."""
        share = 100 * self.store_seconds / self.total_seconds if self.total_seconds else 0.0
        return (f"documents: {self.new} new, {self.skipped} skipped, {self.failed} failed"
                f"{f', {self.recoded} recoded' if self.recoded else ''}; "
                f"events: {self.events_new} new, {self.events_merged} merged "
                f"(store {self.store_seconds:.1f}s = {share:.0f}% of "
                f"{self.total_seconds:.1f}s)")  # fmt: skip


def _article(raw: RawArticle, result: DocumentResult) -> Article:
    date = DocumentDate(raw.date, "given") if raw.date else result.document_date
    return Article(doc_id=raw.doc_id, text=raw.text, date=date, title=raw.title, url=raw.url,
                   source=raw.source, origin=raw.origin)  # fmt: skip


def ingest(
    paths: Sequence[str], db: str, *, reprocess: bool = False, progress: bool = False,
    on_document: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:  # fmt: skip
    """Read, code and store every document under ``paths``; the library side of the CLI."""
    from eventcoder import pipeline
    from eventcoder.stages.ingest import read_sources
    from eventcoder.store import open_store

    started = time.perf_counter()
    summary = IngestSummary()
    store = open_store(db)
    fed: deque[RawArticle | DocumentResult] = deque()
    replace: set[int] = set()

    def pending() -> Iterator[RawArticle | DocumentResult]:
        items: Iterator[RawArticle | DocumentResult] = iter(read_sources(paths))
        if reprocess and not paths:
            items = (RawArticle(doc_id=a.doc_id, text=a.text, date=a.date.date if a.date else None,
                                title=a.title, url=a.url, source=a.source, origin=a.origin)
                     for a in store.stale_documents())  # fmt: skip
        for item in items:
            if isinstance(item, RawArticle):
                probe = Article(item.doc_id, item.text, url=item.url, source=item.source)
                version = store.document_version(probe)
                if version is not None and not (reprocess and version != _version()):
                    summary.skipped += 1
                    continue
                if version is not None:
                    replace.add(id(item))
            fed.append(item)
            yield item

    try:
        for result in pipeline.run(pending(), progress=progress):
            item = fed.popleft()
            recode = id(item) in replace
            replace.discard(id(item))  # ids are reused once an item is gone
            if result.error or not isinstance(item, RawArticle):
                summary.failed += 1
                summary.errors.append(result.error or f"{result.origin}: failed")
                continue
            t0 = time.perf_counter()
            added = store.add_document(_article(item, result), result, replace=recode)
            summary.store_seconds += time.perf_counter() - t0
            if added.status == "skipped":
                summary.skipped += 1
            elif added.status == "replaced":
                summary.recoded += 1
            else:
                summary.new += 1
            summary.events_new += added.events_new
            summary.events_merged += added.events_merged
            if on_document is not None:
                on_document(summary)
    finally:
        store.close()
        summary.total_seconds = time.perf_counter() - started
    return summary


def _version() -> str:
    from eventcoder.store.db import coder_version

    return coder_version()


@click.command("ingest")
@click.argument("paths", nargs=-1)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite store to write.")
@click.option("--reprocess", is_flag=True,
              help="Recode documents stored by another eventcoder version (all of them "
                   "when no PATH is given).")  # fmt: skip
def ingest_cmd(paths: tuple[str, ...], db: str, reprocess: bool) -> None:
    """Code documents and add them to the store; stored documents are skipped.

    Example: eventcoder ingest articles/ feed.jsonl --db events.db
    """
    if not paths and not reprocess:
        raise click.UsageError("give at least one PATH (or --reprocess alone)")
    try:
        summary = ingest(paths, db, reprocess=reprocess, progress=sys.stderr.isatty())
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None
    for error in summary.errors:
        click.echo(error, err=True)
    click.echo(summary.line(), err=True)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def query_options(fn: F) -> F:
    """The event filters shared by query, export and timeline."""
    options = [
        click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite store."),
        click.option("--actor", help="Source actor (KB id or name)."),
        click.option("--target", help="Target actor (KB id or name)."),
        click.option("--type", "type_", help="PLOVER type or ACLED (sub-)event type."),
        click.option("--status", help="asserted, reported, claimed, attributed, ..."),
        click.option("--country", help="Country of the place (ISO code or name)."),
        click.option("--since", callback=_date, help="Events starting on or after YYYY-MM-DD."),
        click.option("--until", callback=_date, help="Events starting on or before YYYY-MM-DD."),
        click.option("--include-background", is_flag=True, help="Also past events recalled."),
        click.option("--text", help="Full-text query over evidence (FTS5 syntax)."),
        click.option("--limit", type=int, help="At most this many events."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _run_query(**kw: Any) -> tuple[list[Event], dict[str, str]]:
    from eventcoder.query import EventQuery, query_events
    from eventcoder.store import open_store

    q = EventQuery(actor=kw["actor"], target=kw["target"], type=kw["type_"],
                   status=kw["status"], country=kw["country"], since=kw["since"],
                   until=kw["until"], include_background=kw["include_background"],
                   text=kw["text"], limit=kw["limit"])  # fmt: skip
    try:
        store = open_store(kw["db"], readonly=True)
        try:
            events = query_events(store, q)
            sources = dict(store.conn.execute(
                "SELECT doc_id, coalesce(source, url, '') FROM documents").fetchall())  # fmt: skip
        finally:
            store.close()
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None
    return events, sources


@click.command("query")
@query_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True)  # fmt: skip
def query_cmd(fmt: str, **kw: Any) -> None:
    """Print stored events matching the filters.

    Example: eventcoder query --type ASSAULT --country IRQ --since 2024-01-01 --format csv
    """
    from eventcoder.export.tabular import flat_row

    events, _ = _run_query(**kw)
    if fmt == "jsonl":
        for e in events:
            click.echo(json.dumps(e.as_dict(), ensure_ascii=False))
    elif fmt == "csv":
        rows = [flat_row(e) for e in events]
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("date", "type", "source", "target", "place", "status", "evidence")
        for e in events:
            table.add_row(e.date.start.isoformat() if e.date and e.date.start else "",
                          e.event_type, "; ".join(a.name for a in e.source_actors),
                          "; ".join(a.name for a in e.target_actors),
                          (e.location.name or e.location.text) if e.location else "", e.status,
                          (e.evidence[0].text[:80] if e.evidence else ""))  # fmt: skip
        Console().print(table)
        click.echo(f"{len(events)} events", err=True)


EXPORT_FORMATS = (
    "acled", "acled-corpus", "plover", "graphml", "graph-json", "parquet", "corpus-jsonl",
)  # fmt: skip


@click.command("export")
@query_options
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="acled",
              show_default=True)  # fmt: skip
@click.option("-o", "--output", default="-", help="Output file ('-' = stdout).")
def export_cmd(fmt: str, output: str, **kw: Any) -> None:
    """Export stored events (ACLED CSV, PLOVER JSONL, GraphML/JSON network, Parquet).

    Example: eventcoder export --format acled-corpus -o events.csv
    """
    from eventcoder.export import graph, tabular

    try:
        if fmt == "parquet":
            if output == "-":
                raise click.UsageError("Parquet needs a file: pass -o FILE.parquet")
            events, _ = _run_query(**kw)
            n = tabular.write_parquet(events, output)
            click.echo(f"{n} events written to {output}", err=True)
            return
        with click.open_file(output, "w", encoding="utf-8") as out:
            if fmt in ("acled-corpus", "corpus-jsonl"):
                from eventcoder.merge_corpus import corpus_events
                from eventcoder.store import open_store

                with open_store(kw["db"], readonly=True) as store:
                    corpus = corpus_events(store)
                if fmt == "corpus-jsonl":
                    for ce in corpus:
                        out.write(json.dumps(ce.as_dict(), ensure_ascii=False) + "\n")
                else:
                    tabular.write_csv(tabular.corpus_acled_rows(corpus), out,
                                      tabular.ACLED_COLUMNS)  # fmt: skip
                return
            events, sources = _run_query(**kw)
            if fmt == "acled":
                tabular.write_csv(tabular.acled_rows(events, sources), out, tabular.ACLED_COLUMNS)
            elif fmt == "plover":
                tabular.write_plover_jsonl(events, out)
            elif fmt == "graphml":
                graph.write_graphml(graph.build_network(events), out)
            else:
                graph.write_json(graph.build_network(events), out)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None


@click.command("timeline")
@query_options
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="day",
              show_default=True)  # fmt: skip
@click.option("--png", type=click.Path(dir_okay=False), help="Also draw a PNG chart.")
def timeline_cmd(by: str, png: str | None, **kw: Any) -> None:
    """Print event counts per day, week or month by type.

    Example: eventcoder timeline --by week --type PROTEST --png protests.png
    """
    from eventcoder.export import timeline

    events, _ = _run_query(**kw)
    rows, undated = timeline.counts(events, by)  # type: ignore[arg-type]
    click.echo("period\tevent_type\tcount")
    for r in rows:
        click.echo(f"{r.period}\t{r.event_type}\t{r.count}")
    if undated:
        click.echo(f"{undated} events without a date are not counted", err=True)
    if png:
        try:
            timeline.write_png(rows, png)
        except EventcoderError as exc:
            raise click.ClickException(str(exc)) from None
