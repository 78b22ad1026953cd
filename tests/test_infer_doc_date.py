from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.stages.infer_doc_date import (
    _find_event,
    dated_events,
    infer_document_date,
    infer_document_date_range,
    is_background,
)


def test_infer_doc_date_founding_example(founding_example: str) -> None:
    found = infer_document_date_range(founding_example)
    assert found is not None
    doc_date, span = found
    assert doc_date.method == "inferred"
    assert doc_date.date == dt.date(2024, 3, 1)
    assert doc_date.rule == "anniversary:iraq-invasion-2003"
    assert doc_date.start is not None and doc_date.end is not None
    assert founding_example[doc_date.start : doc_date.end] == doc_date.text
    assert doc_date.text is not None and doc_date.text.startswith("This month will mark")
    # "will mark" the 21st anniversary of 20 March 2003: written in March 2024, by the 20th.
    assert (span.start, span.end, span.precision) == (
        dt.date(2024, 3, 1), dt.date(2024, 3, 20), "month")


@pytest.mark.parametrize(
    ("text", "rule", "start", "end"),
    [
        ("This month marks the tenth anniversary of the fall of Mosul.",
         "anniversary:fall-of-mosul-2014", "2024-06-01", "2024-06-30"),
        ("Today marks the 20th anniversary of the September 11 attacks.",
         "anniversary:september-11-attacks-2001", "2021-09-11", "2021-09-11"),
        ("Next month marks the third anniversary of the military coup in Myanmar.",
         "anniversary:myanmar-coup-2021", "2024-01-01", "2024-01-31"),
        ("Activists gathered on the 40th anniversary of the bombing of the Marine barracks.",
         "anniversary:beirut-barracks-bombing-1983", "2023-10-16", "2023-10-30"),
        ("It has now been ten years since the Arab Spring swept the region.",
         "since:arab-spring-2010", "2020-12-17", "2021-12-16"),
        ("Nearly two years since Russia's full-scale invasion of Ukraine, the front is frozen.",
         "since:russia-invasion-ukraine-2022", "2023-02-25", "2024-02-23"),
        ("Five months into the war in Gaza, famine looms in the north.",
         "into:gaza-war-2023", "2024-03-07", "2024-04-06"),
        ("Two years into the war in Sudan, millions have fled.",
         "into:sudan-war-2023", "2025-04-15", "2026-04-14"),
        ("Last year's Tower 22 attack still shapes US policy.",
         "last:tower-22-attack-2024", "2025-01-01", "2025-12-31"),
    ],
)
def test_infer_doc_date_patterns(text: str, rule: str, start: str, end: str) -> None:
    found = infer_document_date_range(text)
    assert found is not None, text
    doc_date, span = found
    assert doc_date.rule == rule
    assert (span.start, span.end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert doc_date.date == span.start
    assert doc_date.start is not None and text[doc_date.start : doc_date.end] == doc_date.text


def test_infer_doc_date_narrowest_range_wins() -> None:
    text = ("It is nearly 21 years since the invasion of Iraq. "
            "Today marks the fourth anniversary of the killing of Qassem Soleimani.")  # fmt: skip
    doc_date = infer_document_date(text)
    assert doc_date is not None and doc_date.date == dt.date(2024, 1, 3)


def test_infer_doc_date_none_without_evidence() -> None:
    assert infer_document_date("Militants attacked a checkpoint on Sunday.") is None
    assert infer_document_date("The 12th anniversary of our wedding is soon.") is None
    assert infer_document_date("") is None
    # Narrative time, not the time of writing.
    assert infer_document_date("Two years after the invasion of Iraq, the insurgency grew.") is None


def test_infer_doc_date_data_file_is_valid() -> None:
    events = dated_events()
    assert len(events) >= 40
    ids = [e.event_id for e in events]
    assert len(ids) == len(set(ids))
    aliases: dict[str, str] = {}
    for e in events:
        assert e.aliases, e.event_id
        assert dt.date(1900, 1, 1) <= e.date <= dt.date(2030, 1, 1) or e.event_id.endswith("1917")
        for alias in e.aliases:
            assert aliases.setdefault(alias.lower(), e.event_id) == e.event_id, alias
            hit = _find_event(alias)
            assert hit is not None and hit[0].event_id == e.event_id, (alias, hit)


def test_infer_doc_date_beirut_barracks_keeps_the_real_date() -> None:
    hit = _find_event("the devastating 1982 Beirut bombing of a marine barracks")
    assert hit is not None and hit[0].date == dt.date(1983, 10, 23)


def test_infer_doc_date_reexports_is_background() -> None:
    from eventcoder.stages import resolve_dates

    assert is_background is resolve_dates.is_background


_TEMPLATES = st.sampled_from([
    "This month will mark the {n} anniversary of {x}.", "{n} years since {x}",
    "{n} months into {x}", "last year's {x}", "Today marks the {n} anniversary of {x}",
    "almost {n} weeks after {x}",
])  # fmt: skip
_NAMES = st.sampled_from([a for e in dated_events() for a in e.aliases[:2]] + ["nothing", ""])


@settings(max_examples=200, deadline=None)
@given(_TEMPLATES, st.one_of(st.integers(-5, 400).map(str), st.sampled_from(
    ["21st", "third", "twenty-first", "0th", "a", "half a"])), _NAMES, st.text(max_size=60))
def test_infer_doc_date_never_crashes(template: str, n: str, name: str, noise: str) -> None:
    text = noise + " " + template.format(n=n, x=name) + noise
    found = infer_document_date_range(text)
    if found is not None:
        doc_date, span = found
        assert span.start is not None and span.end is not None and span.start <= span.end
        assert doc_date.start is not None and text[doc_date.start : doc_date.end] == doc_date.text


def test_infer_doc_date_speed(founding_example: str) -> None:
    import time

    infer_document_date(founding_example)
    start = time.perf_counter()
    for _ in range(20):
        infer_document_date(founding_example)
    ms = (time.perf_counter() - start) / 20 * 1000
    print(f"\ninfer_document_date: {ms:.1f} ms per {len(founding_example.split())}-word document")
    assert ms < 200  # loose; about 4 ms measured on the dev box
