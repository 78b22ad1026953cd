"""Stage: find event triggers, the words that name an event (spaCy component).

Component ``eventcoder_trigger_finder`` matches the trigger lexicon (lemmas, then lower-case
forms) and sets ``doc.spans["triggers"]``: one span per trigger, longest match first, each
with ``span._.trigger`` holding its ``TriggerEntry``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from eventcoder.ontologies.lexicon import TriggerEntry, triggers

if not Span.has_extension("trigger"):
    Span.set_extension("trigger", default=None)

# Nouns that look like triggers but, next to these words, name something else
# ("strike" in "hunger strike" has its own entry; "fire" in "ceasefire" is one token).
_NON_EVENT_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
                   "PERSON", "GPE", "NORP", "LANGUAGE", "LOC"}
_FUNCTION_POS = {"DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "AUX", "PART"}


class TriggerFinder:
    """Match lexicon phrases against lemmas and lower-case forms."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.entries: tuple[TriggerEntry, ...] = triggers()
        self.matcher = Matcher(nlp.vocab)
        for index, entry in enumerate(self.entries):
            patterns = []
            for phrase in entry.phrases:
                words = phrase.lower().split()
                patterns.append([{"LEMMA": w} for w in words])
                patterns.append([{"LOWER": w} for w in words])
            self.matcher.add(str(index), patterns)

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, int, TriggerEntry]] = []
        for match_id, start, end in self.matcher(doc):
            entry = self.entries[int(doc.vocab.strings[match_id])]
            head = doc[end - 1]
            if head.pos_ not in entry.pos and not (head.pos_ == "PROPN" and "NOUN" in entry.pos):
                continue
            if head.pos_ in _FUNCTION_POS or head.ent_type_ in _NON_EVENT_ENTS:
                continue
            if head.pos_ == "PROPN" and head.ent_type_:
                continue
            found.append((start, end, int(doc.vocab.strings[match_id]), entry))
        # Longest match wins; among equal lengths the entry listed first in the lexicon.
        found.sort(key=lambda m: (-(m[1] - m[0]), m[2], m[0]))
        taken: set[int] = set()
        spans: list[Span] = []
        for start, end, _, entry in found:
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            span = Span(doc, start, end, label=entry.type)
            span._.trigger = entry
            spans.append(span)
        spans.sort(key=lambda s: s.start)
        doc.spans["triggers"] = spans
        return doc


@Language.factory(
    "eventcoder_trigger_finder",
    requires=["token.lemma", "token.pos"],
    assigns=["doc.spans"],
)
def make_trigger_finder(nlp: Language, name: str) -> TriggerFinder:
    """Build the trigger finder from the packaged lexicon."""
    return TriggerFinder(nlp, name)
