"""Stage: find actor mentions and link them to the knowledge base (spaCy component).

``eventcoder_actor_linker`` sets ``doc.spans["actors"]``: non-overlapping spans, each with
``span._.actor`` holding an ``ActorRef``. Mentions are found in five passes:

1. alias matches (longest match over normalised words; see ``eventcoder.kb.index``),
   dropping capitals used as places ("in Baghdad") but keeping metonymy ("Baghdad said");
   in text whose capitals were lost, one-word group names ("the sandinistas") and, when
   ``CASELESS_ACRONYMS`` is set, distinctive known acronyms ("the fmln") match in any case;
2. demonyms and country names extended over their noun phrase ("US forces" -> the US
   military, "Iraqi parliament", "Iranian General X" -> X with country Iran, "Kenya
   Anti-Corruption Commission" -> a body of Kenya);
3. acronyms defined in the text ("Kataib Hizbullah (KH)", or any "Long Name (LN)");
4. short coreference: "the group", "the militia", "the country", and "it" reporting
   its own action ("KH announced it had suspended...");
5. provisional actors: ORG / PERSON / NORP entities the base does not know
   (``actor_id`` None, normalised name, type guessed). The small NER model mislabels
   militia names, so entity labels are only used here, never to find known actors.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
import weakref
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventcoder.casualties import PERSON_NOUNS
from eventcoder.kb import ActorKB, load_kb
from eventcoder.kb.index import AliasIndex, fullest_name, words
from eventcoder.kb.vocab import (
    ACRONYM_WORDS,
    CASELESS_ONE_WORD_TYPES,
    COREF,
    GROUP_TYPES,
    INSTITUTIONS,
    LOCATIVE,
    MAX_INSTITUTION_WORDS,
    ORG_TYPES,
    SPEECH_VERBS,
    STATE_TYPES,
    TITLES,
)
from eventcoder.records import ActorRef
from eventcoder.stages.parse import doc_text

SPAN_KEY = "actors"
FACTORY = "eventcoder_actor_linker"

if not Span.has_extension("actor"):
    Span.set_extension("actor", default=None)

# Last words of bodies, never of persons' names ("Kenya Defence Forces").
BODY_WORDS = {"forces", "force", "army", "police", "party", "front", "commission", "council",
              "committee", "ministry", "movement", "union", "guard", "guards", "corps", "agency",
              "court", "assembly", "congress", "navy", "authority", "office"}  # fmt: skip
STATE_FORCE_WORDS = {"army", "forces", "force", "navy", "guard", "guards", "corps", "defence",
                     "defense", "military"}  # fmt: skip
_PAREN_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&\-]{1,9})\s*\)")
_ACRONYM_DEF = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&\-]{1,9})\s*\)")
_COREF_WINDOW = 3  # sentences
# Word-initial letters right after a lower-case word: mid-sentence positions. Ordinary news has
# 10-20 % capitals there (names); re-cased wire copy only its country names and months.
_MID_SENTENCE = re.compile(r"(?<=[a-z,;:] )[^\W\d_]")
_CASE_POOR_RATIO = 0.07
# Also match known acronyms ("fmln", "urng") in any case in case-poor text (stop words and
# ``ACRONYM_WORDS`` excepted). On since 2026-12-03: on muc4 (dev) it lifts
# perpetrator-organisation F1 from 0.11 to 0.17 and changes no status, but the salient
# event, and so the finest place, of 1 of 116 documents (0.560 -> 0.552).
CASELESS_ACRONYMS = True
_CASELESS: weakref.WeakKeyDictionary[ActorKB, dict[bool, AliasIndex]] = weakref.WeakKeyDictionary()


def case_poor(text: str) -> bool:
    """True when ``text`` has lost its capitals (re-cased all-caps copy, lower-cased corpora)."""
    mids = _MID_SENTENCE.findall(text[:20000])
    return len(mids) >= 20 and sum(c.isupper() for c in mids) < _CASE_POOR_RATIO * len(mids)


def caseless_index(kb: ActorKB, *, acronyms: bool = True) -> AliasIndex:
    """Aliases of ``kb`` that may match in any case in case-poor text (cached per KB).

    1. one-word names of group-like actors ("Sandinistas", "Extraditables"), and
    2. with ``acronyms``, acronyms of 3+ letters or with a digit ("FMLN", "URNG", "M-19"),
    unless the lower-case form is an English or Spanish stop word or in ``ACRONYM_WORDS``
    ("us", "who", "arena", "far"), so "us" never becomes the US.
    """
    per_kb = _CASELESS.setdefault(kb, {})
    if acronyms in per_kb:
        return per_kb[acronyms]
    from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
    from spacy.lang.es.stop_words import STOP_WORDS as ES_STOP

    common = ACRONYM_WORDS | EN_STOP | ES_STOP
    index = AliasIndex()
    for key, entries in kb.index.items():
        if key[0] in common or " ".join(key) in common:
            continue
        for entry in entries:
            if entry.exact_case:
                letters = sum(c.isalpha() for c in entry.alias)
                if not acronyms or (letters < 3 and not any(c.isdigit() for c in entry.alias)):
                    continue
            elif not (
                entry.capitalised
                and len(key) == 1
                and entry.kind == "name"
                and not entry.loaded
                and kb.actors[entry.actor_id].type in CASELESS_ONE_WORD_TYPES
            ):
                continue
            index.add(key, dataclasses.replace(entry, exact_case=False, capitalised=False))
            break  # the first admissible entry is the one the main index would choose
    per_kb[acronyms] = index
    return index


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    ref: ActorRef
    tier: int  # 0 alias/rule, 1 acronym/coref, 2 provisional


def _ref(
    kb: ActorKB, actor_id: str, text: str, start: int, end: int, loaded: bool = False
) -> ActorRef:
    actor = kb.actors[actor_id]
    return ActorRef(
        text=text,
        name=actor.name,
        actor_id=actor.id,
        actor_type=actor.type,
        country=actor.country,
        loaded=loaded,
        start=start,
        end=end,
    )


def _provisional(
    text: str, name: str, typ: str, country: str | None, start: int, end: int
) -> ActorRef:
    return ActorRef(
        text=text, name=name, actor_id=None, actor_type=typ, country=country, start=start, end=end
    )


def normalise_name(text: str) -> str:
    """The name of a provisional actor: no leading article or title, no possessive, one space."""
    t = re.sub(r"\s+", " ", text).strip()
    t = re.sub(r"^(?:the|a|an)\s+", "", t, flags=re.IGNORECASE)
    t = re.sub(r"['\u2019]s?$", "", t)
    return t.strip(" ,.;:")


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


class _Linker:
    """One pass of linking over one document."""

    def __init__(self, doc: Doc, kb: ActorKB) -> None:
        self.doc = doc
        self.kb = kb
        self.text = doc_text(doc)
        self.mentions: list[_Mention] = []
        self._sent_starts: list[int] | None = None
        # Documents in capitals (wire copy, MUC) make every word look like an acronym.
        letters = "".join(filter(str.isalpha, self.text[:2000]))
        self.shouting = bool(letters) and sum(map(str.isupper, letters)) > 0.8 * len(letters)

    # 1 + 2. aliases, capitals, demonyms ---------------------------------------------------
    def aliases(self) -> None:
        ws = words(self.text)
        matches = self.kb.index.scan(self.text, ws)
        if not self.shouting and case_poor(self.text):
            # overlaps with the main matches are settled by ``resolve`` (longest wins)
            caseless = caseless_index(self.kb, acronyms=CASELESS_ACRONYMS)
            matches += caseless.scan(self.text, ws)
        for m in matches:
            entry = m.entry
            if self.shouting and entry.exact_case and len(entry.alias) <= 2:
                continue
            span = _tokens(self.doc, m.start, m.end)
            if span is None:
                continue
            actor = self.kb.actors[entry.actor_id]
            if entry.kind == "capital" and actor.country:
                # "the Khartoum government" is the government; "the Beirut bombing" a place
                if self._country_phrase(span, actor.country, institutions_only=True):
                    continue
                if self._locative(span):
                    continue
            if actor.type == "state" and not entry.loaded and self._country_phrase(span, actor.id):
                continue
            if actor.type == "person":
                span = self._with_titles(span)
            self.add(
                _ref(self.kb, actor.id, span.text, span.start_char, span.end_char, entry.loaded), 0
            )

    def _locative(self, span: Span) -> bool:
        """True when a capital names a place ("in Baghdad", "Beirut bombing"), not a government."""
        nxt = self.doc[span.end] if span.end < len(self.doc) else None
        if nxt is not None and nxt.tag_ == "POS":
            return False  # "Washington's support": metonymy
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "NUM"):
            return True  # a modifier: "the Beirut bombing", "Baghdad airport"
        if span.start == 0:
            return False
        prev = self.doc[span.start - 1]
        return prev.lower_ in LOCATIVE or (prev.is_punct and prev.text == ",")

    def _with_titles(self, span: Span) -> Span:
        i = span.start
        while i > 0:
            prev = self.doc[i - 1]
            title = prev.lower_.rstrip(".") in TITLES and prev.text[:1].isupper()
            # "Secretary-General": a hyphen inside a title
            joined = (prev.text == "-" and i > 1 and not prev.whitespace_
                      and self.doc[i - 2].lower_.rstrip(".") in TITLES)  # fmt: skip
            if not (title or joined):
                break
            i -= 1
        return self.doc[i : span.end] if i < span.start else span

    def _tail(self, span: Span) -> list[Token]:
        """The rest of the noun phrase after a country word ("forces", "armed forces")."""
        out: list[Token] = []
        j = span.end
        if j < len(self.doc) and self.doc[j].tag_ == "POS":
            j += 1
        while j < len(self.doc) and len(out) < 6:
            t = self.doc[j]
            led = t.text == "-" and j + 1 < len(self.doc) and self.doc[j + 1].lower_ == "led"
            if t.ent_type_ in ("DATE", "TIME", "CARDINAL"):
                break
            nxt = self.doc[j + 1] if j + 1 < len(self.doc) else None
            if (
                t.pos_ in ("NOUN", "PROPN", "ADJ")
                # "Iraqi armed forces", not "Nepali farmers killed": a participle before a noun
                or (t.tag_ == "VBN" and nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ"))
                or (t.text == "-" and (out or led))
            ):
                out.append(t)
                j += 1
            else:
                break
        while out and out[-1].text == "-":
            out.pop()
        return out

    def _country_phrase(self, span: Span, iso3: str, institutions_only: bool = False) -> bool:
        """Handle a demonym or country name with the noun phrase it modifies; True if added."""
        tail = self._tail(span)
        if len(tail) > 2 and tail[0].text == "-" and tail[1].lower_ == "led":
            tail = tail[2:]  # "Vietnamese-led forces" are Vietnamese forces
        if not tail:
            return False
        low = [t.lower_ for t in tail]
        # a. a title and a name: "Iranian General Qassem Soleimani", "Serbian President X"
        if not institutions_only:
            k = 0
            while k < len(tail) and (low[k].rstrip(".") in TITLES or tail[k].text == "-"):
                k += 1
            names = tail[k:]
            if (
                names
                and all(t.text[:1].isupper() for t in names)
                and (k > 0 or names[0].ent_type_ == "PERSON")
                and names[-1].lower_ not in BODY_WORDS  # "Kenya Defence Forces"
            ):
                return self._person_phrase(span, names, iso3)
        # b. an institution right after the country word: "US forces", "Iraqi parliament"
        for n in range(min(MAX_INSTITUTION_WORDS, len(low)), 0, -1):
            suffix = INSTITUTIONS.get(tuple(low[:n]))
            if suffix is None:
                continue
            if low[n - 1] == "regime" and n < len(tail):
                return False  # "regime change": a modifier, not the government
            last = tail[n - 1]
            if _describes_thing(tail, n):
                return False  # "the United States' military policies": an adjective
            # "US military personnel", "Iranian government officials": swallow the person noun
            if n < len(tail) and tail[n].lower_ in ("personnel", "officials", "official", "troops"):
                last = tail[n]
            actor_id = f"{iso3}-{suffix}"
            if actor_id not in self.kb.actors:
                return False
            sp = self.doc[span.start : last.i + 1]
            self.add(_ref(self.kb, actor_id, sp.text, sp.start_char, sp.end_char), 0)
            return True
        if institutions_only:
            return False
        if self._named_body(span, tail, iso3):
            return True
        # c. a group noun: "Afghan rebel leaders", "Iraqi resistance factions", "Saudi businessman"
        head = tail[-1]
        if head.pos_ != "NOUN":
            return False
        # "multi-party elections": a group word joined by a hyphen only describes
        typ = GROUP_TYPES.get(low[-1]) or next(
            (GROUP_TYPES[w] for k, w in enumerate(low)
             if w in GROUP_TYPES and not (k and low[k - 1] == "-")
             and not (k + 1 < len(low) and low[k + 1] == "-")), None
        )
        if typ is None:
            return False
        sp = self.doc[span.start : head.i + 1]
        self.add(
            _provisional(sp.text, normalise_name(sp.text), typ, iso3, sp.start_char, sp.end_char), 0
        )
        return True

    def _named_body(self, span: Span, tail: list[Token], iso3: str) -> bool:
        """d. a body named after its country: "Kenya Anti-Corruption Commission" (added)."""
        head = tail[-1]
        if head.pos_ != "PROPN" or not all(t.text[:1].isupper() or t.text == "-" for t in tail):
            return False
        if len(tail) < 2 and head.ent_type_ != "ORG":
            return False
        if any(t.ent_type_ in ("GPE", "LOC", "PERSON", "NORP", "DATE") for t in tail):
            return False
        if any(t.i != head.i and t.head.i != head.i and t.text != "-" for t in tail):
            return False  # not one name: "US Senate Democrats" stops earlier
        sp = self.doc[span.start : head.i + 1]
        low = {t.lower_ for t in tail}
        # a country's own army or police is the state's ("Somali National Army")
        typ = ("military" if low & STATE_FORCE_WORDS else
               "police" if low & {"police", "gendarmerie"} else _guess_org_type(sp.text))
        self.add(_provisional(sp.text, normalise_name(sp.text), typ, iso3, sp.start_char,
                              sp.end_char), 0)  # fmt: skip
        return True

    def _person_phrase(self, span: Span, names: list[Token], iso3: str) -> bool:
        last = names[-1]
        sp = self.doc[span.start : last.i + 1]
        name_span = self.doc[names[0].i : last.i + 1]
        known = self.kb.lookup(name_span.text)
        person = next((a for a in known if a.type == "person"), None)
        if person is not None:
            ref = _ref(self.kb, person.id, sp.text, sp.start_char, sp.end_char)
            if ref.country is None:
                ref = dataclasses.replace(ref, country=iso3)
        else:
            ref = _provisional(
                sp.text, normalise_name(name_span.text), "person", iso3, sp.start_char, sp.end_char
            )
        self.add(ref, 0)
        return True

    # 3. acronyms defined in the text -----------------------------------------------------
    def acronyms(self, candidates: list[_Mention]) -> None:
        """Link every use of an acronym defined in the text to the actor it abbreviates."""
        defined: dict[str, ActorRef] = {}
        for m in sorted(candidates, key=lambda m: m.start):
            hit = _ACRONYM_DEF.match(self.text, m.end)
            if hit and hit.group(1) not in defined and _plausible_acronym(hit.group(1), m.ref.text):
                defined[hit.group(1)] = m.ref
        # Long forms the NER missed: "The Movement for Justice and Peace (MJP)".
        for hit in _PAREN_ACRONYM.finditer(self.text):
            acro = hit.group(1)
            if acro in defined or sum(c.isupper() for c in acro) < 2:
                continue
            long = self._long_form(hit.start(), acro)
            if long is not None:
                typ = _guess_org_type(long.text)
                name = normalise_name(long.text)
                ref = _provisional(long.text, name, typ, None, long.start_char, long.end_char)
                self.add(ref, 2)
                defined[acro] = ref
        for acro, ref in defined.items():
            for hit in re.finditer(rf"(?<![\w-]){re.escape(acro)}(?![\w-])", self.text):
                new = dataclasses.replace(
                    ref, text=acro, start=hit.start(), end=hit.end(), loaded=False
                )
                self.add(new, 1)

    def _long_form(self, paren: int, acro: str) -> Span | None:
        """The capitalised phrase just before ``(ACRO)`` whose initials spell ``acro``."""
        end_span = self.doc.char_span(0, len(self.text[:paren].rstrip()), alignment_mode="contract")
        if end_span is None or not len(end_span):
            return None
        end = end_span.end
        caps = [c for c in acro if c.isupper()]
        for start in range(end - 1, max(-1, end - 12), -1):
            tok = self.doc[start]
            if not tok.text[:1].isupper():
                continue
            cand = self.doc[start:end]
            initials = [t.text[0] for t in cand if t.text[:1].isupper()]
            if initials == caps or (
                len(initials) == len(caps) and "".join(initials) == "".join(caps)
            ):
                return cand
        return None

    # 4. coreference ----------------------------------------------------------------------
    def coreference(self, accepted: list[_Mention]) -> None:
        """Resolve "the group", "the militia"... and a reporting "it" to a recent actor."""
        doc = self.doc
        if not accepted:
            return
        by_start = sorted(accepted, key=lambda m: m.start)
        for tok in doc:
            low = tok.lower_
            if low in COREF and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
                nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
                if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
                    continue  # "the group leader": not a bare description
                if tok.i > 1 and doc[tok.i - 2].lower_ in LOCATIVE:
                    continue  # "returned to the country": a place, not an actor
                start = doc[tok.i - 1].idx
                ref = self._antecedent(by_start, start, COREF[low], tok)
                if ref is not None:
                    end = tok.idx + len(tok.text)
                    text = self.text[start:end]
                    self.add(
                        dataclasses.replace(ref, text=text, start=start, end=end, loaded=False), 1
                    )
            elif low == "it" and tok.dep_ in ("nsubj", "nsubjpass"):
                # "KH announced it had suspended...": "it" is the speaker
                verb = tok.head
                if verb.dep_ not in ("ccomp", "xcomp") or verb.head.lemma_ not in SPEECH_VERBS:
                    continue
                subj = [c for c in verb.head.children if c.dep_ == "nsubj"]
                if not subj:
                    continue
                speaker = next(
                    (m.ref for m in by_start if m.start <= subj[0].idx < m.end),
                    None,
                )
                if speaker is not None and speaker.actor_type in ORG_TYPES:
                    end = tok.idx + len(tok.text)
                    new = dataclasses.replace(
                        speaker, text=tok.text, start=tok.idx, end=end, loaded=False
                    )
                    self.add(new, 1)

    def _sentence_of(self, char: int) -> int:
        """The ordinal of the sentence holding character ``char``."""
        if self._sent_starts is None:
            self._sent_starts = [s.start_char for s in self.doc.sents]
        return bisect.bisect_right(self._sent_starts, char) - 1

    def _antecedent(
        self, mentions: list[_Mention], before: int, types: frozenset[str], tok: Token
    ) -> ActorRef | None:
        first_sent = self._sentence_of(tok.idx) - _COREF_WINDOW
        for m in reversed(mentions):
            if m.end > before:
                continue
            if self._sentence_of(m.start) < first_sent:
                return None
            if m.ref.actor_type in types:
                return m.ref
        return None

    # 5. provisional actors ---------------------------------------------------------------
    def unknown(self) -> None:
        for ent in _names_joined(self.doc):
            if ent.label_ not in ("ORG", "PERSON", "NORP"):
                continue
            span = ent
            while len(span) and (span[0].lower_ in ("the", "a", "an") or span[0].is_punct):
                span = span[1:]
            while len(span) and span[-1].is_punct:
                span = span[:-1]
            span = self._closed(span)
            if not len(span) or not any(c.isalpha() for c in span.text) or span.text.islower():
                continue
            if ent.label_ == "NORP":
                self._norp(span)
                continue
            titled = self._with_titles(span)
            if ent.label_ == "PERSON":
                span = titled
                typ = "person"
            elif span.text.lower() in GROUP_TYPES:  # "GUNMEN" tagged ORG in capitals
                typ = GROUP_TYPES[span.text.lower()]
            else:
                typ = _guess_org_type(span.text)
                if typ == "organization" and len(titled) > len(span) and len(span) <= 3:
                    span, typ = titled, "person"  # "Vice-President Moody Awori" (tagged ORG)
            name = normalise_name(span.text if typ != "person" else _strip_titles(span))
            self.add(_provisional(span.text, name, typ, None, span.start_char, span.end_char), 2)

    def _closed(self, span: Span) -> Span:
        """"Homeland Union (Conservatives" -> with its ")"; an unmatched "(" is cut off."""
        opened = sum(t.text == "(" for t in span) - sum(t.text == ")" for t in span)
        if opened <= 0:
            return span
        if opened == 1 and span.end < len(self.doc) and self.doc[span.end].text == ")":
            return self.doc[span.start : span.end + 1]
        cut = max(t.i for t in span if t.text == "(")
        span = self.doc[span.start : cut]
        while len(span) and span[-1].is_punct:
            span = span[:-1]
        return span

    def _norp(self, span: Span) -> None:
        tail = self._tail(span)
        head = tail[-1] if tail else None
        if head is not None and head.lower_ in GROUP_TYPES and head.pos_ == "NOUN":
            sp = self.doc[span.start : head.i + 1]
            self.add(
                _provisional(
                    sp.text,
                    normalise_name(sp.text),
                    GROUP_TYPES[head.lower_],
                    None,
                    sp.start_char,
                    sp.end_char,
                ),
                2,
            )
        elif (
            head is not None
            and tuple(t.lower_ for t in tail) in INSTITUTIONS
            and INSTITUTIONS[tuple(t.lower_ for t in tail)] == "CIV"
        ):
            sp = self.doc[span.start : head.i + 1]
            self.add(
                _provisional(
                    sp.text, normalise_name(sp.text), "civilians", None, sp.start_char, sp.end_char
                ),
                2,
            )
        elif span[-1].tag_ in ("NNPS", "NNS"):  # "Kurds", "Shiites"
            self.add(
                _provisional(
                    span.text,
                    normalise_name(span.text),
                    "civilians",
                    None,
                    span.start_char,
                    span.end_char,
                ),
                2,
            )

    def guess_countries(self, final: list[_Mention]) -> None:
        """Give provisional actors a country: from a place in their name, else their sentence."""
        for k, m in enumerate(final):
            if m.ref.actor_id is not None or m.ref.country is not None:
                continue
            country = None
            for hit in self.kb.index.scan(m.ref.text):
                actor = self.kb.actors[hit.entry.actor_id]
                if actor.type in ("state", "government") and actor.country:
                    country = actor.country
                    break
            if country is None and self._religious_or_ethnic(m):
                continue  # "Buddhist hackers", "Kurdish fighters": no nation to guess
            if country is None:
                # only when the sentence names exactly one country: no guessing between two
                sent = self._sentence_of(m.start)
                seen = {
                    o.ref.country
                    for o in final
                    if o.ref.actor_type in STATE_TYPES - {"civilians"}  # victims say nothing
                    and o.ref.country not in (None, "IGO", "NGO", "IMG")
                    and self._sentence_of(o.start) == sent
                }
                country = seen.pop() if len(seen) == 1 else None
            if country is not None:
                final[k] = _Mention(
                    m.start, m.end, dataclasses.replace(m.ref, country=country), m.tier
                )

    def _religious_or_ethnic(self, m: _Mention) -> bool:
        """The mention is named by a group word that is no nationality (a NORP entity the
        knowledge base gives no state): "Buddhist hackers"."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and any(t.ent_type_ == "NORP" for t in span)

    def person_names(self, final: list[_Mention]) -> None:
        """A person the text names in part ("Olinde", "Paz Quiroga") after or before naming
        them in full ("Hector Olinde Colman") goes by the full name, when exactly one
        fuller name of a person in the document contains the part's words in order (a
        linked person's, or one the recogniser found in lower-case text). The part may have
        been taken for an organisation (the recogniser's ORG on a surname)."""
        people = [m for m in final if m.ref.actor_id is None and m.ref.actor_type == "person"]
        full: dict[tuple[str, ...], str] = {}
        for m in people:
            full.setdefault(tuple(m.ref.name.lower().split()), m.ref.name)
        # full names the recogniser found but linking left out (lower-case text)
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2 and all(t.is_alpha for t in ent):
                full.setdefault(tuple(t.lower_ for t in ent), ent.text)
        for k, m in enumerate(final):
            if m.ref.actor_id is not None or m.ref.actor_type not in ("person", "organization"):
                continue
            whole = fullest_name(tuple(m.ref.name.lower().split()), full)
            if whole is None:
                continue
            ref = dataclasses.replace(m.ref, name=full[whole], actor_type="person")
            final[k] = _Mention(m.start, m.end, ref, m.tier)

    # bookkeeping -------------------------------------------------------------------------
    def add(self, ref: ActorRef, tier: int) -> None:
        assert ref.start is not None and ref.end is not None
        self.mentions.append(_Mention(ref.start, ref.end, ref, tier))

    def resolve(self, tiers: tuple[int, ...]) -> list[_Mention]:
        """Greedy non-overlapping selection: lower tier first, then longer, then earlier."""
        taken: list[_Mention] = []
        occupied = bytearray(len(self.text) + 1)
        for m in sorted(
            (m for m in self.mentions if m.tier in tiers),
            key=lambda m: (m.tier, m.start - m.end, m.start),
        ):
            if any(occupied[m.start : m.end]):
                continue
            occupied[m.start : m.end] = b"\x01" * (m.end - m.start)
            taken.append(m)
        return sorted(taken, key=lambda m: m.start)


def _names_joined(doc: Doc) -> list[Span]:
    """The document's entities, with a person's name the recogniser cut in two joined again:
    "Ramiro Quesada" + "Ibarra" (two PERSON entities, one space apart) is one name."""
    out: list[Span] = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if (prev is not None and ent.label_ == "PERSON" == prev.label_
                and prev.end == ent.start and prev[-1].whitespace_ == " "
                and prev[-1].is_alpha and ent[0].is_title):  # fmt: skip
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            continue
        out.append(ent)
    return out


def _describes_thing(tail: list[Token], n: int) -> bool:
    """The institution word ends as an adjective of a following thing ("military policies",
    "military aid"), not of people ("military commanders") or a body."""
    last = tail[n - 1]
    if last.pos_ != "ADJ" or n >= len(tail):
        return False
    nxt = tail[n]
    lemma = nxt.lemma_.lower()
    return (nxt.pos_ == "NOUN" and last.head.i == nxt.i and lemma not in GROUP_TYPES
            and lemma not in PERSON_NOUNS and lemma.rstrip(".") not in TITLES)  # fmt: skip


def _strip_titles(span: Span) -> str:
    toks = list(span)
    while len(toks) > 1 and toks[0].lower_.rstrip(".") in TITLES:
        toks = toks[1:]
    return " ".join(t.text for t in toks)


def _plausible_acronym(acro: str, long: str) -> bool:
    """True when ``acro`` could abbreviate ``long`` (its capitals match initials in order)."""
    initials = "".join(
        w[0] for w in re.findall(r"[A-Za-z]+", long) if w[0].isupper() or len(w) > 3
    ).upper()
    caps = "".join(c for c in acro if c.isupper())
    it = iter(initials)
    return len(caps) >= 2 and all(c in it for c in caps)


def _guess_org_type(text: str) -> str:
    low = text.lower()
    rules = (
        (("party", "congress party", "alliance for", "union for"), "political party"),
        (
            (
                "army",
                "front",
                "brigade",
                "liberation",
                "militia",
                "battalion",
                "jihad",
                "mujahideen",
                "rebels",
            ),
            "armed group",
        ),
        (("ministry", "government", "council", "cabinet", "commission", "office"), "government"),
        (("police", "gendarmerie"), "police"),
        (
            ("news", "times", "post", "tv", "television", "radio", "agency", "press", "journal"),
            "media",
        ),
        (("university", "school", "college"), "civilians"),
        (("bank", "company", "corp", "inc", "ltd", "airlines", "oil"), "company"),
        (("church", "mosque", "diocese", "ulema"), "religious"),
    )
    for keys, typ in rules:
        if any(re.search(rf"\b{re.escape(k)}\b", low) for k in keys):
            return typ
    return "organization"


def link_actors(doc: Doc, kb: ActorKB, *, on: dt.date | None = None) -> list[Span]:
    """Find and link every actor mention of ``doc``; sets and returns ``doc.spans["actors"]``.

    ``on`` is accepted for time-aware callers; linking itself is date-free, relations are
    looked up with ``ActorKB.leaders(..., on)`` and friends.
    """
    linker = _Linker(doc, kb)
    linker.aliases()
    base = linker.resolve((0,))
    linker.unknown()
    linker.acronyms(base + [m for m in linker.mentions if m.tier == 2])
    linker.coreference(linker.resolve((0, 1)))
    final = linker.resolve((0, 1, 2))
    linker.guess_countries(final)
    linker.person_names(final)
    spans: list[Span] = []
    for m in final:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        span._.actor = m.ref
        spans.append(span)
    doc.spans[SPAN_KEY] = spans
    return spans


class ActorLinker:
    """The spaCy component: calls ``link_actors`` with its knowledge base."""

    def __init__(self, nlp: Language, name: str, kb: ActorKB | None = None) -> None:
        self.name = name
        self.kb = kb if kb is not None else load_kb()

    def __call__(self, doc: Doc) -> Doc:
        link_actors(doc, self.kb)
        return doc


@Language.factory(FACTORY, requires=["doc.ents", "doc.sents"], assigns=["doc.spans"])
def make_actor_linker(nlp: Language, name: str) -> ActorLinker:
    """Factory for ``eventcoder_actor_linker`` (packaged KB; use ``add_linker`` for another)."""
    return ActorLinker(nlp, name)


def add_linker(nlp: Language, kb: ActorKB | None = None) -> ActorLinker:
    """Add the linker at the end of ``nlp`` (or return it if present), optionally with ``kb``."""
    if FACTORY not in nlp.pipe_names:
        nlp.add_pipe(FACTORY, name=FACTORY, last=True)
    linker = get_linker(nlp)
    if kb is not None:
        linker.kb = kb
    return linker


def get_linker(nlp: Language) -> ActorLinker:
    """The linker component of ``nlp`` (raises KeyError if it was not added)."""
    component = nlp.get_pipe(FACTORY)
    assert isinstance(component, ActorLinker)
    return component
