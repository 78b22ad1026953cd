"""Event counts per day, ISO week or month, by type; optionally drawn as a PNG chart."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from eventcoder.errors import EC002_BAD_SETTING_VALUE, EC004_MISSING_EXTRA, ConfigError
from eventcoder.records import Event

Bucket = Literal["day", "week", "month"]
BUCKETS: tuple[str, ...] = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """How many events of one type started in one period."""

    period: str  # 2024-05-01, 2024-W18 or 2024-05
    event_type: str
    count: int


def period_of(day: dt.date, by: Bucket) -> str:
    """The label of the period ``day`` falls in."""
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def counts(events: Iterable[Event], by: Bucket = "day") -> tuple[list[TimelineRow], int]:
    """(rows sorted by period then type, number of events without a start date)."""
    if by not in BUCKETS:
        raise ConfigError(f"unknown timeline bucket {by!r}. Fix: use one of {', '.join(BUCKETS)}.",
                          code=EC002_BAD_SETTING_VALUE)  # fmt: skip
    tally: Counter[tuple[str, str]] = Counter()
    undated = 0
    for e in events:
        if e.date is None or e.date.start is None:
            undated += 1
            continue
        tally[(period_of(e.date.start, by), e.event_type)] += 1
    rows = [TimelineRow(p, t, n) for (p, t), n in sorted(tally.items())]
    return rows, undated


def write_png(rows: Sequence[TimelineRow], path: str | Path, *, title: str = "") -> None:
    """Draw stacked bars of counts per period and type (needs matplotlib)."""
    try:
        import matplotlib

        matplotlib.use("Agg")  # no display: files only
        import matplotlib.pyplot as plt
    except ImportError:
        raise ConfigError("a PNG timeline needs matplotlib, which is not installed. "
                          "Fix: pip install matplotlib, or print the table without --png.",
                          code=EC004_MISSING_EXTRA) from None  # fmt: skip
    periods = sorted({r.period for r in rows})
    types = sorted({r.event_type for r in rows})
    value = {(r.period, r.event_type): r.count for r in rows}
    fig, ax = plt.subplots(figsize=(max(6.0, 0.3 * len(periods)), 4.0))
    bottom = [0] * len(periods)
    for t in types:
        heights = [value.get((p, t), 0) for p in periods]
        ax.bar(periods, heights, bottom=bottom, label=t)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_ylabel("events")
    ax.set_title(title or "events per period")
    ax.legend(fontsize="small")
    ax.tick_params(axis="x", labelrotation=90)
    fig.tight_layout()
    fig.savefig(str(path), dpi=100)
    plt.close(fig)
