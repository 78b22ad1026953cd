"""Label maps: the hand-written mappings of each dataset's labels to eventcoder's.

Read from a path given by the user; by default ``../shared/eval/label_maps.json`` (looked up
from the current directory, then beside the repository) when it is present. Nothing from it
is copied into the package.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.errors import EvaluationError
from eventcoder.evaluation.codes import EC053_UNKNOWN_LABEL, EC057_NO_LABEL_MAP

_REPO = Path(__file__).resolve().parents[2]
DEFAULT_CANDIDATES: tuple[Path, ...] = (
    Path("../shared/eval/label_maps.json"),
    _REPO.parent / "shared" / "eval" / "label_maps.json",
)


def default_label_map_path() -> Path | None:
    """The first default label-map location that exists, or None."""
    for p in DEFAULT_CANDIDATES:
        if p.is_file():
            return p
    return None


def as_list(value: Any) -> list[str]:
    """A label-map value (None, a string or a list) as a list of strings."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


@dataclass(frozen=True, slots=True)
class LabelMaps:
    """The parsed label maps; ``section()`` gives one dataset's mapping without comment keys."""

    data: Mapping[str, Any]
    path: str

    def section(self, name: str) -> dict[str, Any]:
        """One top-level mapping with ``_comment`` keys removed; a coded error if absent."""
        value = self.data.get(name)
        if not isinstance(value, dict):
            raise EvaluationError(
                f"label map {self.path} has no section {name!r}; "
                "pass a label map with that section (--label-map FILE)",
                code=EC057_NO_LABEL_MAP,
            )
        return {k: v for k, v in value.items() if not k.startswith("_")}

    def lookup(self, name: str, label: str) -> Any:
        """The mapped value of ``label`` in section ``name``; a coded error for unknown labels."""
        sec = self.section(name)
        if label not in sec:
            raise EvaluationError(
                f"label {label!r} is not in label map section {name!r} ({self.path}); "
                f"expected one of {', '.join(sorted(sec))}",
                code=EC053_UNKNOWN_LABEL,
            )
        return sec[label]

    def quad(self) -> dict[str, str]:
        """PLOVER 2021 type -> quad class."""
        return {k: str(v) for k, v in self.section("plover_2021_quad").items()}

    def acled_event_type_of(self) -> dict[str, str]:
        """ACLED sub-event type -> ACLED event type (the six coarse types)."""
        targets = self.data.get("targets", {}).get("acled_sub_event_type", {})
        return {sub: ev for ev, subs in targets.items() for sub in subs}


def load_label_maps(path: str | Path | None = None) -> LabelMaps:
    """Read label maps from ``path`` or the default location; a coded error when neither works."""
    p = Path(path) if path is not None else default_label_map_path()
    if p is None or not p.is_file():
        where = str(path) if path is not None else " or ".join(str(c) for c in DEFAULT_CANDIDATES)
        raise EvaluationError(
            f"no label map at {where}; pass one with --label-map FILE "
            "(the evaluation data ships one as label_maps.json)",
            code=EC057_NO_LABEL_MAP,
        )
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(
            f"label map {p} is not readable JSON ({exc}); fix or replace the file",
            code=EC057_NO_LABEL_MAP,
        ) from exc
    if not isinstance(data, dict):
        raise EvaluationError(
            f"label map {p} must be a JSON object of sections", code=EC057_NO_LABEL_MAP
        )
    return LabelMaps(data, str(p))
