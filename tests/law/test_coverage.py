"""`covers FROM TO`: the period a book's sources speak for, and what a report says beyond it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lawcmp.lang.layout import format_text
from lawcmp.lang.syntax import parse_statute
from lawcmp.law.coverage import beyond_sources, covered_until, latest_covered_day
from lawcmp.load.corpus import load_text
from lawcmp.render.write import render
from lawcmp.reports import standard as reports
from tests.helpers.shipped import VOCAB

FIXTURE = Path(__file__).parent / "fixtures" / "covered.law"
TEXT = FIXTURE.read_text(encoding="utf-8")


def book():  # type: ignore[no-untyped-def]
    return load_text(TEXT, "XX.law").books["XX"]


def test_the_period_is_read_and_laid_out_as_written() -> None:
    assert covered_until(book()) == dt.date(2009, 6, 30)
    assert format_text(TEXT) == TEXT


def test_a_date_after_the_period_is_beyond_the_sources_and_the_last_day_is_not() -> None:
    assert not beyond_sources(book(), dt.date(2009, 6, 30))
    assert beyond_sources(book(), dt.date(2009, 7, 1))


def test_the_default_date_is_the_latest_day_every_book_covers_and_never_after_today() -> None:
    assert latest_covered_day([book()], dt.date(2026, 12, 7)) == dt.date(2009, 6, 30)
    assert latest_covered_day([book()], dt.date(2008, 1, 1)) == dt.date(2008, 1, 1)
    assert latest_covered_day([], dt.date(2026, 12, 7)) == dt.date(2026, 12, 7)


def test_a_report_beyond_the_sources_says_so_first_and_one_within_them_does_not() -> None:
    corpus = load_text(TEXT, "XX.law")
    beyond = render(reports.gap_report(corpus, "XX", dt.date(2010, 1, 1), "en"), "markdown")
    within = render(reports.gap_report(corpus, "XX", dt.date(2009, 1, 1), "en"), "markdown")
    assert isinstance(beyond, str) and isinstance(within, str)
    first = beyond.split("\n## ")[1]
    assert first.startswith("Beyond the sources") and "2000-01-01 to 2009-06-30; 2010-01-01 lies after" in first
    assert "Beyond the sources" not in within


def test_matrix_cells_beyond_the_sources_are_marked() -> None:
    corpus = load_text(TEXT, "XX.law")
    doc = reports.matrix(corpus, dt.date(2010, 1, 1), None, "obligation", "en")
    [table] = [t for t in doc.tables() if t.name == "matrix"]
    assert all(row[1].text.endswith("†") for row in table.rows)
    within = reports.matrix(corpus, dt.date(2009, 1, 1), None, "obligation", "en")
    assert not any(c.text.endswith("†") for t in within.tables() for row in t.rows for c in row)


def test_a_reversed_period_and_content_dated_beyond_it_are_errors() -> None:
    _, diags = parse_statute(TEXT.replace("covers 2000-01-01 2009-06-30", "covers 2009-06-30 2000-01-01"), "XX.law", VOCAB)
    assert [d.code for d in diags] == ["CV01"]
    from lawcmp.load.checks import check_file

    model, _ = parse_statute(TEXT.replace("version 2005-03-01", "version 2010-03-01"), "XX.law", VOCAB)
    assert model is not None
    assert [d.code for d in check_file(model)] == ["CV02"]
