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

import math
import re
from collections import Counter
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from eventcoder.geo.gazetteer import Gazetteer, Place, default_gazetteer, distance_km, normalize
from eventcoder.records import Article, Location, Toponym

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entity labels the small English model sometimes gives to places: accepted only when the
# text is a country, region or supplement name (never a bare city name, to avoid people).
MISLABELLED = frozenset({"ORG", "NORP", "PERSON"})
STRONG_FEATURES = frozenset(
    {"country", "admin1", "base", "facility", "crossing", "camp", "landmark", "region", "water"}
)

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
ALIAS_PENALTY = 1.5  # matched an alternate name, not the preferred one
CONTEXT_BONUS = 4.0  # the candidate lies in a country the document is about
NEAR_BONUS = 2.0  # the candidate is near another place resolved in the document
NEAR_KM = 300.0

SUFFIXES = re.compile(
    r"\s+(province|governorate|region|district|county|oblast|state|city|prefecture)$", re.I
)
BORDER = re.compile(r"\b([A-Z][A-Za-z.]+)\s?[-–]\s?([A-Z][A-Za-z.]+)\s+(border|frontier)\b")

# Verbs whose subject is an agent: a place as their subject stands for its government.
LOCATIVE_VERBS = frozenset(
    {"be", "lie", "sit", "border", "stretch", "remain", "host", "see", "experience", "become"}
)
# Head nouns that keep a modifying or possessive place literal ("Iraq's capital").
PLACE_NOUNS = frozenset(
    """capital city town village border borders province region area territory soil airspace
    coast coastline north south east west centre center outskirts suburb suburbs street streets
    county state district airport port streets side countryside mountains desert residents
    people population beach beaches neighborhood neighbourhood downtown skies waters""".split()
)
# Prepositions whose object is where an event happens ("from" and "to" name ends of a path).
EVENT_PREPS = frozenset(
    {"in", "at", "near", "on", "across", "outside", "inside", "around", "within", "throughout",
     "along", "off", "over"}
)
NEAR_WORDS = frozenset(
    {"near", "outside", "around", "outskirts", "nearby", "close", "north", "south", "east",
     "west", "northeast", "northwest", "southeast", "southwest", "northern", "southern",
     "eastern", "western", "central", "km", "kilometres", "kilometers", "miles", "vicinity"}
)


# -- spans ------------------------------------------------------------------------------------
def _trim(span: Span) -> Span | None:
    """Drop leading determiners and trailing possessives/punctuation from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


_MATCHERS: dict[tuple[int, int], PhraseMatcher] = {}


def _gazetteer_matches(doc: Doc, gaz: Gazetteer, nlp: Language | None) -> list[Span]:
    """Supplement names in the text, matched case-insensitively over tokens."""
    key = (id(doc.vocab), id(gaz))
    matcher = _MATCHERS.get(key)
    if matcher is None:
        matcher = PhraseMatcher(doc.vocab, attr="LOWER")
        make = nlp.make_doc if nlp is not None else None
        patterns = []
        for phrase in sorted(set(gaz.phrases())):
            if make is not None:
                patterns.append(make(phrase))
            else:
                patterns.append(Doc(doc.vocab, words=phrase.split()))
        matcher.add("PLACE", patterns)
        _MATCHERS[key] = matcher
    spans = []
    for _, start, end in matcher(doc):
        span = doc[start:end]
        # A lower-case match is an ordinary word ("the gulf", "evin"), not a name.
        if any(ch.isupper() for ch in span.text):
            spans.append(span)
    return spans


def _border_spans(doc: Doc, gaz: Gazetteer) -> list[tuple[Span, tuple[str, str]]]:
    out = []
    for m in BORDER.finditer(doc.text):
        a, b = (_country_code(gaz, m.group(i)) for i in (1, 2))
        if a and b and a != b:
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                out.append((span, (a, b)))
    return out


def _country_code(gaz: Gazetteer, word: str) -> str | None:
    code = gaz.demonym(word)
    if code:
        return code
    for place in gaz.lookup(word):
        if place.feature == "country":
            return place.country
    return None


def _select_spans(doc: Doc, gaz: Gazetteer, nlp: Language | None) -> list[Span]:
    """Entity and gazetteer spans, longest first, without overlaps."""
    found: list[Span] = []
    for ent in doc.ents:
        span = _trim(ent)
        if span is None:
            continue
        if ent.label_ in PLACE_LABELS:
            found.append(span)
        elif ent.label_ in MISLABELLED and any(
            p.feature in STRONG_FEATURES for p in gaz.lookup(span.text)
        ):
            found.append(span)
    found.extend(_gazetteer_matches(doc, gaz, nlp))
    found.sort(key=lambda s: (-(s.end - s.start), s.start))
    taken: set[int] = set()
    chosen = []
    for span in found:
        if taken.isdisjoint(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


# -- literal or associative ------------------------------------------------------------------
def is_literal(span: Span) -> bool:
    """False when the place name stands for a government, team or attribute, not a place."""
    root = span.root
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    # 1. "Tehran's response": a possessive, unless what is possessed is a place ("Iraq's capital").
    if nxt is not None and nxt.tag_ == "POS":
        return root.head.lemma_.lower() in PLACE_NOUNS
    # 2. "Washington said", "Iran launched": the subject of an agentive verb.
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):
        return root.head.lemma_.lower() in LOCATIVE_VERBS
    # 3. "the Iran deal", "Florida law": a modifier of a noun that is not a place noun.
    if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head
        if head.i >= span.end and head.ent_type_ not in PLACE_LABELS:
            return head.lemma_.lower() in PLACE_NOUNS
    # 4. "talks with Iran", "sanctions against Russia", "backed by Tehran".
    if root.dep_ == "pobj" and root.head.lower_ in ("with", "against", "by", "between"):
        return False
    return True


# -- ranking ----------------------------------------------------------------------------------
def _prior(place: Place, query: str) -> float:
    if place.feature == "city":
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
    for form in forms:
        found = gaz.lookup(form)
        if found:
            return normalize(form), found
    return normalize(text), ()


def _rank(
    places: tuple[Place, ...],
    query: str,
    countries: Counter[str],
    anchors: list[Place],
) -> list[tuple[float, Place]]:
    scored = []
    for place in places:
        score = _prior(place, query)
        if place.feature != "country" and place.country and countries[place.country] > 0:
            score += CONTEXT_BONUS
        if place.feature not in ("country", "water") and any(
            a is not place and distance_km(a.lat, a.lon, place.lat, place.lon) < NEAR_KM
            for a in anchors
        ):
            score += NEAR_BONUS
        scored.append((score, place))
    scored.sort(key=lambda sp: -sp[0])
    return scored


def _toponym(doc_id: str, span: Span, place: Place | None, literal: bool, reason: str | None,
             feature: str | None = None) -> Toponym:
    if place is None:
        return Toponym(
            doc_id=doc_id, start=span.start_char, end=span.end_char, text=span.text,
            feature=feature, literal=literal, reason=reason,
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
    borders = _border_spans(doc, gaz)
    spans = _select_spans(doc, gaz, nlp)
    border_tokens = {i for span, _ in borders for i in range(span.start, span.end)}
    spans = [s for s in spans if border_tokens.isdisjoint(range(s.start, s.end))
             or _is_supplement_border(gaz, s)]
    kept_border = [
        (s, pair) for s, pair in borders
        if not any(t.start <= s.start and s.end <= t.end for t in spans)
    ]
    lookups = [(span, *_candidates(gaz, span.text)) for span in spans]

    # Pass 1: no context. The document's countries are the countries it names, plus the
    # countries of places resolved with a clear margin.
    countries: Counter[str] = Counter()
    anchors: list[Place] = []
    for _, query, places in lookups:
        ranked = _rank(places, query, Counter(), [])
        if not ranked:
            continue
        best = ranked[0][1]
        if best.country and (best.feature == "country" or len(ranked) == 1):
            countries[best.country] += 1
        if len(ranked) == 1 and best.feature != "country":
            anchors.append(best)
    for token in doc:
        code = gaz.demonym(token.text) if token.pos_ in ("ADJ", "PROPN") else None
        if code:
            countries[code] += 1

    # Pass 2: rank with the context, and give "none" when nothing is left.
    out: list[Toponym] = []
    for span, query, places in lookups:
        literal = is_literal(span)
        ranked = _rank(places, query, countries, anchors)
        if not ranked:
            out.append(_toponym(article.doc_id, span, None, literal,
                                f"no gazetteer entry for {span.text!r}"))
            continue
        out.append(_toponym(article.doc_id, span, ranked[0][1], literal, None))
    for span, (a, b) in kept_border:
        out.append(_border_toponym(article.doc_id, span, a, b, gaz))
    return sorted(out, key=lambda t: t.start)


def _is_supplement_border(gaz: Gazetteer, span: Span) -> bool:
    return any(p.feature == "border" for p in gaz.lookup(span.text))


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
    return Toponym(doc_id=doc_id, start=span.start_char, end=span.end_char, text=span.text,
                   name=name, country=a, lat=lat, lon=lon, precision=3, feature="border",
                   literal=True, reason=reason)


# -- event location ----------------------------------------------------------------------------
def _clause_anchors(trigger: Span) -> list[Token]:
    """The trigger and the tokens up to its clause's verb (where its adjuncts attach)."""
    anchors = [trigger.root]
    token = trigger.root
    while token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "prep", "compound", "amod",
                         "conj", "appos", "attr", "xcomp", "aux", "auxpass") and token.head is not token:
        token = token.head
        anchors.append(token)
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("xcomp", "conj"):
            break
    return anchors


def _path_to(token: Token, stop: Token) -> list[Token] | None:
    path = [token]
    while token is not stop:
        if token.head is token:
            return None
        token = token.head
        path.append(token)
    return path


def resolve_event_location(doc: Doc, trigger: Span, toponyms: list[Toponym]) -> Location | None:
    """The place an event happened, from its own locative arguments (None when it has none)."""
    anchors = _clause_anchors(trigger)
    sent = trigger.sent
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
        return None
    _, top, precision = best
    return Location(text=top.text, name=top.name, country=top.country, admin1=top.admin1,
                    lat=top.lat, lon=top.lon, precision=precision if top.name else None,
                    start=top.start, end=top.end)


def _attachment(root: Token, anchors: list[Token]) -> tuple[int, Token | None] | None:
    """How far ``root`` is from the trigger's clause, through a locative preposition."""
    for anchor in anchors:
        path = _path_to(root, anchor)
        if path is None or len(path) < 2:
            continue
        below = path[-2]  # the anchor's child on the way to the place
        if below.dep_ == "prep" and below.lower_ in EVENT_PREPS:
            return len(path), below
        if below.dep_ in ("dobj", "npadvmod") and anchor is anchors[0] and len(path) <= 3:
            return len(path) + 2, None  # "shelled Kharkiv": the object is the place
        if below.dep_ == "advmod" and below.lower_ in NEAR_WORDS:
            return len(path), below  # "north of Mosul"
    return None


def _event_precision(top: Toponym, span: Span, prep: Token | None) -> int:
    base = FEATURE_PRECISION.get(top.feature or "", 3)
    words: Iterable[str] = ()
    if prep is not None:
        # The words between the preposition and the place ("near", "the outskirts of",
        # "southern") say how exactly the event is placed.
        lo, hi = sorted((prep.i, span.start))
        words = [t.lower_ for t in span.doc[lo:hi]]
        words = [*words, prep.lower_, *(t.lower_ for t in prep.children if t.dep_ == "advmod")]
        if prep.head.lower_ in NEAR_WORDS:
            words = [*words, prep.head.lower_]
    if any(w in NEAR_WORDS for w in words):
        return 2 if base == 1 or top.feature in ("admin1", "region") else 3
    return base
