"""eventcoder: evidenced, source-attributed event data from news text, offline."""

from __future__ import annotations

from eventcoder.errors import EventcoderError
from eventcoder.pipeline import extract, run
from eventcoder.records import Event, RawArticle
from eventcoder.settings import Settings, load_settings

__all__ = [
    "Event",
    "EventcoderError",
    "RawArticle",
    "Settings",
    "extract",
    "load_settings",
    "run",
]
__version__ = "0.1.0"
