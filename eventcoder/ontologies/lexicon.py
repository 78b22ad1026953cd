"""Code tables: trigger lexicon, instruments, PLOVER types and the ACLED hierarchy.

All tables are hand-edited YAML in ``ontologies/data``; this module validates them once
and exposes them as typed records. See ``docs/coding.md`` for how each mapping was chosen.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from eventcoder.errors import ConfigError

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One lexicon entry: phrases that name an event and how that event is coded."""

    id: str
    phrases: tuple[str, ...]
    pos: tuple[str, ...]
    type: str
    mode: str | None
    cameo: str | None
    acled: str | None
    needs_actor: bool
    verb_only: frozenset[str] = frozenset()  # phrases that name the event only as verbs


@functools.cache
def not_events_with_object() -> dict[str, frozenset[str]]:
    """Verb lemma -> object lemmas with which the verb names no event ("struck a deal")."""
    table: dict[str, list[str]] = _read("triggers.yaml").get("not_events_with_object") or {}
    return {verb: frozenset(objects) for verb, objects in table.items()}


@dataclass(frozen=True, slots=True)
class InstrumentEntry:
    """Instrument words and the coding they imply for a generic trigger."""

    words: tuple[str, ...]
    instrument: str
    mode: str | None
    cameo: str | None
    acled: str | None


def _read(name: str) -> Any:
    text = resources.files("eventcoder.ontologies").joinpath("data", name).read_text("utf-8")
    return yaml.safe_load(text)


@functools.cache
def acled_event_type_of() -> dict[str, str]:
    """Map each ACLED sub-event type to its event type."""
    table: dict[str, list[str]] = _read("acled.yaml")["event_types"]
    return {sub: event_type for event_type, subs in table.items() for sub in subs}


@functools.cache
def plover_quad() -> dict[str, str]:
    """Map each PLOVER type to its quad class."""
    table: dict[str, dict[str, str]] = _read("plover.yaml")
    return {k: v["quad"] for k, v in table.items()}


@functools.cache
def triggers() -> tuple[TriggerEntry, ...]:
    """The validated trigger lexicon, in file order (earlier entries win ties)."""
    subs = acled_event_type_of()
    out: list[TriggerEntry] = []
    seen: set[str] = set()
    for raw in _read("triggers.yaml")["triggers"]:
        entry = TriggerEntry(
            id=raw["id"],
            phrases=tuple(str(p) for p in raw["phrases"]),
            pos=tuple(raw.get("pos", ["VERB", "NOUN"])),
            type=raw["type"],
            mode=raw.get("mode"),
            cameo=str(raw["cameo"]) if raw.get("cameo") is not None else None,
            acled=raw.get("acled"),
            needs_actor=raw.get("needs") == "actor",
            verb_only=frozenset(str(p) for p in raw.get("verb_only", ())),
        )
        problems = []
        if not entry.verb_only <= set(entry.phrases):
            problems.append(f"verb_only words not among its phrases: "
                            f"{sorted(entry.verb_only - set(entry.phrases))}")
        if entry.id in seen:
            problems.append("duplicate id")
        if entry.type not in PLOVER_TYPES:
            problems.append(f"unknown PLOVER type {entry.type!r}")
        if entry.acled is not None and entry.acled not in subs:
            problems.append(f"unknown ACLED sub-event type {entry.acled!r}")
        if problems:
            raise ConfigError(
                f"triggers.yaml entry {entry.id!r}: {'; '.join(problems)}. "
                "Fix the entry (types are listed in plover.yaml and acled.yaml).",
                code="EC005",
            )
        seen.add(entry.id)
        out.append(entry)
    return tuple(out)


@functools.cache
def instruments() -> tuple[InstrumentEntry, ...]:
    """The validated instrument table."""
    subs = acled_event_type_of()
    out = []
    for raw in _read("instruments.yaml")["instruments"]:
        if raw.get("acled") is not None and raw["acled"] not in subs:
            raise ConfigError(
                f"instruments.yaml: unknown ACLED sub-event type {raw['acled']!r}. "
                "Fix the entry (sub-event types are listed in acled.yaml).",
                code="EC005",
            )
        out.append(
            InstrumentEntry(
                words=tuple(raw["words"]),
                instrument=raw["instrument"],
                mode=raw.get("mode"),
                cameo=str(raw["cameo"]) if raw.get("cameo") else None,
                acled=raw.get("acled"),
            )
        )
    return tuple(out)
