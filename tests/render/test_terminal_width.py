"""Terminal output fits a 100-column terminal: paragraphs and cells wrapped, a table with
more columns than fit (a timeline's dates) shown in slices of columns."""

from __future__ import annotations

import datetime as dt

import pytest

from lawcmp import load_corpus
from lawcmp.render.text import WIDTH, to_text
from lawcmp.reports import standard
from lawcmp.reports.listings import sources_document


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_line_of_the_terminal_reports_fits_100_columns(lang: str) -> None:
    corpus = load_corpus()
    day = dt.date(2009, 12, 31)
    docs = [
        standard.gap_report(corpus, "KG", day, lang),
        standard.matrix(corpus, day, lang=lang),
        standard.matrix(corpus, day, by="pillar", lang=lang),
        standard.timeline(corpus, "KG", dt.date(2000, 1, 1), dt.date(2010, 12, 31), lang),
        standard.history(corpus, dt.date(2005, 1, 1), dt.date(2009, 12, 31), None, False, lang),
        sources_document(corpus, lang),
    ]
    for doc in docs:
        long = [line for line in to_text(doc).splitlines() if len(line) > WIDTH]
        assert not long, (doc.kind, long[:2])
