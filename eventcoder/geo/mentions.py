"""Place-name mentions in a spaCy Doc: which spans are toponyms, and which are literal.

Used by ``stages/resolve_places.py``. Spans come from spaCy entities, gazetteer phrases,
place-word patterns and datelines; ``is_literal`` separates places from associative uses
("Washington said", "Tehran's response").
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from eventcoder.geo.gazetteer import Gazetteer, Place, normalize
from eventcoder.stages.normalize import _proper_words
from eventcoder.stages.parse import doc_text

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
    population beach beaches neighborhood neighbourhood downtown skies waters station metro
    intersection campus resort clinic venue hotel hospital school mall stadium community
    communities island islands peninsula archipelago""".split()  # noqa: SIM905
)
# Head nouns of things that are located in a place: "China's economy", "American factories",
# "Mexico's agricultural production" describe the place itself (GeoWebNews: literal modifier).
LOCATED_NOUNS = frozenset(
    """economy market markets industry industries sector factory factories plant plants farm
    farms mine mines production pollution growth history development infrastructure road roads
    highway railway shore shores jail jails prison prisons job jobs worker workers business
    businesses tourism agriculture grid site sites war activity weather climate landscape
    housing hospitals schools universities towns cities villages farmland oil gas water
    air bombing bombings blast blasts explosion explosions massacre shooting shootings attack
    attacks raid raids siege offensive battle fighting clashes""".split()  # noqa: SIM905
)
# ("the 1982 Beirut bombing", "the Mosul offensive": where the violence happened.)
# "the people of Vietnam", "Crown Prince of Dubai", "the interests of China": an "of" phrase
# under a person, a role or an institution names a polity, not a place.
ROLE_OF_NOUNS = frozenset(
    """people citizens government governments president presidents prince princess king queen
    ruler rulers emperor chancellor minister ministers director general ambassador
    ambassadors embassy consul envoy leader leaders leadership interest interests success
    recognition law laws constitution representative representatives delegation delegations
    republic kingdom parliament authorities authority sovereignty""".split()  # noqa: SIM905
)
# "flights between A and B", "the border with X": a path or an edge joins places.
PATH_NOUNS = frozenset({"flight", "flights", "border", "route", "routes", "road", "corridor"})
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
    for m in BORDER.finditer(doc_text(doc)):
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


def mislabelled_place(span: Span, gaz: Gazetteer, label: str | None = None) -> bool:
    """Whether an ORG/PERSON/NORP entity is really a place the model mislabelled.

    ``label`` is the entity's label (a trimmed span has none of its own).
    """
    label = label or span.label_
    places = gaz.lookup(span.text)
    if any(p.feature in STRONG_FEATURES for p in places):
        return True
    prev = span.doc[span.start - 1] if span.start > 0 else None
    # "in Houston", "from Kabul"; a person's name after "to" or "for" stays a person's
    # ("according to Davis", "a resemblance to Allen").
    preps = EVENT_PREPS | {"from"} if label == "PERSON" else EVENT_PREPS | {"from", "to", "into"}
    if places and prev is not None and prev.text.lower() in preps:
        return True
    if len(span.text) <= 2:
        return False
    # A person's name that is also a town's needs a preposition ("in Houston"); only a big
    # city's name is taken as the city ("Peshawar" mislabelled a person).
    least = 500_000 if label == "PERSON" else 100_000
    query = normalize(span.text)
    return any(
        p.feature == "city" and p.population >= least and normalize(p.name) == query for p in places
    )


FACILITY = re.compile(
    r"\b(?:[A-Z][\w'’.-]*\s){1,4}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Blvd\.|Square|"
    r"Place|Park|Bridge|Airport|Hospital|Library|Hall|Castle|Center|Centre|Estate|Mountains|River|"
    r"Lake|Island|Islands|County|Beach|Stadium|Church|Cathedral|Mosque|Museum|Station|Valley|Bay|"
    r"Harbor|Harbour|Parish|Township|Village|Heights|Province|Governorate|District|Region|"
    r"Prison|Embassy|Market|Complex|Club|Tower|Hotel|Inn|Mall|Theatre|Theater|Arena|Campus|Base|"
    r"Camp|Dam|Canal|Drive|Lane|Highway|Peninsula|Mountain|Forest|Desert|Sea|Ocean|Gulf|Strait|"
    r"Coast|Falls|Plaza|Point|Gardens|Quarter|Hills|Office|House|School|University|College|"
    r"Academy|Elementary|Racecourse|Courthouse|Armory|Plantation|Chapel|Palace|Temple|"
    r"Synagogue|Cemetery|Zoo|Gallery|Terminal|Pier|Barracks|Cottage|Fields|Court|Circle)\b"
)


# Place words that open a name ("Rue des Lilas", "Palais des Arts", "Camp Hadley").
FACILITY_FIRST = re.compile(
    r"\b(?:Rue|Calle|Avenida|Via|Piazza|Palais|Parc|Quai|Camp|Fort)\s"
    r"(?:(?:de|des|du|del|della|di|la|le)\s|d['’])?[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2}"
)


def is_facility_name(text: str) -> bool:
    """A name built on a place word: "Royal Street", "Palais des Arts"."""
    return FACILITY.fullmatch(text) is not None or FACILITY_FIRST.fullmatch(text) is not None


def facility_spans(doc: Doc, gaz: Gazetteer | None = None) -> list[Span]:
    """Capitalised names ending in a place word ("Royal Street", "Altnagelvin Hospital") or
    opening with one ("Palais des Arts")."""
    out = []
    text = doc_text(doc)
    for m in [*FACILITY.finditer(text), *FACILITY_FIRST.finditer(text)]:
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is not None:
            span = _facility_part(span, gaz)
        # Inside a person's or work's name ("Jessica Park") it is not a place, unless it ends
        # in a word no surname is ("N. Alder Drive", "Kestrel Racecourse": recogniser slips).
        if span is not None and not any(t.ent_type_ == "WORK_OF_ART" for t in span) and (
            span[-1].text not in SURNAME_PLACE_WORDS
            or not any(t.ent_type_ == "PERSON" for t in span)
        ):
            out.append(span)
    return out


# Place words that are also surnames or end personal names ("Jessica Park", "Arsenio Hall").
SURNAME_PLACE_WORDS = frozenset(
    """Park Hall Church Lake Beach Bay Court House Temple Castle Chapel Fields Hills Forest
    Lane Point Heights Island Valley Inn Tower Gardens Palace Mountain Falls Coast Sea River
    Bridge Square Circle Field Gallery Center Centre Station Dam Club Market Quarter Estate
    Cottage Pier Place""".split()  # noqa: SIM905
)


def _facility_part(span: Span, gaz: Gazetteer | None) -> Span | None:
    """The facility name proper inside a place-word match.

    1. Only the last sentence's part ("Mexico. The White House" -> "The White House").
    2. Only what follows a possessive ("London's Heathrow Animal Reception Center"): the owner
       is a place of its own, found by the other passes.
    3. None when the words before the place word name a country ("U.S. District",
       "U.S. Attorney's Office"): the country is the toponym, the rest an institution.
    """
    doc = span.doc
    start = span.start
    for token in span[:-1]:
        if token.is_sent_end or token.tag_ == "POS" or token.text in ("'s", "’s"):
            start = token.i + 1
    trimmed = trim_span(doc[start : span.end]) if start < span.end else None
    if trimmed is None or gaz is None or len(trimmed) < 2:
        return trimmed
    prefix = doc[trimmed.start : trimmed.end - 1].text
    if not gaz.lookup(trimmed.text) and any(p.feature == "country" for p in gaz.lookup(prefix)):
        return None
    return trimmed


# Entities whose names often embed a place ("Bank of Jamaica", "Zimbabwe Electoral
# Commission", "Toronto Raptors"): GeoWebNews annotates the embedded toponym.
EMBEDDING_LABELS = frozenset({"ORG", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


# A city named inside an organisation's name ("Toronto Raptors", "Dubai World Cup") is
# trusted only when it is large; smaller ones collide with surnames and words.
EMBEDDED_CITY_POPULATION = 250_000
# Capitalised words that are also names of large cities ("Mobile", "Reading").
COMMON_WORDS = frozenset(
    """mobile reading split nice bath marks university college union independence
    victoria""".split()  # noqa: SIM905
)


def _name_token(token: Token) -> bool:
    return token.is_alpha and (token.pos_ == "PROPN" or token.is_upper)


def unlabelled_places(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """Proper nouns the NER left unlabelled, or folded into an organisation's or event's
    name, that name a country, region or big city.

    1. A run of proper nouns outside entities that as a whole names a place (or a dateline);
    2. inside such a run, or inside an organisation's name, a country, first-level region
       or supplement place of one to three words ("Zimbabwe Electoral Commission").
    """
    out = []
    i = 0
    while i < len(doc):
        token = doc[i]
        outside = not token.ent_type_
        if not (outside or token.ent_type_ in EMBEDDING_LABELS) or not _name_token(token):
            i += 1
            continue
        j = i + 1
        # A run stays inside one entity, or outside all of them.
        while (
            j < len(doc)
            and _name_token(doc[j])
            and (not doc[j].ent_type_ if outside else doc[j].ent_iob_ == "I")
        ):
            j += 1
        span = doc[i:j]
        text = span.text.title() if span.text.isupper() else span.text
        places = gaz.lookup(text)
        query = normalize(text)
        if outside and is_dateline(span) and any(normalize(p.name) == query for p in places):
            out.append(span)  # "PLEASANTON, Calif. -": a dateline names where it was written
        elif (
            outside
            and len(text) > 2
            and any(
                p.feature in STRONG_FEATURES
                or (p.feature == "city" and p.population >= 100_000 and normalize(p.name) == query)
                for p in places
            )
        ):
            out.append(span)
        else:
            out.extend(_embedded_places(span, gaz))
        i = j
    return out


def _embedded_places(run: Span, gaz: Gazetteer) -> list[Span]:
    """Countries, first-level regions and supplement places inside a run of names."""
    out: list[Span] = []
    k = run.start
    while k < run.end:
        for n in (3, 2, 1):
            sub = run.doc[k : min(k + n, run.end)]
            if len(sub) != n or len(sub.text) <= 2:
                continue
            text = sub.text.title() if sub.text.isupper() else sub.text
            query = normalize(text)
            if n == 1 and (sub[0].is_stop or query in COMMON_WORDS):
                continue
            if any(
                normalize(p.name) == query
                and (
                    p.feature in STRONG_FEATURES
                    or (p.feature == "city" and p.population >= EMBEDDED_CITY_POPULATION)
                )
                for p in gaz.lookup(text)
            ):
                out.append(sub)
                k += n
                break
        else:
            k += 1
    return out


DASHES = ("-", "–", "—", "--", ":")


def is_dateline(span: Span) -> bool:
    """The place a wire story was filed from, in the usual dateline forms:

    1. an upper-case name opening a line, then a comma, dash or bracket ("PLEASANTON, Calif. -");
    2. a name of any case, anywhere, then an agency in brackets and a dash or colon
       ("statements. SAN DIEGO (AP) - The", "Hanoi (VNA) – Vietnam"); an upper-case one also
       with its state or country between ("reopened. TUCSON, Ariz. (AP) - Officials");
    3. a name opening a line, then a colon and a capitalised word ("Muscat: The 10th ...");
    4. an upper-case name of four letters or more opening a line, then ordinary title-case
       text ("LONDON Pope Francis ...").
    """
    doc = span.doc
    opens = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    after = doc[span.end].text if span.end < len(doc) else ""
    if span.text.isupper() and opens and after in (",", "(", *DASHES):
        return True
    rest = doc[span.end : span.end + 5]
    if after == "(" and len(rest) >= 4 and rest[1].text.isupper() and rest[1].is_alpha:
        close = next((t.i for t in rest if t.text == ")"), None)
        if close is not None and close + 1 < len(doc) and doc[close + 1].text in DASHES:
            return True
    if span.text.isupper() and after == ",":
        # "... the road reopened. TUCSON, Ariz. (AP) - Officials said": form 2 with the state
        tail = doc[span.end + 1 : span.end + 5]
        bracket = next((t.i for t in tail if t.text == "("), None)
        close = next((t.i for t in doc[span.end + 1 : span.end + 9] if t.text == ")"), None)
        if (bracket is not None and close is not None and close + 1 < len(doc)
                and doc[close + 1].text in DASHES and doc[bracket + 1].text[:1].isupper()):  # fmt: skip
            return True
    if not opens or span.end + 1 >= len(doc):
        return False
    nxt = doc[span.end + 1]
    if after == ":" and nxt.text[:1].isupper():
        return True
    words = [t for t in span if t.is_alpha]
    return (span.text.isupper() and sum(len(t) for t in words) >= 4
            and after[:1].isupper() and not after.isupper())  # fmt: skip


def _dateline_state(span: Span) -> bool:
    """The state or country of a dateline whose place the gazetteer may not know: "CAMP
    HADLEY, Wash. - Soldiers ...", "PLEASANTON, Calif.--(BUSINESS WIRE)"."""
    doc = span.doc
    if span.start < 2 or span.end >= len(doc) or doc[span.start - 1].text != ",":
        return False
    if doc[span.end].text not in (*DASHES, "("):
        return False
    k = span.start - 2
    while k >= 0 and doc[k].text.isupper() and doc[k].is_alpha:
        if k == 0 or "\n" in doc[k - 1].text_with_ws:
            return True  # an upper-case name opening a line
        k -= 1
    return False


# Continental adjectives, read as the continent (GeoNames' continent points): GeoWebNews and
# ACLED place "African leaders" or "a European summit" in the continent.
CONTINENT_ADJECTIVES = {
    "african": "Africa",
    "european": "Europe",
    "asian": "Asia",
    "north american": "North America",
    "south american": "South America",
}


# Words that make a demonym name a region rather than its country ("Latin American").
QUALIFIERS = frozenset(
    """central latin north south east west northern southern eastern western anglo afro
    native pan sub""".split()  # noqa: SIM905
)


def demonym_spans(
    doc: Doc, gaz: Gazetteer, taken: set[int] | None = None
) -> list[tuple[Span, Place]]:
    """Country and continent adjectives ("Iranian officials", "the Syrian border", "African").

    1. NORP entities that are adjectives of a country or continent;
    2. capitalised adjectives and proper nouns the NER left out or folded into a larger name
       ("the Nigerian Army", "Russian Foreign Ministry"), two words first ("South African").
    Tokens in ``taken`` (already part of a toponym) are skipped.
    """
    taken = set() if taken is None else set(taken)
    out: list[tuple[Span, Place]] = []

    def add(span: Span) -> bool:
        if not taken.isdisjoint(range(span.start, span.end)):
            return False
        place = _adjective_place(gaz, span.text)
        if place is None:
            return False
        out.append((span, place))
        taken.update(range(span.start, span.end))
        return True

    for ent in doc.ents:
        if ent.label_ == "NORP":
            add(ent)
    for i, token in enumerate(doc):
        if i in taken or not token.text[:1].isupper() or token.pos_ not in ("ADJ", "PROPN"):
            continue
        if token.is_sent_start and token.pos_ != "PROPN":
            continue  # a sentence-initial capital says nothing
        if i + 1 < len(doc) and doc[i + 1].text[:1].isupper() and add(doc[i : i + 2]):
            continue
        if i > 0 and doc[i - 1].lower_ in QUALIFIERS:
            continue  # "Central American", "Latin American" are not "American"
        add(doc[i : i + 1])
    return out


def _adjective_place(gaz: Gazetteer, text: str) -> Place | None:
    key = normalize(text)
    continent = CONTINENT_ADJECTIVES.get(key) or CONTINENT_ADJECTIVES.get(key.removesuffix("s"))
    if continent is not None:
        return next((p for p in gaz.lookup(continent) if p.place_id.startswith("continent:")), None)
    code = gaz.demonym(text)
    return gaz.country(code) if code else None


# -- lower-case names in recased capitals -----------------------------------------------------
# Words that may stand between a locative preposition and a place ("in the northern X").
LEAD_WORDS = frozenset(
    """the downtown northern southern eastern western central northeastern northwestern
    southeastern southwestern""".split()  # noqa: SIM905
)
# Nouns after which "of X" names a place ("the city of X", "the department of X").
AREA_OF_NOUNS = frozenset(
    """city town village municipality department province jurisdiction district region
    capital port""".split()  # noqa: SIM905
)
# Nouns before which a name is a place ("X department", "the X neighborhood").
AREA_NOUNS = frozenset(
    """department province municipality jurisdiction canton neighborhood neighbourhood
    sector district""".split()  # noqa: SIM905
)
RECASED_KEY = "eventcoder.recased"
MID_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z]")  # a capital after a lower-case word


def is_recased(doc: Doc) -> bool:
    """Whether the text is wire copy in capitals that normalisation lower-cased.

    In such text a capital inside a sentence starts only a word the normaliser restores
    (a country, a month, a weekday: "in Colombia on 17 August"); other names are lower case
    ("guerrillas attacked in mejicanos") and the NER misses most of them. Ordinary text fails
    the test at its first name, so the check is cheap.
    """
    found = doc.user_data.get(RECASED_KEY)
    if found is None:
        text = doc_text(doc)[:5000]
        lowered = text.lower()
        proper = _proper_words()
        found = any(c.islower() for c in text[:200]) and all(
            _restored(lowered, m.start(), proper) for m in MID_CAPITAL.finditer(text)
        )
        doc.user_data[RECASED_KEY] = found
    return bool(found)


def _restored(lowered: str, at: int, proper: re.Pattern[str]) -> bool:
    """The capital at ``at`` is one the normaliser restores: it starts or continues a country
    or calendar word ("Colombia", "El Salvador", "the United States")."""
    start = at
    for _ in range(3):
        found = proper.match(lowered, start)
        if found and found.end() > at:
            return True
        if start == 0:
            return False
        start = lowered.rfind(" ", 0, start - 1) + 1  # the word before
        while start < at and not lowered[start].isalnum():
            start += 1  # "(Costa Rica)"
    return False


def lowercase_places(doc: Doc, gaz: Gazetteer, taken: set[int]) -> list[Span]:
    """Lower-case place names in a recased document (``is_recased``).

    A run of one to three lower-case words outside ``taken`` whose whole text
    is the own name of a gazetteer city or region, right after a locative preposition (and
    "the", a direction word: "in the northern X"), after "city of", "department of"..., or
    before "department", "province", "neighborhood", "sector"... These are weak: the caller
    keeps them only where they resolve inside a country the document names.
    """
    if not is_recased(doc):
        return []
    lower = doc.to_array(LOWER)
    strings = doc.vocab.strings
    lead = [strings.add(w) for w in (*EVENT_PREPS, "from", "to", "into", "of")]
    area = [strings.add(w) for w in AREA_NOUNS]
    out: list[Span] = []
    used = set(taken)
    for i in numpy.flatnonzero(numpy.isin(lower, lead)).tolist():
        if doc[i].lower_ == "of" and (i == 0 or doc[i - 1].lower_ not in AREA_OF_NOUNS):
            continue
        j = i + 1
        while j < len(doc) and doc[j].lower_ in LEAD_WORDS:
            j += 1
        span = _lowercase_name(doc, j, gaz, used, forward=True)
        if span is not None:
            out.append(span)
            used.update(range(span.start, span.end))
    for i in numpy.flatnonzero(numpy.isin(lower, area)).tolist():
        span = _lowercase_name(doc, i, gaz, used, forward=False)
        if span is not None:
            out.append(span)
            used.update(range(span.start, span.end))
    return sorted(out, key=lambda s: s.start)


def _lowercase_name(
    doc: Doc, at: int, gaz: Gazetteer, used: set[int], *, forward: bool
) -> Span | None:
    """The longest lower-case place name starting at ``at`` (or ending before it)."""
    for n in (3, 2, 1):
        start, end = (at, at + n) if forward else (at - n, at)
        if start < 0 or end > len(doc) or not used.isdisjoint(range(start, end)):
            continue
        span = doc[start:end]
        if not all(t.is_alpha and t.is_lower for t in span):
            continue
        if span[0].is_stop or span[-1].is_stop or len(span.text) < 4:
            continue
        query = normalize(span.text)
        if any(
            normalize(p.name) == query and p.feature in ("city", "admin1")
            for p in gaz.lookup(span.text)
        ):
            return span
    return None


def select_spans(doc: Doc, gaz: Gazetteer, nlp: Language | None) -> list[Span]:
    """Entity and gazetteer spans, longest first, without overlaps."""
    found: list[Span] = []
    for ent in doc.ents:
        span = trim_span(ent)
        if span is None:
            continue
        if ent.label_ in PLACE_LABELS or (
            ent.label_ in MISLABELLED and mislabelled_place(span, gaz, ent.label_)
        ):
            found.append(span)
    found.extend(gazetteer_matches(doc, gaz, nlp))
    found.extend(facility_spans(doc, gaz))
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
    if is_dateline(span) or _dateline_state(span) or _based_in(span):
        return True
    # 0. "the Zimbabwe Electoral Commission": a place inside an organisation's or event's name.
    if _inside_larger_entity(span):
        return False
    # 1. "Tehran's response": a possessive, unless what is possessed is a place ("Iraq's capital").
    if nxt is not None and nxt.tag_ == "POS":
        return root.head.lemma_.lower() in PLACE_NOUNS | LOCATED_NOUNS
    # A facility named as one ("Mill Street", "the Riverside Cancer Centre") is a place as
    # a verb's object too: "renaming Mill Street", "attending the ... Centre" (as a subject
    # it may act: "the White House declined").
    facility = is_facility_name(span.text)
    # 2. "Washington said", "Iran launched": the subject of an agentive verb.
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):
        return root.head.lemma_.lower() in LOCATIVE_VERBS
    # 3. "the Iran deal", "Florida law": a modifier of a noun that is not a place noun.
    if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head
        if head.i >= span.end and head.ent_type_ not in PLACE_LABELS:
            return head.lemma_.lower() in PLACE_NOUNS | LOCATED_NOUNS
    # 4. "urged Iran", "gave Russia": the object of a verb that does not go to, act on or
    # happen at a place; "invaded Ukraine", "shelled Kharkiv", "visited Paris" stay literal.
    if root.dep_ in ("dobj", "dative") and root.head.pos_ == "VERB":
        return root.dep_ == "dobj" and (facility or root.head.lemma_.lower() in PLACE_VERBS)
    # 5. "talks with Iran", "sanctions against Russia", "backed by Tehran".
    if root.dep_ == "pobj":
        prep = root.head
        governor = prep.head.lemma_.lower()
        if prep.lower_ == "of":
            return governor not in ROLE_OF_NOUNS
        if prep.lower_ in ASSOCIATIVE_PREPS:
            return governor in PATH_NOUNS
    return True


def _based_in(span: Span) -> bool:
    """ "US-based", "the Denver, Colorado-based firm": where something is based."""
    doc = span.doc
    words = [t.text for t in doc[span.end : span.end + 5]]
    if words[:2] == ["-", "based"]:
        return True
    if words[:1] != [","]:
        return False
    for i in range(2, len(words) - 1):
        if words[i : i + 2] == ["-", "based"]:
            return all(w[:1].isupper() for w in words[1:i])
    return False


def _inside_larger_entity(span: Span) -> bool:
    """Whether the span is part of a longer organisation or event name (not just "the" more)."""
    label = span[0].ent_type_
    if label not in EMBEDDING_LABELS or any(t.ent_type_ != label for t in span):
        return False
    doc = span.doc
    ent = next((e for e in doc.ents if e.start <= span.start < e.end), None)
    if ent is None:
        return False
    rest = [t for t in ent if not span.start <= t.i < span.end]
    return any(t.is_alpha and t.lower_ not in ("the", "a", "an") for t in rest)


def name_like(span: Span) -> bool:
    """Every word capitalised (bar the particles of a name, "Palais des Arts") and at least
    one proper noun: worth reporting even unresolved."""
    words = [t for t in span if t.is_alpha and t.lower_ not in NAME_PARTICLES]
    return (
        bool(words)
        and all(t.text[0].isupper() for t in words)
        and any(t.pos_ == "PROPN" for t in words)
    )


NAME_PARTICLES = frozenset({"de", "des", "du", "del", "della", "di", "la", "le", "of", "the"})


def is_supplement_border(gaz: Gazetteer, span: Span) -> bool:
    return any(p.feature == "border" for p in gaz.lookup(span.text))
