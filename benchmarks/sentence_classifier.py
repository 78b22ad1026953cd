"""Does a sentence classifier trained on our synthetic sentences help? (A measured "no", so far.)

Trains TF-IDF + linear SVM on ``data/training/sentences.jsonl`` (written for the project) and
prints its accuracy alone on the development halves of plover_gsr (PLOVER type) and
case2021_task2 subtask 1 (ACLED sub-event type). Reading ../shared/eval only measures; nothing
is trained on it.

    python benchmarks/sentence_classifier.py [--eval-dir ../shared/eval]

Measured 2026-11-25: plover 0.36 and ACLED 0.41 accuracy alone, against 0.62 and 0.61 for
the rule pipeline; blending the two lowered both scores slightly, so the pipeline does not
use it. The sentences are template-generated and too uniform to generalise.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _normalise(text: str) -> str:
    return re.sub(r"\d[\d,.]*", " 0 ", text.lower())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", default=str(REPO.parent / "shared" / "eval"))
    args = parser.parse_args()
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    rows = [json.loads(x) for x in (REPO / "data/training/sentences.jsonl").read_text().splitlines()]
    eval_dir = Path(args.eval_dir)
    maps = json.loads((eval_dir / "label_maps.json").read_text())
    plover = [json.loads(x) for x in (eval_dir / "dev/plover_gsr.jsonl").read_text().splitlines()]
    case = [json.loads(x) for x in (eval_dir / "dev/case2021_task2.jsonl").read_text().splitlines()]
    case = [r for r in case if 1 in r["gold"].get("subtasks", [])]
    tasks = [
        ("plover", plover, [maps["plover_gsr"][r["gold"]["event_types"][0]] for r in plover]),
        ("acled", case, [maps["case2021_task2"][r["gold"]["event_types"][0]]["acled"] for r in case]),
    ]
    for head, data, gold in tasks:
        model = make_pipeline(
            TfidfVectorizer(preprocessor=_normalise, ngram_range=(1, 2), sublinear_tf=True),
            LinearSVC(C=0.5),
        ).fit([r["text"] for r in rows], [r.get(head) or "NONE" for r in rows])
        pred = model.predict([r["text"] for r in data])
        accuracy = sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold)
        print(f"{head}: accuracy {accuracy:.3f} on {len(gold)} dev items (classifier alone)")


if __name__ == "__main__":
    main()
