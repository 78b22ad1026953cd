"""Print the README's accuracy table: every task on the development data, in one run.

    python benchmarks/accuracy_table.py [--eval-dir ../shared/eval/dev] [--police-sample 2000]

Each row is (dataset, metric, score, support). The data is read from --eval-dir and never
copied; the police sentence set is sampled deterministically (by hash of id) to keep the run
short, as the quality gate does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from eventcoder.evaluation.run import evaluate

REPO = Path(__file__).resolve().parent.parent
# (file, task, [(section, metric, label shown in the README)])
ROWS = [
    ("plover_gsr", "plover", [("type", "macro_f1", "PLOVER type macro-F1"),
                              ("type", "accuracy", "PLOVER type accuracy"),
                              ("actor_source", "f1", "source actor text F1"),
                              ("actor_target", "f1", "target actor text F1"),
                              ("actor_source_code", "precision", "source actor country accuracy"),
                              ("fatalities", "exact_accuracy", "fatalities exact")]),
    ("case2021_task2", "acled", [("subtask1", "weighted_f1", "ACLED sub-event weighted F1 (subtask 1)"),
                                 ("subtask1", "macro_f1", "ACLED sub-event macro F1 (subtask 1)"),
                                 ("coarse", "weighted_f1", "ACLED event type weighted F1")]),
    ("muc4", "muc4", [("relevance", "f1", "document relevance F1"),
                      ("roles_micro", "f1", "perpetrator/target/victim/weapon micro F1"),
                      ("roles_micro_lenient", "f1", "same, lenient (head word)"),
                      ("deaths", "exact_accuracy", "deaths exact"),
                      ("status", "accuracy", "status accuracy"),
                      ("place_country", "accuracy", "event country accuracy"),
                      ("place_finest", "exact_accuracy", "finest place exact")]),
    ("wikievents", "wikievents", [("identification_coref", "f1", "argument identification F1 (coref match)"),
                                  ("classification_coref", "f1", "argument role F1 (coref match)")]),
    ("indiapoliceevents_sents", "police", [("labels", "micro_f1", "police actions micro F1 (sentences)"),
                                           ("labels", "macro_f1", "police actions macro F1 (sentences)")]),
    ("indiapoliceevents_docs", "police", [("labels", "micro_f1", "police actions micro F1 (documents)")]),
    ("geowebnews", "places", [("literal_overlap", "f1", "literal toponym F1 (overlap)"),
                              ("geocoding", "accuracy_161km", "accuracy within 161 km"),
                              ("geocoding", "accuracy_161km_recognised", "accuracy within 161 km, places found"),
                              ("geocoding", "median_error_km", "median error (km)")]),
    ("ecbplus_docs", "same-event", [("system_clusters", "bcubed_f1", "story clustering B-cubed F1"),
                                    ("system_pairs", "best_f1", "same-event pair F1 (best threshold)"),
                                    ("baseline_clusters", "bcubed_f1", "TF-IDF baseline B-cubed F1"),
                                    ("baseline_pairs", "best_f1", "TF-IDF baseline pair F1")]),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", default=str(REPO.parent / "shared" / "eval" / "dev"))
    parser.add_argument("--police-sample", type=int, default=2000)
    args = parser.parse_args()
    print(f"| dataset | metric | score | support |  (measured {dt.date.today()})")
    print("|---|---|---|---|")
    for name, task, metrics in ROWS:
        started = time.perf_counter()
        sample = args.police_sample if name == "indiapoliceevents_sents" else None
        try:
            report = evaluate(Path(args.eval_dir) / f"{name}.jsonl", task, sample=sample)
        except Exception as exc:  # report and go on: one task never hides the others
            print(f"| {name} | (not scored: {exc}) | | |")
            continue
        sections = {s.name: s for s in report.sections}
        for section, metric, label in metrics:
            s = sections.get(section)
            value = s.metrics.get(metric) if s is not None else None
            shown = f"{value:.3f}" if isinstance(value, float) else "n/a"
            support = s.support if s is not None else ""
            print(f"| {name} | {label} | {shown} | {support} |")
        print(f"<!-- {name}: {time.perf_counter() - started:.0f} s -->")


if __name__ == "__main__":
    main()
