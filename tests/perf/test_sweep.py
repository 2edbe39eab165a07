"""The sweep (`lawcmp.engine.sweep`) gives the ratings of plain evaluation, at every date.

The sweep restates the engine's quantifiers, unions and combinators as grades only, so
each restatement is checked against the engine's own: combinators and coverage on every
short sequence of grades, compiled conditions on every clause of the shipped books and
on generated offences, and whole books — shipped, tangled and generated — at every
change point and the day before it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawcmp.engine import grading, sweep, sweepplan
from lawcmp.engine.criteria import Evaluator
from lawcmp.engine.grading import Result, all_of, any_of, coverage, not_of
from lawcmp.law.snapshot import InForce, change_points, snapshot
from lawcmp.load.corpus import load_corpus
from lawcmp.load.shelf import Shelf
from lawcmp.model import rules
from lawcmp.model.findings import GRADE_ORDER
from lawcmp.model.statute import StatuteBook
from lawcmp.support import parallel
from tests.helpers.workers import noting, processes_noted
from tests.perf.test_incremental import (
    CATALOG,
    days_of,
    generated_books,
    labels,
    plain,
    shipped_books,
    shuffled_days,
    tangled_books,
)
from tests.strategies import offences

GRADES = list(GRADE_ORDER)


def rank(name: str) -> int:
    return GRADE_ORDER[name]


# -- the combinators, on every short sequence of grades ---------------------------------------------


def test_the_combinators_obey_the_laws_of_the_grades_on_every_short_sequence() -> None:
    """What docs/rules.md says of `and`, `or` and `not`, on every sequence of up to four grades:
    a failure decides a conjunction, missing information is never read as a failure, a branch
    that is (partly) met decides a disjunction, and each reason-carrying form grades as its rank form."""
    known = {rank(g) for g in ("met", "mostly met", "partly met", "not met")}
    for n in range(1, 5):
        for names in itertools.product(GRADES, repeat=n):
            ranks = [rank(g) for g in names]
            results = [Result(g, "why") for g in names]  # type: ignore[arg-type]
            conj, disj = grading.all_ranks(ranks), grading.any_ranks(ranks)
            assert conj == grading.all_ranks(list(reversed(ranks))) and disj == grading.any_ranks(list(reversed(ranks)))
            if rank("not met") in ranks:
                assert conj == rank("not met"), names
            elif rank("no information") in ranks:
                assert conj == rank("no information"), names
            if max(ranks) >= rank("partly met"):
                assert disj == max(ranks), names
            if rank("not met") not in ranks and conj in known:
                assert conj == min(r for r in ranks if r in known), names
            assert rank(all_of(results).grade) == conj and rank(any_of(results).grade) == disj, names
    for g in GRADES:
        flipped = grading.not_rank(rank(g))
        assert grading.not_rank(flipped) == rank(g)
        assert (flipped == rank(g)) == (g not in ("met", "not met"))
        assert rank(not_of(Result(g, "why")).grade) == flipped  # type: ignore[arg-type]


@given(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=6),
       st.sampled_from(["all", "any", "count"]), st.integers(0, 6))
def test_coverage_grades_what_is_covered(values: list[str], mode: str, count: int) -> None:
    for members in ((), ("a",), ("a", "b", "c", "d")):
        got = len(set(values) & set(members))
        graded = grading.coverage_rank(values, members, mode, count)
        assert coverage(values, members, mode, count, "label").grade == grading.GRADE_NAMES[graded]
        need = 1 if mode == "any" else len(members) if mode == "all" else count
        assert (graded == rank("met")) == (got >= need if mode != "any" else got > 0)
        assert (graded == rank("not met")) == (got == 0 and need > 0)


# -- compiled conditions ------------------------------------------------------------------------------


def catalog_conditions() -> list[object]:
    """Every `where` of the catalog, and every part of one."""
    found: list[object] = []

    def cond(c: object) -> None:
        found.append(c)
        if isinstance(c, rules.CondAll | rules.CondAny):
            for x in c.items:
                cond(x)
        elif isinstance(c, rules.CondNot):
            cond(c.item)

    def test(t: object) -> None:
        if isinstance(t, rules.TestAll | rules.TestAny | rules.Limited):
            for x in t.items:
                test(x)
        elif isinstance(t, rules.TestNot):
            test(t.item)
        elif isinstance(t, rules.Quantified) and t.where is not None:
            cond(t.where)

    for o in CATALOG.obligations:
        for crit in o.criteria:
            test(crit.test)
    return found


CONDITIONS = catalog_conditions()
COMPILED = [sweepplan.compile_cond(c, CATALOG.vocabulary) for c in CONDITIONS]


def test_the_catalog_has_conditions_of_every_kind() -> None:
    kinds = {type(c).__name__ for c in CONDITIONS}
    assert {"Covers", "Includes", "Equals", "Compare", "Unconditional", "CondAny", "CondNot"} <= kinds


@pytest.mark.parametrize("book", shipped_books(), ids=lambda b: b.jurisdiction.code)
def test_compiled_conditions_equal_the_engines_on_the_shipped_clauses(book: StatuteBook) -> None:
    checked = 0
    for day in change_points(book):
        snap = snapshot(book, day)
        ev = Evaluator(snap, CATALOG.vocabulary)
        for item in (*snap.law, *snap.practice, *snap.absent):
            for cond, compiled in zip(CONDITIONS, COMPILED, strict=True):
                assert compiled(ev, item) == rank(ev.cond(cond, item).grade), (item.origin, cond)
                checked += 1
    assert checked


@given(offences)
def test_compiled_conditions_equal_the_engines_on_generated_offences(offence: object) -> None:
    book = shipped_books()[0]
    ev = Evaluator(snapshot(book, dt.date(2009, 12, 31)), CATALOG.vocabulary)
    item = InForce(offence, "KG/CC/1", "t", "2005", "law", ())  # type: ignore[arg-type]
    for cond, compiled in zip(CONDITIONS, COMPILED, strict=True):
        assert compiled(ev, item) == rank(ev.cond(cond, item).grade), cond


# -- whole books ----------------------------------------------------------------------------------------


def check_sweep(book: StatuteBook, days: list[dt.date]) -> None:
    expected = [labels(plain(book, d)) for d in days]
    assert sweep.rating_timeline(book, days, CATALOG) == expected


@pytest.mark.parametrize("book", shipped_books(), ids=lambda b: b.jurisdiction.code)
def test_the_sweep_equals_plain_evaluation_on_the_shipped_books(book: StatuteBook) -> None:
    days = days_of(book)
    check_sweep(book, days)
    shuffled = days[:]
    random.Random(book.jurisdiction.code).shuffle(shuffled)
    check_sweep(book, shuffled)


@given(tangled_books(), st.randoms(use_true_random=False))
def test_the_sweep_equals_plain_evaluation_on_tangled_books(book: StatuteBook, rnd: random.Random) -> None:
    check_sweep(book, shuffled_days(book, rnd))


@given(generated_books(), st.randoms(use_true_random=False))
def test_the_sweep_equals_plain_evaluation_on_generated_files(book: StatuteBook, rnd: random.Random) -> None:
    check_sweep(book, shuffled_days(book, rnd))


def test_a_sweep_only_moves_forward() -> None:
    book = shipped_books()[0]
    s = sweep.Sweep(book, CATALOG)
    s.ratings(dt.date(2008, 1, 1))
    assert s.ratings(dt.date(2008, 1, 1)) == labels(plain(book, dt.date(2008, 1, 1)))
    with pytest.raises(ValueError, match="forward"):
        s.ratings(dt.date(2001, 1, 1))


# -- many books -----------------------------------------------------------------------------------------


def test_timelines_in_worker_processes_equal_those_in_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shelf = Shelf.of(load_corpus())
    alone = sweep.rating_timelines(shelf, shelf.codes, days_of, CATALOG, jobs=1)
    monkeypatch.setattr(sweep, "rating_timeline", noting(sweep.rating_timeline, tmp_path))  # forked workers inherit it
    monkeypatch.setattr(parallel, "PARALLEL_BOOKS", 1)
    together = sweep.rating_timelines(shelf, shelf.codes, days_of, CATALOG, jobs=2)
    books = [shelf.book(c) for c in shelf.codes]
    assert together == alone == [(days_of(b), sweep.rating_timeline(b, days_of(b), CATALOG)) for b in books]
    assert processes_noted(tmp_path) == 2, "no timeline was computed in a worker"
