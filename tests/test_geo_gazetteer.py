"""Tests for the offline gazetteer (eventcoder.geo.gazetteer)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eventcoder.errors import GazetteerError
from eventcoder.geo.gazetteer import (
    FEATURES,
    SUPPLEMENT,
    WORLD_ADMIN1,
    WORLD_ADMIN1_SOURCE,
    GeoNamesGazetteer,
    default_gazetteer,
    distance_km,
    load_places_file,
    normalize,
)


@pytest.fixture(scope="module")
def gaz() -> GeoNamesGazetteer:
    return default_gazetteer()


def test_gazetteer_normalize_folds_accents_case_dots_and_hyphens() -> None:
    assert normalize("Al-Tanf") == normalize("al tanf")
    assert normalize("U.S.") == "us"
    assert normalize("Sana’a") == normalize("Sanaa")
    assert normalize("Québec") == "quebec"
    assert normalize("the Gaza Strip") == "gaza strip"


def test_gazetteer_distance_km_known_pair() -> None:
    # Baghdad to Erbil is about 320 km as the crow flies.
    assert 300 < distance_km(33.34, 44.40, 36.19, 44.01) < 340
    assert distance_km(10.0, 10.0, 10.0, 10.0) == 0.0


@pytest.mark.parametrize("spelling", ["Erbil", "Arbil", "Irbil", "Hawler", "Hewler"])
def test_gazetteer_alternate_spellings_resolve(gaz: GeoNamesGazetteer, spelling: str) -> None:
    names = {(p.name, p.country) for p in gaz.lookup(spelling)}
    assert ("Erbil", "IRQ") in names


@pytest.mark.parametrize(
    ("query", "name", "feature"),
    [
        ("Tower 22", "Tower 22", "base"),
        ("Al-Tanf", "Al-Tanf garrison", "base"),
        ("Ain al-Assad", "Ain al-Asad Air Base", "base"),
        ("Erbil airport", "Erbil International Airport", "facility"),
        ("Rafah crossing", "Rafah crossing", "crossing"),
        ("ZNPP", "Zaporizhzhia Nuclear Power Plant", "facility"),
        ("Kurdistan Region", "Kurdistan Region", "region"),
        ("West Bank", "West Bank", "region"),
        ("Donbass", "Donbas", "region"),
        ("Jordanian-Syrian border", "Jordan-Syria border", "border"),
        ("EU", "European Union", "region"),
        ("the Atlantic", "Atlantic Ocean", "water"),
        ("White House", "White House", "landmark"),
    ],
)
def test_gazetteer_supplement_entries_resolve(
    gaz: GeoNamesGazetteer, query: str, name: str, feature: str
) -> None:
    hits = [p for p in gaz.lookup(query) if p.name == name]
    assert hits and hits[0].feature == feature


def test_gazetteer_countries_and_aliases(gaz: GeoNamesGazetteer) -> None:
    for alias in ("US", "U.S.", "United States", "America"):
        assert any(p.feature == "country" and p.country == "USA" for p in gaz.lookup(alias))
    iraq = gaz.country("IRQ")
    assert iraq is not None and 29 < iraq.lat < 38 and 38 < iraq.lon < 49


def test_gazetteer_every_country_point_lies_in_range(gaz: GeoNamesGazetteer) -> None:
    for code in ("USA", "FRA", "LBN", "SGP", "FJI"):
        place = gaz.country(code)
        assert place is not None, code
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_gazetteer_demonyms(gaz: GeoNamesGazetteer) -> None:
    assert gaz.demonym("Jordanian") == "JOR"
    assert gaz.demonym("Iraqis") == "IRQ"
    assert gaz.demonym("Jamaican") == "JAM"
    assert gaz.demonym("Salvadoran") == "SLV"
    assert gaz.demonym("Martian") is None


def test_gazetteer_phrases_include_facilities(gaz: GeoNamesGazetteer) -> None:
    phrases = set(gaz.phrases())
    assert {"Tower 22", "Al-Tanf", "Rukban"} <= phrases


def test_gazetteer_supplement_is_complete_and_sourced() -> None:
    entries = load_places_file(SUPPLEMENT)
    assert len(entries) >= 60
    for place, _aliases in entries:
        assert place.source, place.place_id
        assert place.feature in FEATURES
    raw = yaml.safe_load(SUPPLEMENT.read_text(encoding="utf-8"))
    assert len({e["id"] for e in raw}) == len(raw)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_gazetteer_user_file_bad_latitude_names_file_and_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "- {id: ok, name: Ok Place, feature: camp, lat: 1.0, lon: 2.0, source: me}\n"
        "- {id: bad, name: Bad Place, feature: camp, lat: 95.0, lon: 2.0, source: me}\n",
    )
    with pytest.raises(GazetteerError) as info:
        load_places_file(path)
    message = str(info.value)
    assert message.startswith("[EC040]")
    assert f"{path}:2" in message and "latitude" in message and "Fix:" in message


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("- {id: a, name: A, feature: camp, lat: 1, lon: 181}\n", "longitude"),
        ("- {id: a, name: A, feature: moon, lat: 1, lon: 1}\n", "unknown feature"),
        ("- {id: a, name: A, feature: camp, lat: 1}\n", "missing required field 'lon'"),
        ("- {id: a, name: A, feature: camp, lat: x, lon: 1}\n", "must be a number"),
        ("- {id: a, name: A, feature: camp, lat: 1, lon: 1, country: Iraq}\n", "alpha-3"),
        (
            "- {id: a, name: A, feature: camp, lat: 1, lon: 1}\n"
            "- {id: a, name: B, feature: camp, lat: 1, lon: 1}\n",
            "duplicate id",
        ),
        ("- [unclosed\n", "not valid YAML"),
        ("just: a mapping\n", "YAML list"),
    ],
)
def test_gazetteer_user_file_errors_are_coded(tmp_path: Path, body: str, needle: str) -> None:
    with pytest.raises(GazetteerError, match=needle):
        load_places_file(_write(tmp_path, body))


def test_gazetteer_user_file_adds_places(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "- {id: fob-x, name: FOB Example, aliases: [Example Outpost], feature: base,"
        " country: IRQ, lat: 34.5, lon: 43.1, source: test}\n",
    )
    gaz = GeoNamesGazetteer(extra_files=[path])
    hits = gaz.lookup("example outpost")
    assert [p.name for p in hits] == ["FOB Example"]
    assert "FOB Example" in gaz.phrases()


def test_gazetteer_unknown_city_file_is_an_error() -> None:
    with pytest.raises(GazetteerError, match="unknown city file"):
        GeoNamesGazetteer(cities="cities42")


def test_gazetteer_world_admin1_regions_resolve(gaz: GeoNamesGazetteer) -> None:
    # Regions outside the hand-written US/CA/AU list come from the world file.
    helmand = [p for p in gaz.lookup("Helmand") if p.feature == "admin1"]
    assert [(p.country, p.admin1) for p in helmand] == [("AFG", "Helmand")]
    assert 29.0 < helmand[0].lat < 33.0 and 62.0 < helmand[0].lon < 66.0
    assert any(p.feature == "admin1" and p.country == "NGA" for p in gaz.lookup("Borno State"))
    # A city now names its region, so events carry ACLED's admin1 outside the US too.
    mosul = next(p for p in gaz.lookup("Mosul") if p.country == "IRQ")
    assert mosul.admin1 == "Nīnawá"


def test_gazetteer_world_admin1_keeps_cities_and_skips_ordinary_words(
    gaz: GeoNamesGazetteer,
) -> None:
    # "Kandahar" is the city far more often than the province of the same name.
    assert {p.feature for p in gaz.lookup("Kandahar") if p.country == "AFG"} == {"city"}
    # "Western", "Central", "Plateau" name regions in some countries but are ordinary words.
    for word in ("Western", "Central", "Plateau", "Unity"):
        assert not [p for p in gaz.lookup(word) if p.source == WORLD_ADMIN1_SOURCE], word
    # Hand-written regions are not doubled by the world file.
    assert len([p for p in gaz.lookup("California") if p.feature == "admin1"]) == 1


def test_gazetteer_world_admin1_file_is_well_formed() -> None:
    lines = WORLD_ADMIN1.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["iso3", "geonames_code", "name", "lat", "lon", "aliases"]
    for line in lines[1:]:
        iso3, code, name, lat, lon, _aliases = line.split("\t")
        assert len(iso3) == 3 and "." in code and name
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180


def test_gazetteer_capitals(gaz: GeoNamesGazetteer) -> None:
    assert gaz.capital("SLV").name == "San Salvador"  # type: ignore[union-attr]
    assert gaz.capital("BOL").name == "La Paz"  # type: ignore[union-attr]  # seat of government
    assert gaz.capital("ISR") is None  # contested: no city is chosen for the author
    assert gaz.capital("XXX") is None
