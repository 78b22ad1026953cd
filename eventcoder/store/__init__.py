"""The corpus store: documents, passages, events and actors in one SQLite file."""

from __future__ import annotations

from eventcoder.store.db import AddResult, Store, content_hash, open_store

__all__ = ["AddResult", "Store", "content_hash", "open_store"]
