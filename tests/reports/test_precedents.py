"""A gap report evaluates the other states only for its own gaps, and says the same as with
their full assessments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lawcmp.engine.evaluate import assess_book
from lawcmp.engine.precedents import Ranking, precedents_for
from lawcmp.load.catalog import load_catalog
from lawcmp.load.corpus import load_corpus
from lawcmp.render.write import render
from lawcmp.reports.standard import gap_document, gap_report
from tests.helpers.shipped import CATALOG

CORPUS = load_corpus()


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


def test_the_other_states_evaluated_in_workers_are_those_of_one_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from lawcmp.engine import precedents
    from lawcmp.load.shelf import Shelf, open_shelf
    from lawcmp.support import parallel
    from tests.helpers.workers import noting, processes_noted

    corpus, catalog, day = load_corpus(), load_catalog(), dt.date(2009, 12, 31)
    wanted = {o.id for o in catalog.obligations}
    alone = precedents.other_assessments(Shelf.of(corpus), "UZ", day, catalog, wanted, jobs=1)
    monkeypatch.setattr(precedents, "evaluate_obligation", noting(precedents.evaluate_obligation, tmp_path))
    monkeypatch.setattr(parallel, "PARALLEL_BOOKS", 1)
    together = precedents.other_assessments(open_shelf(), "UZ", day, catalog, wanted, jobs=2)  # each its own books
    assert processes_noted(tmp_path) == 2, "no state was evaluated in a worker"
    assert together == alone


def test_a_precedent_is_a_state_rated_c_or_lc_for_the_obligation() -> None:
    """Issue: "Precedent elsewhere" cited states themselves rated NC for that obligation."""
    import datetime as dt

    from lawcmp.engine.evaluate import evaluate
    from lawcmp.engine.precedents import precedents_for
    from lawcmp.load.corpus import load_corpus

    corpus = load_corpus()
    for day in (dt.date(2006, 1, 1), dt.date(2009, 12, 31), dt.date(2025, 6, 1)):
        others = [evaluate(corpus, code, day) for code in corpus.books]
        for obligation in ("crim.specific", "crim.serious", "prot.residence", "rep.return"):
            for p in precedents_for(obligation, others, limit=10):
                [a] = [a for a in others if a.jurisdiction == p.jurisdiction]
                assert a.finding(obligation).rating in ("C", "LC"), (day, obligation, p.line())
