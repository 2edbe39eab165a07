"""Every report says what it rests on: its sources and their period, the share of "no
information", law against practice, and how to read a rating — in English and Russian."""

from __future__ import annotations

import datetime as dt

import pytest

from lawcmp import load_corpus
from lawcmp.reports.standard import gap_report, history, matrix, timeline


@pytest.mark.parametrize(("lang", "heading", "ni"), [
    ("en", "Methods and limitations", "no information"), ("ru", "Методы и ограничения", "нет информации"),
])
def test_reports_matrices_and_timelines_end_with_their_methods_and_limitations(lang: str, heading: str, ni: str) -> None:
    corpus = load_corpus()
    day = dt.date(2009, 12, 31)
    docs = (gap_report(corpus, "KG", day, lang), matrix(corpus, day, ["KG", "UZ"], lang=lang),
            timeline(corpus, "KG", dt.date(2005, 1, 1), day, lang),
            history(corpus, dt.date(2005, 1, 1), day, ["KG", "UZ"], False, lang))
    for doc in docs:
        methods = doc.sections[-1]
        assert methods.heading == heading
        text = " ".join(methods.paragraphs)
        assert ni in text and "%" in text
        # The period each state's sources cover, as its file states it.
        for code in ("KG",):
            start, end = corpus.books[code].jurisdiction.covers  # type: ignore[misc]
            assert str(start) in text and str(end) in text
