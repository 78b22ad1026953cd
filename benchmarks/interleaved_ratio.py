"""Throughput ratio (pipeline / spaCy alone) measured interleaved, chunk by chunk, in one run.

    python benchmarks/interleaved_ratio.py                 # dev texts, 4x their base size
    python benchmarks/interleaved_ratio.py --scale 16 --chunk 8 --json

``benchmarks/throughput.py`` times spaCy alone and the pipeline in two passes over the whole
corpus. On a shared machine the two passes can run at different speeds, and its ratio then
swings by 20% or more between runs. Here the corpus is cut into chunks of a few documents
and each chunk is run by both, in ABBA order (spaCy alone then the pipeline, the pipeline then
spaCy alone, ...), so that both see the same machine within seconds and neither always goes
first. The ratio is spaCy alone's CPU time over the pipeline's. eventcoder's own spaCy
components, called once per document, are timed too; what remains of the pipeline's extra
time runs after the parse (mention collection, coding, dates, merging, relations).
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import click

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from throughput import DEV, dev_texts, generated_texts  # noqa: E402 - after the path fix

CLOCK = time.process_time


def _time_components(nlp: Any, names: list[str], totals: dict[str, float]) -> None:
    """Give each named (Python) component a timing subclass: ``isinstance`` checks still hold."""
    for name in names:
        proc = nlp.get_pipe(name)
        base = type(proc)

        def call(self: Any, doc: Any, _base: type = base, _name: str = name) -> Any:
            start = CLOCK()
            out = _base.__call__(self, doc)
            totals[_name] += CLOCK() - start
            return out

        proc.__class__ = type(f"Timed{base.__name__}", (base,), {"__call__": call})


@click.command()
@click.option("--corpus", type=click.Choice(["auto", "dev", "generated"]), default="auto")
@click.option("--base-words", type=int, default=5000, show_default=True)
@click.option("--scale", type=int, default=4, show_default=True)
@click.option("--chunk", type=int, default=8, show_default=True, help="Documents per chunk.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def main(corpus: str, base_words: int, scale: int, chunk: int, as_json: bool) -> None:
    """Pipeline / spaCy-alone throughput ratio, interleaved in one run."""
    import spacy

    from eventcoder import pipeline
    from eventcoder.records import RawArticle
    from eventcoder.settings import load_settings
    from eventcoder.stages.parse import resolve_model_name

    use_dev = corpus == "dev" or (corpus == "auto" and DEV.is_dir())
    texts = (dev_texts(base_words) if use_dev else generated_texts(base_words)) * scale
    settings = load_settings(n_process=1)
    bare = spacy.load(resolve_model_name(settings.model))  # never runs our components
    nlp = pipeline.build_nlp(settings.model, settings.kb_paths)  # the one run() uses (cached)
    for _ in bare.pipe(texts[:2]):
        pass
    for _ in pipeline.run([RawArticle(doc_id="warm", text=texts[0])], settings=settings):
        pass  # models and tables loaded before any clock starts
    ours = [n for n in nlp.pipe_names if n.startswith("eventcoder_")]
    totals: dict[str, float] = defaultdict(float)
    _time_components(nlp, ours, totals)
    spacy_s = pipe_s = 0.0
    for k, i in enumerate(range(0, len(texts), chunk)):
        part = texts[i : i + chunk]
        arts = [RawArticle(doc_id=f"d{i + j}", text=t) for j, t in enumerate(part)]

        def alone(part: list[str] = part) -> float:
            start = CLOCK()
            for _ in bare.pipe(part):
                pass
            return CLOCK() - start

        def full(arts: list[RawArticle] = arts) -> float:
            start = CLOCK()
            for _ in pipeline.run(arts, settings=settings):
                pass
            return CLOCK() - start

        if k % 2 == 0:
            spacy_s += alone()
            pipe_s += full()
        else:
            pipe_s += full()
            spacy_s += alone()
    words = sum(len(t.split()) for t in texts)
    components = sum(totals.values())
    result = {
        "words": words,
        "chunks": (len(texts) + chunk - 1) // chunk,
        "spacy_cpu_seconds": round(spacy_s, 2),
        "pipeline_cpu_seconds": round(pipe_s, 2),
        "ratio": round(spacy_s / pipe_s, 3),
        "eventcoder_components_share": round(components / pipe_s, 3),
        "after_parse_share": round(max(0.0, pipe_s - spacy_s - components) / pipe_s, 3),
        "component_seconds": {n: round(v, 3) for n, v in sorted(totals.items())},
    }
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    kind = "dev" if use_dev else "generated"
    click.echo(f"{words} words ({kind} texts x{scale}) in {result['chunks']} chunks of {chunk}")
    click.echo(f"spaCy alone {spacy_s:.1f} CPU-s, pipeline {pipe_s:.1f} CPU-s: "
               f"ratio {result['ratio']:.3f}")  # fmt: skip
    click.echo(f"  eventcoder's spaCy components: {result['eventcoder_components_share']:.1%} "
               "of the pipeline")  # fmt: skip
    for name, secs in sorted(totals.items(), key=lambda kv: -kv[1]):
        click.echo(f"    {name:32s} {secs:6.2f} s")
    click.echo(f"  after the parse (mentions, coding, dates, merging, relations): "
               f"{result['after_parse_share']:.1%}")  # fmt: skip


if __name__ == "__main__":
    main()
