"""The Latin American conflict actors of americas_history.yaml: ids, aliases and dated relations."""

from __future__ import annotations

import datetime as dt

from eventcoder.kb import load_kb
from eventcoder.kb.load import DATA_DIR, load_files

PATH = DATA_DIR / "americas_history.yaml"


def test_kb_americas_history_file_validates() -> None:
    actors = load_files([PATH])
    assert len(actors) >= 120
    assert all(a.description and a.country for a in actors)
    groups = [a for a in actors if a.type in ("armed group", "militia")]
    assert len(groups) >= 35
    assert all(a.acled is not None for a in groups)


def test_kb_americas_history_aliases_resolve() -> None:
    kb = load_kb()
    expected = {
        "URNG": "urng",
        "MRTA": "mrta",
        "Tupac Amaru Revolutionary Movement": "mrta",
        "EPL": "epl-col",
        "M-19": "m-19",
        "Movimiento 19 de Abril": "m-19",
        "Extraditables": "the-extraditables",
        "Los Extraditables": "the-extraditables",
        "Medellin cartel": "medellin-cartel",
        "Cartel de Cali": "cali-cartel",
        "Contras": "contras",
        "FSLN": "fsln",
        "ARENA": "arena-slv",
        "Manuel Rodriguez Patriotic Front": "fpmr",
        "FPMR": "fpmr",
        "Cinchoneros": "cinchoneros",
        "Morazanist Patriotic Front": "morazanist-front",
        "Atlacatl Battalion": "atlacatl-battalion",
        "DAS": "das-col",
        "DIJIN": "dijin-col",
        "Guerrilla Army of the Poor": "egp-gtm",
        "Pablo Escobar": "pablo-escobar",
    }
    for alias, actor_id in expected.items():
        assert [a.id for a in kb.lookup(alias)][:1] == [actor_id], alias


def test_kb_americas_history_relations_are_dated() -> None:
    kb = load_kb()
    assert [a.id for a in kb.parents("fpl-slv", on=dt.date(1989, 11, 11))] == ["fmln"]
    assert kb.parents("fpl-slv", on=dt.date(1975, 1, 1)) == []
    assert [a.id for a in kb.leaders("SLV-GOV", on=dt.date(1989, 11, 16))] == ["alfredo-cristiani"]
    assert [a.id for a in kb.leaders("SLV-GOV", on=dt.date(1987, 1, 1))] == ["jose-napoleon-duarte"]
    assert [a.id for a in kb.leaders("shining-path", on=dt.date(1990, 1, 1))] == ["abimael-guzman"]
    assert [a.id for a in kb.leaders("medellin-cartel", on=dt.date(1989, 8, 18))][:1] == [
        "pablo-escobar"
    ]
    assert kb.parents("the-extraditables", on=dt.date(1989, 9, 1))[0].id == "medellin-cartel"
