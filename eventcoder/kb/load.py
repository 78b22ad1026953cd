"""Load the actor knowledge base: YAML files + rule-built states -> ``ActorKB``.

Loading is all or nothing: any malformed file, duplicate id, unresolved alias clash or
relation to an unknown id raises ``KBError`` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

from eventcoder.errors import KBError
from eventcoder.kb.countries import country_actors
from eventcoder.kb.index import AliasIndex, IndexEntry, alias_key, is_acronym
from eventcoder.kb.schema import Actor, Relation, actors_from_file

DATA_DIR = Path(__file__).resolve().parent / "data"


class ActorKB:
    """The actor knowledge base: actors by id, their dated relations and an alias index."""

    def __init__(
        self, actors: dict[str, Actor], index: AliasIndex, sources: tuple[str, ...]
    ) -> None:
        self.actors = actors
        self.index = index
        self.sources = sources
        self._incoming: dict[str, list[tuple[str, Relation]]] = {}
        for actor in actors.values():
            for rel in actor.relations:
                self._incoming.setdefault(rel.target, []).append((actor.id, rel))

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def get(self, actor_id: str) -> Actor | None:
        """The actor with id ``actor_id``, or None."""
        return self.actors.get(actor_id)

    def lookup(self, text: str) -> list[Actor]:
        """Actors having ``text`` as an alias (normalised exact match), best first."""
        seen: list[Actor] = []
        entries = self.index.get(alias_key(text))
        if not entries and text.lower().startswith("the "):
            entries = self.index.get(alias_key(text[4:]))  # "The Extraditables"
        for entry in entries:
            actor = self.actors[entry.actor_id]
            if actor not in seen:
                seen.append(actor)
        return seen

    def search(self, text: str, limit: int = 10) -> list[tuple[Actor, float]]:
        """Fuzzy search over names and aliases (rapidfuzz WRatio, 0-100)."""
        from rapidfuzz import fuzz, process

        choices: dict[str, str] = {}
        for key, entries in self.index.items():
            choices.setdefault(" ".join(key), entries[0].actor_id)
        for actor in self.actors.values():
            choices.setdefault(" ".join(alias_key(actor.name)), actor.id)
        query = " ".join(alias_key(text))
        out: list[tuple[Actor, float]] = []
        for match, score, _ in process.extract(
            query, list(choices), scorer=fuzz.WRatio, limit=limit * 3
        ):
            actor = self.actors[choices[match]]
            if all(a.id != actor.id for a, _ in out):
                out.append((actor, float(score)))
            if len(out) >= limit:
                break
        return out

    def relations(
        self, actor_id: str, kind: str | None = None, on: dt.date | None = None
    ) -> list[Relation]:
        """Outgoing relations of ``actor_id`` (of ``kind``, holding on ``on``)."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return []
        return [r for r in actor.relations if (kind is None or r.kind == kind) and r.active(on)]

    def incoming(
        self, actor_id: str, kind: str | None = None, on: dt.date | None = None
    ) -> list[tuple[Actor, Relation]]:
        """Relations pointing at ``actor_id``, with their source actor."""
        return [
            (self.actors[src], r)
            for src, r in self._incoming.get(actor_id, [])
            if (kind is None or r.kind == kind) and r.active(on)
        ]

    def leaders(self, actor_id: str, on: dt.date | None = None) -> list[Actor]:
        """Who led ``actor_id`` on day ``on`` (every known leader when ``on`` is None)."""
        return [a for a, _ in self.incoming(actor_id, "leads", on)]

    def parents(self, actor_id: str, on: dt.date | None = None) -> list[Actor]:
        """The chain of ``part_of`` parents of ``actor_id`` on ``on``, nearest first."""
        out: list[Actor] = []
        current = actor_id
        while True:
            rels = self.relations(current, "part_of", on)
            if not rels or rels[0].target in {a.id for a in out}:
                return out
            current = rels[0].target
            out.append(self.actors[current])


def _origin(actor: Actor) -> str:
    return actor.origin or "<unknown>"


def build_kb(
    base: Iterable[Actor], extra: Iterable[Actor] = (), sources: tuple[str, ...] = ()
) -> ActorKB:
    """Check and compile actors into an ``ActorKB``; ``extra`` actors override ``base`` ones."""
    actors: dict[str, Actor] = {}
    for actor in base:
        if actor.id in actors:
            raise KBError(
                f"{_origin(actor)}: duplicate actor id {actor.id!r} (first defined at "
                f"{_origin(actors[actor.id])}). Fix: rename one of them or merge them"
            )
        actors[actor.id] = actor
    user_ids: set[str] = set()
    for actor in extra:
        if actor.id in user_ids:
            raise KBError(
                f"{_origin(actor)}: duplicate actor id {actor.id!r} in the extra files. "
                "Fix: keep one definition"
            )
        user_ids.add(actor.id)
        actors[actor.id] = actor  # overriding a packaged actor is the point of --kb
    for actor in actors.values():
        for rel in actor.relations:
            if rel.target not in actors:
                raise KBError(
                    f"{rel.origin or _origin(actor)}: relation {rel.kind} of {actor.id!r} points to"
                    " "
                    f"unknown id {rel.target!r}. Fix: correct the id or add that actor"
                )
    return ActorKB(actors, compile_index(actors, user_ids), sources)


def compile_index(
    actors: dict[str, Actor], user_ids: set[str] | frozenset[str] = frozenset()
) -> AliasIndex:
    """Build the alias index; a clash without a ``prefer`` rule raises ``KBError``."""
    claims: dict[tuple[str, ...], list[tuple[Actor, IndexEntry, bool]]] = {}
    for actor in actors.values():
        names = [(actor.name, False, False, "name")]
        names += [(a.text, a.loaded, a.prefer, a.kind) for a in actor.aliases]
        for text, loaded, prefer, kind in names:
            key = alias_key(text)
            if len(key) > 1 and key[0] == "the":
                key = key[1:]  # "the Taliban": the article is optional in the text
            if not key:
                continue
            acronym = is_acronym(text)
            entry = IndexEntry(
                actor_id=actor.id,
                alias=text[4:] if text.lower().startswith("the ") else text,
                loaded=loaded,
                exact_case=acronym,
                # one-word names must be capitalised ("Turkey", not "turkey"); see AliasIndex.scan
                capitalised=not acronym and (kind in ("demonym", "capital") or len(key) == 1),
                kind=kind,
            )
            bucket = claims.setdefault(key, [])
            if any(e.actor_id == actor.id and e.exact_case == acronym for _, e, _ in bucket):
                continue
            bucket.append((actor, entry, prefer or actor.id in user_ids))
    index = AliasIndex()
    for key, bucket in claims.items():
        # acronyms and ordinary words never compete ("US" vs "us"), so resolve each group
        for exact in (True, False):
            group = [b for b in bucket if b[1].exact_case == exact]
            if not group:
                continue
            # nor do acronyms spelt in another case ("JEM" and "JeM")
            spellings = dict.fromkeys(b[1].alias for b in group) if exact else {"": None}
            for alias in spellings:
                same = [b for b in group if not exact or b[1].alias == alias]
                for _, entry, _ in _choose(key, same):
                    index.add(key, entry)
    return index


def _choose(
    key: tuple[str, ...], group: list[tuple[Actor, IndexEntry, bool]]
) -> list[tuple[Actor, IndexEntry, bool]]:
    """The claims of one alias, the preferred first; raises ``KBError`` on an open clash."""
    if len({a.id for a, _, _ in group}) <= 1:
        return group
    preferred = [b for b in group if b[2]]
    if len(preferred) != 1:
        where = ", ".join(f"{a.id} ({_origin(a)})" for a, _, _ in group)
        raise KBError(
            f"{_origin(group[-1][0])}: alias {' '.join(key)!r} is claimed by {where} "
            "without a rule to choose. Fix: mark one with {text: ..., prefer: true} "
            "or remove it from the others"
        )
    return preferred + [b for b in group if not b[2]]


def packaged_files() -> list[Path]:
    """The KB files shipped with eventcoder."""
    return sorted(DATA_DIR.glob("*.yaml"))


def load_files(paths: Sequence[Path]) -> list[Actor]:
    """Read and validate the actors of several files (no cross-file checks)."""
    out: list[Actor] = []
    for path in paths:
        if not Path(path).is_file():
            raise KBError(f"{path}: no such knowledge-base file. Fix: check the --kb path")
        out.extend(actors_from_file(Path(path)))
    return out


@functools.lru_cache(maxsize=8)
def _load_cached(extra: tuple[Path, ...]) -> ActorKB:
    base = [*country_actors(), *load_files(packaged_files())]
    sources = tuple(str(p) for p in (*packaged_files(), *extra))
    return build_kb(base, load_files(extra), sources)


def load_kb(extra_paths: Sequence[Path] = ()) -> ActorKB:
    """The packaged KB plus user files ``extra_paths`` (which add or override actors); cached."""
    return _load_cached(tuple(Path(p).resolve() for p in extra_paths))
