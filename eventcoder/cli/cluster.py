"""``eventcoder cluster``: documents in, one ``{doc_id, story_id, score}`` line per document."""

from __future__ import annotations

import json
import sys

import click

from eventcoder.records import RawArticle


@click.command("cluster")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "tsv"]), default="jsonl",
              show_default=True, help="Output format.")  # fmt: skip
@click.option("--threshold", "min_similarity", type=click.FloatRange(0.0, 1.0), default=None,
              help="Lowest mean similarity at which two groups still join one story "
              "(default 0.2, see docs/clustering.md).")  # fmt: skip
@click.option("--settings", "settings_path", default=None, help="A settings TOML file.")
def cluster_cmd(
    paths: tuple[str, ...], fmt: str, min_similarity: float | None, settings_path: str | None
) -> None:
    """Group documents that report the same real-world event into stories.

    PATHS are text, HTML or JSON Lines files, directories, or - for stdin.

    \b
    Example:
        eventcoder cluster corpus.jsonl
        eventcoder cluster articles/ --format tsv --threshold 0.25
    """
    from eventcoder.cluster import DEFAULT_MIN_SIMILARITY, cluster_documents
    from eventcoder.errors import EventcoderError
    from eventcoder.settings import load_settings
    from eventcoder.stages.ingest import read_sources

    settings = load_settings(settings_path)
    articles: list[RawArticle] = []
    failed = 0
    for item in read_sources(paths):
        if isinstance(item, RawArticle):
            articles.append(item)
        else:
            failed += 1
            click.echo(item.error, err=True)
    threshold = DEFAULT_MIN_SIMILARITY if min_similarity is None else min_similarity
    try:
        stories = cluster_documents(articles, settings=settings, min_similarity=threshold)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "tsv":
        click.echo("doc_id\tstory_id\tscore")
    for s in stories:
        if fmt == "jsonl":
            click.echo(json.dumps(s.as_dict(), ensure_ascii=False))
        else:
            click.echo(f"{s.doc_id}\t{s.story_id}\t{s.score}")
    n_stories = len({s.story_id for s in stories})
    click.echo(f"{len(stories)} documents, {n_stories} stories, {failed} failed", err=True)
    if failed:
        sys.exit(1)
