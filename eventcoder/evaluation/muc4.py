"""muc4: document relevance, incident type, role fillers (GTT style), counts and status.

Role fillers are pooled over each document's templates, as GTT scoring does, and matched
one-to-one against the pooled predictions; optional fillers are neither missed nor spurious.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from eventcoder.evaluation.common import (
    TaskResult,
    actor_strings,
    point,
    rank_events,
    salient,
    status_for_scoring,
)
from eventcoder.evaluation.data import GoldRecord
from eventcoder.evaluation.labels import LabelMaps, as_list
from eventcoder.evaluation.matching import (
    Filler,
    exact_match,
    lenient_match,
    match_slot,
    normalise,
)
from eventcoder.evaluation.metrics import classification_scores, multilabel_scores, prf
from eventcoder.evaluation.report import ErrorExample, Section, snippet
from eventcoder.kb import load_kb
from eventcoder.kb.countries import demonym_words
from eventcoder.kb.schema import ACTOR_TYPES
from eventcoder.numbers import words_to_int
from eventcoder.records import ActorRef, Event

TASK = "muc4"
REQUIRED_GOLD = ("relevant", "events")
ROLES = ("perp_individuals", "perp_organizations", "physical_targets", "victims", "weapons")
# An actor whose knowledge-base type is an organisation or institution counts as an
# organisation; people types, or no type (a plain description such as "gunmen"), count as
# people. ("organization" is the linker's guess for an unknown named group.)
_PEOPLE = frozenset({"person", "civilians", "protesters", "rioters"})
_ORGISH = frozenset(ACTOR_TYPES) - _PEOPLE


def _fillers(items: Any, key: str = "strings") -> list[Filler]:
    out = []
    for it in items or []:
        if isinstance(it, dict) and it.get(key):
            out.append(Filler(tuple(str(s) for s in it[key]), bool(it.get("optional"))))
    return out


def _dedupe(fillers: list[Filler]) -> list[Filler]:
    """One filler per entity of the pooled role: fillers of two templates that share an
    alternative string ("GUERRILLAS" in both a bombing and a shooting) name one entity, as
    in GTT's pooled gold, so one prediction can fill it. The merged filler keeps every
    alternative and is optional only when all its parts are."""
    out: list[Filler] = []
    for f in fillers:
        same = [i for i, g in enumerate(out)
                if {normalise(x) for x in g.strings} & {normalise(x) for x in f.strings}]  # fmt: skip
        if not same:
            out.append(f)
            continue
        i = same[0]
        g = out[i]
        out[i] = Filler(tuple(dict.fromkeys((*g.strings, *f.strings))), g.optional and f.optional)
    return out


def gold_roles(events: Sequence[Mapping[str, Any]]) -> dict[str, list[Filler]]:
    """Pooled gold fillers per role over a document's templates."""
    roles: dict[str, list[Filler]] = {r: [] for r in ROLES}
    for e in events:
        roles["perp_individuals"] += _fillers(e.get("perp_individuals"))
        roles["perp_organizations"] += _fillers(e.get("perp_organizations"))
        roles["physical_targets"] += _fillers(e.get("physical_targets"))
        roles["victims"] += _fillers(e.get("victim_names"))
        roles["victims"] += _fillers(e.get("victim_descriptions"), "description")
        roles["weapons"] += _fillers(e.get("instruments"))
    return {k: _dedupe(v) for k, v in roles.items()}


def _assign(
    actors: Sequence[ActorRef], a: list[Filler], b: list[Filler]
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Split actors between a people role ``a`` and an organisation/object role ``b``.

    Each actor is one prediction that goes by its text, its canonical name and its mention
    phrase (tried after the others); the mentions of one actor (one ``actor_id``, or one
    canonical name when unlinked) are one prediction, as they are one entity. An actor goes
    where a gold filler matches it (exactly, then leniently; people first), else by its type
    (a thing attacked, type "property", is a physical target).
    """
    to_a: list[tuple[str, ...]] = []
    to_b: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for actor in actors:
        key = actor.actor_id or normalise(actor.name or actor.text)
        if key in seen:
            continue
        seen.add(key)
        strings = _names(actor)
        named = tuple(x for x in strings if x != actor.phrase)  # the mention phrase last
        if _fits(named, a, exact_match):
            to_a.append(strings)
        elif _fits(named, b, exact_match):
            to_b.append(strings)
        elif _fits(strings, a, exact_match):
            to_a.append(strings)
        elif _fits(strings, b, exact_match):
            to_b.append(strings)
        elif _fits(strings, a, lenient_match):
            to_a.append(strings)
        elif _fits(strings, b, lenient_match) or actor.actor_type in _ORGISH | {"property"}:
            to_b.append(strings)
        else:
            to_a.append(strings)
    return to_a, to_b


def _with_descriptions(actors: Sequence[ActorRef]) -> list[ActorRef]:
    """Each actor, and for a person both described and named the description as well, from
    the title words of its text ("Boyaca governor Luis Prada"), its apposition ("Luis Prada,
    a teacher") or the description it is in apposition to ("the intelligence director, Luis
    Prada"): MUC-4 keys fill a victim's name and description as two slots."""
    out: list[ActorRef] = []
    for actor in actors:
        out.append(actor)
        if actor.actor_type != "person":
            continue
        described = [actor.description] if actor.description else []
        name = actor.name or ""
        for words in (actor.text, actor.phrase):  # "the intelligence director, Miguel Paz"
            if words and name and not set(normalise(words).split()) & set(normalise(name).split()):
                described.append(words)  # no word of the name: a description
        text = " ".join(actor.text.split())  # "LIBERAL SENATOR FEDERICO ESTRADA\nVELEZ"
        at = text.lower().find(" ".join(name.lower().split())) if name else -1
        if at >= 0 and normalise(name) != normalise(text):
            rest = f"{text[:at]} {text[at + len(' '.join(name.split())):]}"
            rest = " ".join(rest.split()).strip(" ,")
            described.append(rest[:-2] if rest.endswith("'s") else rest)
        for words in dict.fromkeys(d for d in described if len(d) > 2):
            out.append(dataclasses.replace(actor, text=words, name="", actor_id=None,
                                           phrase=None, description=None))  # fmt: skip
    return out


def _fits(
    strings: tuple[str, ...], fillers: list[Filler], match: Callable[[str, Iterable[str]], bool]
) -> bool:
    return any(match(s, f.strings) for s in strings for f in fillers)


def _names(actor: ActorRef) -> tuple[str, ...]:
    """The strings a predicted actor goes by: its text, its canonical name and, when linked,
    the names the knowledge base knows it by ("FMLN" for the Farabundo Marti National
    Liberation Front), never a demonym, a capital or a loaded name."""
    strings = actor_strings(actor)
    if actor.actor_id:
        known = load_kb().actors.get(actor.actor_id)
        if known is not None:
            strings += [a.text for a in known.aliases if a.kind == "name" and not a.loaded]
    strings += [bare for x in list(strings) if (bare := _without_nation_or_number(x)) != x]
    return tuple(dict.fromkeys(s for s in strings if s))


def _without_nation_or_number(text: str) -> str:
    """The words after a leading nationality or count ("two Italian engineers" ->
    "engineers", "several Salvadoran businessmen" -> "businessmen"): MUC-4 keys fill a
    victim's nationality and number as slots of their own."""
    words = text.split()
    demonyms = demonym_words()
    while len(words) > 1 and (
        words[0].lower() in demonyms
        or words[0].lower() in LEADING_COUNT_WORDS
        or words_to_int(words[0].lower()) is not None
    ):
        words = words[1:]
    return " ".join(words)


LEADING_COUNT_WORDS = {"the", "a", "an", "several", "some", "many", "various", "numerous",
                       "other", "few", "dozens", "hundreds"}  # fmt: skip


def _joined(preds: Sequence[str | tuple[str, ...]]) -> str:
    return ", ".join(p if isinstance(p, str) else p[0] for p in preds) or "-"


def _incident_types(ev: Event, sec: Mapping[str, Any]) -> set[str]:
    out = set()
    for name, v in sec.items():
        if isinstance(v, dict) and ev.acled_sub_event_type in as_list(v.get("acled")):
            out.add(name)
    return out


def _relevant_events(events: Sequence[Event], sec: Mapping[str, Any]) -> list[Event]:
    # An event makes a document relevant when it is an assault or has an ACLED sub-event
    # type that some MUC-4 incident type maps to.
    return [e for e in events if e.event_type == "ASSAULT" or _incident_types(e, sec)]


def _gold_count(events: Sequence[Mapping[str, Any]], kind: str) -> tuple[bool, int | None]:
    reported = any(bool(e.get(f"derived_{kind}_reported")) for e in events)
    nums = [e.get(f"derived_{kind}") for e in events if e.get(f"derived_{kind}_reported")]
    # The key writes PLURAL, ranges or "?" for some counts: then there is no numeric total.
    total = None if any(n is None for n in nums) else sum(int(str(n)) for n in nums)
    return reported, total


def _gold_statuses(events: Sequence[Mapping[str, Any]], maps: LabelMaps) -> list[str]:
    stage = maps.section("muc4_stage_of_execution")
    conf = maps.section("muc4_perp_organization_confidence")
    out: list[str] = []
    for e in events:
        if e.get("optional_template"):
            continue
        stages = [str(s) for s in e.get("stage_of_execution") or []]
        if any(stage.get(s) == "hypothetical" for s in stages):
            out.append("hypothetical")
            continue
        for c in e.get("perp_organization_confidence") or []:
            for v in c.get("confidence") or []:
                if v in conf:
                    out.append(str(conf[v]))
        if stages and not out:
            out.append(str(stage.get(stages[0], "asserted")))
    return list(dict.fromkeys(out))


def score(
    records: Sequence[GoldRecord], predictions: Mapping[str, Sequence[Event]], maps: LabelMaps
) -> TaskResult:
    """Relevance, incident types, five roles (exact and lenient), counts, status, place."""
    sec = maps.section("muc4_incident_type")
    types = sorted(sec)
    errors: list[ErrorExample] = []
    rel_g: list[str] = []
    rel_p: list[str] = []
    type_g: list[set[str]] = []
    type_p: list[set[str]] = []
    tallies = {f"{r}{s}": [0, 0, 0] for r in ROLES for s in ("", "_lenient")}
    cnt = {k: {"bool": [0, 0], "exact": [0, 0], "within10": [0, 0]} for k in ("deaths", "injuries")}
    st_g: list[str] = []
    st_p: list[str | None] = []
    place = [0, 0, 0]  # finest place exact, lenient, total
    country = [0, 0]  # event country right, total
    for r in records:
        gevents = [e for e in r.gold["events"] if isinstance(e, dict)]
        events = _relevant_events(predictions.get(r.id, ()), sec)
        g_rel = bool(r.gold["relevant"])
        rel_g.append("relevant" if g_rel else "irrelevant")
        rel_p.append("relevant" if events else "irrelevant")
        if g_rel != bool(events):
            top = salient(events)
            errors.append(
                ErrorExample(
                    r.id,
                    "relevance",
                    rel_g[-1],
                    rel_p[-1],
                    snippet(r.text),
                    top.confidence if top else 0.6,
                )
            )
        gt: set[str] = set()
        pt: set[str] = set().union(*(_incident_types(e, sec) for e in events)) if events else set()
        for e in gevents:
            alts = [str(a) for a in e.get("incident_type_alternatives") or [e.get("incident_type")]]
            # Either reading of "ATTACK / BOMBING" counts: credit a predicted one if any.
            gt.add(next((a for a in alts if a in pt), alts[0]))
        type_g.append(gt)
        type_p.append(pt)
        roles = gold_roles(gevents)
        # who claims an act did it, by their own word: a perpetrator (MUC-4 keys list
        # claimed perpetrators with the confidence CLAIMED OR ADMITTED)
        srcs = [a for e in events for a in (*e.source_actors, *e.claimed_by)]
        tars = [a for e in events for a in e.target_actors]
        indiv, orgs = _assign(srcs, roles["perp_individuals"], roles["perp_organizations"])
        victims, targets = _assign(
            _with_descriptions(tars), roles["victims"], roles["physical_targets"]
        )
        preds: dict[str, list[str | tuple[str, ...]]] = {
            "perp_individuals": indiv,
            "perp_organizations": orgs,
            "physical_targets": targets,
            "victims": victims,
            "weapons": [(e.instrument,) for e in events if e.instrument],
        }
        for role in ROLES:
            for suffix, lenient in (("", False), ("_lenient", True)):
                c = match_slot(preds[role], roles[role], lenient=lenient)
                t = tallies[role + suffix]
                t[0] += c.tp
                t[1] += c.fp
                t[2] += c.fn
                if not lenient:
                    for m in c.missed:
                        errors.append(
                            ErrorExample(r.id, role, m, _joined(preds[role]), snippet(r.text), 0.4)
                        )
        for kind, field in (("deaths", "fatalities"), ("injuries", "injuries")):
            g_rep, g_n = _gold_count(gevents, kind)
            values = [point(getattr(e, field)) for e in events if not e.is_background]
            nums = [v for v in values if v is not None]
            p_rep = any(v > 0 for v in nums)
            tally = cnt[kind]
            tally["bool"][1] += 1
            tally["bool"][0] += p_rep == g_rep
            if g_rep and g_n:
                p_n = sum(nums) if nums else None
                tally["exact"][1] += 1
                tally["within10"][1] += 1
                tally["exact"][0] += p_n == g_n
                tally["within10"][0] += p_n is not None and abs(p_n - g_n) <= 0.1 * g_n
                if p_n != g_n:
                    errors.append(
                        ErrorExample(r.id, kind, str(g_n), str(p_n), snippet(r.text), 0.5)
                    )
        if g_rel and gevents:
            acceptable = _gold_statuses(gevents, maps)
            if acceptable:
                top = salient(events)
                p_st = status_for_scoring(top.status) if top else None
                st_g.append(p_st if p_st in acceptable else acceptable[0])
                st_p.append(p_st)
            finest = [
                [str(n) for n in (e.get("location") or [])[-1].get("name") or []]
                for e in gevents
                if e.get("location")
            ]
            countries = {
                code
                for e in gevents
                if e.get("location")
                for n in (e.get("location") or [])[0].get("name") or []
                if (code := _country_code(str(n)))
            }
            top = rank_events(events)[0] if events else None
            loc = top.location if top else None
            if countries:
                country[1] += 1
                country[0] += bool(loc and loc.country in countries)
            if finest:
                # A location at a town's precision is its name or the words that name it; a
                # region- or country-level one only its own name, not a town it quotes.
                guess = [loc.name] if loc and loc.name else []
                if loc and loc.text and (loc.precision or 3) < 3:
                    guess.append(loc.text)
                alts = [a for f in finest for a in f]
                place[2] += 1
                place[0] += any(exact_match(s, alts) for s in guess)
                place[1] += any(lenient_match(s, alts) for s in guess)
    sections: list[Section] = []
    rs = classification_scores(rel_g, rel_p, ["relevant", "irrelevant"])
    rel = next(x for x in rs.per_label if x.label == "relevant")
    sections.append(
        Section(
            "relevance",
            {
                "precision": rel.precision,
                "recall": rel.recall,
                "f1": rel.f1,
                "accuracy": rs.accuracy,
            },
            len(rel_g),
            rs,
        )
    )
    ts = multilabel_scores(type_g, type_p, types)
    sections.append(
        Section(
            "incident_type",
            ts.headline(),
            sum(len(g) for g in type_g),
            ts,
            "document-level sets of MUC-4 incident types",
        )
    )
    micro = {"": [0, 0, 0], "_lenient": [0, 0, 0]}
    for role in ROLES:
        for suffix in ("", "_lenient"):
            tp, fp, fn = tallies[role + suffix]
            for i, v in enumerate((tp, fp, fn)):
                micro[suffix][i] += v
            p, rc, f = prf(tp, fp, fn)
            sections.append(
                Section(f"{role}{suffix}", {"precision": p, "recall": rc, "f1": f}, tp + fn)
            )
    for suffix, (tp, fp, fn) in micro.items():
        p, rc, f = prf(tp, fp, fn)
        sections.append(
            Section(f"roles_micro{suffix}", {"precision": p, "recall": rc, "f1": f}, tp + fn)
        )
    for kind, tally in cnt.items():
        sections.append(
            Section(
                kind,
                {
                    k: (v[0] / v[1] if v[1] else None)
                    for k, v in (
                        ("reported_accuracy", tally["bool"]),
                        ("exact_accuracy", tally["exact"]),
                        ("within10_accuracy", tally["within10"]),
                    )
                },
                tally["exact"][1],
                note="exact and ±10 % on documents with a numeric gold total",
            )
        )
    ss = classification_scores(st_g, st_p, sorted(set(st_g)))
    sections.append(
        Section(
            "status",
            {"accuracy": ss.accuracy, "macro_f1": ss.macro_f1},
            len(st_g),
            ss,
            "salient event's status against stage of execution / perpetrator confidence",
        )
    )
    sections.append(
        Section(
            "place_finest",
            {
                "exact_accuracy": place[0] / place[2] if place[2] else None,
                "lenient_accuracy": place[1] / place[2] if place[2] else None,
            },
            place[2],
        )
    )
    sections.append(
        Section(
            "place_country",
            {"accuracy": country[0] / country[1] if country[1] else None},
            country[1],
            None,
            "the salient event's country against the key's country (relevant documents)",
        )
    )
    return TaskResult(tuple(sections), tuple(errors))


@functools.lru_cache(maxsize=64)
def _country_code(name: str) -> str | None:
    """ISO-3 code of a country named in the key ("EL SALVADOR" -> SLV), else None."""
    from eventcoder.geo.gazetteer import default_gazetteer

    found = [p for p in default_gazetteer().lookup(name) if p.feature == "country"]
    return found[0].country if found else None
