"""Exports: ACLED CSV, PLOVER JSONL, actor-event networks, Parquet and timelines."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from eventcoder.errors import ConfigError
from eventcoder.export import graph, tabular, timeline
from eventcoder.records import ActorRef, Count, DateRange, Event, Evidence, Location

DAY = dt.date(2024, 5, 6)


def make_event(doc_id: str, event_id: str, **kw: Any) -> Event:
    """A hand-built battle in Goma, with its evidence."""
    sentence = "Rebels attacked the army near Goma, killing four soldiers."
    fields: dict[str, Any] = dict(
        event_id=event_id, doc_id=doc_id, event_type="ASSAULT", mode="firearms", cameo="190",
        acled_event_type="Battles", acled_sub_event_type="Armed clash",
        source_actors=(ActorRef("Rebels", "M23", actor_id="M23", actor_type="REB"),),
        target_actors=(ActorRef("the army", "FARDC", actor_id="FARDC", actor_type="MIL",
                                country="COD"),),
        location=Location("Goma", name="Goma", country="COD", admin1="North Kivu",
                          lat=-1.68, lon=29.22, precision=1),
        date=DateRange("Monday", DAY, DAY, "day", 1), fatalities=Count(4, 4, "four"),
        injuries=None, instrument=None, status="asserted", claimed_by=(), attributed_by=(),
        is_background=False, evidence=(Evidence(doc_id, 0, len(sentence), sentence),),
        mentions=1, confidence=0.7, coder="rules",
    )  # fmt: skip
    fields.update(kw)
    return Event(**fields)


EVENTS = [
    make_event("a", "e1"),
    make_event("b", "e2", date=DateRange("May 20", dt.date(2024, 5, 20), dt.date(2024, 5, 20)),
               event_type="PROTEST", acled_event_type="Protests",
               acled_sub_event_type="Peaceful protest", fatalities=None, status="claimed",
               source_actors=(ActorRef("protesters", "protesters", actor_type="protesters"),),
               target_actors=()),
    make_event("c", "e3", date=None, location=None),
]  # fmt: skip


def test_export_acled_csv_uses_acled_columns_and_codes() -> None:
    out = io.StringIO()
    tabular.write_csv(tabular.acled_rows(EVENTS, {"a": "Reuters"}), out, tabular.ACLED_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == tabular.ACLED_COLUMNS
    first, protest, undated = rows
    assert first["event_id_cnty"] == "CODe1"
    assert (first["event_date"], first["year"]) == ("2024-05-06", "2024")
    assert first["time_precision"] == "1"
    assert (first["disorder_type"], first["event_type"]) == ("Political violence", "Battles")
    assert (first["actor1"], first["inter1"], first["actor2"], first["inter2"]) == (
        "M23", "2", "FARDC", "1")  # fmt: skip
    assert first["interaction"] == "12"
    assert (first["iso"], first["admin1"]) == ("180", "North Kivu")
    assert first["country"].startswith("Congo")
    assert (first["location"], first["geo_precision"], first["fatalities"]) == ("Goma", "1", "4")
    assert first["source"] == "Reuters"
    assert (protest["disorder_type"], protest["inter1"], protest["interaction"]) == (
        "Demonstrations", "6", "60")  # fmt: skip
    assert protest["tags"] == "status: claimed"
    assert (undated["event_date"], undated["country"], undated["fatalities"]) == ("", "", "4")


def test_export_plover_jsonl() -> None:
    out = io.StringIO()
    assert tabular.write_plover_jsonl(EVENTS, out) == 3
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    first = records[0]
    assert (first["event"], first["mode"], first["date"]) == ("ASSAULT", "firearms", "2024-05-06")
    assert first["source"]["code"] == "M23" and first["target"]["country"] == "COD"
    assert first["magnitude"] == {"dead": 4, "injured": None}
    assert records[1]["target"] is None and records[2]["location"] is None


def test_export_graphml_and_json_network() -> None:
    net = graph.build_network(EVENTS)
    kinds = sorted(n.kind for n in net.nodes)
    assert kinds == ["actor", "actor", "actor", "event", "event", "event"]
    out = io.StringIO()
    graph.write_graphml(net, out)
    root = ET.fromstring(out.getvalue().split("\n", 1)[1])
    ns = {"g": graph.GRAPHML_NS}
    assert len(root.findall(".//g:node", ns)) == 6
    edges = root.findall(".//g:edge", ns)
    assert len(edges) == 5
    assert {e.get("source") for e in edges if e.find("g:data", ns).text == "target"} == {  # type: ignore[union-attr]
        "event:a:e1", "event:c:e3"}  # fmt: skip
    data = graph.network_json(net)
    assert data["directed"] is True and len(data["links"]) == 5
    assert {"source": "actor:M23", "target": "event:a:e1", "role": "source"} in data["links"]


def test_export_timeline_counts_by_period() -> None:
    rows, undated = timeline.counts(EVENTS, "month")
    assert [(r.period, r.event_type, r.count) for r in rows] == [
        ("2024-05", "ASSAULT", 1), ("2024-05", "PROTEST", 1)]  # fmt: skip
    assert undated == 1
    weeks, _ = timeline.counts(EVENTS, "week")
    assert [r.period for r in weeks] == ["2024-W19", "2024-W21"]
    days, _ = timeline.counts(EVENTS + [make_event("d", "e4")], "day")
    assert ("2024-05-06", "ASSAULT", 2) in [(r.period, r.event_type, r.count) for r in days]
    with pytest.raises(ConfigError):
        timeline.counts(EVENTS, "year")  # type: ignore[arg-type]


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is not None, reason="pyarrow installed")
def test_export_parquet_without_pyarrow_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[EC004\].*pip install pyarrow"):
        tabular.write_parquet(EVENTS, tmp_path / "e.parquet")
    assert not (tmp_path / "e.parquet").exists()


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is None, reason="pyarrow missing")
def test_export_parquet_round_trip(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert tabular.write_parquet(EVENTS, tmp_path / "e.parquet") == 3
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 3


@pytest.mark.skipif(importlib.util.find_spec("matplotlib") is not None, reason="installed")
def test_export_png_without_matplotlib_is_a_coded_error(tmp_path: Path) -> None:
    rows, _ = timeline.counts(EVENTS, "day")
    with pytest.raises(ConfigError, match=r"\[EC004\].*pip install matplotlib"):
        timeline.write_png(rows, tmp_path / "t.png")


def test_export_inter_codes() -> None:
    assert tabular.inter_code(ActorRef("x", "x", actor_type="GOV MIL")) == 1
    assert tabular.inter_code(ActorRef("x", "x", actor_type="civilians")) == 7
    assert tabular.inter_code(ActorRef("x", "x", actor_type="BUS")) is None
    assert tabular.inter_code(None) is None
