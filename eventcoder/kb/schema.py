"""Records of the actor knowledge base and validation of its YAML files.

A KB file is YAML with a top-level ``actors:`` list. Each actor is a mapping::

    - id: kataib-hizbullah             # stable, lower-case, [a-z0-9-]
      name: Kataib Hezbollah           # neutral canonical name
      type: militia                    # see ACTOR_TYPES
      country: IRQ                     # ISO 3166-1 alpha-3 (or IGO/INT for international)
      acled: 3                         # ACLED actor category 1-8
      sectors: [REB]                   # PLOVER/CAMEO sector codes
      qid: Q1739316                    # Wikidata, only when sure
      description: Iraqi Shia militia, part of the PMF.
      aliases: [Kataib Hizbullah, Kata'ib Hezbollah, KH]
      loaded_aliases: [some pejorative name]     # resolved to this actor, marked loaded
      relations:
        - {part_of: popular-mobilization-forces, start: 2014}

An alias may also be a mapping ``{text: ..., prefer: true}``: when two actors claim the
same alias, the one that prefers it wins; without such a rule loading fails.
Errors name the file and line (from the YAML node marks) and say how to fix the problem.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from eventcoder.errors import KBError

ACTOR_TYPES: tuple[str, ...] = (
    "state",
    "government",
    "military",
    "police",
    "parliament",
    "intelligence",
    "armed group",
    "militia",
    "political party",
    "movement",
    "coalition",
    "igo",
    "ngo",
    "person",
    "media",
    "civilians",
    "region",
    "company",
    "religious",
    "protesters",
    "rioters",
    "organization",
)
RELATION_KINDS: tuple[str, ...] = ("member_of", "part_of", "aligned_with", "leads", "succeeded")
ACTOR_FIELDS = frozenset(
    {
        "id",
        "name",
        "type",
        "country",
        "acled",
        "sectors",
        "qid",
        "description",
        "aliases",
        "loaded_aliases",
        "relations",
    }
)
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class Alias:
    """A name an actor goes by."""

    text: str
    loaded: bool = False  # pejorative or partisan framing ("the zionist entity")
    prefer: bool = False  # wins when another actor claims the same alias
    kind: str = "name"  # name | demonym | capital


@dataclass(frozen=True, slots=True)
class Relation:
    """A dated edge of the actor graph (``start``/``end`` None = unknown or open)."""

    kind: str
    target: str
    start: dt.date | None = None
    end: dt.date | None = None
    origin: str = ""

    def active(self, on: dt.date | None) -> bool:
        """True when the relation holds on day ``on`` (always, when ``on`` is None)."""
        if on is None:
            return True
        if self.start is not None and on < self.start:
            return False
        return not (self.end is not None and on > self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of the knowledge base."""

    id: str
    name: str
    type: str
    country: str | None = None
    aliases: tuple[Alias, ...] = ()
    acled: int | None = None
    sectors: tuple[str, ...] = ()
    qid: str | None = None
    description: str = ""
    relations: tuple[Relation, ...] = ()
    origin: str = ""  # file:line it was defined at, or "rule:countries"


# --- YAML with line numbers ---------------------------------------------------------


# The C parser (libyaml) is 10x faster and still gives node marks; fall back when absent.
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that remembers the line of every mapping, key and list item."""


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows its own line and each key's line."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A list from YAML that knows its own line and each item's line."""

    line: int = 0
    item_lines: list[int]


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain scalars", key_node.start_mark
            )
        skey = str(key)
        out[skey] = loader.construct_object(value_node, deep=True)
        out.key_lines[skey] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _fail(where: str, message: str, fix: str) -> KBError:
    return KBError(f"{where}: {message}. Fix: {fix}")


def read_yaml(path: Path, text: str | None = None) -> Any:
    """Parse a KB file, turning YAML syntax errors into coded errors with file and line."""
    try:
        raw = path.read_text(encoding="utf-8") if text is None else text
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(
            str(path), f"cannot read the file ({exc})", "check the path and encoding"
        ) from exc
    try:
        return yaml.load(raw, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = str(exc.problem)
        start = exc.context_mark.line + 1 if exc.context_mark is not None else line
        if start != line:
            # an unclosed bracket or quote is noticed lines later: name where it opened too
            problem += f"; {exc.context} that starts on line {start}"
        raise _fail(
            f"{path}:{line}", f"malformed YAML ({problem})", "fix the YAML syntax on that line"
        ) from exc
    except yaml.YAMLError as exc:
        raise _fail(str(path), f"malformed YAML ({exc})", "fix the YAML syntax") from exc


def parse_date(value: Any, *, end: bool = False) -> dt.date | None:
    """A relation date from YAML: a date, or "YYYY" / "YYYY-MM" / "YYYY-MM-DD" text."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    if not m:
        raise ValueError(f"not a date: {value!r}")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    if m.group(3):
        return dt.date(year, month, int(m.group(3)))
    day = calendar.monthrange(year, month)[1] if end else 1
    return dt.date(year, month, day)


def _aliases(raw: Any, where: str, loaded: bool) -> list[Alias]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _fail(where, "aliases must be a list", "write aliases: [Name one, Name two]")
    out = []
    for item in raw:
        if isinstance(item, str | int) and not isinstance(item, bool):
            out.append(Alias(str(item), loaded=loaded))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            extra = set(item) - {"text", "prefer", "loaded"}
            if extra:
                raise _fail(
                    where, f"unknown alias keys {sorted(extra)}", "use text, prefer, loaded"
                )
            out.append(
                Alias(
                    item["text"],
                    loaded=bool(item.get("loaded", loaded)),
                    prefer=bool(item.get("prefer", False)),
                )
            )
        else:
            raise _fail(where, f"bad alias {item!r}", "give a string or {text: ..., prefer: true}")
    return out


def _relations(raw: Any, where: str, path: Path, lines: list[int]) -> list[Relation]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _fail(where, "relations must be a list", "write relations: [{part_of: other-id}]")
    out = []
    for n, item in enumerate(raw):
        here = f"{path}:{lines[n]}" if n < len(lines) else where
        if not isinstance(item, dict):
            raise _fail(here, f"bad relation {item!r}", "write {part_of: other-id, start: 2014}")
        kinds = [k for k in item if k in RELATION_KINDS]
        extra = set(item) - set(RELATION_KINDS) - {"start", "end"}
        if len(kinds) != 1 or extra:
            raise _fail(
                here,
                f"a relation needs exactly one of {', '.join(RELATION_KINDS)} (got {sorted(item)})",
                "write one relation per item, e.g. {member_of: other-id, start: 2003, end: 2011}",
            )
        try:
            start = parse_date(item.get("start"))
            end = parse_date(item.get("end"), end=True)
        except ValueError as exc:
            raise _fail(here, str(exc), "write dates as YYYY, YYYY-MM or YYYY-MM-DD") from exc
        if start and end and end < start:
            raise _fail(here, "relation ends before it starts", "swap or correct start and end")
        out.append(Relation(kinds[0], str(item[kinds[0]]), start, end, origin=here))
    return out


def actor_from_yaml(item: Any, path: Path, line: int) -> Actor:
    """Validate one actor mapping and build its record."""
    where = f"{path}:{line}"
    if not isinstance(item, dict):
        raise _fail(where, "each actor must be a mapping", "start each actor with '- id: ...'")
    key_lines = getattr(item, "key_lines", {})

    def at(key: str) -> str:
        return f"{path}:{key_lines.get(key, line)}"

    extra = set(item) - ACTOR_FIELDS
    if extra:
        bad = sorted(extra)[0]
        raise _fail(
            at(bad), f"unknown field {bad!r}", f"use only {', '.join(sorted(ACTOR_FIELDS))}"
        )
    for req in ("id", "name", "type"):
        if not isinstance(item.get(req), str) or not item[req].strip():
            raise _fail(where, f"missing or empty {req!r}", f"give the actor a {req}")
    actor_id = item["id"]
    if not _ID_RE.match(actor_id):
        raise _fail(at("id"), f"bad id {actor_id!r}", "use lower case letters, digits and hyphens")
    if item["type"] not in ACTOR_TYPES:
        raise _fail(
            at("type"), f"unknown type {item['type']!r}", f"use one of {', '.join(ACTOR_TYPES)}"
        )
    country = item.get("country")
    if country is not None and (not isinstance(country, str) or not _COUNTRY_RE.match(country)):
        raise _fail(
            at("country"), f"bad country {country!r}", "use an ISO 3166-1 alpha-3 code or IGO"
        )
    acled = item.get("acled")
    if acled is not None and (not isinstance(acled, int) or not 1 <= acled <= 8):
        raise _fail(at("acled"), f"bad ACLED category {acled!r}", "use an integer from 1 to 8")
    qid = item.get("qid")
    if qid is not None and (not isinstance(qid, str) or not _QID_RE.match(qid)):
        raise _fail(at("qid"), f"bad Wikidata id {qid!r}", "write it as Q followed by digits")
    sectors = item.get("sectors") or []
    if not isinstance(sectors, list) or not all(isinstance(s, str) for s in sectors):
        raise _fail(at("sectors"), "sectors must be a list of codes", "write sectors: [GOV, MIL]")
    aliases = _aliases(item.get("aliases"), at("aliases"), loaded=False)
    aliases += _aliases(item.get("loaded_aliases"), at("loaded_aliases"), loaded=True)
    rel_raw = item.get("relations")
    rel_lines = getattr(rel_raw, "item_lines", [])
    relations = _relations(rel_raw, at("relations"), path, rel_lines)
    return Actor(
        id=actor_id,
        name=item["name"].strip(),
        type=item["type"],
        country=country,
        aliases=tuple(aliases),
        acled=acled,
        sectors=tuple(sectors),
        qid=qid,
        description=str(item.get("description") or ""),
        relations=tuple(relations),
        origin=where,
    )


def actors_from_file(path: Path, text: str | None = None) -> list[Actor]:
    """Read and validate every actor of one KB file (no cross-file checks)."""
    data = read_yaml(path, text)
    if data is None:
        return []
    items = data.get("actors") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise _fail(f"{path}:1", "expected a list of actors", "put the actors under 'actors:'")
    lines = getattr(items, "item_lines", [])
    return [
        actor_from_yaml(item, path, lines[i] if i < len(lines) else 0)
        for i, item in enumerate(items)
    ]
