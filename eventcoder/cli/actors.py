"""``eventcoder actors ...``: validate, inspect, search and export the actor knowledge base."""

from __future__ import annotations

import collections
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from eventcoder.errors import EventcoderError, KBError

kb_option = click.option(
    "--kb",
    "kb_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Extra knowledge-base YAML file(s) that add or override actors.",
)


def _kb(kb_files: tuple[Path, ...]):  # type: ignore[no-untyped-def]
    from eventcoder.kb import load_kb

    try:
        return load_kb(kb_files)
    except KBError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group("actors")
def actors_group() -> None:
    """Inspect and extend the actor knowledge base."""


@actors_group.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def validate_cmd(files: tuple[Path, ...]) -> None:
    """Check KB files: schema, ids, alias clashes and relations against the packaged base.

    Example: eventcoder actors validate my_actors.yaml
    """
    from eventcoder.kb.countries import country_actors
    from eventcoder.kb.load import build_kb, load_files, packaged_files

    try:
        extra = load_files(list(files))
        build_kb([*country_actors(), *load_files(packaged_files())], extra)
    except EventcoderError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"OK: {len(extra)} actors in {len(files)} file(s)")


@actors_group.command("show")
@click.argument("name")
@click.option("--on", "on", default=None, help="Show relations holding on this date (YYYY-MM-DD).")
@kb_option
def show_cmd(name: str, on: str | None, kb_files: tuple[Path, ...]) -> None:
    """Show an actor by id or any alias, with its dated relations.

    Example: eventcoder actors show "Quds Force" --on 2019-06-01
    """
    kb = _kb(kb_files)
    day = dt.date.fromisoformat(on) if on else None
    actors = [kb.actors[name]] if name in kb.actors else kb.lookup(name)
    if not actors:
        hits = kb.search(name, limit=5)
        hint = ", ".join(f"{a.name} ({a.id})" for a, _ in hits)
        raise click.ClickException(f"no actor named {name!r}. Closest: {hint}")
    for actor in actors:
        click.echo(f"{actor.name}  [{actor.id}]")
        click.echo(
            f"  type: {actor.type}   country: {actor.country or '-'}   ACLED: {actor.acled or '-'}"
            f"   sectors: {', '.join(actor.sectors) or '-'}   Wikidata: {actor.qid or '-'}"
        )
        if actor.description:
            click.echo(f"  {actor.description}")
        names = [a.text + (" (loaded)" if a.loaded else "") for a in actor.aliases]
        if names:
            click.echo(f"  aliases: {'; '.join(names)}")
        for rel in kb.relations(actor.id, on=day):
            target = kb.actors[rel.target]
            click.echo(f"  {rel.kind} -> {target.name} [{target.id}]{_period(rel.start, rel.end)}")
        for src, rel in kb.incoming(actor.id, on=day):
            click.echo(f"  <- {rel.kind} {src.name} [{src.id}]{_period(rel.start, rel.end)}")
        click.echo(f"  defined at: {actor.origin}")


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return ""
    return f"  ({start or '?'} .. {end or 'now'})"


@actors_group.command("search")
@click.argument("text")
@click.option("--limit", default=10, show_default=True, help="How many actors to list.")
@kb_option
def search_cmd(text: str, limit: int, kb_files: tuple[Path, ...]) -> None:
    """Fuzzy search over actor names and aliases.

    Example: eventcoder actors search "hizbulla"
    """
    kb = _kb(kb_files)
    for actor, score in kb.search(text, limit=limit):
        click.echo(
            f"{score:5.1f}  {actor.id:40s} {actor.name} ({actor.type}, {actor.country or '-'})"
        )


def _texts(paths: tuple[Path, ...]) -> Iterator[str]:
    for path in paths:
        if path.is_dir():
            yield from _texts(
                tuple(sorted(p for p in path.rglob("*") if p.suffix in (".txt", ".jsonl")))
            )
        elif path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        text = json.loads(line).get("text")
                        if isinstance(text, str):
                            yield text
        else:
            yield path.read_text(encoding="utf-8", errors="replace")


@actors_group.command("unknown")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--limit", default=50, show_default=True, help="How many names to list.")
@click.option("--min-count", default=1, show_default=True, help="Hide names seen fewer times.")
@kb_option
def unknown_cmd(
    paths: tuple[Path, ...], limit: int, min_count: int, kb_files: tuple[Path, ...]
) -> None:
    """List actors the knowledge base does not know, by frequency (.txt files, .jsonl with "text").

    Example: eventcoder actors unknown articles/ --min-count 2
    """
    from eventcoder.stages.link_actors import SPAN_KEY, add_linker
    from eventcoder.stages.parse import load_nlp

    nlp = load_nlp()
    add_linker(nlp, _kb(kb_files))
    counts: collections.Counter[tuple[str, str, str]] = collections.Counter()
    for doc in nlp.pipe(_texts(paths)):
        for span in doc.spans[SPAN_KEY]:
            ref = span._.actor
            if ref is not None and ref.actor_id is None:
                counts[(ref.name, ref.actor_type or "-", ref.country or "-")] += 1
    for (name, typ, country), n in counts.most_common(limit):
        if n >= min_count:
            click.echo(f"{n:6d}  {name}  ({typ}, {country})")


@actors_group.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
@click.option(
    "--curated-only", is_flag=True, help="Leave out rule-built state actors not in any relation."
)
@kb_option
def export_cmd(
    fmt: str, output: Path | None, curated_only: bool, kb_files: tuple[Path, ...]
) -> None:
    """Export the actor graph with dated relations (GraphML opens in Gephi).

    Example: eventcoder actors export --format graphml -o actors.graphml
    """
    from eventcoder.kb.graph import to_graphml, to_json

    kb = _kb(kb_files)
    text = (to_graphml if fmt == "graphml" else to_json)(kb, include_rule_actors=not curated_only)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
