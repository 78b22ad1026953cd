"""Stage: find place names in a document, resolve them, and pick an event's location.

``find_toponyms`` turns an Article (and its spaCy Doc) into ``Toponym`` records:

1. spans: spaCy GPE/LOC/FAC entities, plus gazetteer phrases the NER misses (bases, camps,
   crossings), plus "X-Y border" where X and Y name countries;
2. literal or associative: "Washington said", "Tehran's response", "the Iran deal" name a
   government or an attribute, not a place (``literal=False``);
3. candidates from the gazetteer, ranked by kind and population, then re-ranked with the
   document's context (its countries, and places near other resolved places);
4. an honest "none" (fields empty, ``reason`` set) when no candidate fits.

``resolve_event_location`` then picks, for one event trigger, the toponym the event's own
arguments place it at (a prepositional phrase "in/at/near/on/across ..." hanging off the
trigger or its clause), with ACLED geo-precision.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy
from spacy.language import Language
from spacy.symbols import ADJ, PROPN
from spacy.tokens import Doc, Span, Token

from eventcoder.geo.gazetteer import (
    WORLD_ADMIN1_SOURCE,
    Gazetteer,
    Place,
    default_gazetteer,
    distance_km,
    normalize,
)
from eventcoder.geo.mentions import (
    EVENT_PREPS,
    LOCATED_NOUNS,
    PLACE_NOUNS,
    QUALIFIERS,
    border_spans,
    demonym_spans,
    is_facility_name,
    is_literal,
    is_supplement_border,
    lowercase_places,
    name_like,
    select_spans,
)
from eventcoder.records import ActorRef, Article, Location, Toponym
from eventcoder.stages.parse import doc_text

NAME_POS = (ADJ, PROPN)  # parts of speech a demonym can have ("Iranian", "Syrians")

# ACLED geo-precision of a place by kind: 1 a town or a point, 3 a region or larger.
FEATURE_PRECISION = {
    "city": 1,
    "base": 1,
    "facility": 1,
    "crossing": 1,
    "camp": 1,
    "landmark": 1,
    "admin1": 3,
    "region": 3,
    "border": 3,
    "water": 3,
    "country": 3,
}
# Prior score by kind; a city scores 4 + log10(population) (about 8 to 11).
FEATURE_PRIOR = {"country": 20.0, "admin1": 12.0, "border": 16.0}
SUPPLEMENT_PRIOR = 15.0
# A region from the world file scores like a city of a million: below the hand-written
# regions, and a region named like a big foreign city needs the document's context to win.
WORLD_ADMIN1_PRIOR = 10.0
ALIAS_PENALTY = 1.5  # matched an alternate name, not the preferred one
CONTEXT_BONUS = 2.0  # the candidate lies in a country the document is about
NEAR_BONUS = 2.0  # the candidate is near another place resolved in the document
NEAR_KM = 300.0
REGION_BONUS = 3.0  # the candidate lies in a first-level region the document names
# GeoNames alternate names include historic and foreign forms ("Africa" for Mahdia): a small
# place matched only that way is not trusted without the document's country context.
WEAK_POPULATION = 100_000

SUFFIXES = re.compile(
    r"\s+(province|governorate|region|district|county|oblast|state|city|prefecture)$", re.I
)

# Large natural features are not local to a city ("Korean Peninsula", "Pacific Ocean").
NATURAL = re.compile(
    r"\b(Peninsula|Ocean|Sea|Coast|Mountains|River|Lake|Island|Islands|Desert|Gulf|Strait|"
    r"Valley|Forest|Delta)$"
)

NEAR_WORDS = frozenset(
    {
        "near",
        "outside",
        "around",
        "outskirts",
        "nearby",
        "close",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "vicinity",
    }
)


# -- ranking ----------------------------------------------------------------------------------
def _weak(place: Place, query: str) -> bool:
    """A small city matched only through an alternate name ("Washington Sq." -> Franklin Sq.)."""
    return (
        place.feature == "city"
        and normalize(place.name) != query
        and place.population < WEAK_POPULATION
    )


def _prior(place: Place, query: str) -> float:
    if place.place_id.startswith("continent:"):
        score = FEATURE_PRIOR["country"]
    elif place.source.endswith("(shared name)"):
        score = 9.0  # "Washington", "New York": the state only with context
    elif place.source == WORLD_ADMIN1_SOURCE:
        score = WORLD_ADMIN1_PRIOR
    elif place.feature == "city":
        score = 4.0 + math.log10(place.population + 1)
    elif place.place_id.startswith("supplement:"):
        score = FEATURE_PRIOR.get(place.feature, SUPPLEMENT_PRIOR)
        score = max(score, SUPPLEMENT_PRIOR) if place.feature != "admin1" else score + 3.0
    else:
        score = FEATURE_PRIOR.get(place.feature, SUPPLEMENT_PRIOR)
    if normalize(place.name) != query:
        score -= ALIAS_PENALTY
    return score


def _candidates(gaz: Gazetteer, text: str) -> tuple[str, tuple[Place, ...]]:
    """Gazetteer candidates for a span, trying looser forms of its text in turn."""
    forms = [text, SUFFIXES.sub("", text), text.split(",")[0]]
    if text.lower().startswith("al-"):
        forms.append(text[3:])
    for n, form in enumerate(forms):
        found = gaz.lookup(form)
        if n:
            # A looser form must hit the place's own name ("Anbar province" -> Anbar).
            found = tuple(p for p in found if normalize(p.name) == normalize(form))
        if found:
            return normalize(form), found
    return normalize(text), ()


def _rank(
    places: tuple[Place, ...],
    query: str,
    countries: Counter[str],
    anchors: list[Place],
    regions: frozenset[str] = frozenset(),
) -> list[tuple[float, Place]]:
    scored = []
    for place in places:
        if _weak(place, query):
            continue
        score = _prior(place, query)
        if place.feature != "country" and place.country and countries[place.country] > 0:
            # Scaled by how much the document is about that country, so a passing mention
            # of the US does not pull "Rome" to Georgia.
            score += CONTEXT_BONUS * countries[place.country] / max(countries.values())
        if place.feature not in ("country", "water") and any(
            a is not place and distance_km(a.lat, a.lon, place.lat, place.lon) < NEAR_KM
            for a in anchors
        ):
            score += NEAR_BONUS
        if place.feature == "city" and place.admin1 in regions:
            score += REGION_BONUS  # "Oceanside, N.Y.": the document names the city's state
        scored.append((score, place))
    scored.sort(key=lambda sp: -sp[0])
    return scored


def _toponym(
    doc_id: str,
    span: Span,
    place: Place | None,
    literal: bool,
    reason: str | None,
    feature: str | None = None,
) -> Toponym:
    if place is None:
        return Toponym(
            doc_id=doc_id,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            feature=feature,
            literal=literal,
            reason=reason,
        )
    return Toponym(
        doc_id=doc_id,
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        name=place.name,
        country=place.country,
        admin1=place.admin1,
        lat=round(place.lat, 5),
        lon=round(place.lon, 5),
        precision=FEATURE_PRECISION.get(place.feature, 3),
        feature=place.feature,
        literal=literal,
    )


def find_toponyms(
    article: Article,
    *,
    nlp: Language | None = None,
    doc: Doc | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Toponym]:
    """Every place name in ``article``, resolved against the gazetteer where one fits."""
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    if doc is None:
        if nlp is None:
            from eventcoder.stages.parse import load_nlp

            nlp = load_nlp()
        doc = nlp(article.text)
    borders = border_spans(doc, gaz)
    spans = select_spans(doc, gaz, nlp)
    border_tokens = {i for span, _ in borders for i in range(span.start, span.end)}
    spans = [
        s
        for s in spans
        if border_tokens.isdisjoint(range(s.start, s.end)) or is_supplement_border(gaz, s)
    ]
    kept_border = [
        (s, pair)
        for s, pair in borders
        if not any(t.start <= s.start and s.end <= t.end for t in spans)
    ]
    lookups = [(span, *_candidates(gaz, span.text)) for span in spans]
    # Lower-case names in recased capitals ("in mejicanos"): weak, so they add no context and
    # are kept only inside the document's countries (pass 2).
    taken_tokens = {i for span in spans for i in range(span.start, span.end)} | border_tokens
    weak = lowercase_places(doc, gaz, taken_tokens)

    # Pass 1: no context. The document's countries are the countries it names, plus the
    # countries of places resolved with a clear margin.
    countries: Counter[str] = Counter()
    anchors: list[Place] = []
    named_regions: set[str] = set()
    for _, query, places in lookups:
        ranked = _rank(places, query, Counter(), [])
        if not ranked:
            continue
        best = ranked[0][1]
        if best.country and (best.feature == "country" or len(ranked) == 1):
            countries[best.country] += 1
        if len(ranked) == 1 and best.feature != "country":
            anchors.append(best)
        if best.feature == "admin1" and best.admin1:
            named_regions.add(best.admin1)
    for _, code in _demonym_tokens(doc, gaz):
        countries[code] += 1

    # Pass 2: rank with the context, and give "none" when nothing is left.
    out: list[Toponym] = []
    unresolved: list[tuple[Span, bool]] = []
    focus: Counter[Place] = Counter()
    for span in weak:
        query = normalize(span.text)
        places = tuple(
            p for p in gaz.lookup(span.text) if countries[p.country or ""] > 0 and normalize(p.name) == query
        )
        if places:
            lookups.append((span, query, places))
    for span, query, places in lookups:
        literal = is_literal(span)
        ranked = _rank(places, query, countries, anchors, frozenset(named_regions))
        if not ranked:
            unresolved.append((span, literal))
            continue
        best = ranked[0][1]
        if best.feature == "city" and literal:
            focus[best] += 1
        out.append(_toponym(article.doc_id, span, best, literal, None))
    # 3. A local name the gazetteer lacks ("Royal Street") lies, most likely, in the city the
    # document is about: place it there at precision 2, and say so. Without such a city: none.
    main = focus.most_common(1)[0][0] if focus else None
    # Words of full personal names ("Mohamed Salah"); a lone PERSON label is often a place.
    person_words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    for span, literal in unresolved:
        if not name_like(span) or _person_or_acronym(span, person_words):
            continue  # an NER slip on an ordinary word ("Transforming"), a name or an acronym
        if main is not None and is_facility_name(span.text) and not NATURAL.search(span.text):
            at_main = _toponym(article.doc_id, span, main, literal, None)
            out.append(
                dataclasses.replace(
                    at_main,
                    name=None,
                    precision=2,
                    feature="local",
                    reason=f"no gazetteer entry; placed at the document's main city {main.name}",
                )
            )
        else:
            out.append(
                _toponym(
                    article.doc_id, span, None, literal, f"no gazetteer entry for {span.text!r}"
                )
            )
    taken = {i for span in spans for i in range(span.start, span.end)}
    taken |= {i for span, _ in kept_border for i in range(span.start, span.end)}
    for span, place in demonym_spans(doc, gaz, taken):
        # An adjective names the country as a place only before a place noun.
        head = span.root.head.lemma_.lower()
        literal = span.root.dep_ == "amod" and head in PLACE_NOUNS | LOCATED_NOUNS
        out.append(_toponym(article.doc_id, span, place, literal, None))
    for span, (a, b) in kept_border:
        out.append(_border_toponym(article.doc_id, span, a, b, gaz))
    return sorted(out, key=lambda t: t.start)


def _demonym_tokens(doc: Doc, gaz: Gazetteer) -> list[tuple[int, str]]:
    """``(token index, ISO-3)`` of every adjective or proper noun that is a demonym, once per
    Doc (read from the part-of-speech array: making a Token per word is slow)."""
    key = "eventcoder.demonym_tokens"
    found = doc.user_data.get(key)
    if found is None:
        pos = doc.to_array("POS")
        words = numpy.flatnonzero(numpy.isin(pos, NAME_POS)).tolist()
        found = [(i, code) for i in words if (code := gaz.demonym(doc[i].text))]
        doc.user_data[key] = found
    return list(found)


def _person_or_acronym(span: Span, person_words: set[str]) -> bool:
    """An unresolved one-word name the document also uses in a person's name ("Salah"), or a
    short acronym ("AI", "OT"): the gazetteer does not know it, so it is not kept as a place."""
    if len(span) != 1:
        return False
    text = span.text
    return text in person_words or (text.isupper() and text.isalpha() and len(text) <= 3)


def _border_toponym(doc_id: str, span: Span, a: str, b: str, gaz: Gazetteer) -> Toponym:
    """A border between two countries the supplement does not list: the midpoint if close."""
    pa, pb = gaz.country(a), gaz.country(b)
    name = f"{pa.name if pa else a}-{pb.name if pb else b} border"
    lat = lon = None
    reason = None
    if pa and pb and distance_km(pa.lat, pa.lon, pb.lat, pb.lon) < 1500:
        # Between two neighbours' centres lies near their border; between far-apart ones,
        # the midpoint would be a made-up place, so we give none.
        lat, lon = round((pa.lat + pb.lat) / 2, 5), round((pa.lon + pb.lon) / 2, 5)
    else:
        reason = "border between countries too large to place by midpoint"
    return Toponym(
        doc_id=doc_id,
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        name=name,
        country=a,
        lat=lat,
        lon=lon,
        precision=3,
        feature="border",
        literal=True,
        reason=reason,
    )


# -- event location ----------------------------------------------------------------------------
def _clause_anchors(trigger: Span) -> list[Token]:
    """The trigger and the tokens up to its clause's verb (where its adjuncts attach)."""
    anchors = [trigger.root]
    token = trigger.root
    while (
        token.dep_
        in (
            "nsubj",
            "nsubjpass",
            "dobj",
            "pobj",
            "prep",
            "compound",
            "amod",
            "conj",
            "appos",
            "attr",
            "xcomp",
            "aux",
            "auxpass",
        )
        and token.head.i != token.i
    ):
        token = token.head
        anchors.append(token)
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("xcomp", "conj"):
            break
    return anchors


def _path_to(token: Token, stop: Token) -> list[Token] | None:
    # Compare indices: spaCy makes a new Token object on every access.
    path = [token]
    while token.i != stop.i:
        if token.head.i == token.i:
            return None
        token = token.head
        path.append(token)
    return path


def resolve_event_location(
    doc: Doc, trigger: Span, toponyms: list[Toponym], *, sent: Span | None = None
) -> Location | None:
    """The place an event happened, from its own locative arguments (None when it has none)."""
    anchors = _clause_anchors(trigger)
    sent = sent if sent is not None else trigger.sent
    best: tuple[tuple[int, int], Toponym, int] | None = None
    for top in toponyms:
        if not top.literal or not (sent.start_char <= top.start < sent.end_char):
            continue
        span = doc.char_span(top.start, top.end, alignment_mode="expand")
        if span is None:
            continue
        found = _attachment(span.root, anchors)
        if found is None:
            continue
        distance, prep = found
        precision = _event_precision(top, span, prep)
        key = (distance, FEATURE_PRECISION.get(top.feature or "", 3))
        if best is None or key < best[0]:
            best = (key, top, precision)
    if best is None:
        best = _apposition(doc, trigger, toponyms)
    if best is None:
        return None
    _, top, precision = best
    finer = _town_before_region(doc, top, toponyms)
    if finer is not None:
        # "near Tulcan, Carchi province" keeps its "near" (precision 2)
        unplaced = precision == FEATURE_PRECISION.get(top.feature or "", 3)
        top, precision = finer, FEATURE_PRECISION.get(finer.feature or "", 3) if unplaced else 2
    return _as_location(top, precision if top.name else None)


def _town_before_region(doc: Doc, top: Toponym, toponyms: list[Toponym]) -> Toponym | None:
    """ "in Tulcan, Carchi province": the town a region or a country follows, named as
    "town, region" and lying in it. The small parser often makes the town a modifier of the
    region; the pair still names the town."""
    if top.feature not in ("admin1", "region", "country"):
        return None
    text = doc_text(doc)
    for prev in toponyms:
        if prev.end > top.start or text[prev.end : top.start].strip() != ",":
            continue
        inside = prev.country == top.country and (
            top.feature == "country" or (prev.admin1 is not None and prev.admin1 == top.admin1)
        )
        finer = FEATURE_PRECISION.get(prev.feature or "", 3) < FEATURE_PRECISION.get(
            top.feature or "", 3
        )
        if prev.literal and prev.name and prev.lat is not None and inside and finer:
            return prev
    return None


def _apposition(
    doc: Doc, trigger: Span, toponyms: list[Toponym]
) -> tuple[tuple[int, int], Toponym, int] | None:
    """ "an attack on the outpost, Tower 22": a place named right after the trigger's object.

    The small parser often attaches such an appositive name elsewhere, so we read the
    surface order: preposition, its object, a comma, then the toponym.
    """
    by_start = {t.start: t for t in toponyms if t.literal}
    for prep in trigger.root.children:
        if prep.dep_ != "prep" or prep.text.lower() not in EVENT_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            i = obj.right_edge.i + 1
            while i < len(doc) and doc[i].is_punct and doc[i].text in ",(–-":
                i += 1
            if i < len(doc) and doc[i].idx in by_start:
                top = by_start[doc[i].idx]
                return (3, 1), top, FEATURE_PRECISION.get(top.feature or "", 3)
    return None


def _attachment(root: Token, anchors: list[Token]) -> tuple[int, Token | None] | None:
    """How far ``root`` is from the trigger's clause, through a locative preposition."""
    for anchor in anchors:
        path = _path_to(root, anchor)
        if path is None or len(path) < 2:
            continue
        between = path[1:-1]
        # A verb in between means the place belongs to another clause ("which ... in X");
        # "Militants in Syria attacked" places the attackers, not the attack.
        if any(t.pos_ in ("VERB", "AUX") for t in between) or path[-2].dep_ == "nsubj":
            continue
        if anchor is not anchors[0] and path[-2].dep_ != "prep":
            # Above the trigger, only the clause's own adjuncts count ("took place in X"),
            # not places inside its other arguments ("officials in Baghdad condemned it").
            continue
        preps = [t for t in path[:-1] if t.dep_ == "prep" and t.text.lower() in EVENT_PREPS]
        if preps:
            return len(path), preps[0]  # the preposition closest to the place
        below = path[-2]
        if below.dep_ in ("dobj", "npadvmod") and anchor is anchors[0] and len(path) <= 3:
            return len(path) + 2, None  # "shelled Kharkiv": the object is the place
        if (below.dep_ in ("compound", "nmod", "amod") and anchor is anchors[0]
                and anchor.pos_ == "NOUN" and len(path) == 2):  # fmt: skip
            return len(path), None  # "the 1982 Beirut bombing": the place of a violent noun
        if below.dep_ == "advmod" and below.text.lower() in NEAR_WORDS:
            return len(path), below  # "north of Mosul"
    return None


def _event_precision(top: Toponym, span: Span, prep: Token | None) -> int:
    base = FEATURE_PRECISION.get(top.feature or "", 3)
    words: Iterable[str] = ()
    if prep is not None:
        # The words between the preposition and the place ("near", "the outskirts of",
        # "southern") say how exactly the event is placed.
        lo, hi = sorted((prep.i, span.start))
        words = [t.text.lower() for t in span.doc[lo:hi]]
        words = [
            *words,
            prep.text.lower(),
            *(t.text.lower() for t in prep.children if t.dep_ == "advmod"),
        ]
        if prep.head.text.lower() in NEAR_WORDS:
            words = [*words, prep.head.text.lower()]
    if any(w in NEAR_WORDS for w in words):
        return 2 if base == 1 or top.feature in ("admin1", "region") else 3
    return base


def context_location(
    doc: Doc,
    trigger: Span,
    toponyms: list[Toponym],
    focus: Location | None,
    *,
    sent: Span | None = None,
    locative: set[int] | None = None,
) -> Location | None:
    """Where the text around an event places it, when its own arguments do not.

    In order: the nearest literal, resolved place under a locative preposition in the trigger's
    sentence; else the nearest such place earlier in its paragraph; else ``focus``, the
    document's main country. A city taken from an earlier sentence is only "near" (ACLED
    geo-precision 2); ``start``/``end`` point at the mention used, so a reader can check it.
    """
    sent = sent if sent is not None else trigger.sent
    if locative is None:
        locative = {t.start for t in toponyms if _locative(doc, t)}
    here = trigger.start_char
    placed = [
        t
        for t in toponyms
        if t.literal and t.name and t.country and t.lat is not None and t.start in locative
    ]
    in_sentence = [t for t in placed if sent.start_char <= t.start < sent.end_char]
    if in_sentence:
        top = min(in_sentence, key=lambda t: abs(t.start - here))
        return _as_location(top, FEATURE_PRECISION.get(top.feature or "", 3))
    para_start = doc_text(doc).rfind("\n\n", 0, here) + 1
    before = [t for t in placed if para_start <= t.start < sent.start_char]
    if before:
        top = before[-1]
        return _as_location(top, max(2, FEATURE_PRECISION.get(top.feature or "", 3)))
    return focus


# Actors tied to a territory: where they act is, most often, their own country. Not civilians:
# a victim's nationality is news mostly when they are abroad ("two Italians were kidnapped").
TERRITORIAL = frozenset(
    {
        "government",
        "military",
        "police",
        "armed group",
        "militia",
        "parliament",
        "political party",
        "rebel group",
    }
)
def main_country(
    toponyms: list[Toponym],
    actors: Iterable[ActorRef],
    gaz: Gazetteer,
    demonyms: Sequence[tuple[str, int, int, str]] = (),
) -> Location | None:
    """The country a document names most, at precision 3: its places, its territorial actors
    and known people, and the demonyms no span took ("salvadoran" in text that lost its
    capitals), each ``(country, start, end, text)``. Ties go to the country named first; the
    location's text and offsets are that first mention.
    """
    mentions = [(t.country, t.start, t.end, t.text) for t in toponyms if t.country]
    named = [(t.start, t.end) for t in toponyms] + [(d[1], d[2]) for d in demonyms]
    mentions += [
        (a.country, a.start, a.end or a.start, a.text)
        for a in actors
        if a.country
        and a.start is not None
        and (a.actor_type in TERRITORIAL or a.actor_type == "person")
        # "the U.S. Embassy" already counts as its toponym "U.S."
        and not any(s < (a.end or a.start) and a.start < e for s, e in named)
    ]
    mentions += demonyms
    if not mentions:
        return None
    # A place named as a place counts in full; named for its government or as a modifier
    # ("Washington said", "U.S. soldiers") it counts a quarter: it says more about who
    # takes part than about where things happen (MUC-4: nine U.S. soldiers attacked in
    # La Ceiba, Honduras). A known person (a president, a commander) counts in full: the
    # news of a country's leaders is mostly news from that country.
    associative = {t.start for t in toponyms if not t.literal}
    counts: dict[str, float] = {}
    for m in mentions:
        counts[m[0]] = counts.get(m[0], 0.0) + (0.25 if m[1] in associative else 1.0)
    # The location is the country, so it quotes the country's own name where the text gives
    # one (as a place first: "in Colombia"); else a place in it or an adjective, a literal
    # place first; an actor's name ("the FMLN") only when the country is named no other way.
    ranks = {(t.start, t.end): 3 if gaz.demonym(t.text) else (0 if t.literal else 1)
             if t.feature == "country" else (2 if t.literal else 3)
             for t in toponyms}  # fmt: skip
    ranks.update({(d[1], d[2]): 3 for d in demonyms})
    first: dict[str, tuple[str, int, int, str]] = {}
    earliest: dict[str, int] = {}
    for m in sorted(mentions, key=lambda m: (ranks.get((m[1], m[2]), 4), m[1])):
        first.setdefault(m[0], m)
        earliest[m[0]] = min(earliest.get(m[0], m[1]), m[1])
    code = max(counts, key=lambda c: (counts[c], -earliest[c]))
    place = gaz.country(code)
    if place is None:
        return None
    _, start, end, text = first[code]
    return Location(
        text=text,
        name=place.name,
        country=code,
        lat=round(place.lat, 5),
        lon=round(place.lon, 5),
        precision=3,
        start=start,
        end=end,
    )


def _main_city(toponyms: list[Toponym], country: Location | None) -> Location | None:
    """The town a document is about: named as a place at least twice, in its main country,
    and more than any other town there. Placed at precision 2 (the event is somewhere in or
    near it; the text does not say so)."""
    if country is None:
        return None
    towns = Counter(
        t.name
        for t in toponyms
        if t.literal and t.feature == "city" and t.country == country.country and t.name
    )
    ranked = towns.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    first = next(t for t in toponyms if t.name == ranked[0][0] and t.literal)
    return _as_location(first, 2)


# Capitals that are no capital city: money, letters, a region's own seat.
NOT_A_CITY = frozenset(
    """foreign political human venture working private social financial initial share
    provincial regional departmental state district municipal""".split()  # noqa: SIM905
)
CAPITAL_DETERMINERS = frozenset({"the", "this", "that", "our", "its", "their"})


def capital_references(
    doc: Doc, toponyms: list[Toponym], country: Location | None, gaz: Gazetteer
) -> list[Toponym]:
    """ "the centre of this capital", "the Salvadoran capital", "Colombia's capital": the
    capital city of the country the phrase names, else of the document's main country.

    Only "capital" as the head of a definite noun phrase counts ("capital punishment",
    "foreign capital" and "the provincial capital" name no country's capital)."""
    out: list[Toponym] = []
    if "capital" not in doc_text(doc).lower():
        return out
    by_start = {t.start: t for t in toponyms}
    for token in doc:
        if token.lower_ != "capital" or token.pos_ != "NOUN" or token.dep_ == "compound":
            continue
        kids = list(token.children)
        if any(k.lower_ in NOT_A_CITY for k in kids) or not any(
            k.dep_ in ("det", "poss") for k in kids
        ):
            continue
        after = doc[token.i + 2] if token.i + 2 < len(doc) else None
        if after is not None and doc[token.i + 1].text == "," and after.idx in by_start:
            continue  # "the capital, Quito": the city is named
        code: str | None = None
        for k in kids:
            named = by_start.get(k.idx)
            if k.dep_ in ("amod", "compound", "poss") and (
                gaz.demonym(k.text) or (named is not None and named.feature == "country")
            ):
                code = gaz.demonym(k.text) or (named.country if named else None)
            elif k.dep_ == "det" and k.lower_ not in CAPITAL_DETERMINERS:
                code = None
                break
        of = [p for c in kids if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        for pobj in of:
            named = by_start.get(pobj.idx)
            if named is not None:  # "the capital of Peru"; "of Antioquia": a region's seat
                code = named.country if named.feature == "country" else "-"
        if code == "-" or (code is None and country is None):
            continue
        code = code or (country.country if country else None)
        city = gaz.capital(code) if code else None
        if city is None:
            continue
        start = min(k.left_edge.i for k in kids if k.dep_ in ("det", "poss", "amod", "compound"))
        span = doc[start : token.i + 1]
        found = _toponym("", span, city, True, None)
        out.append(dataclasses.replace(found, reason=f"'{span.text}': the capital of {code}"))
    return out


def _sole_place(toponyms: list[Toponym], country: Location | None) -> Location | None:
    """The one place a document names in its main country when it never names the country
    itself ("Medellin is again living through days of fear"): the news is from there.
    A town is placed at precision 2 (in or near it), a region at 3."""
    if country is None:
        return None
    inside = [t for t in toponyms if t.country == country.country and t.name]
    names = {t.name for t in inside}
    if len(names) != 1 or any(t.feature not in ("city", "admin1") for t in inside):
        return None
    first = next((t for t in inside if t.literal), inside[0])
    return _as_location(first, 2 if first.feature == "city" else 3)


def _inside_surface(trigger: Span, toponyms: list[Toponym]) -> Location | None:
    """The most precise resolved place inside the event's own place phrase ("in Colombia's
    northern Santander department, where he was ..."), when the parse attached the phrase
    but not the name in it."""
    frame = trigger._.frame if trigger.has_extension("frame") else None
    where = frame.location if frame is not None else None
    if where is None or where.start is None or where.end is None:
        return None
    # A country named only for its people ("against U.S. soldiers") is no location; a region
    # or a town in the phrase is, even as a modifier ("Santander department"), and so is a
    # country that owns the place ("Colombia's northern department").
    text = doc_text(trigger.doc)
    inside = [
        t
        for t in toponyms
        if (t.literal or t.feature != "country" or text[t.end : t.end + 2] in ("'s", "’s"))
        and t.name
        and t.lat is not None
        and where.start <= t.start < where.end
    ]
    if not inside:
        return None
    top = min(inside, key=lambda t: (FEATURE_PRECISION.get(t.feature or "", 3), -t.start))
    return _as_location(top, FEATURE_PRECISION.get(top.feature or "", 3))


def _locative(doc: Doc, top: Toponym) -> bool:
    """The place is the object of a locative preposition ("in X", "near X", "at X").

    A place elsewhere in a sentence often describes a person or a group ("Mario Accurso of
    Rome", "the Medellin cartel"), not where anything happened.
    """
    span = doc.char_span(top.start, top.end, alignment_mode="expand")
    if span is None:
        return False
    return span.root.dep_ == "pobj" and span.root.head.lower_ in EVENT_PREPS


def _as_location(top: Toponym, precision: int | None) -> Location:
    return Location(
        text=top.text,
        name=top.name,
        country=top.country,
        admin1=top.admin1,
        lat=top.lat,
        lon=top.lon,
        precision=precision,
        start=top.start,
        end=top.end,
    )


if not Span.has_extension("location"):
    Span.set_extension("location", default=None)
if not Span.has_extension("context_location"):
    Span.set_extension("context_location", default=None)


class PlaceResolver:
    """spaCy component: set ``span._.location`` on every trigger from its own arguments,
    and ``span._.context_location`` from the text around it (used when it has none)."""

    def __init__(self, name: str, gazetteer: Gazetteer | None = None) -> None:
        self.name = name
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        triggers = list(doc.spans.get("triggers", []))
        if not triggers:
            return doc
        gaz = self.gazetteer if self.gazetteer is not None else default_gazetteer()
        toponyms = find_toponyms(Article(doc_id="", text=doc_text(doc)), doc=doc, gazetteer=gaz)
        actors = [span._.actor for span in doc.spans.get("actors", []) if span._.actor]
        spanned = {i for t in toponyms for i in range(t.start, t.end)}
        demonyms = [
            (code, token.idx, token.idx + len(token), token.text)
            for token, code in ((doc[i], code) for i, code in _demonym_tokens(doc, gaz))
            if token.idx not in spanned
            and not (token.i > 0 and doc[token.i - 1].lower_ in QUALIFIERS)
        ]
        country = main_country(toponyms, actors, gaz, demonyms)
        focus = _main_city(toponyms, country) or _sole_place(toponyms, country) or country
        # "in this capital", "the Salvadoran capital": the capital city, for event places only
        # (they are no place names, so `eventcoder places` does not list them)
        toponyms = sorted(
            [*toponyms, *capital_references(doc, toponyms, country, gaz)], key=lambda t: t.start
        )
        locative = {t.start for t in toponyms if _locative(doc, t)}
        for trigger in triggers:
            sent = trigger.sent
            trigger._.location = resolve_event_location(
                doc, trigger, toponyms, sent=sent
            ) or _inside_surface(trigger, toponyms)
            trigger._.context_location = context_location(
                doc, trigger, toponyms, focus, sent=sent, locative=locative
            )
        return doc


@Language.factory(
    "eventcoder_place_resolver",
    requires=["doc.spans", "doc.ents", "token.dep"],
    assigns=["span._.location", "span._.context_location"],
)
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    """Build the place resolver over the default gazetteer."""
    return PlaceResolver(name)
