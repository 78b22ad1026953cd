"""same-event (ecbplus): document clustering and pair similarity against seminal events.

Scores a system's clustering ``{doc_id: story_id}`` and pair scores, and always the
reference baseline: TF-IDF cosine for pairs and average-linkage clustering of the same
vectors (scikit-learn and SciPy), so our numbers can be read beside it.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

from eventcoder.errors import EvaluationError
from eventcoder.evaluation.codes import EC051_BAD_GOLD, EC055_NO_SYSTEM
from eventcoder.evaluation.common import TaskResult
from eventcoder.evaluation.data import ClusterPredictions, GoldRecord, read_gold
from eventcoder.evaluation.metrics import (
    adjusted_rand_index,
    bcubed,
    best_threshold_f1,
    pairwise_cluster_prf,
    roc_auc,
)
from eventcoder.evaluation.report import ErrorExample, Section
from eventcoder.records import RawArticle

TASK = "same-event"
DOCS_GOLD = ("seminal_event",)
PAIRS_GOLD = ("same_event",)
# Cosine distance at which average-linkage stops merging. Fixed a priori (similarity 0.3),
# not tuned on the development data.
BASELINE_DISTANCE = 0.7


def companion_paths(path: str | Path) -> tuple[Path, Path]:
    """(docs file, pairs file) given either one: the other is looked up beside it."""
    p = Path(path)
    if p.name.endswith("_pairs.jsonl"):
        return p.with_name(p.name.replace("_pairs.jsonl", "_docs.jsonl")), p
    if p.name.endswith("_docs.jsonl"):
        return p, p.with_name(p.name.replace("_docs.jsonl", "_pairs.jsonl"))
    return p, p.with_name(p.stem + "_pairs.jsonl")


def read_same_event(path: str | Path) -> tuple[list[GoldRecord], list[GoldRecord]]:
    """Read the documents and (when present) the within-topic pairs."""
    docs_path, pairs_path = companion_paths(path)
    docs = read_gold(docs_path, required_gold=DOCS_GOLD, task=TASK)
    pairs: list[GoldRecord] = []
    if pairs_path.is_file():
        pairs = read_gold(pairs_path, required_gold=PAIRS_GOLD, task=TASK)
        for r in pairs:
            if "doc_a" not in r.raw or "doc_b" not in r.raw:
                raise EvaluationError(
                    f"{pairs_path} line {r.line} has no doc_a/doc_b; expected "
                    "{id, doc_a, doc_b, gold: {same_event}}",
                    code=EC051_BAD_GOLD,
                )
    return docs, pairs


def pair_key(a: str, b: str) -> tuple[str, str]:
    """An order-free key for a pair of document ids."""
    return (a, b) if a <= b else (b, a)


def baseline(docs: Sequence[GoldRecord]) -> ClusterPredictions:
    """TF-IDF cosine pair scores and average-linkage clusters (the reference baseline)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = [d.id for d in docs]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform([d.text or "" for d in docs])
    sim = (matrix @ matrix.T).toarray()
    pairs = {
        pair_key(ids[i], ids[j]): float(sim[i, j])
        for i in range(len(ids))
        for j in range(i + 1, len(ids))
    }
    if len(ids) < 2:
        return ClusterPredictions({i: "0" for i in ids}, pairs)
    dist = (1.0 - sim).clip(min=0.0)
    for i in range(len(ids)):
        dist[i, i] = 0.0
    tree = linkage(squareform(dist, checks=False), method="average")
    labels = fcluster(tree, t=BASELINE_DISTANCE, criterion="distance")
    return ClusterPredictions({i: str(c) for i, c in zip(ids, labels, strict=True)}, pairs)


def system_predictions(docs: Sequence[GoldRecord]) -> ClusterPredictions:
    """Clusters from ``eventcoder.cluster.cluster_documents``; a coded error if it is missing."""
    try:
        cluster = importlib.import_module("eventcoder.cluster")
    except ImportError as exc:
        raise EvaluationError(
            "eventcoder.cluster is not available yet, so there is no system clustering to "
            "score; pass --predictions FILE with {doc_id, story_id} lines",
            code=EC055_NO_SYSTEM,
        ) from exc
    arts = [RawArticle(doc_id=d.id, text=d.text or "", date=d.doc_date) for d in docs]
    assignments = cluster.cluster_documents(arts)
    clusters = {str(a.doc_id): str(a.story_id) for a in assignments}
    scores: dict[tuple[str, str], float] = {}
    if hasattr(cluster, "pair_scores"):
        scores = {pair_key(a, b): float(s) for (a, b), s in cluster.pair_scores(arts).items()}
    return ClusterPredictions(clusters, scores)


def _sections(
    prefix: str,
    docs: Sequence[GoldRecord],
    pairs: Sequence[GoldRecord],
    pred: ClusterPredictions,
    notes: list[str],
) -> tuple[list[Section], list[ErrorExample]]:
    gold = {d.id: str(d.gold["seminal_event"]) for d in docs}
    clusters = {k: v for k, v in pred.clusters.items() if k in gold}
    missing = len(gold) - len(clusters)
    if missing:
        notes.append(f"{prefix}: {missing} document(s) without a cluster count as singletons")
    bp, br, bf = bcubed(gold, clusters)
    pp, pr, pf = pairwise_cluster_prf(gold, clusters)
    sections = [
        Section(
            f"{prefix}_clusters",
            {
                "bcubed_precision": bp,
                "bcubed_recall": br,
                "bcubed_f1": bf,
                "ari": adjusted_rand_index(gold, clusters),
                "pairwise_f1": pf,
                "pairwise_precision": pp,
                "pairwise_recall": pr,
            },
            len(gold),
        ),
    ]
    errors: list[ErrorExample] = []
    if pairs:
        labels: list[bool] = []
        scores: list[float] = []
        fallback = 0
        for r in pairs:
            a, b = str(r.raw["doc_a"]), str(r.raw["doc_b"])
            key = pair_key(a, b)
            if key in pred.pair_scores:
                s = pred.pair_scores[key]
            else:
                fallback += 1
                s = 1.0 if a in clusters and clusters.get(a) == clusters.get(b) else 0.0
            labels.append(bool(r.gold["same_event"]))
            scores.append(s)
            if labels[-1] != (s >= 0.5):
                errors.append(
                    ErrorExample(
                        r.id,
                        f"{prefix}_pairs",
                        str(labels[-1]),
                        f"{s:.2f}",
                        "",
                        abs(s - float(labels[-1])),
                    )
                )
        if fallback:
            notes.append(f"{prefix}: {fallback} pair(s) without a score use 1/0 from the clusters")
        f1, t = best_threshold_f1(labels, scores)
        sections.append(
            Section(
                f"{prefix}_pairs",
                {
                    "roc_auc": roc_auc(labels, scores),
                    "best_f1": f1,
                    "best_threshold": t if f1 else None,
                },
                len(labels),
                note="within-topic pairs (hard negatives)",
            )
        )
    return sections, errors


def score(
    docs: Sequence[GoldRecord], pairs: Sequence[GoldRecord], system: ClusterPredictions | None
) -> TaskResult:
    """Clustering (B-cubed, ARI, pairwise) and pair (ROC-AUC, best F1) scores."""
    notes: list[str] = []
    ids = {d.id for d in docs}
    pairs = [p for p in pairs if str(p.raw["doc_a"]) in ids and str(p.raw["doc_b"]) in ids]
    sections: list[Section] = []
    errors: list[ErrorExample] = []
    if system is not None:
        s, e = _sections("system", docs, pairs, system, notes)
        sections += s
        errors += e
    try:
        reference = baseline(docs)
    except ImportError:  # scikit-learn/SciPy are optional: the baseline is a reference only
        notes.append("baseline skipped: pip install scikit-learn scipy to report it")
    else:
        s, _ = _sections("baseline", docs, pairs, reference, notes)
        sections += s
    return TaskResult(tuple(sections), tuple(errors), tuple(notes))
