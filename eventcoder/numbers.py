"""Read casualty counts from text: "three" -> 3, "dozens" -> 12, "over 200" -> 200+.

Vague quantities follow ACLED's conservative convention: "tens" 10, "dozens" 12,
"hundreds" 100, "thousands" 1000, each as an open-ended minimum.
"""

from __future__ import annotations

import re

from eventcoder.records import Count

_UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
    "couple": 2, "pair": 2, "both": 2,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# ACLED's conservative codes for vague plural quantities (open-ended: max is None).
_VAGUE = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000}
_AT_LEAST = ("over", "more than", "at least", "upwards of", "in excess of", "no fewer than")
_AT_MOST = ("up to", "as many as", "at most", "fewer than", "less than", "nearly", "almost")
_APPROX = ("about", "around", "some", "approximately", "roughly", "an estimated", "estimated")

_WORD = re.compile(r"[a-z]+|\d[\d,]*(?:\.\d+)?")


def words_to_int(text: str) -> int | None:
    """Convert a number written in digits or English words; None if it is not one."""
    tokens = [t for t in _WORD.findall(text.lower().replace("-", " ")) if t != "and"]
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0][0].isdigit():
        try:
            return int(float(tokens[0].replace(",", "")))
        except ValueError:
            return None
    total = current = 0
    seen = False
    for tok in tokens:
        if tok[0].isdigit():
            current += int(float(tok.replace(",", "")))
            seen = True
        elif tok in _UNITS:
            current += _UNITS[tok]
            seen = True
        elif tok in _SCALES:
            current = max(current, 1) * _SCALES[tok]
            total += current
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_count(text: str, *, start: int | None = None, end: int | None = None) -> Count | None:
    """Parse a quantity phrase ("over 200", "dozens of", "three") into a ``Count``."""
    low = " ".join(text.lower().split())
    for word, vague in _VAGUE.items():
        if re.search(rf"\b{word}\b", low):
            return Count(min=vague, max=None, text=text, start=start, end=end)
    lower_bound = any(low.startswith(p + " ") or f" {p} " in f" {low}" for p in _AT_LEAST)
    upper_bound = any(low.startswith(p + " ") or f" {p} " in f" {low}" for p in _AT_MOST)
    between = re.search(r"between\s+(.+?)\s+and\s+(.+)", low)
    if between:
        lo, hi = words_to_int(between.group(1)), words_to_int(between.group(2))
        if lo is not None and hi is not None:
            return Count(min=min(lo, hi), max=max(lo, hi), text=text, start=start, end=end)
    range_ = re.search(r"(\d[\d,]*)\s*(?:-|to|–)\s*(\d[\d,]*)", low)
    if range_:
        first, last = words_to_int(range_.group(1)), words_to_int(range_.group(2))
        if first is not None and last is not None:
            return Count(min=min(first, last), max=max(first, last), text=text, start=start,
                         end=end)  # fmt: skip
    stripped = low
    for phrase in (*_AT_LEAST, *_AT_MOST, *_APPROX):
        stripped = re.sub(rf"^{re.escape(phrase)}\s+", "", stripped)
    stripped = re.sub(r"\s+(of|people|persons)$", "", stripped)
    value = words_to_int(stripped)
    if value is None:
        return None
    if lower_bound:
        return Count(min=value, max=None, text=text, start=start, end=end)
    if upper_bound:
        return Count(min=None, max=value, text=text, start=start, end=end)
    return Count(min=value, max=value, text=text, start=start, end=end)
