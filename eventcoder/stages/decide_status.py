"""Stage: decide how sure the text is of each event (spaCy component).

Component ``eventcoder_status_decider`` sets ``span._.status`` (one of ``records.STATUSES``),
``span._.status_by`` (the token heading who claims or attributes it) and
``span._.status_cue`` (the word that decided it) on every trigger.

The cascade, first match wins (numbered as in the code):
1. negated       "did not attack", "denied that guerrillas attacked", "no strike"
2. hypothetical  conditional ("if", "unless", "were to"), modal or future ("would", "will"),
                 intended or requested ("vowed to attack", "calls for a ceasefire")
3. claimed       the event is the object or complement of a claim verb whose subject
                 is the actor itself ("KH claimed 150 attacks", "announced it had suspended")
4. attributed    the complement of a belief or blame verb ("The US believes KH was
                 responsible for the attack", "blamed X for the bombing")
5. reported      hedged ("reports suggest", "reportedly", "according to", "it is believed")
6. asserted      otherwise
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventcoder.stages.parse import doc_text

for _name in ("status", "status_by", "status_cue"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

NEGATORS = {"not", "n't", "never", "no", "without", "neither", "nor"}
DENY_VERBS = {"deny", "refute", "dismiss", "reject"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}
MODALS = {"would", "could", "might", "may", "should", "will", "shall", "can", "must", "'ll", "wo"}
INTENT_HEADS = {
    "plan", "intend", "threaten", "vow", "seek", "aim", "want", "hope", "try", "attempt",
    "prepare", "expect", "need", "commit", "pledge", "promise", "propose", "consider",
    "call", "urge", "demand", "ask", "request", "effort", "bid", "push", "unlikely",
    "likely", "possible", "able", "ready", "willing", "determined", "set", "going", "wish",
    "fail", "refuse", "warn", "compel", "force", "bring", "help", "achieve", "lift",
    "goal", "decide", "swear", "must", "should", "prepared", "poised", "eager", "keen",
}  # fmt: skip
CLAIM_VERBS = {"claim", "admit", "announce", "acknowledge", "confess", "boast", "declare"}
ATTRIB_VERBS = {
    "believe", "blame", "accuse", "suspect", "allege", "attribute", "hold", "charge",
    "link", "assess", "think", "conclude", "point",
}  # fmt: skip
ADVERBIAL_DEPS = {"npadvmod", "advmod", "advcl", "tmod", "obl", "mark", "parataxis", "appos"}
HEDGE_WORDS = {"reportedly", "allegedly", "apparently", "possibly", "purportedly",
               "supposedly", "presumably", "perhaps", "maybe", "probably"}  # fmt: skip
HEDGE_VERBS = {"suggest", "report", "indicate", "appear", "seem", "rumor", "rumour"}


def _is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ == "det") for c in tok.children)


REFUSALS = {"refuse", "fail", "decline"}
DEMAND_HEADS = {"demand", "urge", "ask", "request", "insist", "call", "press", "appeal"}


def _demanding(chain: list[Token]) -> Token | None:
    """A demand verb that governs a refusal ("demanded that Israel refuse ..."), if any."""
    for tok in chain[1:3]:
        if tok.lemma_.lower() in DEMAND_HEADS and tok.pos_ == "VERB":
            return tok
    return None


def _out_of_question(tok: Token) -> bool:
    """True for a clause whose predicate is "out of the question" (a refusal)."""
    for child in tok.children:
        if child.lower_ == "out" and child.dep_ in {"prep", "advmod", "acomp", "attr"}:
            nxt = child.doc[child.i + 1 : child.i + 4]
            if " ".join(t.lower_ for t in nxt) == "of the question":
                return True
    return False


def _chain(head: Token) -> list[Token]:
    """The trigger's head and its governors up to the root of the sentence."""
    return [head, *head.ancestors]


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass", "csubj"}:
            if child.lower_ in {"which", "who", "that"} and verb.dep_ == "relcl":
                return verb.head
            return child
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ in {"conj", "xcomp"}:
        return _subject(verb.head)
    return None


# Acts that presuppose the event they are about: "an investigation will be conducted into
# the murders", "they will avenge the killing" speak of murders and a killing that happened.
# An anniversary or commemoration is of a past event.
ANNIVERSARY_WORDS = {"anniversary", "commemoration", "commemorate", "remembrance"}
PRESUPPOSING_HEADS = {
    "investigate", "investigation", "probe", "inquiry", "inquest", "avenge", "revenge",
    "retaliate", "retaliation", "punish", "punishment", "condemn", "condemnation", "mourn",
    "responsibility", "blame", "trial", "try", "prosecute", "prosecution", "compensate",
    "compensation", "solve", "clarify", "clarification", "explain", "explanation", "justice",
}  # fmt: skip


def _presupposed(head: Token, above: list[Token]) -> bool:
    """A definite event noun ("the murders", "his killing") under an act about it."""
    definite = head.pos_ == "NOUN" and any(
        c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "any", "another", "no"}
        for c in head.children
    )
    # the act is a governing word or its subject ("an investigation will be conducted into")
    acts = [*above, *(c for t in above for c in t.children if c.dep_ in {"nsubj", "nsubjpass"})]
    # "will mark the 21st anniversary of the US-led invasion": an anniversary is of a past event
    if any(t.lemma_.lower() in ANNIVERSARY_WORDS for t in acts):
        return True
    return definite and any(t.lemma_.lower() in PRESUPPOSING_HEADS for t in acts)



def _first_person_agent(head: Token) -> Token | None:
    """The speaker's own side as the agent: "we attacked", "our units sabotaged", "our
    attack on the base". A party telling of its own act claims it (never "we were
    attacked": a passive subject is the patient)."""
    if head.pos_ in {"VERB", "AUX"}:
        subj = _subject(head)
        if subj is None or subj.dep_ == "nsubjpass" or subj.i >= head.i + 8:
            return None
    else:
        subj = next((c for c in head.children if c.dep_ == "poss"), None)
        if subj is not None and subj.lower_ == "our":
            return subj
        return None
    if subj.lower_ == "we" or any(c.dep_ == "poss" and c.lower_ == "our" for c in subj.children):
        return subj
    return None


def _modal_reach(chain: list[Token]) -> int:
    """How far up a modal still governs the trigger: one step further through "of"
    ("will provide 25,000 tons of aid")."""
    return 3 if any(t.lower_ == "of" for t in chain[1:3]) else 2


def decide(trigger: Span, sent: Span | None = None) -> tuple[str, Token | None, str | None]:
    """Return (status, who, cue) for one trigger (``sent``: its sentence, if known)."""
    sent = sent if sent is not None else trigger.sent
    head = trigger.root
    chain = _chain(head)
    # Stop at the first clause boundary above a claim/belief verb: a clause above that
    # (e.g. "The army said that ...") does not change the inner event's status.
    # 1. negated: on the trigger or its nearest verb; or under a denial.
    nearest_verb = next((t for t in chain if t.pos_ in {"VERB", "AUX"}), None)
    if _is_negated(head) or (nearest_verb is not None and _is_negated(nearest_verb)):
        return "negated", None, "not"
    for tok in chain[1:]:
        if tok.lemma_.lower() in DENY_VERBS and tok.pos_ == "VERB":
            return "negated", _subject(tok), tok.text
        if _out_of_question(tok):  # "lifting the sanctions is out of the question"
            return "negated", None, "not"
    # 2. hypothetical: conditional clause, modal, or intended/requested act.
    for depth, tok in enumerate(chain):
        for child in tok.children:
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                # A definite noun inside a conditional ("if the killing ... was enough")
                # is presupposed, not hypothetical.
                definite = head.pos_ == "NOUN" and any(
                    c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "any"}
                    for c in head.children
                )
                if not definite:
                    return "hypothetical", None, child.text
            if child.dep_ == "aux" and child.lower_ in MODALS and depth <= _modal_reach(chain):
                if _presupposed(head, chain[1 : depth + 1]):
                    break
                return "hypothetical", None, child.text
            if child.dep_ == "aux" and child.lower_ == "to" and tok.i == head.i and tok.dep_ in {
                "advcl", "relcl", "acl"
            }:
                return "hypothetical", None, "to"
        if depth > 0 and tok.lemma_.lower() in INTENT_HEADS and chain[depth - 1].dep_ in {
            "xcomp", "ccomp", "acl", "dobj", "pobj", "prep", "advcl", "nsubj", "relcl",
        }:
            if tok.lemma_.lower() == "call" and chain[depth - 1].dep_ not in {"prep", "pobj"}:
                continue
            if tok.lemma_.lower() in {"set", "going"} and chain[depth - 1].dep_ != "xcomp":
                continue  # "set off a bomb" is done; "is set to attack" is intended
            demand = _demanding(chain[depth:]) if tok.lemma_.lower() in REFUSALS else None
            if demand is not None:  # "demanded that Y refuse to sign": the demand's content
                tok = demand
            return "hypothetical", _subject(tok) if tok.pos_ == "VERB" else None, tok.text
        if tok.lower_ == "were" and any(c.dep_ == "xcomp" for c in tok.children):
            return "hypothetical", None, "were to"
        if depth >= 3:
            break
    # 3./4. claimed or attributed, by the nearest governing verb of saying or believing,
    #    reached through complements only ("Days before the strikes, KH announced ..." does
    #    not make the strikes KH's claim).
    for depth, tok in enumerate(chain[1:], start=1):
        lemma = tok.lemma_.lower()
        if chain[depth - 1].dep_ in ADVERBIAL_DEPS:
            break
        if tok.pos_ not in {"VERB", "AUX", "ADJ"}:
            continue
        if lemma in CLAIM_VERBS:
            obj = [c for c in tok.children if c.dep_ == "dobj"]
            if lemma == "claim" and obj and obj[0].lemma_.lower() == "life":
                continue
            return "claimed", _subject(tok), tok.text
        if lemma in ATTRIB_VERBS:
            return "attributed", _subject(tok), tok.text
    for tok in sent[max(0, head.i + 1 - sent.start) :]:  # the words after the trigger
        if tok.lower_ in {"blamed", "accused", "suspected"}:
            return "attributed", _subject(tok), tok.text
    speaker = _first_person_agent(head)
    if speaker is not None:  # "our units sabotaged the power grid", "we attacked the base"
        return "claimed", speaker, "we" if speaker.lower_ == "we" else "our"
    # 5. reported: hedges on the clause, or "according to", "reports suggest".
    for tok in chain:
        for child in tok.children:
            if child.lower_ in HEDGE_WORDS:
                return "reported", None, child.text
        if tok.lemma_.lower() in HEDGE_VERBS and tok.i != head.i:
            return "reported", _subject(tok), tok.text
        if tok.lemma_.lower() == "believe" and any(c.dep_ == "nsubjpass" for c in tok.children):
            return "reported", None, tok.text
    low = doc_text(sent.doc)[sent.start_char : sent.end_char].lower()  # sent.text, cached
    if "according to" in low or "reports suggest" in low or "it is believed" in low:
        return "reported", None, "according to" if "according to" in low else "reports"
    return "asserted", None, None


class StatusDecider:
    """Set ``span._.status`` on every trigger."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        triggers = list(doc.spans.get("triggers", []))
        if not triggers:
            return doc
        sentence_of = {}
        for sentence in doc.sents:  # once per Doc: Span.sent walks the Doc each call
            for i in range(sentence.start, sentence.end):
                sentence_of[i] = sentence
        for trigger in triggers:
            status, who, cue = decide(trigger, sentence_of[trigger.root.i])
            trigger._.status = status
            trigger._.status_by = who
            trigger._.status_cue = cue
        return doc


@Language.factory(
    "eventcoder_status_decider",
    requires=["doc.spans", "token.dep"],
    assigns=["span._.status"],
)
def make_status_decider(nlp: Language, name: str) -> StatusDecider:
    """Build the status decider."""
    return StatusDecider(name)
