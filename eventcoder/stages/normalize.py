"""Stage: normalise text without moving any character (RawArticle -> Article).

Every change is one character for one character, so offsets into ``Article.text`` are
offsets into the text the user gave us. Documents written in capitals (1980s wire copy)
are lower-cased with sentence-initial capitals restored (and those of calendar words and
countries), because the cased parser and NER read all-caps text badly. In hard-wrapped text
a line wrap inside a paragraph becomes a space.
"""

from __future__ import annotations

import functools
import re

from eventcoder.records import Article, DocumentDate, RawArticle

# One-for-one replacements: typographic variants that confuse the tokenizer.
_SAME_LENGTH = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2212": "-",
    "\t": " ", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n",
})  # fmt: skip


def _capitals(text: str) -> tuple[int, int]:
    """(letters, capital letters) in the first 20,000 characters of ``text``."""
    letters = "".join(filter(str.isalpha, text[:20000]))
    return len(letters), sum(map(str.isupper, letters))


def is_all_caps(text: str) -> bool:
    """True when at least 85% of the letters are capitals (wire copy, telegrams)."""
    letters, upper = _capitals(text)
    return letters > 40 and upper / letters > 0.85


def is_all_lower(text: str) -> bool:
    """True when at most 1% of the letters are capitals (lower-cased corpora)."""
    letters, upper = _capitals(text)
    return letters > 40 and upper / letters < 0.01


def _sentence_case(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # some characters change length when lowered
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    chars = list(lowered)
    # Sentence starts only: after a full stop, or after a blank line. Single newlines in
    # wire copy are line wraps, not sentence breaks.
    for m in re.finditer(r"(^\s*\"?|[.!?]\"?\s+\"?|\n\s*\n\s*\"?)([a-z])", lowered):
        chars[m.start(2)] = chars[m.start(2)].upper()
    # Restore capitals on words that are always capitalised: calendar words and country
    # names, so the cased parser finds dates and places again.
    for m in _proper_words().finditer(lowered):
        for i in range(m.start(), m.end()):
            if i == m.start() or lowered[i - 1] in " -.":
                chars[i] = chars[i].upper()
    return "".join(chars)


@functools.cache
def _proper_words() -> re.Pattern[str]:
    import pycountry

    words = {
        "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "u.s.", "u.n.",
    }  # fmt: skip
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name and "," not in name and "(" not in name:
                words.add(name.lower())
    alternation = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{alternation})(?![a-z])")


# Control characters (Unicode category Cc: U+0000-U+001F and U+007F-U+009F) other than
# newline become spaces (same length).
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def normalize_text(text: str) -> str:
    """Return ``text`` with the same length and offsets, cleaned for parsing."""
    out = _CONTROL.sub(" ", text.translate(_SAME_LENGTH))
    letters, upper = _capitals(out)
    if letters > 40 and (upper / letters > 0.85 or upper / letters < 0.01):
        out = _sentence_case(out)
    if is_hard_wrapped(out):
        # A line wrap inside a paragraph is a space: the tokenizer would otherwise cut names
        # ("San\nMiguel") and the parser sentences at every wrap.
        out = _WRAP.sub(lambda m: " " * len(m.group()), out)
    return out


_WRAP = re.compile(r"(?<=\S)[ ]*\n(?=[ ]*\S)")  # a newline between two non-blank lines


def is_hard_wrapped(text: str) -> bool:
    """True when most lines inside paragraphs break at a fixed width, mid-sentence (wire copy,
    e-mail, plain-text archives), not at the end of a sentence or a heading."""
    lines = text[:20000].split("\n")
    inner = [a.rstrip() for a, b in zip(lines, lines[1:], strict=False) if a.strip() and b.strip()]
    if len(inner) < 3:
        return False
    wrapped = [a for a in inner if 35 <= len(a) <= 100 and a[-1] not in '.!?:;"\'']
    return len(wrapped) >= 0.6 * len(inner)


def normalize(raw: RawArticle) -> Article:
    """Normalise one document."""
    text = normalize_text(raw.text)
    assert len(text) == len(raw.text)
    return Article(
        doc_id=raw.doc_id,
        text=text,
        date=DocumentDate(date=raw.date, method="given", precision="day") if raw.date else None,
        title=raw.title,
        url=raw.url,
        source=raw.source,
        origin=raw.origin,
    )
