"""Killing an ingest with SIGKILL at any moment, then rerunning, stores every document once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
N_DOCS = 40
EVENTS_PER_DOC = 6

# The child builds documents by hand (no spaCy) and stores them one transaction each,
# printing a line after every commit so the parent can kill it mid-stream.
CHILD = f"""
import datetime as dt, sys
from eventcoder.records import (ActorRef, Article, DateRange, DocumentDate, DocumentResult,
                                Event, Evidence, Location)
from eventcoder.store import open_store

store = open_store(sys.argv[1])
for n in range({N_DOCS}):
    day = dt.date(2024, 1, 1) + dt.timedelta(days=n)
    sentences = [f"Group {{n}} attacked post {{k}} in town {{n}}-{{k}} on day {{n}}, killing {{k}}."
                 for k in range({EVENTS_PER_DOC})]
    text = "\\n".join(sentences * 20)
    events, pos = [], 0
    for k, s in enumerate(sentences):
        events.append(Event(
            event_id=f"ev{{k}}", doc_id=f"doc{{n}}", event_type="ASSAULT", mode=None, cameo=None,
            acled_event_type=None, acled_sub_event_type=None,
            source_actors=(ActorRef(f"Group {{n}}", f"Group {{n}}"),),
            target_actors=(ActorRef(f"post {{k}}", f"post {{k}}"),),
            location=Location(f"town {{n}}-{{k}}", name=f"town {{n}}-{{k}}", precision=1),
            date=DateRange("day", day, day, "day", 1), fatalities=None, injuries=None,
            instrument=None, status="asserted", claimed_by=(), attributed_by=(),
            is_background=False, evidence=(Evidence(f"doc{{n}}", pos, pos + len(s), s),),
            mentions=1, confidence=0.5, coder="rules"))
        pos += len(s) + 1
    article = Article(f"doc{{n}}", text, date=DocumentDate(day, "given"))
    r = store.add_document(article, DocumentResult(f"doc{{n}}", events=tuple(events)))
    print(n, r.status, flush=True)
store.close()
"""


def _run(script: Path, db: Path, kill_after: int | None, rng: random.Random) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, str(script), str(db)], stdout=subprocess.PIPE,
                            text=True, env=env)  # fmt: skip
    assert proc.stdout is not None
    if kill_after is None:
        proc.communicate(timeout=120)
        assert proc.returncode == 0
        return
    lines = 0
    while lines < kill_after:
        if not proc.stdout.readline():
            break
        lines += 1
    time.sleep(rng.uniform(0.0, 0.03))  # land somewhere inside the next transaction
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()


@pytest.mark.issue(6)
def test_store_kill_9_mid_ingest_then_rerun_stores_each_document_once(tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    db = tmp_path / "events.db"
    rng = random.Random(6)
    for kill_after in (3, 1, 7):  # each rerun skips what is stored, then gets killed again
        _run(script, db, kill_after, rng)
    _run(script, db, None, rng)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM documents"
                            ).fetchone() == (N_DOCS, N_DOCS)  # fmt: skip
        per_doc = conn.execute("SELECT d.doc_id, count(e.id) FROM documents d LEFT JOIN events e "
                               "ON e.document_id = d.id GROUP BY d.id").fetchall()  # fmt: skip
        assert sorted(per_doc) == sorted((f"doc{n}", EVENTS_PER_DOC) for n in range(N_DOCS))
        # distinct towns and days: no event was merged with another
        assert conn.execute("SELECT count(*) FROM corpus_events").fetchone()[0] == (
            N_DOCS * EVENTS_PER_DOC
        )
        assert conn.execute("SELECT count(*) FROM events WHERE corpus_event_id IS NULL"
                            ).fetchone()[0] == 0  # fmt: skip
    finally:
        conn.close()
