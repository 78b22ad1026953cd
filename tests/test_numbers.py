from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.numbers import parse_count, words_to_int


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("three", 3, 3),
        ("a", 1, 1),
        ("twenty-five", 25, 25),
        ("2,000", 2000, 2000),
        ("over 200", 200, None),
        ("more than 40", 40, None),
        ("at least 12", 12, None),
        ("dozens of", 12, None),  # ACLED: "dozens" -> 12
        ("hundreds", 100, None),
        ("up to 30", None, 30),
        ("between 5 and 10", 5, 10),
        ("one hundred and five", 105, 105),
    ],
)
def test_numbers_parse_count(text: str, lo: int | None, hi: int | None) -> None:
    count = parse_count(text)
    assert count is not None
    assert (count.min, count.max) == (lo, hi)


def test_numbers_not_a_number() -> None:
    assert parse_count("soldiers") is None
    assert words_to_int("the") is None


@given(st.integers(min_value=0, max_value=10**7))
def test_numbers_digits_round_trip(n: int) -> None:
    assert words_to_int(f"{n:,}") == n
