"""``eventcoder evaluate``: score eventcoder against an annotated dataset."""

from __future__ import annotations

import click

from eventcoder.errors import EvaluationError
from eventcoder.evaluation.run import TASKS


@click.command("evaluate")
@click.argument("data", type=click.Path(dir_okay=False))
@click.option("--task", "-t", required=True, type=click.Choice(TASKS), help="What to score.")
@click.option(
    "--label-map",
    type=click.Path(dir_okay=False),
    default=None,
    help="Label maps JSON (default: ../shared/eval/label_maps.json when present).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--sample",
    type=click.IntRange(min=1),
    default=None,
    help="Score a deterministic sample of N units (by hash of their id).",
)
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False),
    default=None,
    help="Score this JSONL of predictions instead of running the pipeline.",
)
def evaluate_cmd(
    data: str,
    task: str,
    label_map: str | None,
    fmt: str,
    sample: int | None,
    predictions: str | None,
) -> None:
    """Score eventcoder on DATA.jsonl (an evaluation file) for one task.

    \b
    Example:
      eventcoder evaluate ../shared/eval/dev/plover_gsr.jsonl --task plover
      eventcoder evaluate ../shared/eval/dev/indiapoliceevents_sents.jsonl \\
          --task police --sample 2000 --format json
    """
    from eventcoder.evaluation.report import render, to_json
    from eventcoder.evaluation.run import evaluate

    try:
        report = evaluate(data, task, label_map=label_map, predictions=predictions, sample=sample)
    except EvaluationError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        click.echo(to_json(report))
    else:
        click.echo(render(report, md=fmt == "md"), nl=False)
