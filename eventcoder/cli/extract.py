"""``eventcoder extract``: documents in, one event record per line out."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator
from importlib import resources
from typing import Any

import click

from eventcoder.records import DocumentResult, Event, RawArticle

CSV_COLUMNS = [
    "event_id", "doc_id", "event_type", "mode", "cameo", "acled_event_type",
    "acled_sub_event_type", "source_actors", "target_actors", "location", "date_start",
    "date_end", "date_precision", "fatalities_min", "fatalities_max", "injuries_min",
    "injuries_max", "instrument", "status", "claimed_by", "attributed_by", "is_background",
    "mentions", "confidence", "coder", "evidence",
]  # fmt: skip


DEMO_DATE = dt.date(2024, 3, 12)  # the demo article's own dateline


def demo_text() -> str:
    """The demo article shipped with the package (written for eventcoder)."""
    return resources.files("eventcoder").joinpath("data", "demo_article.txt").read_text("utf-8")


def _names(actors: tuple[Any, ...]) -> str:
    return "; ".join(a.name for a in actors)


def csv_row(e: Event) -> dict[str, Any]:
    """Flatten an event into one CSV row (lists joined with '; ')."""
    return {
        "event_id": e.event_id, "doc_id": e.doc_id, "event_type": e.event_type,
        "mode": e.mode, "cameo": e.cameo, "acled_event_type": e.acled_event_type,
        "acled_sub_event_type": e.acled_sub_event_type,
        "source_actors": _names(e.source_actors), "target_actors": _names(e.target_actors),
        "location": e.location.name or e.location.text if e.location else None,
        "date_start": e.date.start if e.date else None,
        "date_end": e.date.end if e.date else None,
        "date_precision": e.date.precision if e.date else None,
        "fatalities_min": e.fatalities.min if e.fatalities else None,
        "fatalities_max": e.fatalities.max if e.fatalities else None,
        "injuries_min": e.injuries.min if e.injuries else None,
        "injuries_max": e.injuries.max if e.injuries else None,
        "instrument": e.instrument, "status": e.status,
        "claimed_by": _names(e.claimed_by), "attributed_by": _names(e.attributed_by),
        "is_background": e.is_background, "mentions": e.mentions, "confidence": e.confidence,
        "coder": e.coder, "evidence": " | ".join(f"{v.start}-{v.end}" for v in e.evidence),
    }  # fmt: skip


def _explain(result: DocumentResult, texts: dict[str, str]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(stderr=False, highlight=False)
    text = texts.get(result.doc_id, "")
    d = result.document_date
    if d is not None:
        how = f"inferred from {d.text!r} ({d.rule})" if d.method == "inferred" else "given"
        console.print(Text(f"document {result.doc_id}: dated {d.date} "
                           f"[{d.precision or 'day'}], {how}", style="dim"))  # fmt: skip
    for e in result.events:
        head = f"{e.event_type}/{e.mode or '-'}  ACLED: {e.acled_sub_event_type or '-'}  "
        head += f"status: {e.status}  mentions: {e.mentions}"
        console.rule(Text(head, style="bold"))
        who = f"{_names(e.source_actors) or '?'} -> {_names(e.target_actors) or '?'}"
        console.print(f"  actors: {who}")
        if e.fatalities or e.injuries:
            console.print(f"  killed: {e.fatalities and e.fatalities.text}  "
                          f"injured: {e.injuries and e.injuries.text}")  # fmt: skip
        if e.date:
            console.print(f"  date: {e.date.text} -> {e.date.start}..{e.date.end}"
                          f" ({e.date.precision}){'  [background]' if e.is_background else ''}")  # fmt: skip
        if e.claimed_by or e.attributed_by:
            console.print(f"  claimed by: {_names(e.claimed_by) or '-'}  "
                          f"attributed by: {_names(e.attributed_by) or '-'}")  # fmt: skip
        for ev in e.evidence:
            line = Text(text[ev.start : ev.end] if text else ev.text)
            for actor in (*e.source_actors, *e.target_actors):
                if actor.start is not None and ev.start <= actor.start < ev.end:
                    line.stylize("bold cyan", actor.start - ev.start, (actor.end or 0) - ev.start)
            console.print(Text("  > ", style="dim") + line)


@click.command("extract")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv"]), default="jsonl",
              show_default=True, help="Output format.")  # fmt: skip
@click.option("--date", "date", default=None, help="Publication date YYYY-MM-DD for inputs "
              "that carry none (JSONL 'date' fields take precedence).")  # fmt: skip
@click.option("--explain", is_flag=True, help="Print each event with its evidence highlighted.")
@click.option("--demo", is_flag=True, help="Run on the bundled demo article.")
@click.option("--settings", "settings_path", default=None, help="A settings TOML file.")
@click.option("--kb", "kb_paths", multiple=True, help="Extra actor knowledge-base file(s).")
@click.option("--processes", "n_process", type=click.IntRange(1), default=None,
              help="Worker processes (default: settings parse.n_process, 1).")  # fmt: skip
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a tty).")
def extract_cmd(
    paths: tuple[str, ...], fmt: str, date: str | None, explain: bool, demo: bool,
    settings_path: str | None, kb_paths: tuple[str, ...], n_process: int | None,
    progress: bool | None,
) -> None:  # fmt: skip
    """Extract evidenced event records from documents.

    PATHS are text, HTML or JSON Lines files, directories, or - for stdin.

    \b
    Example:
        eventcoder extract --demo --explain
        eventcoder extract articles/ --format csv > events.csv
        cat corpus.jsonl | eventcoder extract - --date 2024-03-05
    """
    from eventcoder.pipeline import run
    from eventcoder.settings import load_settings
    from eventcoder.stages.ingest import read_sources

    if not paths and not demo:
        raise click.UsageError("give at least one PATH (or - for stdin), or --demo")
    try:
        base = dt.date.fromisoformat(date) if date else None
    except ValueError:
        raise click.BadParameter(f"[EC015] {date!r} is not YYYY-MM-DD",
                                 param_hint="--date") from None  # fmt: skip
    settings = load_settings(settings_path, kb_paths=tuple(kb_paths) or None, n_process=n_process)
    texts: dict[str, str] = {}

    def sources() -> Iterator[RawArticle | DocumentResult]:
        if demo:
            yield RawArticle(doc_id="demo", text=demo_text(), date=base or DEMO_DATE,
                             origin="<demo>")  # fmt: skip
        yield from read_sources(paths, date=base)

    def remember(items: Iterator[RawArticle | DocumentResult]) -> Iterator[Any]:
        for item in items:
            if explain and isinstance(item, RawArticle):
                texts[item.doc_id] = item.text
            yield item

    show_progress = sys.stderr.isatty() if progress is None else progress
    failed: list[str] = []
    n_docs = n_events = 0
    all_events: list[dict[str, Any]] = []
    writer = None
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS)
        writer.writeheader()
    for result in run(remember(sources()), settings=settings, progress=show_progress):
        n_docs += 1
        if result.error:
            failed.append(result.error)
            click.echo(result.error, err=True)
            continue
        for note in result.notes:
            click.echo(note, err=True)
        n_events += len(result.events)
        if explain:
            _explain(result, texts)
            continue
        for event in result.events:
            if fmt == "jsonl":
                click.echo(json.dumps(event.as_dict(), ensure_ascii=False))
            elif fmt == "json":
                all_events.append(event.as_dict())
            elif writer is not None:
                writer.writerow(csv_row(event))
    if fmt == "json" and not explain:
        click.echo(json.dumps(all_events, ensure_ascii=False, indent=2))
    summary = f"{n_docs} documents, {n_events} events, {len(failed)} failed"
    click.echo(summary, err=True)
    if failed:
        sys.exit(1)
