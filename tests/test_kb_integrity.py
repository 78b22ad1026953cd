"""Integrity of the packaged knowledge base: files validate and the compiled index matches them."""

from __future__ import annotations

import re
from collections import Counter

from eventcoder.kb import load_kb
from eventcoder.kb.countries import KINDS, NON_MEMBERS, country_actors, un_members
from eventcoder.kb.index import alias_key
from eventcoder.kb.load import build_kb, compile_index, load_files, packaged_files
from eventcoder.kb.schema import ACTOR_TYPES, RELATION_KINDS


def test_kb_integrity_every_file_validates_alone() -> None:
    files = packaged_files()
    assert len(files) >= 5
    for path in files:
        assert load_files([path]), path


def test_kb_integrity_compiled_index_matches_files() -> None:
    """Rebuild the index from the YAML in memory and compare it with the loaded one."""
    kb = load_kb()
    rebuilt = compile_index(dict(kb.actors))
    assert sorted(rebuilt.keys()) == sorted(kb.index.keys())
    for key, entries in kb.index.items():
        assert [(e.actor_id, e.alias) for e in entries] == [
            (e.actor_id, e.alias) for e in rebuilt.get(key)
        ]
    # every declared name and alias is reachable, and every key comes from a declaration
    declared: set[tuple[tuple[str, ...], str]] = set()
    for actor in kb.actors.values():
        for text in (actor.name, *(a.text for a in actor.aliases)):
            key = alias_key(text)
            key = key[1:] if len(key) > 1 and key[0] == "the" else key
            declared.add((key, actor.id))
            assert any(e.actor_id == actor.id for e in kb.index.get(key)), (actor.id, text)
    for key, entries in kb.index.items():
        for entry in entries:
            assert (key, entry.actor_id) in declared


def test_kb_integrity_index_matches_the_raw_files() -> None:
    """Independently of the loader: read every packaged file with a plain YAML parser and
    check that each actor's id is loaded and that its name and every alias reach it in the
    index (or an actor that won the alias with ``prefer: true``)."""
    import yaml

    kb = load_kb()
    preferred = {
        alias_key(a.text): actor.id for actor in kb.actors.values() for a in actor.aliases if a.prefer
    }
    checked = 0
    for path in packaged_files():
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]:
            assert item["id"] in kb.actors, (path.name, item["id"])
            raw = [item["name"], *item.get("aliases", []), *item.get("loaded_aliases", [])]
            for alias in raw:
                text = alias["text"] if isinstance(alias, dict) else str(alias)
                key = alias_key(text)
                key = key[1:] if len(key) > 1 and key[0] == "the" else key
                ids = {e.actor_id for e in kb.index.get(key)}
                assert item["id"] in ids or preferred.get(alias_key(text)) in ids, (path.name, text)
                checked += 1
    assert checked > 2000


# Types that are the state's own bodies (built by rule per country, or curated agencies).
STATE_BODIES = {"state", "government", "military", "police", "parliament", "intelligence"}


def test_kb_integrity_coverage() -> None:
    kb = load_kb()
    curated = [a for a in kb.actors.values() if not a.origin.startswith("rule:")]
    # at least 300 hand-curated non-state and international actors (people and state bodies
    # do not count)
    assert sum(a.type not in STATE_BODIES | {"person"} for a in curated) >= 300
    kinds = Counter(a.type for a in curated)
    assert kinds["person"] >= 100 and kinds["armed group"] >= 80 and kinds["igo"] >= 30
    assert all(a.type in ACTOR_TYPES for a in kb.actors.values())
    assert all(r.kind in RELATION_KINDS for a in kb.actors.values() for r in a.relations)
    # people who lead something carry dated relations
    leaders = [
        a for a in curated if a.type == "person" and any(r.kind == "leads" for r in a.relations)
    ]
    assert len(leaders) >= 100
    assert all(r.start is not None for a in leaders for r in a.relations if r.kind == "leads")


def test_kb_integrity_un_members_built_by_rule() -> None:
    members = un_members()
    assert len(members) == 193
    ids = {a.id for a in country_actors()}
    for iso3 in members | NON_MEMBERS:
        assert iso3 in ids
        for suffix, *_ in KINDS:
            assert f"{iso3}-{suffix}" in ids


def test_kb_integrity_ids_and_qids_are_well_formed() -> None:
    kb = load_kb()
    qids = [a.qid for a in kb.actors.values() if a.qid]
    assert len(qids) == len(set(qids))
    for actor in kb.actors.values():
        assert re.fullmatch(r"[A-Za-z0-9-]+", actor.id)
        assert actor.country is None or re.fullmatch(r"[A-Z]{3}", actor.country)


def test_kb_integrity_rebuild_is_deterministic() -> None:
    base = [*country_actors(), *load_files(packaged_files())]
    a, b = build_kb(base), build_kb(base)
    assert list(a.index.keys()) == list(b.index.keys())


def test_kb_integrity_state_bodies_are_part_of_their_state() -> None:
    kb = load_kb()
    assert [a.id for a in kb.parents("IRQ-MIL")] == ["IRQ"]
    assert [a.id for a in kb.parents("quds-force")][-2:] == ["IRN-MIL", "IRN"]
    assert kb.parents("IRQ-CIV") == []
