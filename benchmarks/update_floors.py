"""Raise the quality floors to the scores measured now (one command).

    python benchmarks/update_floors.py                      # all entries
    python benchmarks/update_floors.py --entry plover --dry-run
    python benchmarks/update_floors.py --allow-regression --reason "why it is fine"

A floor only goes up, unless ``--allow-regression`` and ``--reason`` are both given; the
change and the reason are appended to the file's ``history``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventcoder.errors import EvaluationError  # noqa: E402 - after the path fix above
from eventcoder.evaluation.codes import EC055_NO_SYSTEM  # noqa: E402
from eventcoder.evaluation.gate import (  # noqa: E402
    FLOORS_PATH,
    dump_floors,
    entries,
    load_floors,
    measure,
    raise_floors,
)

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"


@click.command()
@click.option(
    "--eval-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_EVAL,
    show_default=True,
    help="Directory of the development data.",
)
@click.option(
    "--floors",
    "floors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=FLOORS_PATH,
    show_default=True,
)
@click.option("--entry", "only", multiple=True, help="Only these entries (repeatable).")
@click.option("--allow-regression", is_flag=True, help="Permit lowering a floor (needs --reason).")
@click.option("--reason", default=None, help="Why a floor may go down (kept in the history).")
@click.option("--dry-run", is_flag=True, help="Show the changes, write nothing.")
def main(
    eval_dir: Path,
    floors_path: Path,
    only: tuple[str, ...],
    allow_regression: bool,
    reason: str | None,
    dry_run: bool,
) -> None:
    """Measure every gated metric and raise its floor to the measured score."""
    if not eval_dir.is_dir():
        raise click.ClickException(f"no evaluation data at {eval_dir}; pass --eval-dir")
    floors = load_floors(floors_path)
    measured: dict[str, dict[str, float]] = {}
    for entry in entries(floors):
        if only and entry.name not in only:
            continue
        try:
            report = measure(entry, eval_dir)
        except EvaluationError as exc:
            if exc.code != EC055_NO_SYSTEM:
                raise click.ClickException(str(exc)) from exc
            click.echo(f"{entry.name}: skipped ({exc})")
            continue
        measured[entry.name] = report.flat()
        click.echo(f"{entry.name}: measured in {report.seconds:.1f} s")
    try:
        new, changes = raise_floors(
            floors, measured, allow_regression=allow_regression, reason=reason
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    for change in changes:
        click.echo(change)
    if not changes:
        click.echo("no floor changed")
    elif not dry_run:
        dump_floors(new, floors_path)
        click.echo(f"wrote {floors_path}")


if __name__ == "__main__":
    main()
