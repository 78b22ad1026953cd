"""Exporters of stored events: ACLED CSV, PLOVER JSONL, Parquet, networks and timelines."""
