"""Command-line interface: a click group of thin wrappers around the library.

Each subcommand lives in its own module and only parses arguments, calls the library
and formats output.
"""

from __future__ import annotations

import sys

import click

from eventcoder.cli import actors, cluster, evaluate, extract, places, store

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="eventcoder")
def cli() -> None:
    """eventcoder: evidenced, source-attributed event data from news text."""


cli.add_command(extract.extract_cmd)
cli.add_command(evaluate.evaluate_cmd)
cli.add_command(actors.actors_group)
cli.add_command(places.places_cmd)
cli.add_command(store.ingest_cmd)
cli.add_command(store.query_cmd)
cli.add_command(store.export_cmd)
cli.add_command(store.timeline_cmd)
cli.add_command(cluster.cluster_cmd)


def main() -> None:
    """Console-script entry point. An error the library raised before any document was read
    (a bad knowledge-base or settings file) prints its coded message, not a traceback."""
    from eventcoder.errors import EventcoderError

    try:
        code = cli(standalone_mode=False)  # ctx.exit(n) comes back as n
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except EventcoderError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    if isinstance(code, int) and code:
        sys.exit(code)
