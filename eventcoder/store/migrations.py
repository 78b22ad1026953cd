"""Named, ordered schema migrations, recorded in the ``_migrations`` table.

A migration is a function decorated with ``@migration("name")``; the order of the
decorators is the order they run. ``PRAGMA user_version`` holds how many have run, so a
database written by a newer eventcoder (more migrations than we know) is refused before
anything is written to it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from eventcoder.errors import StoreError
from eventcoder.store.schema import APPLICATION_ID, DDL_V1

EC062_NEWER_STORE = "EC062"

MigrationFn = Callable[[sqlite3.Connection], None]


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: a stable name and the function that applies it."""

    name: str
    fn: MigrationFn


MIGRATIONS: list[Migration] = []


def migration(name: str) -> Callable[[MigrationFn], MigrationFn]:
    """Register ``fn`` as the next migration; names must be unique and never change."""

    def register(fn: MigrationFn) -> MigrationFn:
        if any(m.name == name for m in MIGRATIONS):
            raise ValueError(f"duplicate migration name {name!r}")
        MIGRATIONS.append(Migration(name, fn))
        return fn

    return register


@migration("0001_initial")
def _initial(conn: sqlite3.Connection) -> None:
    for statement in DDL_V1:
        conn.execute(statement)


def schema_version() -> int:
    """The number of migrations this version of eventcoder knows."""
    return len(MIGRATIONS)


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations already applied to ``conn``, in order."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
    ).fetchone()
    if not exists:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]


def check_not_newer(conn: sqlite3.Connection, path: str) -> None:
    """Raise when ``conn`` was written by a newer eventcoder (unknown migrations)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    known = {m.name for m in MIGRATIONS}
    unknown = [name for name in applied(conn) if name not in known]
    if version > schema_version() or unknown:
        raise StoreError(
            f"{path} has schema version {version} (migrations {unknown or 'n/a'}) but this "
            f"eventcoder knows only version {schema_version()}. The file was left untouched. "
            "Fix: upgrade eventcoder (pip install -U eventcoder) or use another --db file.",
            code=EC062_NEWER_STORE,
        )


def migrate(conn: sqlite3.Connection, path: str) -> list[str]:
    """Apply every pending migration, each in its own transaction; return their names."""
    check_not_newer(conn, path)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = set(applied(conn))
    ran: list[str] = []
    for number, m in enumerate(MIGRATIONS, start=1):
        if m.name in done:
            continue
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            m.fn(conn)
            conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                (m.name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            # PRAGMAs take no parameters; both values are integers we computed.
            conn.execute(f"PRAGMA user_version = {int(number)}")
            conn.execute(f"PRAGMA application_id = {int(APPLICATION_ID)}")
        ran.append(m.name)
    return ran
