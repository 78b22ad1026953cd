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
