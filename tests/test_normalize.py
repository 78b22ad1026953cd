from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventcoder.records import RawArticle
from eventcoder.stages.normalize import is_all_caps, normalize, normalize_text


@given(st.text())
def test_normalize_keeps_length_and_offsets(text: str) -> None:
    assert len(normalize_text(text)) == len(text)


def test_normalize_typography() -> None:
    assert normalize_text("Washington\u2019s \u201cretaliatory\u201d") == 'Washington\'s "retaliatory"'


def test_normalize_all_caps_wire_copy() -> None:
    text = "THE ARMY DENIED TODAY THAT GUERRILLAS ATTACKED THE FARM. A CIVILIAN WAS KILLED."
    assert is_all_caps(text)
    out = normalize_text(text)
    assert out.startswith("The army denied today")
    assert ". A civilian was killed." in out


def test_normalize_article_carries_given_date() -> None:
    import datetime as dt

    article = normalize(RawArticle(doc_id="a", text="x", date=dt.date(2024, 3, 1)))
    assert article.date is not None and article.date.method == "given"


WRAPPED = (
    "Guerrillas attacked a police post in the town of San  \n"
    "Miguel early on Monday, killing three policemen and wounding\n"
    "two others, a military spokesman said in a statement read on\n"
    "national radio.\n"
    "\n"
    "The army said troops were pursuing the attackers.\n"
)


def test_normalize_hard_wrapped_lines_join_within_paragraphs() -> None:
    out = normalize_text(WRAPPED)
    assert "town of San   Miguel early" in out  # two spaces and the wrap: same length
    assert "statement read on national radio." in out
    assert "radio.\n\nThe army" in out  # the paragraph break stays


def test_normalize_one_paragraph_per_line_is_not_wrapped() -> None:
    text = (
        "Gunmen attacked a police post in the north on Monday.\n"
        "Three policemen were killed, officials said.\n"
        "The army said troops were pursuing the attackers.\n"
        "Talks between the two sides resume next week.\n"
    )
    assert normalize_text(text) == text
