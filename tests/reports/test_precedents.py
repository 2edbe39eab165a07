"""A gap report evaluates the other states only for its own gaps, and says the same as with
their full assessments."""

from __future__ import annotations

import datetime as dt

import pytest

from lawcmp.catalog import load_catalog
from lawcmp.corpus import load_corpus
from lawcmp.engine import assess_book
from lawcmp.precedents import Ranking, precedents_for
from lawcmp.render.write import render
from lawcmp.reports import gap_document, gap_report

CORPUS = load_corpus()
CATALOG = load_catalog()


@pytest.mark.parametrize("code", sorted(CORPUS.books))
@pytest.mark.parametrize("day", [dt.date(2005, 6, 1), dt.date(2009, 12, 31)], ids=str)
def test_precedents_from_the_gaps_only_equal_precedents_from_everything(code: str, day: dt.date) -> None:
    a = assess_book(CORPUS.books[code], day, CATALOG, CORPUS.digest)
    others = [assess_book(b, day, CATALOG, CORPUS.digest) for c, b in CORPUS.books.items() if c != code]
    full = gap_document(a, CORPUS, "en", others)
    assert render(gap_report(CORPUS, code, day), "markdown") == render(full, "markdown")


@pytest.mark.parametrize("day", [dt.date(2005, 6, 1), dt.date(2009, 12, 31)], ids=str)
def test_one_ranking_of_every_state_gives_each_state_the_precedents_of_the_others(day: dt.date) -> None:
    every = {c: assess_book(b, day, CATALOG, CORPUS.digest) for c, b in CORPUS.books.items()}
    ranking = Ranking(every.values())
    compared = 0
    for code in every:
        others = [a for c, a in every.items() if c != code]
        for o in CATALOG.obligations:
            for limit in (1, 3, 50):
                mine = ranking.for_state(o.id, code, limit)
                assert mine == precedents_for(o.id, others, limit)
                compared += bool(mine)
    assert compared > 100  # most obligations have a precedent somewhere
