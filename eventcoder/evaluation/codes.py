"""Stable error codes of the evaluation tool (listed in docs/evaluation.md)."""

from __future__ import annotations

EC050_EVALUATION = "EC050"  # base code of EvaluationError
EC051_BAD_GOLD = "EC051"  # the gold file is not in the task's format
EC052_UNKNOWN_TASK = "EC052"  # no such task
EC053_UNKNOWN_LABEL = "EC053"  # a gold label the label map does not know
EC054_FOREIGN_PREDICTIONS = "EC054"  # predictions for documents not in the gold file
EC055_NO_SYSTEM = "EC055"  # the pipeline (or clusterer, geoparser) is not available
EC056_BAD_PREDICTIONS = "EC056"  # the predictions file is malformed
EC057_NO_LABEL_MAP = "EC057"  # no label map, or one without the section needed
