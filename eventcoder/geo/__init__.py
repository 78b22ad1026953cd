"""Offline geography: the gazetteer behind toponym resolution."""

from __future__ import annotations

from eventcoder.geo.gazetteer import (
    Gazetteer,
    GeoNamesGazetteer,
    Place,
    default_gazetteer,
    distance_km,
    load_places_file,
    normalize,
)

__all__ = [
    "Gazetteer",
    "GeoNamesGazetteer",
    "Place",
    "default_gazetteer",
    "distance_km",
    "load_places_file",
    "normalize",
]
