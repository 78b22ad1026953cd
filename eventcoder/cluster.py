"""Story clustering: documents that report the same real-world event share a story id.

Each document is run through the pipeline (``eventcoder.pipeline.run``) and compared with
every other one in three steps:

1. **text**: TF-IDF cosine over every word (English stop words removed, sublinear tf). It
   tells topics apart (a DUI arrest is not an earthquake).
2. **who/where/when**: TF-IDF cosine over the arguments that tell two events *of the same
   kind* apart: the capitalised words and numbers of the text (names, places, dates,
   counts) plus the keys of the document's events (linked actor ids and actor names,
   town-level place names, day dates, fatality counts). Rare keys weigh most (IDF over the input).
   The similarity is the mean of the two cosines.
3. **conflict**: when two documents both report dated events of one PLOVER type and every
   such date of one is more than ``CONFLICT_DAYS`` from every such date of the other
   ("another strike, another day"), their similarity is multiplied by ``CONFLICT_FACTOR``.

Documents are then grouped by average-linkage agglomerative clustering, which stops
when the mean similarity between two groups falls below ``min_similarity``. The pair score
(``pair_scores``) is the cophenetic similarity (the mean similarity at which two documents
end up in one group), mapped monotonically so that 0.5 is the threshold: a pair scores
at least 0.5 exactly when its documents share a story.

Memory and time are quadratic in the number of documents (a dense similarity matrix):
fine for tens of thousands of documents, not for millions (use time windows there).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventcoder.errors import EC004_MISSING_EXTRA, ConfigError
from eventcoder.records import DocumentResult, Event, RawArticle, StoryAssignment
from eventcoder.settings import Settings

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DEFAULT_MIN_SIMILARITY = 0.2  # average linkage stops below this mean cosine similarity
CONFLICT_DAYS = 7  # same-type events further apart than this are different events
CONFLICT_FACTOR = 0.5  # similarity kept by a pair with conflicting dates
_DAY_PRECISIONS = {"day", "week"}
_UNREAL = {"hypothetical", "negated"}
_NAME = re.compile(r"(?:[A-Z][\w'’.&-]*\w|[A-Z]|\d[\d,.:/]*\d|\d)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class DatedEvent:
    """One real (not hypothetical or negated, not background) event with a resolved date.

    A month-precision date ("April 2007") keeps its whole range, so it conflicts with no
    day inside that month.
    """

    event_type: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class DocumentProfile:
    """What clustering needs to know about one document."""

    doc_id: str
    text: str
    names: tuple[str, ...]  # who/where/when channel tokens
    dated: tuple[DatedEvent, ...]


def _require_extra() -> None:
    try:
        import scipy  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        raise ConfigError(
            "story clustering needs scikit-learn and SciPy. Fix: pip install scikit-learn scipy",
            code=EC004_MISSING_EXTRA,
        ) from None


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def event_keys(events: Iterable[Event]) -> list[str]:
    """Who/where/when keys of a document's real, foreground events."""
    keys: list[str] = []
    for e in events:
        if e.is_background or e.status in _UNREAL:
            continue
        for actor in (*e.source_actors, *e.target_actors):
            if actor.actor_id:
                keys.append(f"actor:{actor.actor_id}")
            elif actor.name[:1].isupper():  # a name, not "people" or "police"
                keys.append(f"actor:{_norm(actor.name)}")
        # A town or a point tells two events of one story apart; a country or a region, which
        # every report of the story names (and context fills in), does not.
        if e.location is not None and e.location.name and e.location.precision != 3:
            keys.append(f"place:{_norm(e.location.name)}")
        if e.date is not None and e.date.start and e.date.precision in _DAY_PRECISIONS:
            keys.append(f"date:{e.date.start.isoformat()}")
        if e.fatalities is not None and e.fatalities.min is not None:
            keys.append(f"killed:{e.fatalities.min}")
    return keys


def name_tokens(text: str) -> list[str]:
    """Capitalised words and numbers of ``text`` (lower-cased), without stop words."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    tokens = (m.group(0).lower() for m in _NAME.finditer(text))
    return [t for t in tokens if t not in ENGLISH_STOP_WORDS]


def profile(article: RawArticle, result: DocumentResult) -> DocumentProfile:
    """Describe one document from its text and the pipeline's events."""
    dated = tuple(
        DatedEvent(e.event_type, e.date.start, e.date.end or e.date.start)
        for e in result.events
        if not e.is_background and e.status not in _UNREAL and e.date is not None
        and e.date.start is not None
    )  # fmt: skip
    names = (*name_tokens(article.text), *event_keys(result.events))
    return DocumentProfile(article.doc_id, article.text, names, dated)


@functools.lru_cache(maxsize=2)
def _profiles(
    articles: tuple[RawArticle, ...], settings: Settings | None
) -> tuple[DocumentProfile, ...]:
    # Cached: the evaluator asks for clusters and pair scores of the same documents.
    from eventcoder.pipeline import run

    results = run(articles, settings=settings)
    return tuple(profile(a, r) for a, r in zip(articles, results, strict=True))


def profiles(
    articles: Iterable[RawArticle], *, settings: Settings | None = None
) -> tuple[DocumentProfile, ...]:
    """Run the pipeline over ``articles`` and describe each (in input order)."""
    return _profiles(tuple(articles), settings)


def conflict(a: Sequence[DatedEvent], b: Sequence[DatedEvent]) -> bool:
    """True when a shared event type is dated in both and all its dates are far apart."""
    shared = {e.event_type for e in a} & {e.event_type for e in b}
    gap = dt.timedelta(days=CONFLICT_DAYS)
    for kind in sorted(shared):
        xs = [e for e in a if e.event_type == kind]
        ys = [e for e in b if e.event_type == kind]
        if all(x.start > y.end + gap or y.start > x.end + gap for x in xs for y in ys):
            return True
    return False


def similarity_matrix(docs: Sequence[DocumentProfile]) -> npt.NDArray[np.float64]:
    """Pairwise similarity in [0, 1]: mean of the two channels' cosines, conflicts damped."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    _require_extra()
    n = len(docs)
    if n == 0:
        return np.zeros((0, 0))
    channels = []
    text = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    names = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True)
    for vectorizer, data in ((text, [d.text for d in docs]), (names, [d.names for d in docs])):
        try:
            matrix = vectorizer.fit_transform(data)
        except ValueError:  # empty vocabulary: this channel says nothing
            channels.append(np.zeros((n, n)))
            continue
        channels.append((matrix @ matrix.T).toarray())
    sim: npt.NDArray[np.float64] = np.clip((channels[0] + channels[1]) / 2.0, 0.0, 1.0)
    dated = [i for i, d in enumerate(docs) if d.dated]
    for x, i in enumerate(dated):
        for j in dated[x + 1 :]:
            if conflict(docs[i].dated, docs[j].dated):
                sim[i, j] *= CONFLICT_FACTOR
                sim[j, i] = sim[i, j]
    np.fill_diagonal(sim, 1.0)
    return sim


def _tree(sim: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    import numpy as np
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(1.0 - sim, 0.0, 1.0)
    np.fill_diagonal(dist, 0.0)
    tree: npt.NDArray[np.float64] = linkage(squareform(dist, checks=False), method="average")
    return tree


def cluster_documents(
    articles: Iterable[RawArticle],
    *,
    settings: Settings | None = None,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> list[StoryAssignment]:
    """Group documents into stories, one assignment per document in input order.

    ``story_id`` is ``story:`` plus the id of the story's first document in input order,
    so it is stable when documents are added after it. ``score`` is the document's mean
    similarity to the other members of its story, or for a story of one document,
    one minus its highest similarity to any other document.
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster

    _require_extra()
    docs = profiles(articles, settings=settings)
    if not docs:
        return []
    sim = similarity_matrix(docs)
    if len(docs) == 1:
        labels = np.array([1])
    else:
        labels = fcluster(_tree(sim), t=1.0 - min_similarity, criterion="distance")
    first: dict[int, str] = {}
    for doc, label in zip(docs, labels, strict=True):
        first.setdefault(int(label), doc.doc_id)
    out: list[StoryAssignment] = []
    for i, (doc, label) in enumerate(zip(docs, labels, strict=True)):
        members = [j for j in np.flatnonzero(labels == label) if j != i]
        if members:
            score = float(sim[i, members].mean())
        else:
            others = np.delete(sim[i], i)
            score = 1.0 - float(others.max()) if others.size else 1.0
        out.append(StoryAssignment(doc.doc_id, f"story:{first[int(label)]}", round(score, 4)))
    return out


def calibrate(similarity: float, min_similarity: float = DEFAULT_MIN_SIMILARITY) -> float:
    """Map a similarity monotonically to [0, 1] so that ``min_similarity`` becomes 0.5."""
    t = min(max(min_similarity, 1e-9), 1.0 - 1e-9)
    if similarity < t:
        return 0.5 * max(similarity, 0.0) / t
    return 0.5 + 0.5 * (min(similarity, 1.0) - t) / (1.0 - t)


def pair_scores(
    articles: Iterable[RawArticle],
    *,
    settings: Settings | None = None,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> dict[tuple[str, str], float]:
    """Same-story score of every pair of documents, from 0 to 1.

    The score is the mean similarity at which average linkage puts the two documents in
    one group (the cophenetic similarity), calibrated so that it is at least 0.5 exactly
    when ``cluster_documents`` (with the same ``min_similarity``) gives them one story.
    Keys are ``(doc_a, doc_b)`` in input order.
    """
    from scipy.cluster.hierarchy import cophenet

    _require_extra()
    docs = profiles(articles, settings=settings)
    if len(docs) < 2:
        return {}
    joined = 1.0 - cophenet(_tree(similarity_matrix(docs)))  # condensed, row-major pairs
    out: dict[tuple[str, str], float] = {}
    k = 0
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            score = calibrate(float(joined[k]), min_similarity)
            out[(docs[i].doc_id, docs[j].doc_id)] = round(score, 4)
            k += 1
    return out
