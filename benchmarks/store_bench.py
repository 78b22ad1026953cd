"""Benchmark the corpus store: bulk ingest, memory, indexed query latency, store overhead.

Usage::

    python benchmarks/store_bench.py --events 1000000 --bulk     # 1M events: query times
    python benchmarks/store_bench.py --events 20000 --overhead-docs 60   # per-document path

Generated documents carry one sentence per event; actors, places, types and dates are
drawn from fixed pools with a seeded RNG, so every run builds the same store. Query
times are the median of 5 runs on a warm connection; each query returns at most 100
records, as an interactive query (table or Datasette page) would.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventcoder.query import EventQuery, count_events, query_events  # noqa: E402
from eventcoder.records import (  # noqa: E402
    ActorRef,
    Article,
    Count,
    DateRange,
    DocumentDate,
    DocumentResult,
    Event,
    Evidence,
    Location,
)
from eventcoder.store import Store, open_store  # noqa: E402

TYPES = ["ASSAULT", "PROTEST", "COERCE", "ACCUSE", "MOBILIZE", "SANCTION", "AID", "CONSULT",
         "AGREE", "REQUEST", "RETREAT", "SUPPORT", "THREATEN", "REJECT"]  # fmt: skip
COUNTRIES = ["IRQ", "SYR", "UKR", "RUS", "SDN", "COD", "NGA", "MLI", "AFG", "YEM", "MMR",
             "ETH", "SOM", "LBY", "PSE", "ISR", "LBN", "IRN", "PAK", "IND"]  # fmt: skip
VERBS = ["attacked", "shelled", "raided", "ambushed", "bombed", "fired on", "stormed"]
START = dt.date(2021, 1, 1)


def rss_mb() -> float:
    """Current resident memory of this process in MB (Linux)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return float("nan")
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def generate(n_docs: int, per_doc: int, seed: int = 6) -> Iterator[tuple[Article, DocumentResult]]:
    """Documents with ``per_doc`` events each, deterministic for a seed."""
    rng = random.Random(seed)
    actors = [ActorRef(f"Group {i}", f"Group {i}", actor_id=f"G{i}" if i % 3 else None,
                       actor_type=rng.choice(["REB", "MIL", "GOV", "CVL", "COP"]),
                       country=rng.choice(COUNTRIES)) for i in range(2000)]  # fmt: skip
    towns = [(f"Town{i}", rng.choice(COUNTRIES)) for i in range(5000)]
    for d in range(n_docs):
        doc_id = f"doc{d}"
        day = START + dt.timedelta(days=rng.randrange(3 * 365))
        sentences: list[str] = []
        events: list[Event] = []
        pos = 0
        for k in range(per_doc):
            src, tgt = rng.sample(actors, 2)
            town, country = rng.choice(towns)
            when = day - dt.timedelta(days=rng.randrange(3))
            dead = rng.choice([None, None, rng.randrange(1, 40)])
            s = (f"{src.name} {rng.choice(VERBS)} {tgt.name} in {town} on {when:%d %B}, "
                 f"killing {dead or 'no'} people, report {d}-{k} said.")  # fmt: skip
            events.append(Event(
                event_id=f"ev{k}", doc_id=doc_id, event_type=rng.choice(TYPES), mode=None,
                cameo=None, acled_event_type=None, acled_sub_event_type=None,
                source_actors=(src,), target_actors=(tgt,),
                location=Location(town, name=town, country=country, precision=1),
                date=DateRange(f"{when:%d %B}", when, when, "day", 1),
                fatalities=Count(dead, dead, str(dead)) if dead else None, injuries=None,
                instrument=None, status=rng.choice(["asserted", "asserted", "reported", "claimed"]),
                claimed_by=(), attributed_by=(), is_background=rng.random() < 0.1,
                evidence=(Evidence(doc_id, pos, pos + len(s), s),), mentions=1,
                confidence=0.6, coder="bench"))  # fmt: skip
            sentences.append(s)
            pos += len(s) + 1
        text = "\n".join(sentences)
        article = Article(doc_id, text, date=DocumentDate(day, "given"), source=f"src{d % 300}")
        yield article, DocumentResult(doc_id, events=tuple(events), words=len(text.split()))


def _bulk_add(store: Store, article: Article, result: DocumentResult) -> None:
    """Rows of one document without passages or merging (``--bulk``: query-only stores)."""
    from eventcoder.store.db import content_hash

    conn = store.conn
    rowid = store._insert_document(conn, content_hash(article), article, result)
    for event in result.events:
        store._insert_event(conn, rowid, event, article, result)


def build(store: Store, n_docs: int, per_doc: int, merge: bool, bulk: bool = False
          ) -> dict[str, float]:  # fmt: skip
    """Add the generated documents; return timings and memory."""
    t0 = time.perf_counter()
    mem_1k = float("nan")
    if bulk:
        # one transaction per 2000 documents: the per-document transaction, passages and
        # merging are measured by the default mode; this mode only fills a big store fast
        store.conn.execute("BEGIN")
    for n, (article, result) in enumerate(generate(n_docs, per_doc), start=1):
        if bulk:
            _bulk_add(store, article, result)
            if n % 2000 == 0:
                store.conn.execute("COMMIT")
                store.conn.execute("BEGIN")
        else:
            store.add_document(article, result, merge=merge)
        if n == 1000:
            mem_1k = rss_mb()
        if n % 10000 == 0:
            print(f"  {n} documents, {time.perf_counter() - t0:.0f}s, {rss_mb():.0f} MB",
                  file=sys.stderr, flush=True)  # fmt: skip
    if bulk:
        store.conn.execute("COMMIT")
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "ms_per_doc": 1000 * seconds / n_docs, "rss_1k_mb": mem_1k,
            "rss_end_mb": rss_mb()}  # fmt: skip


QUERIES: list[tuple[str, EventQuery]] = [
    ("type + month", EventQuery(type="ASSAULT", since=dt.date(2022, 3, 1),
                                until=dt.date(2022, 3, 31), limit=100)),
    ("country + month", EventQuery(country="IRQ", since=dt.date(2022, 6, 1),
                                   until=dt.date(2022, 6, 30), limit=100)),
    ("status + week", EventQuery(status="claimed", since=dt.date(2023, 1, 2),
                                 until=dt.date(2023, 1, 8), limit=100)),
    ("actor (KB id)", EventQuery(actor="G7", limit=100)),
    ("actor (name) + type", EventQuery(actor="Group 9", type="ASSAULT", limit=100)),
    ("target + country", EventQuery(target="G11", country="SYR", limit=100)),
    ("text (FTS5)", EventQuery(text="Town42", limit=100)),
    ("one day, all types", EventQuery(since=dt.date(2022, 8, 15), until=dt.date(2022, 8, 15),
                                      limit=100)),
]  # fmt: skip


def time_queries(store: Store) -> list[tuple[str, float, int]]:
    """(name, median ms, number of matching events) per query."""
    out = []
    for name, q in QUERIES:
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            query_events(store, q)
            times.append(1000 * (time.perf_counter() - t0))
        out.append((name, statistics.median(times), count_events(store, q)))
    return out


def overhead(n_docs: int) -> tuple[float, float]:
    """(pipeline seconds, store seconds) for the same ``n_docs`` real-text documents."""
    from importlib import resources

    from eventcoder import pipeline
    from eventcoder.records import RawArticle

    demo = resources.files("eventcoder").joinpath("data", "demo_article.txt").read_text("utf-8")
    raws = [RawArticle(f"d{i}", f"Dispatch {i}.\n{demo}", date=dt.date(2024, 3, 20))
            for i in range(n_docs)]  # fmt: skip
    list(pipeline.run(raws[:2]))  # load the model outside the timing
    t0 = time.perf_counter()
    results = list(pipeline.run(raws))
    pipe_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "o.db") as store:
        t0 = time.perf_counter()
        for raw, result in zip(raws, results, strict=True):
            article = Article(raw.doc_id, raw.text, date=DocumentDate(raw.date, "given")
                              if raw.date else None)  # fmt: skip
            store.add_document(article, result)
        store_s = time.perf_counter() - t0
    return pipe_s, store_s


def main() -> None:
    """Run the benchmark and print a report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--per-doc", type=int, default=10)
    ap.add_argument("--db", default="", help="store path (default: a temporary file)")
    ap.add_argument("--no-merge", action="store_true", help="skip cross-document merging")
    ap.add_argument("--bulk", action="store_true",
                    help="fill the store fast (no passages, no merging; for query timing)")
    ap.add_argument("--overhead-docs", type=int, default=0)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp()
    path = Path(args.db or Path(tmp) / "bench.db")
    n_docs = max(1, args.events // args.per_doc)
    with open_store(path) as store:
        if store.counts()["documents"] == 0:
            stats = build(store, n_docs, args.per_doc, merge=not args.no_merge, bulk=args.bulk)
            print(f"build: {n_docs} documents, {n_docs * args.per_doc} events in "
                  f"{stats['seconds']:.0f}s ({stats['ms_per_doc']:.2f} ms/document); RSS "
                  f"{stats['rss_1k_mb']:.0f} MB after 1k documents, "
                  f"{stats['rss_end_mb']:.0f} MB at the end")  # fmt: skip
        counts = store.counts()
        print(f"store: {counts} file {path.stat().st_size / 1e6:.0f} MB")
        print(f"{'query':24} {'median ms':>10} {'matches':>9}")
        for name, ms, n in time_queries(store):
            print(f"{name:24} {ms:10.1f} {n:9d}")
    if args.overhead_docs:
        pipe_s, store_s = overhead(args.overhead_docs)
        print(f"overhead: pipeline {pipe_s:.1f}s, store {store_s:.2f}s for {args.overhead_docs} "
              f"documents = {100 * store_s / pipe_s:.1f}% of pipeline time")  # fmt: skip


if __name__ == "__main__":
    main()
