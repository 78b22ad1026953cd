"""Throughput and memory: the full pipeline against the same spaCy model alone.

In one process and one run, for a corpus at 1x, 4x and 16x its base size, time
(a) the spaCy model alone (``nlp.pipe`` over the same texts) and (b) ``pipeline.run``, and
print words per second of each, their ratio, memory, and how time and memory grow.

    python benchmarks/throughput.py                       # dev texts if present, else generated
    python benchmarks/throughput.py --corpus generated --base-words 5000 --processes 2
    python benchmarks/throughput.py --json > throughput.json
    python benchmarks/throughput.py --repeat 3            # best of 3 runs: less noise

Texts: by default a deterministic mix of the development texts (../shared/eval/dev) when
present, else a generated corpus of invented news-like sentences. Memory is the process's
resident set size (current, read from /proc when available) and its peak
(``resource.getrusage``), which never goes down within a run: read growth from the deltas.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
# Dev files mixed into the corpus: long reports, short snippets and lower-case news.
DEV_FILES = (
    "muc4.jsonl",
    "case2021_task2.jsonl",
    "indiapoliceevents_docs.jsonl",
    "wikievents.jsonl",
)
SCALES = (1, 4, 16)


@dataclass(frozen=True, slots=True)
class Measure:
    """One timed run."""

    system: str
    scale: int
    docs: int
    words: int
    seconds: float
    words_per_second: float
    cpu_seconds: float  # user+system time of this process and its children
    words_per_cpu_second: float
    rss_mb: float | None
    peak_rss_mb: float


def _rss_mb() -> float | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * resource.getpagesize() / 2**20


def _peak_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dev_texts(base_words: int) -> list[str]:
    """Round-robin over the dev files until ``base_words`` words (deterministic order)."""
    pools = []
    for name in DEV_FILES:
        p = DEV / name
        if p.is_file():
            with p.open(encoding="utf-8") as fh:
                pools.append([t for t in (json.loads(x).get("text") for x in fh) if t])
    out: list[str] = []
    words = 0
    i = 0
    while words < base_words and any(i < len(p) for p in pools):
        for pool in pools:
            if i < len(pool) and words < base_words:
                out.append(pool[i])
                words += len(pool[i].split())
        i += 1
    return out


_ACTORS = (
    "Government forces",
    "Rebel fighters",
    "Police",
    "Protesters",
    "The army",
    "Militants",
    "Local officials",
    "Opposition leaders",
    "Border guards",
    "Villagers",
)
_ACTIONS = (
    "attacked",
    "shelled",
    "arrested",
    "met",
    "accused",
    "clashed with",
    "protested against",
    "threatened",
    "signed an agreement with",
    "evacuated",
)
_PLACES = (
    "the northern district",
    "the capital",
    "a border town",
    "the port city",
    "the eastern province",
    "a refugee camp",
)
_TAILS = (
    "killing {n} people",
    "wounding {n} civilians",
    "officials said on {d}",
    "according to a local newspaper",
    "witnesses told reporters",
    "in a statement on {d}",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def generated_texts(base_words: int, seed: int = 7) -> list[str]:
    """Invented news-like paragraphs (deterministic for a seed) totalling ``base_words``."""
    rng = random.Random(seed)
    out: list[str] = []
    words = 0
    while words < base_words:
        sents = []
        for _ in range(rng.randint(4, 9)):
            tail = rng.choice(_TAILS).format(n=rng.randint(2, 40), d=rng.choice(_DAYS))
            sents.append(
                f"{rng.choice(_ACTORS)} {rng.choice(_ACTIONS)} "
                f"{rng.choice(_ACTORS).lower()} in {rng.choice(_PLACES)}, {tail}."
            )
        text = " ".join(sents)
        out.append(text)
        words += len(text.split())
    return out


def _cpu() -> float:
    # CPU time is far less disturbed than wall time when other work shares the machine.
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(system: str, scale: int, texts: list[str], run: Iterator[object]) -> Measure:
    words = sum(len(t.split()) for t in texts)
    start, cpu0 = time.perf_counter(), _cpu()
    for _ in run:
        pass
    secs = time.perf_counter() - start
    cpu = _cpu() - cpu0
    return Measure(
        system,
        scale,
        len(texts),
        words,
        round(secs, 2),
        round(words / secs, 1) if secs else 0.0,
        round(cpu, 2),
        round(words / cpu, 1) if cpu else 0.0,
        _rss_mb(),
        round(_peak_mb(), 1),
    )


@click.command()
@click.option(
    "--corpus", type=click.Choice(["auto", "dev", "generated"]), default="auto", show_default=True
)
@click.option(
    "--base-words",
    type=int,
    default=5000,
    show_default=True,
    help="Words in the 1x corpus (4x and 16x repeat it).",
)
@click.option(
    "--processes",
    type=int,
    default=1,
    show_default=True,
    help="spaCy n_process for both systems (shows scaling over cores).",
)
@click.option("--scales", default="1,4,16", show_default=True)
@click.option(
    "--repeat",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Time each system this many times per scale (alternating) and keep the fastest run: "
    "other work on the machine only ever slows a run down.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def main(
    corpus: str, base_words: int, processes: int, scales: str, repeat: int, as_json: bool
) -> None:
    """Words per second and memory of the full pipeline and of spaCy alone."""
    import spacy

    from eventcoder import pipeline
    from eventcoder.records import RawArticle
    from eventcoder.settings import load_settings
    from eventcoder.stages.parse import resolve_model_name

    use_dev = corpus == "dev" or (corpus == "auto" and DEV.is_dir())
    base = dev_texts(base_words) if use_dev else generated_texts(base_words)
    if not base:
        raise click.ClickException("no texts: pass --corpus generated")
    settings = load_settings(n_process=processes)
    # A separately loaded copy of the same model, so the pipeline's own components (added
    # to its nlp) never run in the "spaCy alone" measurement.
    bare = spacy.load(resolve_model_name(settings.model))
    rss0 = _rss_mb()
    # Warm-up: load models and lazy tables before any clock starts.
    for _ in bare.pipe(base[:2]):
        pass
    warm = load_settings()  # one process: only to load the pipeline's tables
    for _ in pipeline.run([RawArticle(doc_id="warm", text=base[0])], settings=warm):
        pass
    results: list[Measure] = []
    for scale in (int(s) for s in scales.split(",")):
        texts = base * scale
        arts = [RawArticle(doc_id=f"d{i}", text=t) for i, t in enumerate(texts)]
        best: dict[str, Measure] = {}
        for _ in range(repeat):
            runs = [
                _timed(
                    "spacy",
                    scale,
                    texts,
                    iter(bare.pipe(texts, batch_size=settings.batch_size, n_process=processes)),
                )
            ]
            try:
                runs.append(_timed("pipeline", scale, texts, pipeline.run(arts, settings=settings)))
            except Exception as exc:  # e.g. a pipeline that cannot run with n_process > 1
                click.echo(f"pipeline failed at {scale}x: {type(exc).__name__}: {exc}", err=True)
                runs.append(Measure("pipeline", scale, len(texts), 0, 0, 0, 0, 0, None, _peak_mb()))
            for run in runs:
                if run.system not in best or 0 < run.seconds < best[run.system].seconds:
                    best[run.system] = run
        results += [best["spacy"], best["pipeline"]]
    if as_json:
        click.echo(
            json.dumps(
                {
                    "corpus": "dev" if use_dev else "generated",
                    "processes": processes,
                    "rss_after_load_mb": rss0,
                    "runs": [asdict(r) for r in results],
                },
                indent=2,
            )
        )
        return
    click.echo(
        f"corpus: {'dev texts' if use_dev else 'generated'}; processes: {processes}; "
        f"RSS after loading: {rss0 or 0:.0f} MB"
    )
    click.echo(
        f"{'scale':>5} {'words':>8} {'spaCy w/s':>10} {'pipe w/s':>9} {'ratio':>6} "
        f"{'spaCy w/cpu-s':>14} {'pipe w/cpu-s':>13} {'ratio':>6} {'RSS MB':>7} {'peak MB':>8}"
    )
    first: dict[str, Measure] = {}
    for sp, pl in zip(results[::2], results[1::2], strict=True):
        first.setdefault("spacy", sp)
        first.setdefault("pipeline", pl)
        wall = pl.words_per_second / sp.words_per_second if sp.words_per_second else 0.0
        cpu = pl.words_per_cpu_second / sp.words_per_cpu_second if sp.words_per_cpu_second else 0.0
        click.echo(
            f"{sp.scale:>4}x {sp.words:>8} {sp.words_per_second:>10.0f} "
            f"{pl.words_per_second:>9.0f} {wall:>6.2f} {sp.words_per_cpu_second:>14.0f} "
            f"{pl.words_per_cpu_second:>13.0f} {cpu:>6.2f} {pl.rss_mb or 0:>7.0f} "
            f"{pl.peak_rss_mb:>8.0f}"
        )
    click.echo("growth vs 1x: cpu time ratio / size ratio (1.00 = linear); RSS after the run")
    for r in results:
        f = first[r.system]
        growth = (
            (r.cpu_seconds / f.cpu_seconds) / (r.words / f.words)
            if f.cpu_seconds and f.words
            else 0.0
        )
        click.echo(
            f"  {r.system:<8} {r.scale:>3}x: {r.words:>7} words {r.cpu_seconds:>7.1f} cpu-s "
            f"-> {growth:.2f}; RSS {r.rss_mb or 0:.0f} MB"
        )


if __name__ == "__main__":
    main()
