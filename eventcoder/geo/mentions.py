"""Place-name mentions in a spaCy Doc: which spans are toponyms, and which are literal.

Used by ``stages/resolve_places.py``. Spans come from spaCy entities, gazetteer phrases,
place-word patterns and datelines; ``is_literal`` separates places from associative uses
("Washington said", "Tehran's response").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from eventcoder.geo.gazetteer import Gazetteer, normalize

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entity labels the small English model sometimes gives to places: accepted only when the
# text is a country, region or supplement name (never a bare city name, to avoid people).
MISLABELLED = frozenset({"ORG", "NORP", "PERSON"})
STRONG_FEATURES = frozenset(
    {"country", "admin1", "base", "facility", "crossing", "camp", "landmark", "region", "water"}
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
    county state district airport port side countryside mountains desert residents people
    population beach beaches neighborhood neighbourhood downtown skies waters""".split()  # noqa: SIM905
)
# Verbs whose object is a place: movement, control and attack.
PLACE_VERBS = frozenset(
    """visit enter leave invade attack hit strike bomb shell raid storm reach cross tour flee
    occupy capture seize control travel return land annex liberate surround besiege evacuate
    explore target rock shake ravage flood devastate cover govern rule patrol fly drive sail
    move relocate abandon retake recapture defend blockade bombard pound destroy""".split()  # noqa: SIM905
)
# "talks with Iran", "sanctions against Russia": the object is a party, not a place.
ASSOCIATIVE_PREPS = frozenset({"with", "against", "by", "between"})
# Prepositions whose object is where an event happens ("from" and "to" name ends of a path).
EVENT_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "on",
        "across",
        "outside",
        "inside",
        "around",
        "within",
        "throughout",
        "along",
        "off",
        "over",
    }
)


# -- spans ------------------------------------------------------------------------------------
def trim_span(span: Span) -> Span | None:
    """Drop leading determiners and trailing possessives/punctuation from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text.lower() in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


# One matcher per (vocab, gazetteer). The entry keeps both objects alive, so their ids cannot
# be reused by a later gazetteer with other phrases; a few gazetteers per process at most.
_MATCHERS: dict[tuple[int, int], tuple[object, object, PhraseMatcher]] = {}


def gazetteer_matches(doc: Doc, gaz: Gazetteer, nlp: Language | None) -> list[Span]:
    """Supplement names in the text, matched case-insensitively over tokens."""
    key = (id(doc.vocab), id(gaz))
    cached = _MATCHERS.get(key)
    matcher = cached[2] if cached is not None else None
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
        _MATCHERS[key] = (doc.vocab, gaz, matcher)
    spans = []
    for _, start, end in matcher(doc):
        span = doc[start:end]
        # A lower-case match is an ordinary word ("the gulf", "evin"), not a name.
        if any(ch.isupper() for ch in span.text):
            spans.append(span)
    return spans


def border_spans(doc: Doc, gaz: Gazetteer) -> list[tuple[Span, tuple[str, str]]]:
    out = []
    for m in BORDER.finditer(doc.text):
        a, b = (country_code(gaz, m.group(i)) for i in (1, 2))
        if a and b and a != b:
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                out.append((span, (a, b)))
    return out


def country_code(gaz: Gazetteer, word: str) -> str | None:
    code = gaz.demonym(word)
    if code:
        return code
    for place in gaz.lookup(word):
        if place.feature == "country":
            return place.country
    return None


def mislabelled_place(span: Span, gaz: Gazetteer) -> bool:
    """Whether an ORG/PERSON/NORP entity is really a place the model mislabelled."""
    places = gaz.lookup(span.text)
    if any(p.feature in STRONG_FEATURES for p in places):
        return True
    prev = span.doc[span.start - 1] if span.start > 0 else None
    if places and prev is not None and prev.text.lower() in EVENT_PREPS | {"from", "to", "into"}:
        return True
    if span.label_ == "PERSON" or len(span.text) <= 2:
        return False  # a person's name that is also a city's needs a preposition ("in Houston")
    query = normalize(span.text)
    return any(
        p.feature == "city" and p.population >= 100_000 and normalize(p.name) == query
        for p in places
    )


FACILITY = re.compile(
    r"\b(?:[A-Z][\w'’.-]*\s){1,4}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Blvd\.|Square|"
    r"Place|Park|Bridge|Airport|Hospital|Library|Hall|Castle|Center|Centre|Estate|Mountains|River|"
    r"Lake|Island|Islands|County|Beach|Stadium|Church|Cathedral|Mosque|Museum|Station|Valley|Bay|"
    r"Harbor|Harbour|Parish|Township|Village|Heights|Province|Governorate|District|Region|"
    r"Prison|Embassy|Market|Complex|Club|Tower|Hotel|Inn|Mall|Theatre|Theater|Arena|Campus|Base|"
    r"Camp|Dam|Canal|Drive|Lane|Highway|Peninsula|Mountain|Forest|Desert|Sea|Ocean|Gulf|Strait|"
    r"Coast|Falls|Plaza|Point|Gardens|Quarter|Hills|Office|House|School|University|College)\b"
)


def facility_spans(doc: Doc) -> list[Span]:
    """Capitalised names ending in a place word ("Royal Street", "Altnagelvin Hospital")."""
    out = []
    for m in FACILITY.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is not None:
            span = trim_span(span)
        # Inside a person's or work's name ("Jessica Park") it is not a place.
        if span is not None and not any(t.ent_type_ in ("PERSON", "WORK_OF_ART") for t in span):
            out.append(span)
    return out


def unlabelled_places(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """Proper nouns the NER left unlabelled that name a country, region or big city."""
    out = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.ent_type_ or not (token.pos_ == "PROPN" or token.is_upper) or not token.is_alpha:
            i += 1
            continue
        j = i
        while (
            j < len(doc)
            and not doc[j].ent_type_
            and doc[j].is_alpha
            and (doc[j].pos_ == "PROPN" or doc[j].is_upper)
        ):
            j += 1
        span = doc[i:j]
        text = span.text.title() if span.text.isupper() else span.text
        places = gaz.lookup(text)
        query = normalize(text)
        if is_dateline(span) and any(normalize(p.name) == query for p in places):
            out.append(span)  # "PLEASANTON, Calif. -": a dateline names where it was written
        elif len(text) > 2 and any(
            p.feature in STRONG_FEATURES
            or (p.feature == "city" and p.population >= 100_000 and normalize(p.name) == query)
            for p in places
        ):
            out.append(span)
        i = j
    return out


def is_dateline(span: Span) -> bool:
    """An upper-case name opening a line and followed by a comma, dash or bracket."""
    doc = span.doc
    opens = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    after = doc[span.end].text if span.end < len(doc) else ""
    return span.text.isupper() and opens and after in (",", "(", "-", "–", "—", ":")


def demonym_spans(doc: Doc, gaz: Gazetteer) -> list[tuple[Span, str]]:
    """NORP entities that are country adjectives ("Iranian officials", "the Syrian border")."""
    out = []
    for ent in doc.ents:
        if ent.label_ == "NORP":
            code = gaz.demonym(ent.text)
            if code:
                out.append((ent, code))
    return out


def select_spans(doc: Doc, gaz: Gazetteer, nlp: Language | None) -> list[Span]:
    """Entity and gazetteer spans, longest first, without overlaps."""
    found: list[Span] = []
    for ent in doc.ents:
        span = trim_span(ent)
        if span is None:
            continue
        if ent.label_ in PLACE_LABELS or (
            ent.label_ in MISLABELLED and mislabelled_place(span, gaz)
        ):
            found.append(span)
    found.extend(gazetteer_matches(doc, gaz, nlp))
    found.extend(facility_spans(doc))
    found.extend(unlabelled_places(doc, gaz))
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
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    root = span.root
    # "Russia and China agreed": a conjunct plays its first conjunct's role.
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if is_dateline(span):
        return True
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
    # 4. "urged Iran", "gave Russia": the object of a verb that does not go to, act on or
    # happen at a place; "invaded Ukraine", "shelled Kharkiv", "visited Paris" stay literal.
    if root.dep_ in ("dobj", "dative") and root.head.pos_ == "VERB":
        return root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_VERBS
    # 5. "talks with Iran", "sanctions against Russia", "backed by Tehran".
    return not (root.dep_ == "pobj" and root.head.text.lower() in ASSOCIATIVE_PREPS)


def name_like(span: Span) -> bool:
    """Every word capitalised and at least one proper noun: worth reporting even unresolved."""
    words = [t for t in span if t.is_alpha]
    return (
        bool(words)
        and all(t.text[0].isupper() for t in words)
        and any(t.pos_ == "PROPN" for t in words)
    )


def is_supplement_border(gaz: Gazetteer, span: Span) -> bool:
    return any(p.feature == "border" for p in gaz.lookup(span.text))
