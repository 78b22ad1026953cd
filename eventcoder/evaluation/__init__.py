"""Evaluation of eventcoder against annotated datasets (``eventcoder evaluate``).

One scorer module per task (acled, muc4, places, plover, police, same_event, wikievents),
shared metrics in ``metrics``, label maps in ``labels``, output in ``report``, and the
entry point ``run.evaluate()``. See docs/evaluation.md.
"""

from __future__ import annotations

from eventcoder.evaluation.report import EvaluationReport, render, to_json
from eventcoder.evaluation.run import TASKS, evaluate

__all__ = ["TASKS", "EvaluationReport", "evaluate", "render", "to_json"]
