"""The pipeline: the only module that wires the stages together.

RawArticle -> normalize -> Article -> (infer document date)
  -> spaCy [parse, actor linker, trigger finder, argument attacher, status decider]
  -> doc_to_mentions -> code_mention -> resolve dates -> merge_mentions -> Event
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import spacy
from spacy.language import Language

from eventcoder.errors import EC016_EMPTY, EC017_DOCUMENT_FAILED
from eventcoder.geo.gazetteer import default_gazetteer
from eventcoder.kb.load import ActorKB, load_kb
from eventcoder.records import (
    Article,
    DateRange,
    DocumentDate,
    DocumentResult,
    Event,
    EventMention,
    RawArticle,
)
from eventcoder.settings import Settings, load_settings
from eventcoder.stages import (
    attach_arguments,  # noqa: F401  (registers the spaCy factory)
    decide_status,  # noqa: F401
    find_triggers,  # noqa: F401
    link_actors,
    resolve_places,  # noqa: F401
)
from eventcoder.stages.code_events import code_in_context, code_mention
from eventcoder.stages.collect_mentions import doc_to_mentions
from eventcoder.stages.infer_doc_date import infer_document_date
from eventcoder.stages.merge_mentions import merge_mentions
from eventcoder.stages.normalize import normalize
from eventcoder.stages.parse import make_doc, resolve_model_name, split_wire_separators
from eventcoder.stages.relate_actors import relate_actors
from eventcoder.stages.resolve_dates import is_background, resolve_date
from eventcoder.stages.resolve_dates import warm_up as warm_up_dates

T = TypeVar("T")

_RANGE_HEAD = re.compile(r"(?i)^(since|until|till|before|after|from|by|through|throughout)\s")
_DATE_TAIL = re.compile(
    r"(?i)\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:19|20)\d\d)\b.*$"
)

CHARS_PER_BATCH = 200_000
COMPONENTS = (
    "eventcoder_trigger_finder",
    "eventcoder_argument_attacher",
    "eventcoder_status_decider",
    "eventcoder_place_resolver",
)


@functools.lru_cache(maxsize=2)
def build_nlp(model: str = "auto", kb_paths: tuple[str, ...] = ()) -> Language:
    """Load the spaCy model and add eventcoder's components (once per process)."""
    nlp = spacy.load(resolve_model_name(model))
    split_wire_separators(nlp)
    kb = load_kb([Path(p) for p in kb_paths]) if kb_paths else None
    link_actors.add_linker(nlp, kb=kb)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    _load_tables()
    return nlp


def _load_tables() -> None:
    """Load now what stages would otherwise build on first use, so the first documents are
    not slower than the rest: the gazetteer and dateparser's tables. Then exempt everything
    loaded so far (model, knowledge base, gazetteer: long-lived) from garbage collection, so
    full collections no longer walk those hundreds of thousands of objects."""
    default_gazetteer()
    warm_up_dates()
    gc.collect()
    gc.freeze()


def _map_records(value: T, own: Callable[[Any], dict[str, Any]]) -> T:
    """``value`` with the field changes ``own(record)`` gives applied to it and to every
    record inside it (nested records and tuples of records)."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes = own(value)
    for f in dataclasses.fields(value):
        v = getattr(value, f.name)
        if dataclasses.is_dataclass(v):
            changes[f.name] = _map_records(v, own)
        elif isinstance(v, tuple) and v and dataclasses.is_dataclass(v[0]):
            changes[f.name] = tuple(_map_records(x, own) for x in v)
    return dataclasses.replace(value, **changes) if changes else value


def _span_of(record: Any) -> tuple[str, str] | None:
    """The names of a record's character-offset fields (``DateRange`` keeps its dates in
    ``start``/``end`` and its offsets in ``start_char``/``end_char``)."""
    for a, b in (("start", "end"), ("start_char", "end_char")):
        if isinstance(getattr(record, a, None), int) and isinstance(getattr(record, b, None), int):
            return a, b
    return None


def _shift(value: T, offset: int) -> T:
    """Move every character offset inside a record by ``offset`` (chunked documents)."""
    if offset == 0:
        return value

    def own(record: Any) -> dict[str, Any]:
        names = _span_of(record)
        return {n: getattr(record, n) + offset for n in names} if names else {}

    return _map_records(value, own)


def chunks(text: str, size: int) -> list[tuple[int, str]]:
    """Cut ``text`` at paragraph breaks into pieces of about ``size`` characters."""
    if len(text) <= size:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut == -1:
                cut = text.rfind(". ", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        out.append((start, text[start:end]))
        start = end
    return out


def _resolve_dates(
    mentions: list[EventMention], doc_date: dt.date | None, settings: Settings
) -> list[EventMention]:
    out = []
    for m in mentions:
        date: DateRange | None = m.date
        if date is not None:
            resolved = resolve_date(date.text, base=doc_date, start_char=date.start_char)
            if resolved is None and _RANGE_HEAD.match(date.text):
                # "since the aftermath of the attack on October 7, 2023": the preposition
                # with the date it governs.
                tail = _DATE_TAIL.search(date.text)
                if tail is not None:
                    query = f"{date.text.split()[0]} {tail.group(0)}"
                    resolved = resolve_date(query, base=doc_date, start_char=date.start_char)
            if resolved is not None:
                date = dataclasses.replace(resolved, text=date.text, start_char=date.start_char,
                                           end_char=date.end_char)  # fmt: skip
        out.append(dataclasses.replace(m, date=date))
    return [
        dataclasses.replace(
            m,
            is_background=m.tally or bool(
                m.date
                and m.date.start
                and is_background(m.date, doc_date, window_days=settings.background_window_days)
            ),
        )  # fmt: skip
        for m in out
    ]


def _document_date(article: Article) -> DocumentDate | None:
    if article.date is not None:
        return article.date
    return infer_document_date(article.text)


def run(
    articles: Iterable[RawArticle | DocumentResult],
    *,
    settings: Settings | None = None,
    progress: bool = False,
) -> Iterator[DocumentResult]:
    """Process documents in order; failures come back as results with ``error`` set.

    With ``settings.n_process > 1`` batches of documents go to worker processes, each
    running the whole pipeline (results come back in input order).
    """
    settings = settings or load_settings()
    batches = _batches(_progress(articles, progress), settings.batch_size)
    if settings.n_process <= 1:
        nlp = build_nlp(settings.model, settings.kb_paths)
        for batch in batches:
            yield from _process_batch(batch, settings, nlp)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the loaded model with the workers; each builds it once if needed.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=settings.n_process, mp_context=context) as pool:
        pending: list[Any] = []
        for batch in batches:
            pending.append(pool.submit(_process_batch, batch, settings))
            if len(pending) > 2 * settings.n_process:  # bounded memory: stream results
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()


def _batches(
    items: Iterable[RawArticle | DocumentResult], size: int
) -> Iterator[list[RawArticle | DocumentResult]]:
    batch: list[RawArticle | DocumentResult] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _process_batch(
    items: list[RawArticle | DocumentResult], settings: Settings, nlp: Language | None = None
) -> list[DocumentResult]:
    """Normalise, parse and code one batch; errors and read failures keep their place."""
    nlp = nlp or build_nlp(settings.model, settings.kb_paths)
    slots: list[DocumentResult | Article] = []
    originals: list[str] = []
    for item in items:
        if isinstance(item, DocumentResult):
            slots.append(item)
            continue
        try:
            slots.append(normalize(item))
            originals.append(item.text)
        except Exception as exc:  # one bad document never stops a corpus run
            slots.append(DocumentResult(doc_id=item.doc_id, origin=item.origin,
                         error=f"[{EC017_DOCUMENT_FAILED}] {item.origin}: {exc!r}"))  # fmt: skip
    articles = [a for a in slots if isinstance(a, Article)]
    done = iter(
        [
            _with_original_text(result, article.text, original)
            for result, article, original in zip(
                _flush(articles, nlp, settings), articles, originals, strict=True
            )
        ]
    )
    return [next(done) if isinstance(slot, Article) else slot for slot in slots]


def _with_original_text(result: DocumentResult, normalized: str, original: str) -> DocumentResult:
    """Quote the user's own text in every span of the records, not the normalised one
    (normalising changes letter case and line wraps, never offsets)."""
    if normalized == original or not result.events:
        return result
    return dataclasses.replace(
        result, events=tuple(_requote(e, original, normalized) for e in result.events)
    )


def _requote(value: T, original: str, normalized: str = "") -> T:
    """``value`` with the ``text`` of every record that has offsets re-read from ``original``,
    and an actor's mention ``phrase`` and ``description`` (text without offsets, found near
    the actor's own span in ``normalized``) re-read likewise."""

    def own(record: Any) -> dict[str, Any]:
        names = _span_of(record)
        if names is None or not hasattr(record, "text"):
            return {}
        start, end = (getattr(record, n) for n in names)
        changes: dict[str, Any] = {"text": original[start:end]}
        for name in ("phrase", "description"):
            quoted = getattr(record, name, None)
            if isinstance(quoted, str) and normalized:
                found = _near(quoted, normalized, start, end)
                if found is not None:
                    changes[name] = " ".join(original[found[0] : found[1]].split())
        return changes

    return _map_records(value, own)


# How far from an actor's own span its mention phrase is looked for (characters).
PHRASE_REACH = 400


def _near(words: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``words`` (any whitespace between them) occur in ``text`` near ``start:end``."""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words.split()))
    found = pattern.search(text, max(0, start - PHRASE_REACH), end + PHRASE_REACH)
    return None if found is None else (found.start(), found.end())


def _progress(items: Iterable[T], enabled: bool) -> Iterable[T]:
    if not enabled:
        return items
    from rich.progress import track

    return track(items, description="documents", transient=True)


def _flush(batch: list[Article], nlp: Language, settings: Settings) -> Iterator[DocumentResult]:
    if not batch:
        return
    pieces: list[tuple[str, tuple[int, int]]] = []
    for n, article in enumerate(batch):
        for offset, piece in chunks(article.text, settings.chunk_chars):
            pieces.append((piece, (n, offset)))
    kb = link_actors.get_linker(nlp).kb
    mentions: dict[int, list[EventMention]] = {n: [] for n in range(len(batch))}
    failed: dict[int, str] = {}
    # Batch by characters, not documents: 32 chunks of 50,000 characters in one spaCy batch
    # would hold gigabytes of activations.
    longest = max((len(p) for p, _ in pieces), default=1)
    batch_size = max(1, min(settings.batch_size, CHARS_PER_BATCH // max(longest, 1)))
    # Docs made here carry their text, so stages need not rebuild ``doc.text`` (see doc_text).
    docs = nlp.pipe(
        ((make_doc(nlp, piece), key) for piece, key in pieces),
        as_tuples=True,
        batch_size=batch_size,
    )
    for doc, (n, offset) in docs:
        try:
            found = doc_to_mentions(doc, batch[n].doc_id)
            mentions[n].extend(_shift(m, offset) for m in found)
        except Exception as exc:  # one bad document never stops a corpus run
            failed[n] = f"[{EC017_DOCUMENT_FAILED}] {batch[n].origin}: {exc!r}"
    for n, article in enumerate(batch):
        if n in failed:
            yield DocumentResult(doc_id=article.doc_id, origin=article.origin, error=failed[n])
            continue
        try:
            yield _finish(article, mentions[n], settings, kb)
        except Exception as exc:  # one bad document never stops a corpus run
            yield DocumentResult(doc_id=article.doc_id, origin=article.origin,
                                 error=f"[{EC017_DOCUMENT_FAILED}] {article.origin}: {exc!r}")  # fmt: skip


def _finish(
    article: Article, mentions: list[EventMention], settings: Settings, kb: ActorKB
) -> DocumentResult:
    words = len(article.text.split())
    notes: list[str] = []
    if not article.text.strip():
        notes.append(f"[{EC016_EMPTY}] {article.origin or article.doc_id}: empty document")
    doc_date = _document_date(article)
    coded = code_in_context([code_mention(m) for m in mentions], text=article.text)
    dated = _resolve_dates(coded, doc_date.date if doc_date else None, settings)
    merged = merge_mentions(dated, text=article.text)
    events = relate_actors(merged, kb, doc_date=doc_date.date if doc_date else None)
    return DocumentResult(
        doc_id=article.doc_id,
        events=tuple(events),
        document_date=doc_date,
        notes=tuple(notes),
        origin=article.origin,
        words=words,
    )


def extract(text: str, date: dt.date | str | None = None, *, doc_id: str = "doc") -> list[Event]:
    """Extract the events of one text (``date`` is its publication date, if known)."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    results = list(run([RawArticle(doc_id=doc_id, text=text, date=date)]))
    return list(results[0].events)
