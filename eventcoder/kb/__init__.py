"""The actor knowledge base: hand-edited YAML plus rule-built states, compiled for linking."""

from __future__ import annotations

from eventcoder.kb.load import ActorKB, build_kb, load_kb
from eventcoder.kb.schema import Actor, Alias, Relation

__all__ = ["Actor", "ActorKB", "Alias", "Relation", "build_kb", "load_kb"]
