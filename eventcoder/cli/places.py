"""``eventcoder places``: list every toponym found in documents, resolved offline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click

from eventcoder.errors import EC011_NOT_FOUND, EC014_BAD_JSONL, EventcoderError, IngestError
from eventcoder.records import Article, Toponym

FIELDS = (
    "doc_id",
    "start",
    "end",
    "text",
    "name",
    "country",
    "admin1",
    "lat",
    "lon",
    "precision",
    "feature",
    "literal",
    "reason",
)


def read_documents(path: Path) -> Iterator[Article]:
    """Articles from a JSON Lines file (``id`` and ``text`` keys) or a plain text file."""
    if not path.is_file():
        raise IngestError(f"{path} does not exist. Fix: check the path.", code=EC011_NOT_FOUND)
    if path.suffix.lower() not in (".jsonl", ".ndjson"):
        yield Article(doc_id=path.stem, text=path.read_text(encoding="utf-8"), origin=str(path))
        return
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = row["text"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise IngestError(
                    f"{path}:{n}: not a JSON object with a 'text' key ({exc}). "
                    "Fix: write one object per line with 'id' and 'text'.",
                    code=EC014_BAD_JSONL,
                ) from exc
            doc_id = str(row.get("id") or row.get("doc_id") or f"{path.stem}:{n}")
            yield Article(doc_id=doc_id, text=str(text), origin=f"{path}:{n}")


def toponym_row(top: Toponym) -> dict[str, object]:
    """The output fields of one toponym, in a fixed order."""
    return {name: getattr(top, name) for name in FIELDS}


@click.command("places")
@click.argument("docs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "tsv"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--gazetteer",
    "extra",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra gazetteer YAML file (same format as the supplement); repeatable.",
)
def places_cmd(docs: tuple[Path, ...], fmt: str, extra: tuple[Path, ...]) -> None:
    """List every toponym found in DOCS (JSON Lines with id/text, or .txt files).

    \b
    Example:
        eventcoder places news.jsonl
        eventcoder places article.txt --format tsv
    """
    from eventcoder.geo.gazetteer import GeoNamesGazetteer, default_gazetteer
    from eventcoder.stages.parse import load_nlp
    from eventcoder.stages.resolve_places import find_toponyms

    try:
        gaz = GeoNamesGazetteer(extra_files=extra) if extra else default_gazetteer()
        nlp = load_nlp()
        if fmt == "tsv":
            click.echo("\t".join(FIELDS))
        for path in docs:
            for article in read_documents(path):
                for top in find_toponyms(article, nlp=nlp, gazetteer=gaz):
                    row = toponym_row(top)
                    if fmt == "jsonl":
                        click.echo(json.dumps(row, ensure_ascii=False))
                    else:
                        click.echo("\t".join("" if v is None else str(v) for v in row.values()))
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
