"""Stage: infer an undated document's date from what it says about well-known events.

Opinion pieces often carry no date, but they anchor themselves in time: "This month will
mark the 21st anniversary of the invasion of Iraq", "ten years since the Arab Spring",
"five months into the war in Gaza", "last year's October 7 attack". Each pattern names a
dated event from ``data/dated_events.yaml`` and a distance from it, which gives a range
of days the document was written in. The narrowest range found wins.

``DocumentDate`` holds one day, so we give the first day of the range there (the range
and its precision come from ``infer_document_date_range``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from eventcoder.errors import ConfigError
from eventcoder.numbers import words_to_int
from eventcoder.records import DateRange, DocumentDate
from eventcoder.stages.resolve_dates import (
    add_months,
    is_background,
    ordinal_to_int,
    precision_of,
    time_precision_of,
)

__all__ = ["DatedEvent", "dated_events", "infer_document_date", "infer_document_date_range",
           "is_background"]  # fmt: skip

_ORD = r"(?P<ord>\d{1,3}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)"
_NUMBER = (r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
           r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ][a-z]+)?"
           r"|thirty(?:[- ][a-z]+)?|forty(?:[- ][a-z]+)?|fifty(?:[- ][a-z]+)?|sixty|seventy"
           r"|eighty|ninety|a hundred|half a)")  # fmt: skip
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_PHRASE = r"(?P<x>[^.;:!?\n]{2,160})"
_WHEN = (r"(?P<when>today|tomorrow|yesterday|this week|this weekend|this month|this year|next week"
         r"|next month|next year|last week|last month|last year)")  # fmt: skip

_ANNIVERSARY = re.compile(rf"\b{_ORD} anniversary of {_PHRASE}", re.I)
_SINCE = re.compile(
    rf"\b(?P<q>nearly |almost |more than |over |about |some |around |roughly |exactly |just over "
    rf"|just under |fully |a full )?{_NUMBER} {_UNIT} (?:have passed |has passed |on )?"
    rf"(?:since|on from) {_PHRASE}", re.I)  # fmt: skip
# Not "N years after X": that is narrative time ("two years after the invasion, ..."),
# while "since" and "on from" count to the moment of writing.
_INTO = re.compile(
    rf"\b(?P<q>nearly |almost |more than |over |about |some |around |roughly |just over )?"
    rf"{_NUMBER} {_UNIT} into {_PHRASE}", re.I)  # fmt: skip
_LAST = re.compile(r"\b(?P<when>last year|last month|last week|yesterday)'s "
                   + _PHRASE, re.I)  # fmt: skip


# (first day, last day, evidence start, evidence end, rule name)
Found = tuple[dt.date, dt.date, int, int, str]


@dataclass(frozen=True, slots=True)
class DatedEvent:
    """A well-known event with the day it happened and the names it goes by."""

    event_id: str
    date: dt.date
    name: str
    aliases: tuple[str, ...]
    keywords: tuple[tuple[str, ...], ...] = ()


@lru_cache(maxsize=1)
def dated_events() -> tuple[DatedEvent, ...]:
    """The dated events shipped in ``eventcoder/data/dated_events.yaml``."""
    raw = resources.files("eventcoder").joinpath("data/dated_events.yaml").read_text("utf-8")
    entries = yaml.safe_load(raw)
    if not isinstance(entries, list):
        raise ConfigError("dated_events.yaml must be a list of events; reinstall eventcoder")
    out = []
    for e in entries:
        try:
            day = e["date"] if isinstance(e["date"], dt.date) else dt.date.fromisoformat(e["date"])
            out.append(DatedEvent(
                event_id=str(e["id"]), date=day, name=str(e.get("name", e["id"])),
                aliases=tuple(str(a) for a in e.get("aliases", ())),
                keywords=tuple(tuple(str(w).lower() for w in k) for k in e.get("keywords", ())),
            ))  # fmt: skip
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"dated_events.yaml: bad entry {e!r} ({exc}); "
                              "each needs an id and an ISO date") from exc  # fmt: skip
    return tuple(out)


@lru_cache(maxsize=1)
def _alias_patterns() -> tuple[tuple[re.Pattern[str], DatedEvent], ...]:
    pats = []
    for ev in dated_events():
        for alias in ev.aliases:
            body = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", alias.strip()))
            pats.append((re.compile(rf"(?<![\w/]){body}(?![\w/])", re.I), ev))
    return tuple(pats)


def _find_event(phrase: str) -> tuple[DatedEvent, int] | None:
    """The dated event a phrase names and where its name ends in the phrase.

    The earliest (then longest) alias wins; failing that, a keyword set.
    """
    best: tuple[int, int, DatedEvent, int] | None = None
    for pat, ev in _alias_patterns():
        m = pat.search(phrase)
        if m and (best is None or (m.start(), -len(m.group())) < (best[0], best[1])):
            best = (m.start(), -len(m.group()), ev, m.end())
    if best is not None:
        return best[2], best[3]
    words = {w.group().lower(): w.end() for w in re.finditer(r"[A-Za-z0-9]+", phrase)}
    for ev in dated_events():
        for k in ev.keywords:
            if all(w in words for w in k):
                return ev, max(words[w] for w in k)
    return None


def _same_day(d: dt.date, year: int) -> dt.date:
    return d.replace(year=year, day=min(d.day, 28)) if (d.month, d.day) == (2, 29) else (
        d.replace(year=year))


def _shift(d: dt.date, n: float, unit: str) -> dt.date:
    if unit.startswith("day"):
        return d + dt.timedelta(days=round(n))
    if unit.startswith("week"):
        return d + dt.timedelta(days=round(7 * n))
    months = {"month": 1, "year": 12, "decade": 120}[unit.rstrip("s")]
    return add_months(d, round(months * n))


def _number(word: str) -> float | None:
    w = word.lower()
    if w == "half a":
        return 0.5
    return words_to_int(w)


def _month(d: dt.date) -> tuple[dt.date, dt.date]:
    first = d.replace(day=1)
    return first, add_months(first, 1) - dt.timedelta(days=1)


def _anniversary(m: re.Match[str], text: str) -> Found | None:
    n = ordinal_to_int(m.group("ord"))
    hit = _find_event(m.group("x"))
    if n is None or hit is None or not 1 <= n <= 150:
        return None
    ev, end = hit[0], m.start("x") + hit[1]
    day = _same_day(ev.date, ev.date.year + n)
    # The time phrase and the verb sit just before "the Nth anniversary".
    before = text[max(0, m.start() - 80) : m.start()].lower()
    clause = re.split(r"[.;!?\n]", before)[-1]
    when = re.search(_WHEN, clause)
    future = re.search(r"\b(?:will|ahead of|approach|upcoming|eve of|coming)\b", clause)
    past = re.search(r"\b(?:marked|was|commemorated|passed|observed)\b", clause)
    start = min(m.start() - len(clause), m.start())
    key = when.group("when") if when else ""
    if key in {"today"}:
        lo = hi = day
    elif key == "yesterday":
        lo = hi = day + dt.timedelta(days=1)
    elif key == "tomorrow":
        lo = hi = day - dt.timedelta(days=1)
    elif key in {"this week", "this weekend"}:
        lo, hi = day - dt.timedelta(days=6), day + dt.timedelta(days=6)
    elif key == "this month":
        lo, hi = _month(day)
    elif key == "next month":
        lo, hi = _month(add_months(day, -1))
    elif key == "last month":
        lo, hi = _month(add_months(day, 1))
    elif key == "next week":
        lo, hi = day - dt.timedelta(days=13), day - dt.timedelta(days=1)
    elif key == "last week":
        lo, hi = day + dt.timedelta(days=1), day + dt.timedelta(days=13)
    elif key == "this year":
        lo, hi = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    elif key == "next year":
        lo, hi = dt.date(day.year - 1, 1, 1), dt.date(day.year - 1, 12, 31)
    elif key == "last year":
        lo, hi = dt.date(day.year + 1, 1, 1), dt.date(day.year + 1, 12, 31)
    else:  # no time word: pieces on an anniversary appear within a week or so of it
        lo, hi = day - dt.timedelta(days=7), day + dt.timedelta(days=7)
    # "will mark" puts the document before the day, "marked" after it.
    if future and key in {"", "this month", "this week", "this weekend", "this year"}:
        hi = min(hi, day)
    elif past and not future and key in {"", "this month", "this week", "this year"}:
        lo = max(lo, day)
    return lo, hi, start, end, f"anniversary:{ev.event_id}"


def _distance(m: re.Match[str], kind: str) -> Found | None:
    n = _number(m.group("n"))
    hit = _find_event(m.group("x"))
    if n is None or hit is None or n <= 0 or n > 150:
        return None
    ev = hit[0]
    unit = m.group("unit").lower()
    q = (m.group("q") or "").strip().lower()
    at = _shift(ev.date, n, unit)
    step_end = _shift(ev.date, n + 1, unit) - dt.timedelta(days=1)
    if q in {"nearly", "almost", "just under"}:
        lo, hi = _shift(ev.date, n - 1, unit) + dt.timedelta(days=1), at - dt.timedelta(days=1)
    elif q in {"about", "some", "around", "roughly"}:
        lo, hi = _shift(ev.date, n - 0.5, unit), _shift(ev.date, n + 0.5, unit)
    else:
        lo, hi = at, step_end
    return lo, max(lo, hi), m.start(), m.start("x") + hit[1], f"{kind}:{ev.event_id}"


def _last(m: re.Match[str]) -> Found | None:
    hit = _find_event(m.group("x")[:60])
    if hit is None:
        return None
    ev, d = hit[0], hit[0].date
    lo, hi = {
        "last year": (dt.date(d.year + 1, 1, 1), dt.date(d.year + 1, 12, 31)),
        "last month": _month(add_months(d.replace(day=1), 1)),
        "last week": (d + dt.timedelta(days=1), d + dt.timedelta(days=13)),
        "yesterday": (d + dt.timedelta(days=1), d + dt.timedelta(days=1)),
    }[m.group("when").lower()]
    return lo, hi, m.start(), m.start("x") + hit[1], f"last:{ev.event_id}"


def _scan(pattern: re.Pattern[str], keyword: str, text: str) -> list[re.Match[str]]:
    """Matches of ``pattern`` near each ``keyword`` (scanning whole texts is 10x slower)."""
    out: dict[tuple[int, int], re.Match[str]] = {}
    for k in re.finditer(rf"\b(?:{keyword})\b", text, re.I):
        lo = max(0, k.start() - 60)
        lo = max(lo, text.rfind("\n", lo, k.start()) + 1)
        for m in pattern.finditer(text, lo, min(len(text), k.end() + 200)):
            if m.start() <= k.start() < m.end():
                out.setdefault(m.span(), m)
    return [out[span] for span in sorted(out)]


def infer_document_date_range(text: str) -> tuple[DocumentDate, DateRange] | None:
    """The inferred document date and the range of days it stands for, or None."""
    found: list[Found] = []
    for m in _scan(_ANNIVERSARY, "anniversary", text):
        if (r := _anniversary(m, text)) is not None:
            found.append(r)
    for pattern, kind, word in ((_SINCE, "since", r"since|on from"), (_INTO, "into", "into")):
        for m in _scan(pattern, word, text):
            if (r := _distance(m, kind)) is not None:
                found.append(r)
    for m in _scan(_LAST, r"(?:year|month|week|yesterday)'s", text):
        if (r := _last(m)) is not None:
            found.append(r)
    if not found:
        return None
    # The narrowest range wins; among equals, the earliest in the text.
    lo, hi, start, end, rule = min(found, key=lambda f: ((f[1] - f[0]).days, f[2]))
    evidence = text[start:end]
    precision = precision_of(lo, hi)
    doc_date = DocumentDate(date=lo, method="inferred", text=evidence, start=start, end=end,
                            rule=rule, precision=precision, latest=hi)  # fmt: skip
    span = DateRange(text=evidence, start=lo, end=hi, precision=precision,
                     time_precision=time_precision_of(precision), start_char=start,
                     end_char=end)  # fmt: skip
    return doc_date, span


def infer_document_date(text: str) -> DocumentDate | None:
    """Infer when an undated document was written (first day of the inferred range)."""
    found = infer_document_date_range(text)
    return found[0] if found else None
