"""Tests of label-map loading and lookups (with a small invented map)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.errors import EvaluationError
from eventcoder.evaluation.labels import as_list, load_label_maps
from eventcoder.evaluation.testing import write_json

MAP = {
    "_about": "invented for this test",
    "targets": {
        "acled_sub_event_type": {"Battles": ["Armed clash"], "Protests": ["Peaceful protest"]}
    },
    "plover_2021_quad": {
        "_source": "x",
        "ASSAULT": "MATERIAL_CONFLICT",
        "AGREE": "VERBAL_COOPERATION",
    },
    "toy": {"_note": "comment", "FIGHT": "ASSAULT"},
}


def test_labels_sections_skip_comments_and_lookup(tmp_path: Path) -> None:
    maps = load_label_maps(write_json(tmp_path / "m.json", MAP))
    assert maps.section("toy") == {"FIGHT": "ASSAULT"}
    assert maps.lookup("toy", "FIGHT") == "ASSAULT"
    assert maps.quad() == {"ASSAULT": "MATERIAL_CONFLICT", "AGREE": "VERBAL_COOPERATION"}
    assert maps.acled_event_type_of() == {"Armed clash": "Battles", "Peaceful protest": "Protests"}
    assert as_list(None) == [] and as_list("a") == ["a"] and as_list(["a", "b"]) == ["a", "b"]


def test_labels_unknown_label_and_section_are_coded(tmp_path: Path) -> None:
    maps = load_label_maps(write_json(tmp_path / "m.json", MAP))
    with pytest.raises(EvaluationError, match=r"\[EC053\].*'DANCE'"):
        maps.lookup("toy", "DANCE")
    with pytest.raises(EvaluationError, match=r"\[EC057\].*'absent'"):
        maps.section("absent")


def test_labels_missing_or_bad_file_is_coded(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"\[EC057\]"):
        load_label_maps(tmp_path / "nope.json")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"\[EC057\].*not readable JSON"):
        load_label_maps(tmp_path / "bad.json")
