"""Stage: resolve a date expression to an inclusive range of days with a precision.

Every relative expression is read against a date the caller gives: ``base`` (the
document date) for "last week" or "on Sunday", ``anchor`` (another event's date) for
"the previous day" or "days before the strikes". Nothing here reads the clock, so the
same text and dates always give the same answer.

Our own rules run first, because dateparser misses the phrases conflict news uses most
("late January", "days before", "since October") and invents dates for others ("we",
"seven decades", "the 21st"). dateparser is the fallback for absolute forms the rules do
not know. Rules return a ``(start, end)`` pair, a reason string (a definite "no"), or
None (the rule does not apply). The precision follows from the width of the range; see
``docs/dates.md``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from eventcoder.numbers import words_to_int
from eventcoder.records import DateRange, Precision

Span = tuple[dt.date, dt.date]
Result = Span | str | None

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
    "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                 "seventies": 70, "eighties": 80, "nineties": 90}  # fmt: skip
# Meteorological seasons, northern hemisphere: (first month, number of months).
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WDAY = r"(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_NUM = r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
       r"fifteen|twenty|thirty|forty|fifty|sixty|hundred|a few|a couple of|several|a number of)"
_UNIT = r"(?P<unit>day|week|month|year|decade|centur(?:y|ie))s?"
_PART = r"(?:morning|afternoon|evening|night|overnight)"
# Month and weekday names that are also ordinary words when written in lower case
# ("we may", "the march", "sat down"): alone and lower-case they are not dates.
# Small numbers alone, perhaps coordinated ("aged 19 and 21", "12-14"): ages, counts or
# ranges of something, never a date without a month, a weekday or a year.
_NUMBERS_ONLY = re.compile(r"^\s*(?:aged?\s+)?\d{1,3}(?:\s*(?:and|or|to|,|-|–)\s*\d{1,3})*\s*$",
                           re.IGNORECASE)
_LOWER_WORDS = frozenset({"may", "march", "sun", "sat", "wed", "mar", "mon", "dec", "jan",
                          "sep", "sept", "oct", "nov", "aug", "jun", "jul", "apr", "feb",
                          "thu", "fri", "tue", "tues"})  # fmt: skip
# Words that make an unknown expression worth handing to dateparser at all.
_DATEISH = re.compile(
    r"\d|\b(?:" + "|".join(MONTHS) + "|" + "|".join(WEEKDAYS) + r"|today|yesterday|tomorrow)\b"
)


def ordinal_to_int(word: str) -> int | None:
    """Read an ordinal ("21st", "twenty-first", "third") as an int; None if it is not one."""
    w = word.lower().strip()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", w)
    if m:
        return int(m.group(1))
    if w in _ORDINALS:
        return _ORDINALS[w]
    m = re.fullmatch(r"([a-z]+)[- ]([a-z]+)", w)
    if m and m.group(1) in _TENS and m.group(2) in _ORDINALS and _ORDINALS[m.group(2)] < 10:
        return _TENS[m.group(1)] + _ORDINALS[m.group(2)]
    return None


def add_months(d: dt.date, n: int) -> dt.date:
    """``d`` moved by ``n`` calendar months, the day clamped to the month's length."""
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _month_span(y: int, m: int) -> Span:
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def _months_span(y: int, m: int, count: int) -> Span:
    first = dt.date(y, m, 1)
    last = add_months(first, count - 1)
    return first, _month_span(last.year, last.month)[1]


def _year_span(y: int) -> Span:
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _thirds(span: Span, which: str) -> Span:
    """The early / mid / late part of a month or year (a month: days 1-10, 11-20, 21-end)."""
    start, end = span
    if start.year == end.year and start.month == end.month:
        cut1, cut2 = start.replace(day=10), start.replace(day=20)
        parts = {"early": (start, cut1), "mid": (cut1 + dt.timedelta(1), cut2),
                 "late": (cut2 + dt.timedelta(1), end)}  # fmt: skip
    else:  # a year or longer: thirds by whole months (Jan-Apr, May-Aug, Sep-Dec)
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        step = max(months // 3, 1)
        parts = {"early": _months_span(start.year, start.month, step),
                 "mid": _months_span(add_months(start, step).year,
                                     add_months(start, step).month, months - 2 * step),
                 "late": _months_span(add_months(start, months - step).year,
                                      add_months(start, months - step).month, step)}  # fmt: skip
    return parts[which]


def _part(word: str) -> str:
    w = word.strip(" -")
    if w == "early" or "beginning" in w or "start" in w:
        return "early"
    if w == "late" or "end" in w:
        return "late"
    return "mid"


def _count(word: str) -> int | None:
    if word in {"a few", "several", "a number of"}:
        return None
    if word == "a couple of":
        return 2
    return words_to_int(word)


def _shift(d: dt.date, n: int, unit: str) -> dt.date:
    if unit.startswith("day"):
        return d + dt.timedelta(days=n)
    if unit.startswith("week"):
        return d + dt.timedelta(weeks=n)
    if unit.startswith("month"):
        return add_months(d, n)
    if unit.startswith("year"):
        return add_months(d, 12 * n)
    return add_months(d, 120 * n)


def _unit_span(d: dt.date, unit: str) -> Span:
    """The calendar period of ``unit`` containing ``d``."""
    if unit.startswith("day"):
        return d, d
    if unit.startswith("week"):
        monday = d - dt.timedelta(days=d.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit.startswith("month"):
        return _month_span(d.year, d.month)
    if unit.startswith("year"):
        return _year_span(d.year)
    first = d.year - d.year % 10
    return dt.date(first, 1, 1), dt.date(first + 9, 12, 31)


def precision_of(start: dt.date, end: dt.date) -> Precision:
    """The precision a range's width implies (a third of a month counts as a week)."""
    days = (end - start).days + 1
    if days <= 1:
        return "day"
    if days <= 11:
        return "week"
    if days <= 92:
        return "month"
    if days <= 366:
        return "year"
    return "decade"


def time_precision_of(precision: Precision) -> int:
    """ACLED time precision: 1 a day, 2 within a week, 3 a month or coarser."""
    return {"day": 1, "week": 2}.get(precision, 3)


def _day(y: int, m: int, d: int) -> Result:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return f"impossible date: day {d} of month {m} in {y}"
    return day, day


def _past_year(base: dt.date | None, m: int, d: int = 1) -> int | None:
    """The year that puts month ``m`` (day ``d``) on or before ``base`` (dates prefer the past)."""
    if base is None:
        return None
    return base.year if (m, d) <= (base.month, base.day) else base.year - 1


def _clean(text: str) -> str:
    s = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\s+", " ", s).strip(" ,;:()[]\"\u201c\u201d")
    s = re.sub(r"(?<=\w)\.$", "", s) if not re.search(r"\b(?:a|p)\.m\.$", s) else s
    s = re.sub(r"'s$", "", s)
    # A clock time or time zone adds nothing at day precision.
    s = re.sub(r"(?:,? (?:at|around|about) )?\b\d{1,2}(?::\d\d)? ?(?:a\.?m\.?|p\.?m\.?)"
               r"(?: (?:local time|gmt|utc))?", "", s)
    s = re.sub(r"\b(?:at )?(?:dawn|dusk|noon|midnight)\b", "", s)
    s = re.sub(r" (?:local time|gmt|utc)$", "", s)
    s = re.sub(r"\s+", " ", s).strip(" ,")
    while True:
        t = re.sub(r"^(?:on|in|at|during|by|around|about|circa|throughout|as of|as early as"
                   r"|as late as|sometime in|some time in)\s+", "", s)
        if t == s:
            return s
        s = t


# ---------------------------------------------------------------- rule families
def _r_reject(s: str, base: dt.date | None, anchor: dt.date | None) -> Result:
    if not s or len(s) > 100:
        return "not a date expression"
    if re.fullmatch(r"(?:the )?(?:\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:[- ][a-z]+)?)", s) and (
        ordinal_to_int(s.removeprefix("the ")) is not None
    ):
        return "a day of the month without a month"
    lead = (r"(?:(?:for|nearly|almost|more than|over|about|some|around|roughly|just|only|"
            r"at least|up to|another|the|a further|a total of|barely|fully|well over) )*")
    if re.fullmatch(lead + _NUM + r" " + _UNIT + r"(?: long| old| running| straight)?", s):
        return "a duration, not a date"
    if re.fullmatch(lead + r"(?:days|weeks|months|years|decades|centuries|hours|minutes)", s):
        return "a duration, not a date"
    if re.fullmatch(lead + r"(?:\d+|[a-z]+) (?:hours?|minutes?|seconds?)(?: long)?", s):
        return "a duration or time of day, not a date"
    if s in {"we", "now", "recently", "currently", "the past", "the future", "soon", "later",
             "earlier", "once", "then", "today's", "nowadays", "lately", "the time"}:
        return "not a date expression" if s not in {"recently", "lately"} else "too vague"
    return None


def _r_anchor(s: str, base: dt.date | None, anchor: dt.date | None) -> Result:
    found: Callable[[dt.date], Span] | None = None
    if re.fullmatch(r"(?:the )?(?:previous|preceding|prior) day|the day before|the eve"
                    r"|a day (?:earlier|before)|the (?:previous|preceding) (?:night|evening)"
                    r"|the night before", s):
        found = lambda a: (a - dt.timedelta(1), a - dt.timedelta(1))  # noqa: E731
    elif re.fullmatch(r"the (?:next|following) (?:day|morning)|the day after|a day later"
                      r"|the morning after|the next night", s):
        found = lambda a: (a + dt.timedelta(1), a + dt.timedelta(1))  # noqa: E731
    elif re.fullmatch(r"(?:that|the same) (?:day|morning|night|evening)|that very day", s):
        found = lambda a: (a, a)  # noqa: E731
    elif m := re.fullmatch(r"(?:the (following|next|previous|preceding|prior)|(following)) "
                           r"(?P<unit>week|month|year)", s):
        sign = 1 if (m.group(1) or m.group(2)) in {"following", "next"} else -1
        unit = m.group("unit")
        found = lambda a: _unit_span(_shift(a, sign, unit), unit)  # noqa: E731
    elif m := re.fullmatch(r"later that (?P<unit>week|month|year)", s):
        unit = m.group("unit")
        found = lambda a: (a, _unit_span(a, unit)[1])  # noqa: E731
    elif m := re.fullmatch(r"(?:just |only |some |about |around |barely )?" + _NUM + " " + _UNIT
                           + r" (?P<dir>later|after(?:wards)?|earlier|before|prior)(?: .*)?", s):
        n = _count(m.group("n"))
        unit, sign = m.group("unit"), (1 if m.group("dir")[0] in "la" else -1)
        if n is None:  # "a few days later": like bare "days later"
            return _r_anchor(f"{unit}s {m.group('dir')}", base, anchor)
        if unit.startswith(("day", "week")):
            found = lambda a: (_shift(a, sign * n, unit),) * 2  # noqa: E731
        else:
            found = lambda a: _unit_span(_shift(a, sign * n, unit), unit)  # noqa: E731
    elif m := re.fullmatch(r"(?:just |only |mere |a few |several )?(?P<unit>hours|days|weeks)"
                           r" (?P<dir>later|after(?:wards)?|earlier|before|prior to|prior)"
                           r"(?: .*)?", s):
        # Vague counts: hours = same or next day, days = 1-7, weeks = 1-5 weeks.
        lo, hi = {"hours": (0, 1), "days": (1, 7), "weeks": (7, 35)}[m.group("unit")]
        if m.group("dir")[0] in "la":
            found = lambda a: (a + dt.timedelta(lo), a + dt.timedelta(hi))  # noqa: E731
        else:
            found = lambda a: (a - dt.timedelta(hi), a - dt.timedelta(lo))  # noqa: E731
    if found is None:
        return None
    if anchor is None:
        return "relative to another event, and no anchor date was given"
    return found(anchor)


def _r_document(s: str, base: dt.date | None, anchor: dt.date | None) -> Result:
    found: Callable[[dt.date], Span] | None = None
    p = _PART
    if re.fullmatch(rf"today|tonight|this {p}|earlier today|later today|(?:this|today) {p}", s):
        found = lambda b: (b, b)  # noqa: E731
    elif re.fullmatch(rf"yesterday(?: {p})?|last night|late last night|overnight", s):
        found = lambda b: (b - dt.timedelta(1), b - dt.timedelta(1))  # noqa: E731
    elif s == "the day before yesterday":
        found = lambda b: (b - dt.timedelta(2), b - dt.timedelta(2))  # noqa: E731
    elif re.fullmatch(rf"tomorrow(?: {p})?", s):
        found = lambda b: (b + dt.timedelta(1), b + dt.timedelta(1))  # noqa: E731
    elif m := re.fullmatch(r"(?:just |only |some |about |around |nearly |almost |more than )?"
                           + _NUM + " " + _UNIT + r" ago", s):
        count, unit = _count(m.group("n")), m.group("unit")
        if count is None:
            return "too vague: an unknown number of units ago"
        k: int = count
        if unit.startswith("day"):
            found = lambda b: (b - dt.timedelta(k), b - dt.timedelta(k))  # noqa: E731
        elif unit.startswith("week"):  # about N weeks ago: that day, give or take three
            found = lambda b: (b - dt.timedelta(7 * k + 3), b - dt.timedelta(7 * k - 3))  # noqa: E731
        else:
            found = lambda b: _unit_span(_shift(b, -k, unit), unit)  # noqa: E731
    elif m := re.fullmatch(r"(?P<rel>this|last|past|previous|next|earlier this|later this)"
                           r" (?P<unit>week|month|year)", s):
        rel, unit = m.group("rel"), m.group("unit")
        step = {"last": -1, "past": -1, "previous": -1, "next": 1}.get(rel, 0)
        if rel == "earlier this":
            found = lambda b: (_unit_span(b, unit)[0], b)  # noqa: E731
        elif rel == "later this":
            found = lambda b: (b, _unit_span(b, unit)[1])  # noqa: E731
        else:
            found = lambda b: _unit_span(_shift(b, step, unit), unit)  # noqa: E731
    elif m := re.fullmatch(r"(?P<part>early|late|mid|the end of|the beginning of|the start of)"
                           r"[- ](?P<rel>this|last|next) (?P<unit>month|year)", s):
        step = {"this": 0, "last": -1, "next": 1}[m.group("rel")]
        part, unit = _part(m.group("part")), m.group("unit")
        found = lambda b: _thirds(_unit_span(_shift(b, step, unit), unit), part)  # noqa: E731
    elif m := re.fullmatch(r"(?:the |over the |in the )?(?:past|last) " + _NUM + " " + _UNIT, s):
        n, unit = _count(m.group("n")), m.group("unit")
        if n is None:
            return "too vague: an unknown number of units"
        found = lambda b: (_shift(b, -n, unit) + dt.timedelta(1), b)  # noqa: E731
    elif m := re.fullmatch(r"(?:the |over the |in the )(?:past|last) (?P<unit>week|month|year)", s):
        unit = m.group("unit")
        found = lambda b: (_shift(b, -1, unit) + dt.timedelta(1), b)  # noqa: E731
    elif m := re.fullmatch(r"(?:the )?(?:recent|past few|last few) (?P<unit>days|weeks|months"
                           r"|years)", s):
        # Conventions: recent days = a week, weeks = four weeks, months = three, years = five.
        back = {"days": 7, "weeks": 28}.get(m.group("unit"))
        months = {"months": 3, "years": 60}.get(m.group("unit"), 0)
        if back is not None:
            found = lambda b: (b - dt.timedelta(back - 1), b)  # noqa: E731
        else:
            found = lambda b: (add_months(b, -months) + dt.timedelta(1), b)  # noqa: E731
    elif m := re.fullmatch(rf"(?P<rel>this |last |next |past |previous )?(?P<wd>{_WDAY})"
                           rf"(?: {p})?", s):
        wd, rel = WEEKDAYS[m.group("wd").rstrip(".")], (m.group("rel") or "").strip()
        found = lambda b: (_weekday(b, wd, rel),) * 2  # noqa: E731
    elif m := re.fullmatch(r"(?P<rel>the |this |last |next |over the |past )?weekend", s):
        rel = (m.group("rel") or "").strip()
        found = lambda b: _weekend(b, rel)  # noqa: E731
    if found is None:
        return None
    if base is None:
        return "relative to the document date, which is unknown"
    return found(base)


def _weekday(base: dt.date, wd: int, rel: str) -> dt.date:
    back = (base.weekday() - wd) % 7
    if rel == "next":
        return base + dt.timedelta((wd - base.weekday()) % 7 or 7)
    if rel in {"last", "past", "previous"} and back == 0:
        back = 7
    return base - dt.timedelta(back)


def _weekend(base: dt.date, rel: str) -> Span:
    if rel == "next":
        sat = base + dt.timedelta((5 - base.weekday()) % 7 or 7)
    else:
        sat = base - dt.timedelta((base.weekday() - 5) % 7)
        if rel == "last" and base.weekday() >= 5:
            sat -= dt.timedelta(7)
    return sat, sat + dt.timedelta(1)


def _year(text: str, base: dt.date | None) -> int:
    y = int(text.lstrip("'"))
    if len(text.lstrip("'")) == 2:
        pivot = (base.year % 100 + 5) if base else 30
        y += 2000 if y <= pivot else 1900
    return y


def _r_absolute(s: str, base: dt.date | None, anchor: dt.date | None) -> Result:
    # Numeric dates: ISO first, then d.m.y (European), then m/d/y unless the day shows otherwise.
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s):
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})", s):
        return _day(_year(m.group(3), base), int(m.group(2)), int(m.group(1)))
    if m := re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})", s):
        a, b, yy = int(m.group(1)), int(m.group(2)), _year(m.group(3), base)
        return _day(yy, b, a) if a > 12 >= b else _day(yy, a, b)
    if m := re.fullmatch(r"(\d{1,2})/(\d{4})", s):
        return _month_or_reason(int(m.group(2)), int(m.group(1)))
    wd = rf"(?:{_WDAY},? )?(?:the )?"
    yr = r"(?:,? (?:of )?(?P<y>\d{4}|'\d\d))?"
    for pat in (rf"{wd}{_MON},? (?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{yr}",
                rf"{wd}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {_MON}{yr}"):
        if m := re.fullmatch(pat, s):
            mon, d = MONTHS[m.group("mon")], int(m.group("d"))
            if m.group("y"):
                return _day(_year(m.group("y"), base), mon, d)
            if not 1 <= d <= calendar.monthrange(2000, mon)[1]:  # 2000 is a leap year
                return f"impossible date: day {d} of month {mon}"
            y0 = _past_year(base, mon, d)
            if y0 is None:
                return "no year given and the document date is unknown"
            if mon == 2 and d == 29 and not calendar.isleap(y0):
                y0 = max(x for x in range(y0 - 7, y0 + 1) if calendar.isleap(x))
            return _day(y0, mon, d)
    part = (r"(?:(?P<part>early|mid|late|the end of|the beginning of|the start of"
            r"|the middle of)[- ])?")
    y: int | None
    if m := re.fullmatch(rf"{part}(?:(?P<rel>this|last|next) )?{_MON}"
                         rf"(?:,? (?:of )?(?P<y>\d{{4}}))?", s):
        mon = MONTHS[m.group("mon")]
        if m.group("y"):
            y = int(m.group("y"))
        elif base is None:
            return "no year given and the document date is unknown"
        elif m.group("rel") == "next":
            y = base.year + 1 if mon <= base.month else base.year
        elif m.group("rel") == "this":
            y = base.year
        elif m.group("rel") == "last":
            y = base.year if mon < base.month else base.year - 1
        else:
            y = _past_year(base, mon)
        assert y is not None
        span = _month_span(y, mon)
        return _thirds(span, _part(m.group("part"))) if m.group("part") else span
    if m := re.fullmatch(rf"{part}(?:the year )?(?P<y>\d{{4}})", s):
        year = int(m.group("y"))
        if not 1000 <= year <= 2199:
            return "a number, not a year"
        whole = _year_span(year)
        return _thirds(whole, _part(m.group("part"))) if m.group("part") else whole
    if m := re.fullmatch(r"(?:the )?(?P<half>first|second) half of (?:(?P<y>\d{4})|(?P<rel>this|"
                         r"last) year)", s):
        y = _rel_year(m.group("y"), m.group("rel"), base)
        if y is None:
            return "relative to the document date, which is unknown"
        return _months_span(y, 1 if m.group("half") == "first" else 7, 6)
    if m := re.fullmatch(r"(?:the )?(?:(?P<q>first|second|third|fourth) quarter of|q(?P<qn>[1-4]))"
                         r" (?:(?P<y>\d{4})|(?P<rel>this|last) year)", s):
        y = _rel_year(m.group("y"), m.group("rel"), base)
        if y is None:
            return "relative to the document date, which is unknown"
        q = int(m.group("qn")) if m.group("qn") else ordinal_to_int(m.group("q")) or 1
        return _months_span(y, 3 * q - 2, 3)
    return None


def _rel_year(y: str | None, rel: str | None, base: dt.date | None) -> int | None:
    if y:
        return int(y)
    if base is None:
        return None
    return base.year - (1 if rel == "last" else 0)


def _month_or_reason(y: int, mon: int) -> Result:
    if not 1 <= mon <= 12:
        return f"impossible date: month {mon}"
    return _month_span(y, mon)


def _r_coarse(s: str, base: dt.date | None, anchor: dt.date | None) -> Result:
    """Decades, centuries and seasons."""
    if m := re.fullmatch(r"(?:the )?(?:(?P<part>early|mid|late)[- ])?(?:(?P<c>1\d|20)?(?P<d>\d)0s"
                         r"|'(?P<d2>\d)0s|(?P<w>" + "|".join(_DECADE_WORDS) + "))", s):
        if m.group("w"):
            first = 1900 + _DECADE_WORDS[m.group("w")]
        elif m.group("d2"):
            first = 1900 + 10 * int(m.group("d2"))
        else:
            century = int(m.group("c")) if m.group("c") else 19
            first = century * 100 + 10 * int(m.group("d"))
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), None: (0, 9)}[m.group("part")]
        return dt.date(first + lo, 1, 1), dt.date(first + hi, 12, 31)
    if m := re.fullmatch(r"(?:the )?(?P<n>[a-z]+(?:[- ][a-z]+)?|\d+(?:st|nd|rd|th)) century", s):
        n = ordinal_to_int(m.group("n"))
        if n is None or not 1 <= n <= 22:
            return None
        return dt.date(100 * (n - 1) + (n == 1), 1, 1), dt.date(100 * n - 1 + (n == 1), 12, 31)
    season = "|".join(_SEASONS)
    if m := re.fullmatch(rf"(?:(?P<part>early|late|mid)[- ])?(?:the )?(?:(?P<rel>this|last|next"
                         rf"|past) )?(?P<s>{season})(?: of)?(?: (?P<y>\d{{4}})(?:[-/](?P<y2>"
                         rf"\d{{2,4}}))?)?", s):
        first = _SEASONS[m.group("s")]
        if m.group("y"):
            # "winter 2023" and "winter of 2023-24" both start in December 2023.
            span = _months_span(int(m.group("y")), first, 3)
        elif base is None:
            return "no year given and the document date is unknown"
        else:
            # The latest season that has begun on or before the document date.
            y = base.year if (first, 1) <= (base.month, base.day) else base.year - 1
            if first == 12 and base.month <= 2:
                y = base.year - 1
            span = _months_span(y, first, 3)
            rel = m.group("rel")
            if rel in {"last", "past"} and span[0] <= base <= span[1]:
                span = _months_span(y - 1, first, 3)
            elif rel == "next":
                span = _months_span(y + 1, first, 3)
        return _thirds(span, m.group("part")) if m.group("part") else span
    return None


def _r_range(s: str, base: dt.date | None, anchor: dt.date | None) -> Result:
    """Ranges: "since X", "between X and Y", "from X to Y", "5-7 March", "2011-2014"."""
    if m := re.fullmatch(r"(?:ever )?since (?:the )?(?P<x>.+)", s):
        inner = _resolve_core(m.group("x"), base, anchor)
        if isinstance(inner, str) or inner is None:
            return inner or "not a date after 'since'"
        if base is None:
            return "an open range to the document date, which is unknown"
        if inner[0] > base:
            return "'since' a date after the document date"
        return inner[0], base
    if m := re.fullmatch(rf"(?:from |between )?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)? ?(?:-|to|and|until"
                         rf"|through) ?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)? {_MON}(?P<y>,? \d{{4}})?",
                         s) or re.fullmatch(rf"(?:from |between )?{_MON} (?P<d1>\d{{1,2}})"
                                            rf"(?:st|nd|rd|th)? ?(?:-|to|and|until|through) ?"
                                            rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?P<y>,? \d{{4}})?",
                                            s):
        a = _resolve_core(f"{m.group('d1')} {m.group('mon')}{m.group('y') or ''}", base, anchor)
        if not isinstance(a, tuple):
            return a
        # The second day shares the first one's month and year ("March 5 to 7").
        return _join(a, _day(a[0].year, a[0].month, int(m.group("d2"))))
    if m := re.fullmatch(r"(?:from |between )?(?P<a>\d{4}) ?(?:-|to|and|until|through) ?"
                         r"(?P<b>\d{4}|\d{2})", s):
        a_y, b_txt = int(m.group("a")), m.group("b")
        b_y = int(b_txt) if len(b_txt) == 4 else a_y - a_y % 100 + int(b_txt)
        if not 1000 <= a_y <= b_y <= 2199:
            return "not a range of years"
        return dt.date(a_y, 1, 1), dt.date(b_y, 12, 31)
    if m := re.fullmatch(r"(?:from|between) (?P<a>.+?) (?:to|and|until|through) (?P<b>.+)", s) or \
            re.fullmatch(r"(?P<a>.+?) (?:to|until|through|-) (?P<b>.+)", s):
        left, right = m.group("a"), m.group("b")
        year = re.search(r"\b(\d{4})$", right)
        if year and not re.search(r"\d{4}", left):
            left = f"{left} {year.group(1)}"
        return _join(_resolve_core(left, base, anchor), _resolve_core(right, base, anchor))
    return None


def _join(a: Result, b: Result) -> Result:
    if isinstance(a, str) or isinstance(b, str):
        return a if isinstance(a, str) else b
    if a is None or b is None:
        return None
    if a[0] > b[1]:
        return "a range that ends before it starts"
    return a[0], b[1]


def _r_anniversary(s: str, base: dt.date | None, anchor: dt.date | None) -> Result:
    """ "this month will mark the 21st anniversary": the day or month the expression names,
    that many years before; "the 21st anniversary" alone: the document's year, that many
    years before (year precision)."""
    m = re.fullmatch(r"(?:(?P<ref>.+?) )?(?:will mark|marks|marked|mark|is|was|on|for)?"
                     r" ?the (?P<n>[\w-]+) anniversary", s)
    if m is None:
        return None
    n = ordinal_to_int(m.group("n"))
    if n is None:
        return "too vague: an anniversary without its count"
    ref = m.group("ref")
    if ref is None:
        if base is None:
            return "relative to the document date, which is unknown"
        return _year_span(base.year - n)
    found = _resolve_core(ref, base, anchor)
    if not isinstance(found, tuple):
        return found
    start, end = found
    try:
        return start.replace(year=start.year - n), end.replace(year=end.year - n)
    except ValueError:  # 29 February
        return start.replace(year=start.year - n, day=28), end.replace(year=end.year - n, day=28)


_RULES = (_r_reject, _r_anniversary, _r_anchor, _r_document, _r_absolute, _r_coarse)


def _resolve_core(s: str, base: dt.date | None, anchor: dt.date | None) -> Result:
    s = _clean(s)
    for rule in _RULES:
        found = rule(s, base, anchor)
        if found is not None:
            return found
    return _r_range(s, base, anchor)


@lru_cache(maxsize=256)
def _parser(base: dt.date) -> Any:
    """A dateparser parser for one relative base (building one costs more than a parse)."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first",
        "STRICT_PARSING": False,
    })  # fmt: skip


def _dateparser(s: str, base: dt.date | None) -> Result:
    """Fallback for absolute forms the rules do not know; relative ones need ``base``."""
    if not _DATEISH.search(s) or re.fullmatch(r"[\d\s,.]+", s):
        return None
    # Without a document date, parse against two fixed bases: different answers mean the
    # expression is relative, and we refuse it rather than read the clock.
    bases = (base,) if base else (dt.date(2001, 6, 15), dt.date(2013, 11, 20))
    spans: list[Span] = []
    for b in bases:
        try:
            data = _parser(b).get_date_data(s)
        except Exception:  # dateparser raises assorted errors on odd input
            return None
        if data.date_obj is None:
            return None
        day = data.date_obj.date()
        spans.append(_unit_span(day, data.period or "day"))
    if len(set(spans)) > 1:
        return "relative to the document date, which is unknown"
    return spans[0]


def warm_up() -> None:
    """Import dateparser and build its tables (about 0.3 s) now, not on the first date it
    reads; answers do not change. Called once when the pipeline is built."""
    _dateparser("3 March 2001", dt.date(2001, 6, 15))


def resolve_date_with_reason(
    text: str,
    *,
    base: dt.date | None,
    anchor: dt.date | None = None,
    start_char: int | None = None,
) -> tuple[DateRange | None, str | None]:
    """Resolve ``text`` against the document date ``base``; on failure say why."""
    if text.strip(" .,") in _LOWER_WORDS:
        return None, "an ordinary word, not a date"
    if _NUMBERS_ONLY.match(text):
        return None, "numbers alone (ages or counts), not a date"
    try:
        found = _resolve_core(text, base, anchor)
        if found is None:
            found = _dateparser(_clean(text), base)
    except (ValueError, OverflowError) as exc:  # date arithmetic past year 1 or 9999
        return None, f"date out of range: {exc}"
    if found is None:
        return None, "not a date expression"
    if isinstance(found, str):
        return None, found
    start, end = found
    precision = precision_of(start, end)
    end_char = start_char + len(text) if start_char is not None else None
    return DateRange(text=text, start=start, end=end, precision=precision,
                     time_precision=time_precision_of(precision),
                     start_char=start_char, end_char=end_char), None  # fmt: skip


def is_background(
    event_date: DateRange | None, doc_date: dt.date | None, *, window_days: int = 60
) -> bool:
    """True when the event ended more than ``window_days`` before the document date."""
    if event_date is None or event_date.end is None or doc_date is None:
        return False
    return event_date.end < doc_date - dt.timedelta(days=window_days)


def resolve_date(
    text: str,
    *,
    base: dt.date | None,
    anchor: dt.date | None = None,
    start_char: int | None = None,
) -> DateRange | None:
    """Resolve ``text`` to an inclusive range of days, or None when it is not a usable date."""
    return resolve_date_with_reason(text, base=base, anchor=anchor, start_char=start_char)[0]
