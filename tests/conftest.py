"""Fixtures shared by the whole test suite (define fixtures here only once)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EVAL_DIR = SHARED / "eval" / "dev"
EXAMPLES_DIR = SHARED / "examples"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="run slow tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip_slow = pytest.mark.skip(reason="slow test: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """``../shared/eval/dev``; skips the test when it is absent."""
    if not EVAL_DIR.is_dir():
        pytest.skip("../shared/eval/dev is not present")
    return EVAL_DIR


@pytest.fixture(scope="session")
def founding_example() -> str:
    """The founding example article; skips the test when it is absent."""
    path = EXAMPLES_DIR / "iraq-us-forces-opinion.txt"
    if not path.is_file():
        pytest.skip("../shared/examples is not present")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp() -> Iterator[object]:
    """The default spaCy pipeline (loaded once per session)."""
    from eventcoder.stages.parse import load_nlp

    yield load_nlp()
